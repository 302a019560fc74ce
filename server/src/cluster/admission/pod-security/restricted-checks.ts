/**
 * The checks of the restricted level (staging/src/k8s.io/pod-security-admission/policy/check_*.go of the restricted
 * level), each with the versions of its implementation and the baseline checks it replaces at that level.
 */
import type { PodSpec } from 'kubernetes-types/core/v1';
import type { ObjectMeta } from 'kubernetes-types/meta/v1';
import { HOST_PATH_VOLUMES_ID, PROC_MOUNT_ID, procMountDefaultOnly, SECCOMP_BASELINE_ID, validSeccompType } from './baseline-checks';
import { type Check, type Violation, containersOf, containersPhrase, exceptUserNamespace, exceptWindows, joinQuote, pluralize, sortedSet } from './check-helpers';

// check_allowPrivilegeEscalation.go, allowPrivilegeEscalation_1_8: every container must set it to false.
function allowPrivilegeEscalation(_metadata: ObjectMeta, spec: PodSpec): Violation | undefined {
  const names = containersOf(spec)
    .filter((container) => container.securityContext?.allowPrivilegeEscalation !== false)
    .map((container) => container.name);
  if (names.length === 0) return undefined;
  return { reason: 'allowPrivilegeEscalation != false', detail: `${containersPhrase(names)} must set securityContext.allowPrivilegeEscalation=false` };
}

// check_capabilities_restricted.go, capabilitiesRestricted_1_22: drop ALL, add nothing but NET_BIND_SERVICE.
function capabilitiesRestricted(_metadata: ObjectMeta, spec: PodSpec): Violation | undefined {
  const missingDropAll: string[] = [];
  const addingForbidden: string[] = [];
  const forbidden: string[] = [];
  for (const container of containersOf(spec)) {
    const capabilities = container.securityContext?.capabilities;
    if (!capabilities) {
      missingDropAll.push(container.name);
      continue;
    }
    if (!(capabilities.drop ?? []).includes('ALL')) missingDropAll.push(container.name);
    const added = (capabilities.add ?? []).filter((capability) => capability !== 'NET_BIND_SERVICE');
    if (added.length > 0) {
      addingForbidden.push(container.name);
      forbidden.push(...added);
    }
  }
  const details: string[] = [];
  if (missingDropAll.length > 0) details.push(`${containersPhrase(missingDropAll)} must set securityContext.capabilities.drop=["ALL"]`);
  if (addingForbidden.length > 0) details.push(`${containersPhrase(addingForbidden)} must not include ${joinQuote(sortedSet(forbidden))} in securityContext.capabilities.add`);
  return details.length === 0 ? undefined : { reason: 'unrestricted capabilities', detail: details.join('; ') };
}

// check_restrictedVolumes.go, restrictedVolumes_1_0: only the listed inline volume sources.
const ALLOWED_VOLUME_SOURCES = ['configMap', 'csi', 'downwardAPI', 'emptyDir', 'ephemeral', 'image', 'persistentVolumeClaim', 'projected', 'secret'];
/** The restricted sources in the order upstream tests them, to name the first a volume has. */
const RESTRICTED_VOLUME_SOURCES = [
  'hostPath',
  'gcePersistentDisk',
  'awsElasticBlockStore',
  'gitRepo',
  'nfs',
  'iscsi',
  'glusterfs',
  'rbd',
  'flexVolume',
  'cinder',
  'cephfs',
  'flocker',
  'fc',
  'azureFile',
  'vsphereVolume',
  'quobyte',
  'azureDisk',
  'photonPersistentDisk',
  'portworxVolume',
  'scaleIO',
  'storageos',
];

function restrictedVolumes(_metadata: ObjectMeta, spec: PodSpec): Violation | undefined {
  const badVolumes: string[] = [];
  const badTypes: string[] = [];
  for (const volume of spec.volumes ?? []) {
    const sources = volume as unknown as Record<string, unknown>;
    if (ALLOWED_VOLUME_SOURCES.some((source) => sources[source] !== undefined)) continue;
    badVolumes.push(volume.name);
    badTypes.push(RESTRICTED_VOLUME_SOURCES.find((source) => sources[source] !== undefined) ?? 'unknown');
  }
  if (badVolumes.length === 0) return undefined;
  const types = sortedSet(badTypes);
  return {
    reason: 'restricted volume types',
    detail: `${pluralize('volume', 'volumes', badVolumes.length)} ${joinQuote(badVolumes)} ${pluralize('uses', 'use', badVolumes.length)} ${pluralize('restricted volume type', 'restricted volume types', types.length)} ${joinQuote(types)}`,
  };
}

// check_runAsNonRoot.go, runAsNonRoot1_0: explicit false is reported before containers that leave it unset.
function runAsNonRoot(_metadata: ObjectMeta, spec: PodSpec): Violation | undefined {
  const podValue = spec.securityContext?.runAsNonRoot;
  const badSetters = podValue === false ? ['pod'] : [];
  const podRunAsNonRoot = podValue === true;
  const explicitlyBad: string[] = [];
  const implicitlyBad: string[] = [];
  for (const container of containersOf(spec)) {
    const value = container.securityContext?.runAsNonRoot;
    if (value === false) explicitlyBad.push(container.name);
    else if (value === undefined && !podRunAsNonRoot) implicitlyBad.push(container.name);
  }
  if (explicitlyBad.length > 0) badSetters.push(containersPhrase(explicitlyBad));
  if (badSetters.length > 0) return { reason: 'runAsNonRoot != true', detail: `${badSetters.join(' and ')} must not set securityContext.runAsNonRoot=false` };
  if (implicitlyBad.length > 0) return { reason: 'runAsNonRoot != true', detail: `pod or ${containersPhrase(implicitlyBad)} must set securityContext.runAsNonRoot=true` };
  return undefined;
}

// check_runAsUser.go, runAsUser1_23.
function runAsUser(_metadata: ObjectMeta, spec: PodSpec): Violation | undefined {
  const badSetters = spec.securityContext?.runAsUser === 0 ? ['pod'] : [];
  const containers = containersOf(spec)
    .filter((container) => container.securityContext?.runAsUser === 0)
    .map((container) => container.name);
  if (containers.length > 0) badSetters.push(containersPhrase(containers));
  if (badSetters.length === 0) return undefined;
  return { reason: 'runAsUser=0', detail: `${badSetters.join(' and ')} must not set runAsUser=0` };
}

// check_seccompProfile_restricted.go, seccompProfileRestricted_1_19: a valid profile must be set on the pod or on
// every container.
function seccompProfileRestricted(_metadata: ObjectMeta, spec: PodSpec): Violation | undefined {
  const badSetters: string[] = [];
  const badValues: string[] = [];
  const podType = spec.securityContext?.seccompProfile?.type;
  if (podType !== undefined && !validSeccompType(podType)) {
    badSetters.push('pod');
    badValues.push(podType);
  }
  const podSeccompSet = podType !== undefined && validSeccompType(podType);
  const explicitlyBad: string[] = [];
  const implicitlyBad: string[] = [];
  for (const container of containersOf(spec)) {
    const type = container.securityContext?.seccompProfile?.type;
    if (type !== undefined) {
      if (!validSeccompType(type)) {
        explicitlyBad.push(container.name);
        badValues.push(type);
      }
    } else if (!podSeccompSet) implicitlyBad.push(container.name);
  }
  if (explicitlyBad.length > 0) badSetters.push(containersPhrase(explicitlyBad));
  if (badSetters.length > 0) {
    return { reason: 'seccompProfile', detail: `${badSetters.join(' and ')} must not set securityContext.seccompProfile.type to ${joinQuote(sortedSet(badValues))}` };
  }
  if (implicitlyBad.length > 0) {
    return { reason: 'seccompProfile', detail: `pod or ${containersPhrase(implicitlyBad)} must set securityContext.seccompProfile.type to "RuntimeDefault" or "Localhost"` };
  }
  return undefined;
}

export const RESTRICTED_CHECKS: readonly Check[] = [
  {
    id: 'allowPrivilegeEscalation',
    level: 'restricted',
    versions: [
      { minimumMinor: 8, checkPod: allowPrivilegeEscalation },
      { minimumMinor: 25, checkPod: exceptWindows(allowPrivilegeEscalation) },
    ],
  },
  {
    id: 'capabilities_restricted',
    level: 'restricted',
    versions: [
      { minimumMinor: 22, checkPod: capabilitiesRestricted, overrides: ['capabilities_baseline'] },
      { minimumMinor: 25, checkPod: exceptWindows(capabilitiesRestricted), overrides: ['capabilities_baseline'] },
    ],
  },
  { id: 'procMount_restricted', level: 'restricted', versions: [{ minimumMinor: 35, checkPod: procMountDefaultOnly, overrides: [PROC_MOUNT_ID] }] },
  { id: 'restrictedVolumes', level: 'restricted', versions: [{ minimumMinor: 0, checkPod: restrictedVolumes, overrides: [HOST_PATH_VOLUMES_ID] }] },
  {
    id: 'runAsNonRoot',
    level: 'restricted',
    versions: [
      { minimumMinor: 0, checkPod: runAsNonRoot },
      { minimumMinor: 35, checkPod: exceptUserNamespace(runAsNonRoot) },
    ],
  },
  {
    id: 'runAsUser',
    level: 'restricted',
    versions: [
      { minimumMinor: 23, checkPod: runAsUser },
      { minimumMinor: 35, checkPod: exceptUserNamespace(runAsUser) },
    ],
  },
  {
    id: 'seccompProfile_restricted',
    level: 'restricted',
    versions: [
      { minimumMinor: 19, checkPod: seccompProfileRestricted, overrides: [SECCOMP_BASELINE_ID] },
      { minimumMinor: 25, checkPod: exceptWindows(seccompProfileRestricted), overrides: [SECCOMP_BASELINE_ID] },
    ],
  },
];
