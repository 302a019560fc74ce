/**
 * The checks of the baseline level (staging/src/k8s.io/pod-security-admission/policy/check_*.go of the baseline
 * level), each with the versions of its implementation. Their messages are upstream's, word for word: they end up
 * in the API server's refusals and warnings.
 */
import type { LifecycleHandler, PodSecurityContext, PodSpec, Probe, SecurityContext } from 'kubernetes-types/core/v1';
import type { ObjectMeta } from 'kubernetes-types/meta/v1';
import { type Check, type Violation, containersOf, containersPhrase, exceptUserNamespace, joinQuote, pluralize, quoted, sortedSet } from './check-helpers';

/** `pod`, `containers "a", "b"`: who set a forbidden value, joined with ` and ` by the checks. */
function setters(podSetIt: boolean, containers: readonly string[]): string[] {
  const who = podSetIt ? ['pod'] : [];
  if (containers.length > 0) who.push(containersPhrase(containers));
  return who;
}

// check_appArmorProfile.go, appArmorProfile_1_0: profile types other than RuntimeDefault and Localhost, and the
// deprecated per-container annotations with values other than runtime/default and localhost/*.
const APPARMOR_ANNOTATION_PREFIX = 'container.apparmor.security.beta.kubernetes.io/';

function appArmorProfile(metadata: ObjectMeta, spec: PodSpec): Violation | undefined {
  const allowedType = (type: string) => type === 'RuntimeDefault' || type === 'Localhost';
  const badValues: string[] = [];
  const podProfile = spec.securityContext?.appArmorProfile;
  const podBad = podProfile !== undefined && !allowedType(podProfile.type);
  if (podBad) badValues.push(podProfile.type);
  const badContainers: string[] = [];
  for (const container of containersOf(spec)) {
    const profile = container.securityContext?.appArmorProfile;
    if (profile && !allowedType(profile.type)) {
      badContainers.push(container.name);
      badValues.push(profile.type);
    }
  }
  const who = setters(podBad, badContainers);
  const valueList = sortedSet(badValues);
  const forbiddenAnnotations = Object.entries(metadata.annotations ?? {})
    .filter(([key, value]) => key.startsWith(APPARMOR_ANNOTATION_PREFIX) && !(value === '' || value === 'runtime/default' || value.startsWith('localhost/')))
    .map(([key, value]) => `${key}=${quoted(value)}`)
    .sort();
  if (forbiddenAnnotations.length > 0) {
    valueList.push(...forbiddenAnnotations);
    who.push(pluralize('annotation', 'annotations', forbiddenAnnotations.length));
  }
  if (who.length === 0) return undefined;
  return {
    reason: pluralize('forbidden AppArmor profile', 'forbidden AppArmor profiles', valueList.length),
    detail: `${who.join(' and ')} must not set AppArmor profile type to ${joinQuote(valueList)}`,
  };
}

// check_capabilities_baseline.go, capabilitiesBaseline_1_0: only the container runtime's default capabilities may be added.
const DEFAULT_CAPABILITIES = new Set(['AUDIT_WRITE', 'CHOWN', 'DAC_OVERRIDE', 'FOWNER', 'FSETID', 'KILL', 'MKNOD', 'NET_BIND_SERVICE', 'SETFCAP', 'SETGID', 'SETPCAP', 'SETUID', 'SYS_CHROOT']);

function capabilitiesBaseline(_metadata: ObjectMeta, spec: PodSpec): Violation | undefined {
  const badContainers: string[] = [];
  const nonDefault: string[] = [];
  for (const container of containersOf(spec)) {
    const added = (container.securityContext?.capabilities?.add ?? []).filter((capability) => !DEFAULT_CAPABILITIES.has(capability));
    if (added.length > 0) {
      badContainers.push(container.name);
      nonDefault.push(...added);
    }
  }
  if (badContainers.length === 0) return undefined;
  return {
    reason: 'non-default capabilities',
    detail: `${containersPhrase(badContainers)} must not include ${joinQuote(sortedSet(nonDefault))} in securityContext.capabilities.add`,
  };
}

// check_hostNamespaces.go, hostNamespaces_1_0.
function hostNamespaces(_metadata: ObjectMeta, spec: PodSpec): Violation | undefined {
  const shared = [spec.hostNetwork && 'hostNetwork=true', spec.hostPID && 'hostPID=true', spec.hostIPC && 'hostIPC=true'].filter((item): item is string => typeof item === 'string');
  return shared.length === 0 ? undefined : { reason: 'host namespaces', detail: shared.join(', ') };
}

// check_hostPathVolumes.go, hostPathVolumes_1_0.
export const HOST_PATH_VOLUMES_ID = 'hostPathVolumes';

function hostPathVolumes(_metadata: ObjectMeta, spec: PodSpec): Violation | undefined {
  const names = (spec.volumes ?? []).filter((volume) => volume.hostPath !== undefined).map((volume) => volume.name);
  if (names.length === 0) return undefined;
  return { reason: 'hostPath volumes', detail: `${pluralize('volume', 'volumes', names.length)} ${joinQuote(names)}` };
}

// check_hostPorts.go, hostPorts_1_0: the ports are listed as sorted strings, as sets.String sorts them.
function hostPorts(_metadata: ObjectMeta, spec: PodSpec): Violation | undefined {
  const badContainers: string[] = [];
  const ports: string[] = [];
  for (const container of containersOf(spec)) {
    const used = (container.ports ?? []).filter((port) => (port.hostPort ?? 0) !== 0).map((port) => String(port.hostPort));
    if (used.length > 0) {
      badContainers.push(container.name);
      ports.push(...used);
    }
  }
  if (badContainers.length === 0) return undefined;
  const distinct = sortedSet(ports);
  return {
    reason: 'hostPort',
    detail: `${containersPhrase(badContainers)} ${pluralize('uses', 'use', badContainers.length)} ${pluralize('hostPort', 'hostPorts', distinct.length)} ${distinct.join(', ')}`,
  };
}

// check_hostProbesAndhostLifecycle.go, hostProbesAndHostLifecycleV1Dot34: containers and hosts are both sets, so
// both are listed sorted.
function hostsOf(handler: Probe | LifecycleHandler | undefined): string[] {
  if (!handler) return [];
  return [handler.httpGet?.host, handler.tcpSocket?.host].filter((host): host is string => typeof host === 'string' && host !== '');
}

function hostProbesAndHostLifecycle(_metadata: ObjectMeta, spec: PodSpec): Violation | undefined {
  const badContainers: string[] = [];
  const hosts: string[] = [];
  for (const container of containersOf(spec)) {
    const used = [container.livenessProbe, container.readinessProbe, container.startupProbe, container.lifecycle?.postStart, container.lifecycle?.preStop].flatMap(hostsOf);
    if (used.length > 0) {
      badContainers.push(container.name);
      hosts.push(...used);
    }
  }
  if (badContainers.length === 0) return undefined;
  const containers = sortedSet(badContainers);
  const distinct = sortedSet(hosts);
  return {
    reason: 'probe or lifecycle host',
    detail: `${containersPhrase(containers)} ${pluralize('uses', 'use', containers.length)} ${pluralize('probe or lifecycle host', 'probe or lifecycle hosts', distinct.length)} ${joinQuote(distinct)}`,
  };
}

// check_privileged.go, privileged_1_0.
function privileged(_metadata: ObjectMeta, spec: PodSpec): Violation | undefined {
  const names = containersOf(spec)
    .filter((container) => container.securityContext?.privileged === true)
    .map((container) => container.name);
  if (names.length === 0) return undefined;
  return { reason: 'privileged', detail: `${containersPhrase(names)} must not set securityContext.privileged=true` };
}

// check_procMount_baseline.go, procMount_1_0 (also the restricted check procMount_restricted) and, from v1.35,
// procMount1_35baseline, which allows any procMount in a user namespace.
export const PROC_MOUNT_ID = 'procMount';

export function procMountDefaultOnly(_metadata: ObjectMeta, spec: PodSpec): Violation | undefined {
  const badContainers: string[] = [];
  const types: string[] = [];
  for (const container of containersOf(spec)) {
    const procMount = container.securityContext?.procMount;
    if (procMount !== undefined && procMount !== 'Default') {
      badContainers.push(container.name);
      types.push(procMount);
    }
  }
  if (badContainers.length === 0) return undefined;
  return { reason: 'procMount', detail: `${containersPhrase(badContainers)} must not set securityContext.procMount to ${joinQuote(sortedSet(types))}` };
}

// check_seLinuxOptions.go, seLinuxOptions1_0 and seLinuxOptions1_31 (which adds container_engine_t).
const SELINUX_TYPES_1_0 = new Set(['', 'container_t', 'container_init_t', 'container_kvm_t']);
const SELINUX_TYPES_1_31 = new Set([...SELINUX_TYPES_1_0, 'container_engine_t']);

function seLinuxOptions(allowedTypes: ReadonlySet<string>) {
  return (_metadata: ObjectMeta, spec: PodSpec): Violation | undefined => {
    const badTypes: string[] = [];
    let setUser = false;
    let setRole = false;
    const valid = (context: PodSecurityContext | SecurityContext | undefined): boolean => {
      const options = context?.seLinuxOptions;
      if (!options) return true;
      let ok = true;
      const type = options.type ?? '';
      if (!allowedTypes.has(type)) {
        ok = false;
        badTypes.push(type);
      }
      if (options.user) {
        ok = false;
        setUser = true;
      }
      if (options.role) {
        ok = false;
        setRole = true;
      }
      return ok;
    };
    const podBad = !valid(spec.securityContext);
    const badContainers = containersOf(spec)
      .filter((container) => !valid(container.securityContext))
      .map((container) => container.name);
    const who = setters(podBad, badContainers);
    if (who.length === 0) return undefined;
    const types = sortedSet(badTypes);
    const data = [types.length > 0 ? `${pluralize('type', 'types', types.length)} ${joinQuote(types)}` : '', setUser ? 'user may not be set' : '', setRole ? 'role may not be set' : ''].filter(
      Boolean,
    );
    return { reason: 'seLinuxOptions', detail: `${who.join(' and ')} set forbidden securityContext.seLinuxOptions: ${data.join('; ')}` };
  };
}

// check_seccompProfile_baseline.go: before v1.19 the seccomp annotations (seccompProfileBaseline_1_0), from v1.19
// the seccompProfile fields (seccompProfileBaseline_1_19); an unset profile is allowed at this level.
export const SECCOMP_BASELINE_ID = 'seccompProfile_baseline';
const SECCOMP_POD_ANNOTATION = 'seccomp.security.alpha.kubernetes.io/pod';
const SECCOMP_CONTAINER_ANNOTATION_PREFIX = 'container.seccomp.security.alpha.kubernetes.io/';

export function validSeccompType(type: string): boolean {
  return type === 'Localhost' || type === 'RuntimeDefault';
}

function seccompAnnotations(metadata: ObjectMeta, spec: PodSpec): Violation | undefined {
  const annotations = metadata.annotations ?? {};
  const validValue = (value: string) => value === 'runtime/default' || value === 'docker/default' || value.startsWith('localhost/');
  const forbidden: string[] = [];
  const podValue = annotations[SECCOMP_POD_ANNOTATION];
  if (podValue !== undefined && !validValue(podValue)) forbidden.push(`${SECCOMP_POD_ANNOTATION}=${quoted(podValue)}`);
  for (const container of containersOf(spec)) {
    const key = SECCOMP_CONTAINER_ANNOTATION_PREFIX + container.name;
    const value = annotations[key];
    if (value !== undefined && !validValue(value)) forbidden.push(`${key}=${quoted(value)}`);
  }
  if (forbidden.length === 0) return undefined;
  const distinct = sortedSet(forbidden);
  return { reason: 'seccompProfile', detail: `forbidden ${pluralize('annotation', 'annotations', distinct.length)} ${distinct.join(', ')}` };
}

function seccompProfileBaseline(_metadata: ObjectMeta, spec: PodSpec): Violation | undefined {
  const badValues: string[] = [];
  const podType = spec.securityContext?.seccompProfile?.type;
  const podBad = podType !== undefined && !validSeccompType(podType);
  if (podBad) badValues.push(podType);
  const badContainers: string[] = [];
  for (const container of containersOf(spec)) {
    const type = container.securityContext?.seccompProfile?.type;
    if (type !== undefined && !validSeccompType(type)) {
      badContainers.push(container.name);
      badValues.push(type);
    }
  }
  const who = setters(podBad, badContainers);
  if (who.length === 0) return undefined;
  return { reason: 'seccompProfile', detail: `${who.join(' and ')} must not set securityContext.seccompProfile.type to ${joinQuote(sortedSet(badValues))}` };
}

// check_sysctls.go: the safe sysctls grew in v1.27, v1.29 and v1.32; the forbidden ones are listed as written.
const SYSCTLS_1_0 = ['kernel.shm_rmid_forced', 'net.ipv4.ip_local_port_range', 'net.ipv4.tcp_syncookies', 'net.ipv4.ping_group_range', 'net.ipv4.ip_unprivileged_port_start'];
const SYSCTLS_1_27 = [...SYSCTLS_1_0, 'net.ipv4.ip_local_reserved_ports'];
const SYSCTLS_1_29 = [...SYSCTLS_1_27, 'net.ipv4.tcp_keepalive_time', 'net.ipv4.tcp_fin_timeout', 'net.ipv4.tcp_keepalive_intvl', 'net.ipv4.tcp_keepalive_probes'];
const SYSCTLS_1_32 = [...SYSCTLS_1_29, 'net.ipv4.tcp_rmem', 'net.ipv4.tcp_wmem'];

function sysctls(allowed: readonly string[]) {
  const safe = new Set(allowed);
  return (_metadata: ObjectMeta, spec: PodSpec): Violation | undefined => {
    const forbidden = (spec.securityContext?.sysctls ?? []).map((sysctl) => sysctl.name).filter((name) => !safe.has(name));
    return forbidden.length === 0 ? undefined : { reason: 'forbidden sysctls', detail: forbidden.join(', ') };
  };
}

// check_windowsHostProcess.go, windowsHostProcess_1_0.
function windowsHostProcess(_metadata: ObjectMeta, spec: PodSpec): Violation | undefined {
  const podBad = spec.securityContext?.windowsOptions?.hostProcess === true;
  const badContainers = containersOf(spec)
    .filter((container) => container.securityContext?.windowsOptions?.hostProcess === true)
    .map((container) => container.name);
  const who = setters(podBad, badContainers);
  if (who.length === 0) return undefined;
  return { reason: 'hostProcess', detail: `${who.join(' and ')} must not set securityContext.windowsOptions.hostProcess=true` };
}

export const BASELINE_CHECKS: readonly Check[] = [
  { id: 'appArmorProfile', level: 'baseline', versions: [{ minimumMinor: 0, checkPod: appArmorProfile }] },
  { id: 'capabilities_baseline', level: 'baseline', versions: [{ minimumMinor: 0, checkPod: capabilitiesBaseline }] },
  { id: 'hostNamespaces', level: 'baseline', versions: [{ minimumMinor: 0, checkPod: hostNamespaces }] },
  { id: HOST_PATH_VOLUMES_ID, level: 'baseline', versions: [{ minimumMinor: 0, checkPod: hostPathVolumes }] },
  { id: 'hostPorts', level: 'baseline', versions: [{ minimumMinor: 0, checkPod: hostPorts }] },
  { id: 'hostProbesAndHostLifecycle', level: 'baseline', versions: [{ minimumMinor: 34, checkPod: hostProbesAndHostLifecycle }] },
  { id: 'privileged', level: 'baseline', versions: [{ minimumMinor: 0, checkPod: privileged }] },
  {
    id: PROC_MOUNT_ID,
    level: 'baseline',
    versions: [
      { minimumMinor: 0, checkPod: procMountDefaultOnly },
      { minimumMinor: 35, checkPod: exceptUserNamespace(procMountDefaultOnly) },
    ],
  },
  {
    id: 'seLinuxOptions',
    level: 'baseline',
    versions: [
      { minimumMinor: 0, checkPod: seLinuxOptions(SELINUX_TYPES_1_0) },
      { minimumMinor: 31, checkPod: seLinuxOptions(SELINUX_TYPES_1_31) },
    ],
  },
  {
    id: SECCOMP_BASELINE_ID,
    level: 'baseline',
    versions: [
      { minimumMinor: 0, checkPod: seccompAnnotations },
      { minimumMinor: 19, checkPod: seccompProfileBaseline },
    ],
  },
  {
    id: 'sysctls',
    level: 'baseline',
    versions: [
      { minimumMinor: 0, checkPod: sysctls(SYSCTLS_1_0) },
      { minimumMinor: 27, checkPod: sysctls(SYSCTLS_1_27) },
      { minimumMinor: 29, checkPod: sysctls(SYSCTLS_1_29) },
      { minimumMinor: 32, checkPod: sysctls(SYSCTLS_1_32) },
    ],
  },
  { id: 'windowsHostProcess', level: 'baseline', versions: [{ minimumMinor: 0, checkPod: windowsHostProcess }] },
];
