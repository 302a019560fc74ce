/**
 * Security contexts, as ValidatePodSpec (pkg/apis/core/validation/validation.go) checks them in a Pod and in every
 * pod template: the pod's (validatePodSpecSecurityContext, validateHostUsers, validateWindowsHostProcessPod), each
 * container's (ValidateSecurityContext), and what an explicit spec.os.name forbids (validateLinux, validateWindows).
 *
 * Fields behind feature gates are checked only where the gate is on by default, as the API server drops a disabled
 * field before validating: procMount (ProcMountType), hostUsers (UserNamespacesSupport), supplementalGroupsPolicy
 * (SupplementalGroupsPolicy) and seLinuxChangePolicy (SELinuxChangePolicy) from 1.33.
 */
import { isObject, listAt, objectAt, textOf, type PlainObject, type PlainValue } from '../kube/plain-values';
import { isValidSysctlName, normalizeSysctlName, SYSCTL_MAX_LENGTH, SYSCTL_PATTERN } from '../kube/sysctls';
import { isDns1123Subdomain } from './apimachinery-validation';
import { duplicate, type FieldPath, forbidden, invalid, notSupported, placedAt, required, tooLong, type FieldError } from '../kube/field-errors';
import type { KubernetesVersion } from '../schema/versions';
import { containersOf, podSpecRule } from './pod-spec';
import { goPointer, goScalar, goString, goStrings, goStruct, type GoValue } from '../kube/go-values';

/** The gates above, on by default from 1.33. */
const GATED_FIELD_VERSIONS: ReadonlySet<KubernetesVersion> = new Set(['1.33', '1.34', '1.36']);

/** IsValidUserID and IsValidGroupID: 0 to math.MaxInt32. */
const MAX_ID = 2147483647;
const ID_RANGE_ERROR = `must be between 0 and ${MAX_ID}, inclusive`;

function idErrors(path: FieldPath, value: PlainValue | undefined): FieldError[] {
  return typeof value === 'number' && (value < 0 || value > MAX_ID) ? [invalid(path, value, ID_RANGE_ERROR)] : [];
}

function text(value: PlainValue | undefined): string | undefined {
  return typeof value === 'string' ? value : undefined;
}

/** validateLocalDescendingPath: a relative path that never steps up. */
function localDescendingPathErrors(value: string, path: FieldPath): FieldError[] {
  const errors: FieldError[] = [];
  if (value.startsWith('/')) errors.push(invalid(path, value, 'must be a relative path'));
  if (value.replaceAll('\\', '/').split('/').includes('..')) errors.push(invalid(path, value, "must not contain '..'"));
  return errors;
}

/** The *core.SeccompProfile that the localhostProfile error prints. */
function seccompProfileValue(profile: PlainObject): GoValue {
  const localhost = text(profile['localhostProfile']);
  return goStruct('core.SeccompProfile', [
    ['Type', goString(text(profile['type']) ?? '')],
    ['LocalhostProfile', goPointer('*string', localhost === undefined ? undefined : goString(localhost))],
  ]);
}

/** validateSeccompProfileField. The type's values are an enum of the schema, reported when decoding. */
function seccompErrors(profile: PlainObject | undefined, path: FieldPath): FieldError[] {
  if (!profile) return [];
  const localhost = profile['localhostProfile'];
  const localhostPath = path.child('localhostProfile');
  if (profile['type'] === 'Localhost') {
    if (typeof localhost !== 'string') return [required(localhostPath, 'must be set when seccomp type is Localhost')];
    return localDescendingPathErrors(localhost, localhostPath);
  }
  return typeof localhost === 'string' ? [placedAt(invalid(localhostPath, seccompProfileValue(profile), 'can only be set when seccomp type is Localhost'), localhostPath, 'key')] : [];
}

/** The longest AppArmor localhost profile: PATH_MAX - 1. */
const MAX_APPARMOR_PROFILE_LENGTH = 4095;

/** ValidateAppArmorProfileField. The type's values are an enum of the schema, reported when decoding. */
function appArmorErrors(profile: PlainObject | undefined, path: FieldPath): FieldError[] {
  if (!profile) return [];
  const localhost = profile['localhostProfile'];
  const localhostPath = path.child('localhostProfile');
  if (profile['type'] !== 'Localhost') {
    return typeof localhost === 'string' ? [placedAt(invalid(localhostPath, localhost, 'can only be set when AppArmor type is Localhost'), localhostPath, 'key')] : [];
  }
  if (typeof localhost !== 'string') return [required(localhostPath, 'must be set when AppArmor type is Localhost')];
  const errors: FieldError[] = [];
  if (localhost.trim() !== localhost) errors.push(invalid(localhostPath, localhost, 'must not be padded with whitespace'));
  else if (localhost === '') errors.push(required(localhostPath, 'must be set when AppArmor type is Localhost'));
  if (Buffer.byteLength(localhost) > MAX_APPARMOR_PROFILE_LENGTH) errors.push(tooLong(localhostPath, MAX_APPARMOR_PROFILE_LENGTH));
  return errors;
}

const MAX_GMSA_SPEC_KIB = 64;
const MAX_USER_NAME_DOMAIN_LENGTH = 256;
const MAX_USER_NAME_USER_LENGTH = 104;
const CONTROL_CHARACTERS = /[\x00-\x1f\x7f]/;
const NETBIOS_DOMAIN = /^[^\\/:*?"<>|.][^\\/:*?"<>|]{0,14}$/u;
const DNS_DOMAIN = /^[a-zA-Z0-9](?:[a-zA-Z0-9-]{0,61}[a-zA-Z0-9])?(?:\.[a-zA-Z0-9](?:[a-zA-Z0-9-]{0,61}[a-zA-Z0-9])?)*$/;
const USER_NAME_FORBIDDEN_CHARACTERS = /["/\\:;|=,+*?<>@[\]]/;
const ONLY_DOTS_AND_SPACES = /^[. ]+$/;

/** validateWindowsSecurityContextOptions: gMSA credential spec name and content, and the Windows user name. */
function windowsOptionsErrors(options: PlainObject | undefined, path: FieldPath): FieldError[] {
  if (!options) return [];
  const errors: FieldError[] = [];
  const specName = text(options['gmsaCredentialSpecName']);
  if (specName !== undefined) {
    for (const message of isDns1123Subdomain(specName)) errors.push(invalid(path.child('gmsaCredentialSpecName'), specName, message));
  }
  const spec = text(options['gmsaCredentialSpec']);
  if (spec !== undefined) {
    const specPath = path.child('gmsaCredentialSpec');
    if (spec === '') errors.push(invalid(specPath, spec, 'gmsaCredentialSpec cannot be an empty string'));
    else if (Buffer.byteLength(spec) > MAX_GMSA_SPEC_KIB * 1024) errors.push(invalid(specPath, spec, `gmsaCredentialSpec size must be under ${MAX_GMSA_SPEC_KIB} KiB`));
  }
  const userName = text(options['runAsUserName']);
  if (userName !== undefined) errors.push(...userNameErrors(userName, path.child('runAsUserName')));
  return errors;
}

function userNameErrors(userName: string, path: FieldPath): FieldError[] {
  if (userName === '') return [invalid(path, userName, 'runAsUserName cannot be an empty string')];
  if (CONTROL_CHARACTERS.test(userName)) return [invalid(path, userName, 'runAsUserName cannot contain control characters')];
  const parts = userName.split('\\');
  if (parts.length > 2) return [invalid(path, userName, 'runAsUserName cannot contain more than one backslash')];
  const [domain, user] = parts.length === 1 ? ['', parts[0]!] : [parts[0]!, parts[1]!];
  const errors: FieldError[] = [];
  if (Buffer.byteLength(domain) >= MAX_USER_NAME_DOMAIN_LENGTH) {
    errors.push(invalid(path, userName, `runAsUserName's Domain length must be under ${MAX_USER_NAME_DOMAIN_LENGTH} characters`));
  }
  if (parts.length === 2 && !(NETBIOS_DOMAIN.test(domain) || DNS_DOMAIN.test(domain))) {
    errors.push(invalid(path, userName, "runAsUserName's Domain doesn't match the NetBios nor the DNS format"));
  }
  const userBytes = Buffer.byteLength(user);
  if (userBytes === 0) errors.push(invalid(path, userName, "runAsUserName's User cannot be empty"));
  else if (userBytes > MAX_USER_NAME_USER_LENGTH) errors.push(invalid(path, userName, `runAsUserName's User length must not be longer than ${MAX_USER_NAME_USER_LENGTH} characters`));
  if (ONLY_DOTS_AND_SPACES.test(user)) errors.push(invalid(path, userName, "runAsUserName's User cannot contain only periods or spaces"));
  if (USER_NAME_FORBIDDEN_CHARACTERS.test(user)) errors.push(invalid(path, userName, `runAsUserName's User cannot contain the following characters: "/\\:;|=,+*?<>@[]`));
  return errors;
}

/** GetNamespace: the sysctls that belong to the network or the IPC namespace. */
function sysctlNamespace(name: string): 'net' | 'ipc' | undefined {
  const normalized = normalizeSysctlName(name);
  if (normalized.startsWith('net.')) return 'net';
  if (normalized === 'kernel.sem' || normalized.startsWith('kernel.shm') || normalized.startsWith('kernel.msg') || normalized.startsWith('fs.mqueue.')) return 'ipc';
  return undefined;
}

/** validateSysctls and ValidateHostSysctl. */
function sysctlErrors(spec: PlainObject, securityContext: PlainObject, path: FieldPath): FieldError[] {
  const errors: FieldError[] = [];
  const names = new Set<string>();
  listAt(securityContext, 'sysctls').forEach((sysctl, i) => {
    if (!isObject(sysctl)) return;
    const name = text(sysctl['name']) ?? '';
    const namePath = path.index(i).child('name');
    if (name === '') errors.push(required(namePath));
    else if (!isValidSysctlName(name)) {
      errors.push(invalid(namePath, name, `must have at most ${SYSCTL_MAX_LENGTH} characters and match regex ${SYSCTL_PATTERN}`));
    } else if (names.has(name)) errors.push(duplicate(namePath, name));
    const namespace = sysctlNamespace(name);
    if (namespace === 'net' && spec['hostNetwork'] === true) errors.push(invalid(namePath, name, "may not be specified when 'hostNetwork' is true"));
    else if (namespace === 'ipc' && spec['hostIPC'] === true) errors.push(invalid(namePath, name, "may not be specified when 'hostIPC' is true"));
    names.add(name);
  });
  return errors;
}

function supportedValue(path: FieldPath, value: PlainValue | undefined, supported: readonly string[]): FieldError[] {
  return typeof value === 'string' && !supported.includes(value) ? [notSupported(path, value, supported)] : [];
}

/** validatePodSpecSecurityContext, then validateWindowsHostProcessPod and validateHostUsers. */
export const podSecurityContextRule = podSpecRule(
  'pod-security-context',
  'The pod security context: user and group IDs in range, no shared process namespace with hostPID, valid and unique sysctls, known policies, well-formed seccomp, AppArmor and Windows options, consistent hostProcess, no host namespaces with user namespaces.',
  ({ spec, path }, version) => {
    const securityContext = objectAt(spec, 'securityContext');
    if (!securityContext) return [];
    const at = path.child('securityContext');
    const gated = GATED_FIELD_VERSIONS.has(version);
    const errors: FieldError[] = [
      ...idErrors(at.child('fsGroup'), securityContext['fsGroup']),
      ...idErrors(at.child('runAsUser'), securityContext['runAsUser']),
      ...idErrors(at.child('runAsGroup'), securityContext['runAsGroup']),
    ];
    listAt(securityContext, 'supplementalGroups').forEach((gid, i) => errors.push(...idErrors(at.child('supplementalGroups').index(i), gid)));
    // The internal API keeps shareProcessNamespace and hostPID in the security context: the path says so.
    if (spec['shareProcessNamespace'] === true && spec['hostPID'] === true) {
      errors.push(placedAt(invalid(at.child('shareProcessNamespace'), true, 'ShareProcessNamespace and HostPID cannot both be enabled'), path.child('shareProcessNamespace'), 'value'));
    }
    errors.push(...sysctlErrors(spec, securityContext, at.child('sysctls')));
    errors.push(...supportedValue(at.child('fsGroupChangePolicy'), securityContext['fsGroupChangePolicy'], ['Always', 'OnRootMismatch']));
    errors.push(...seccompErrors(objectAt(securityContext, 'seccompProfile'), at.child('seccompProfile')));
    errors.push(...windowsOptionsErrors(objectAt(securityContext, 'windowsOptions'), at.child('windowsOptions')));
    errors.push(...appArmorErrors(objectAt(securityContext, 'appArmorProfile'), at.child('appArmorProfile')));
    if (gated) {
      errors.push(...supportedValue(at.child('supplementalGroupsPolicy'), securityContext['supplementalGroupsPolicy'], ['Merge', 'Strict']));
      // Without the SELinuxMount gate (off by default), a new object may ask only for Recursive.
      errors.push(...supportedValue(at.child('seLinuxChangePolicy'), securityContext['seLinuxChangePolicy'], ['Recursive']));
    }
    errors.push(...hostProcessErrors(spec, path));
    if (gated && spec['hostUsers'] === false) {
      // validateHostUsers names the internal fields, capitalised as Go spells them.
      for (const [field, reported] of [
        ['hostNetwork', 'hostNetwork'],
        ['hostPID', 'HostPID'],
        ['hostIPC', 'HostIPC'],
      ] as const) {
        if (spec[field] === true) errors.push(placedAt(forbidden(path.child(reported), 'when `pod.Spec.HostUsers` is false'), path.child(field), 'key'));
      }
    }
    return errors;
  },
);

function hostProcessOf(securityContext: PlainObject | undefined): boolean | undefined {
  const value = objectAt(securityContext, 'windowsOptions')?.['hostProcess'];
  return typeof value === 'boolean' ? value : undefined;
}

/** validateWindowsHostProcessPod: all containers or none are hostProcess, and then with hostNetwork. */
function hostProcessErrors(spec: PlainObject, path: FieldPath): FieldError[] {
  const errors: FieldError[] = [];
  const podHostProcess = hostProcessOf(objectAt(spec, 'securityContext'));
  let containers = 0;
  let hostProcessContainers = 0;
  // VisitContainersWithPath: init containers, then containers, then ephemeral containers.
  for (const { container, path: at } of containersOf(spec, path, ['initContainers', 'containers', 'ephemeralContainers'])) {
    containers++;
    const hostProcess = hostProcessOf(objectAt(container, 'securityContext'));
    if (podHostProcess !== undefined && hostProcess !== undefined && podHostProcess !== hostProcess) {
      errors.push(invalid(at.child('securityContext', 'windowsOptions', 'hostProcess'), hostProcess, `pod hostProcess value must be identical if both are specified, was ${podHostProcess}`));
    }
    if (hostProcess ?? podHostProcess) hostProcessContainers++;
  }
  if (hostProcessContainers > 0) {
    if (hostProcessContainers !== containers)
      errors.push(placedAt(invalid(path, '', 'If pod contains any hostProcess containers then all containers must be HostProcess containers'), path, 'key'));
    if (spec['hostNetwork'] !== true) {
      errors.push(placedAt(invalid(path.child('hostNetwork'), false, 'hostNetwork must be true if pod contains any hostProcess containers'), path.child('hostNetwork'), 'key'));
    }
  }
  return errors;
}

/** The *core.SecurityContext that the privilege-escalation errors print, its fields in declaration order. */
function securityContextValue(securityContext: PlainObject): GoValue {
  const strings = (value: PlainValue | undefined) => (Array.isArray(value) ? value.map(textOf) : undefined);
  const optionalString = (value: PlainValue | undefined) => (typeof value === 'string' ? goString(value) : undefined);
  const optionalScalar = (value: PlainValue | undefined) => (typeof value === 'number' || typeof value === 'boolean' ? goScalar(value) : undefined);
  const struct = (field: string, goType: string, fields: (object: PlainObject) => [string, GoValue][]) => {
    const object = objectAt(securityContext, field);
    return goPointer(`*${goType}`, object ? goStruct(goType, fields(object)) : undefined, 'struct');
  };
  return goStruct('core.SecurityContext', [
    [
      'Capabilities',
      struct('capabilities', 'core.Capabilities', (c) => [
        ['Add', goStrings('[]core.Capability', strings(c['add']))],
        ['Drop', goStrings('[]core.Capability', strings(c['drop']))],
      ]),
    ],
    ['Privileged', goPointer('*bool', optionalScalar(securityContext['privileged']))],
    ['SELinuxOptions', struct('seLinuxOptions', 'core.SELinuxOptions', (o) => ['user', 'role', 'type', 'level'].map((f) => [f[0]!.toUpperCase() + f.slice(1), goString(textOf(o[f]))]))],
    [
      'WindowsOptions',
      struct('windowsOptions', 'core.WindowsSecurityContextOptions', (o) => [
        ['GMSACredentialSpecName', goPointer('*string', optionalString(o['gmsaCredentialSpecName']))],
        ['GMSACredentialSpec', goPointer('*string', optionalString(o['gmsaCredentialSpec']))],
        ['RunAsUserName', goPointer('*string', optionalString(o['runAsUserName']))],
        ['HostProcess', goPointer('*bool', optionalScalar(o['hostProcess']))],
      ]),
    ],
    ['RunAsUser', goPointer('*int64', optionalScalar(securityContext['runAsUser']))],
    ['RunAsGroup', goPointer('*int64', optionalScalar(securityContext['runAsGroup']))],
    ['RunAsNonRoot', goPointer('*bool', optionalScalar(securityContext['runAsNonRoot']))],
    ['ReadOnlyRootFilesystem', goPointer('*bool', optionalScalar(securityContext['readOnlyRootFilesystem']))],
    ['AllowPrivilegeEscalation', goPointer('*bool', optionalScalar(securityContext['allowPrivilegeEscalation']))],
    ['ProcMount', goPointer('*core.ProcMountType', optionalString(securityContext['procMount']))],
    [
      'SeccompProfile',
      struct('seccompProfile', 'core.SeccompProfile', (p) => [
        ['Type', goString(textOf(p['type']))],
        ['LocalhostProfile', goPointer('*string', optionalString(p['localhostProfile']))],
      ]),
    ],
    [
      'AppArmorProfile',
      struct('appArmorProfile', 'core.AppArmorProfile', (p) => [
        ['Type', goString(textOf(p['type']))],
        ['LocalhostProfile', goPointer('*string', optionalString(p['localhostProfile']))],
      ]),
    ],
  ]);
}

/** ValidateSecurityContext, for every container, init container and ephemeral container. */
export const containerSecurityContextRule = podSpecRule(
  'container-security-context',
  "A container's security context: user and group IDs in range, a known procMount (Unmasked only with hostUsers false), well-formed seccomp, AppArmor and Windows options, and no privilege escalation turned off beside privileged or CAP_SYS_ADMIN.",
  ({ spec, path }, version) => {
    const gated = GATED_FIELD_VERSIONS.has(version);
    const hostUsers = !(gated && spec['hostUsers'] === false);
    const errors: FieldError[] = [];
    for (const { container, path: containerPath } of containersOf(spec, path)) {
      const securityContext = objectAt(container, 'securityContext');
      if (!securityContext) continue;
      const at = containerPath.child('securityContext');
      errors.push(...idErrors(at.child('runAsUser'), securityContext['runAsUser']));
      errors.push(...idErrors(at.child('runAsGroup'), securityContext['runAsGroup']));
      const procMount = securityContext['procMount'];
      if (gated && typeof procMount === 'string') {
        errors.push(...supportedValue(at.child('procMount'), procMount, ['Default', 'Unmasked']));
        if (hostUsers && procMount === 'Unmasked') errors.push(invalid(at.child('procMount'), procMount, '`hostUsers` must be false to use `Unmasked`'));
      }
      errors.push(...seccompErrors(objectAt(securityContext, 'seccompProfile'), at.child('seccompProfile')));
      if (securityContext['allowPrivilegeEscalation'] === false) {
        const rendered = securityContextValue(securityContext);
        const escalationPath = at.child('allowPrivilegeEscalation');
        if (securityContext['privileged'] === true) {
          errors.push(placedAt(invalid(at, rendered, 'cannot set `allowPrivilegeEscalation` to false and `privileged` to true'), escalationPath, 'value'));
        }
        listAt(objectAt(securityContext, 'capabilities'), 'add').forEach((capability, i) => {
          if (capability !== 'CAP_SYS_ADMIN') return;
          errors.push(placedAt(invalid(at, rendered, 'cannot set `allowPrivilegeEscalation` to false and `capabilities.Add` CAP_SYS_ADMIN'), at.child('capabilities', 'add').index(i), 'value'));
        });
      }
      errors.push(...windowsOptionsErrors(objectAt(securityContext, 'windowsOptions'), at.child('windowsOptions')));
      errors.push(...appArmorErrors(objectAt(securityContext, 'appArmorProfile'), at.child('appArmorProfile')));
    }
    return errors;
  },
);

const WINDOWS_CONTAINER_FORBIDDEN = [
  'appArmorProfile',
  'seLinuxOptions',
  'seccompProfile',
  'capabilities',
  'readOnlyRootFilesystem',
  'privileged',
  'allowPrivilegeEscalation',
  'procMount',
  'runAsUser',
  'runAsGroup',
];

function isSet(value: PlainValue | undefined): boolean {
  return value !== undefined && value !== null;
}

/** validateLinux and validateWindows: what an explicit spec.os.name rules out. */
export const podOsSecurityRule = podSpecRule(
  'pod-os-security',
  'With spec.os.name linux, no Windows options; with windows, none of the Linux-only security settings.',
  ({ spec, path }, version) => {
    const os = objectAt(spec, 'os')?.['name'];
    const securityContext = objectAt(spec, 'securityContext');
    const at = path.child('securityContext');
    const errors: FieldError[] = [];
    const windowsPod = 'cannot be set for a windows pod';
    if (os === 'linux') {
      const linuxPod = 'windows options cannot be set for a linux pod';
      if (isSet(securityContext?.['windowsOptions'])) errors.push(forbidden(at.child('windowsOptions'), linuxPod));
      for (const { container, path: containerPath } of containersOf(spec, path, ['initContainers', 'containers', 'ephemeralContainers'])) {
        if (isSet(objectAt(container, 'securityContext')?.['windowsOptions'])) errors.push(forbidden(containerPath.child('securityContext', 'windowsOptions'), linuxPod));
      }
    } else if (os === 'windows') {
      const gated = GATED_FIELD_VERSIONS.has(version);
      for (const field of ['appArmorProfile', 'seLinuxOptions']) if (isSet(securityContext?.[field])) errors.push(forbidden(at.child(field), windowsPod));
      // The pod-level fields of the internal security context: hostUsers, hostPID and hostIPC are named on the spec.
      if (gated && isSet(spec['hostUsers'])) errors.push(forbidden(path.child('hostUsers'), windowsPod));
      if (spec['hostPID'] === true) errors.push(forbidden(path.child('hostPID'), windowsPod));
      if (spec['hostIPC'] === true) errors.push(forbidden(path.child('hostIPC'), windowsPod));
      if (isSet(securityContext?.['seccompProfile'])) errors.push(forbidden(at.child('seccompProfile'), windowsPod));
      if (isSet(securityContext?.['fsGroup'])) errors.push(forbidden(at.child('fsGroup'), windowsPod));
      if (isSet(securityContext?.['fsGroupChangePolicy'])) errors.push(forbidden(at.child('fsGroupChangePolicy'), windowsPod));
      if (listAt(securityContext, 'sysctls').length > 0) errors.push(forbidden(at.child('sysctls'), windowsPod));
      if (isSet(spec['shareProcessNamespace'])) errors.push(forbidden(path.child('shareProcessNamespace'), windowsPod));
      if (isSet(securityContext?.['runAsUser'])) errors.push(forbidden(at.child('runAsUser'), windowsPod));
      if (isSet(securityContext?.['runAsGroup'])) errors.push(forbidden(at.child('runAsGroup'), windowsPod));
      if (isSet(securityContext?.['supplementalGroups'])) errors.push(forbidden(at.child('supplementalGroups'), windowsPod));
      if (gated && isSet(securityContext?.['supplementalGroupsPolicy'])) errors.push(forbidden(at.child('supplementalGroupsPolicy'), windowsPod));
      if (gated && isSet(securityContext?.['seLinuxChangePolicy'])) errors.push(forbidden(at.child('seLinuxChangePolicy'), windowsPod));
      for (const { container, path: containerPath } of containersOf(spec, path, ['initContainers', 'containers', 'ephemeralContainers'])) {
        const containerContext = objectAt(container, 'securityContext');
        if (!containerContext) continue;
        for (const field of WINDOWS_CONTAINER_FORBIDDEN) {
          if (field === 'procMount' && !gated) continue;
          if (isSet(containerContext[field])) errors.push(forbidden(containerPath.child('securityContext', field), windowsPod));
        }
      }
    }
    return errors;
  },
);

export const POD_SECURITY_RULES = [podSecurityContextRule, containerSecurityContextRule, podOsSecurityRule];
