/** Pod and container security contexts, in Pods and in every kind of pod template, with the API server's paths and words. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { checkText, onlyFinding, yaml } from '../../helpers/check-text';

/** A Pod whose spec is the given YAML, written at the spec's indentation, with one container. */
const pod = (spec: string) => `apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n  containers: [{name: app, image: nginx}]\n${spec.replace(/^/gm, '  ')}\n`;
/** A Pod whose only container has the given security context. */
const containerContext = (securityContext: string, extra = '') =>
  `apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n  containers:\n  - name: app\n    image: nginx\n    securityContext: ${securityContext}\n${extra.replace(/^/gm, '  ')}\n`;

// validation.go validatePodSpecSecurityContext: IsValidUserID, InclusiveRangeError(0, math.MaxInt32)
test('a negative pod runAsUser is out of the user ID range', () => {
  const finding = onlyFinding(pod('securityContext: {runAsUser: -1}'));
  assert.equal(finding.rule, 'pod-security-context');
  assert.equal(finding.message, 'spec.securityContext.runAsUser: Invalid value: -1: must be between 0 and 2147483647, inclusive');
  assert.equal(finding.text, '-1');
});

// validation.go validatePodSpecSecurityContext: IsValidGroupID for each supplementalGroups entry, by index
test('a supplemental group above 2147483647 is out of range, on its index', () => {
  const finding = onlyFinding(pod('securityContext: {supplementalGroups: [1000, 3000000000]}'));
  assert.equal(finding.message, 'spec.securityContext.supplementalGroups[1]: Invalid value: 3000000000: must be between 0 and 2147483647, inclusive');
  assert.equal(finding.text, '3000000000');
});

// validation.go validatePodSpecSecurityContext: IDs checked in a Deployment template with its full path
test('a negative fsGroup in a Deployment template is reported under spec.template.spec', () => {
  const text = yaml`
    apiVersion: apps/v1
    kind: Deployment
    metadata: {name: web}
    spec:
      selector: {matchLabels: {app: web}}
      template:
        metadata: {labels: {app: web}}
        spec:
          securityContext: {fsGroup: -5}
          containers: [{name: app, image: nginx}]
  `;
  const finding = onlyFinding(text);
  assert.equal(finding.message, 'spec.template.spec.securityContext.fsGroup: Invalid value: -5: must be between 0 and 2147483647, inclusive');
  assert.equal(finding.line, 9);
});

test('IDs in range pass', () => {
  assert.deepEqual(checkText(pod('securityContext: {runAsUser: 1000, runAsGroup: 0, fsGroup: 2000, supplementalGroups: [0, 2147483647]}')).findings, []);
});

// validation.go validatePodSpecSecurityContext: the internal security context holds shareProcessNamespace and hostPID
test('shareProcessNamespace with hostPID is invalid, named under securityContext and placed on the field', () => {
  const finding = onlyFinding(pod('shareProcessNamespace: true\nhostPID: true'));
  assert.equal(finding.message, 'spec.securityContext.shareProcessNamespace: Invalid value: true: ShareProcessNamespace and HostPID cannot both be enabled');
  assert.equal(finding.line, 6);
});

// validation.go validateSysctls: IsValidSysctlName and its message with the compiled regex
test('a sysctl name with capitals does not match the sysctl pattern', () => {
  const finding = onlyFinding(pod('securityContext: {sysctls: [{name: Kernel.shm_rmid_forced, value: "1"}]}'));
  assert.equal(
    finding.message,
    'spec.securityContext.sysctls[0].name: Invalid value: "Kernel.shm_rmid_forced": must have at most 253 characters and match regex ^([a-z0-9]([-_a-z0-9]*[a-z0-9])?[\\./])*[a-z0-9]([-_a-z0-9]*[a-z0-9])?$',
  );
  assert.equal(finding.text, 'Kernel.shm_rmid_forced');
});

// validation.go validateSysctls: a repeated name is a duplicate
test('a sysctl named twice is a duplicate', () => {
  const finding = onlyFinding(pod('securityContext:\n  sysctls: [{name: kernel.shm_rmid_forced, value: "1"}, {name: kernel.shm_rmid_forced, value: "0"}]'));
  assert.equal(finding.message, 'spec.securityContext.sysctls[1].name: Duplicate value: "kernel.shm_rmid_forced"');
});

// validation.go ValidateHostSysctl: net.* sysctls belong to the network namespace the pod shares with hostNetwork
test('a net sysctl with hostNetwork is invalid', () => {
  // net.core.somaxconn is also outside the kubelet's safe set, which unsafe-sysctl reports apart.
  const errors = checkText(pod('hostNetwork: true\nsecurityContext: {sysctls: [{name: net.core.somaxconn, value: "1024"}]}')).findings.filter((f) => f.rule === 'pod-security-context');
  assert.deepEqual(
    errors.map((f) => f.message),
    ['spec.securityContext.sysctls[0].name: Invalid value: "net.core.somaxconn": may not be specified when \'hostNetwork\' is true'],
  );
});

// validation.go ValidateHostSysctl and utilsysctl GetNamespace: kernel.shm* is an IPC sysctl, slashes read as dots
test('an IPC sysctl written with slashes, with hostIPC, is invalid', () => {
  const finding = onlyFinding(pod('hostIPC: true\nsecurityContext: {sysctls: [{name: kernel/shm_rmid_forced, value: "1"}]}'));
  assert.equal(finding.message, 'spec.securityContext.sysctls[0].name: Invalid value: "kernel/shm_rmid_forced": may not be specified when \'hostIPC\' is true');
});

test('unique well-formed sysctls without host namespaces pass', () => {
  // The API server accepts both; net.core.somaxconn is left to unsafe-sysctl, the kubelet's concern.
  const findings = checkText(pod('securityContext: {sysctls: [{name: net.core.somaxconn, value: "1024"}, {name: kernel.shm_rmid_forced, value: "1"}]}')).findings;
  assert.deepEqual(
    findings.map((f) => f.rule),
    ['unsafe-sysctl'],
  );
});

// validation.go validateFSGroupChangePolicy: NotSupported with the sorted set
test('an unknown fsGroupChangePolicy is unsupported', () => {
  assert.equal(
    onlyFinding(pod('securityContext: {fsGroupChangePolicy: Sometimes}')).message,
    'spec.securityContext.fsGroupChangePolicy: Unsupported value: "Sometimes": supported values: "Always", "OnRootMismatch"',
  );
});

// validation.go validateSELinuxChangePolicy with AllowOnlyRecursiveSELinuxChangePolicy (pod/util.go: SELinuxMount off)
test('seLinuxChangePolicy MountOption is refused from 1.33, where only Recursive is allowed', () => {
  const text = pod('securityContext: {seLinuxChangePolicy: MountOption}');
  assert.equal(onlyFinding(text, '1.34').message, 'spec.securityContext.seLinuxChangePolicy: Unsupported value: "MountOption": supported values: "Recursive"');
  assert.deepEqual(checkText(pod('securityContext: {seLinuxChangePolicy: Recursive}'), '1.34').findings, []);
});

// validation.go validateSupplementalGroupsPolicy: Merge or Strict (SupplementalGroupsPolicy on from 1.33)
test('an unknown supplementalGroupsPolicy is unsupported from 1.33', () => {
  assert.equal(
    onlyFinding(pod('securityContext: {supplementalGroupsPolicy: Loose}'), '1.33').message,
    'spec.securityContext.supplementalGroupsPolicy: Unsupported value: "Loose": supported values: "Merge", "Strict"',
  );
});

// validation.go validateSeccompProfileField: Localhost needs localhostProfile
test('a Localhost seccomp profile without localhostProfile is required', () => {
  const finding = onlyFinding(pod('securityContext: {seccompProfile: {type: Localhost}}'));
  assert.equal(finding.message, 'spec.securityContext.seccompProfile.localhostProfile: Required value: must be set when seccomp type is Localhost');
});

// validation.go validateSeccompProfileField: localhostProfile with another type; the profile printed with %#v
test('localhostProfile with seccomp type RuntimeDefault is invalid, on the key', () => {
  const finding = onlyFinding(pod('securityContext: {seccompProfile: {type: RuntimeDefault, localhostProfile: audit.json}}'), '1.33');
  assert.equal(
    finding.message,
    'spec.securityContext.seccompProfile.localhostProfile: Invalid value: core.SeccompProfile{Type:"RuntimeDefault", LocalhostProfile:(*string)("audit.json")}: can only be set when seccomp type is Localhost',
  );
  assert.equal(finding.text, 'localhostProfile');
});

// validation.go validateLocalDescendingPath: relative, and no '..'
test('an absolute seccomp localhostProfile with .. is invalid twice', () => {
  const { findings } = checkText(pod('securityContext: {seccompProfile: {type: Localhost, localhostProfile: /etc/../audit.json}}'));
  assert.deepEqual(
    findings.map((f) => f.message),
    [
      'spec.securityContext.seccompProfile.localhostProfile: Invalid value: "/etc/../audit.json": must be a relative path',
      'spec.securityContext.seccompProfile.localhostProfile: Invalid value: "/etc/../audit.json": must not contain \'..\'',
    ],
  );
});

// validation.go ValidateAppArmorProfileField: localhostProfile only with Localhost
test('an AppArmor localhostProfile with type RuntimeDefault is invalid', () => {
  assert.equal(
    onlyFinding(pod('securityContext: {appArmorProfile: {type: RuntimeDefault, localhostProfile: k8s-nginx}}')).message,
    'spec.securityContext.appArmorProfile.localhostProfile: Invalid value: "k8s-nginx": can only be set when AppArmor type is Localhost',
  );
});

// validation.go ValidateAppArmorProfileField: no surrounding whitespace
test('an AppArmor localhostProfile padded with spaces is invalid', () => {
  assert.equal(
    onlyFinding(pod('securityContext: {appArmorProfile: {type: Localhost, localhostProfile: " k8s-nginx"}}')).message,
    'spec.securityContext.appArmorProfile.localhostProfile: Invalid value: " k8s-nginx": must not be padded with whitespace',
  );
});

test('well-formed seccomp and AppArmor profiles pass', () => {
  assert.deepEqual(
    checkText(pod('securityContext:\n  seccompProfile: {type: Localhost, localhostProfile: profiles/audit.json}\n  appArmorProfile: {type: Localhost, localhostProfile: k8s-nginx}')).findings,
    [],
  );
});

// validation.go validateWindowsSecurityContextOptions: runAsUserName with two backslashes
test('a Windows user name with two backslashes is invalid', () => {
  assert.equal(
    onlyFinding(pod('securityContext: {windowsOptions: {runAsUserName: "DOMAIN\\\\sub\\\\user"}}')).message,
    'spec.securityContext.windowsOptions.runAsUserName: Invalid value: "DOMAIN\\\\sub\\\\user": runAsUserName cannot contain more than one backslash',
  );
});

// validation.go validateWindowsSecurityContextOptions: gmsaCredentialSpecName is a DNS-1123 subdomain
test('a gMSA credential spec name with capitals is invalid', () => {
  assert.match(
    onlyFinding(pod('securityContext: {windowsOptions: {gmsaCredentialSpecName: WebApp}}')).message,
    /^spec\.securityContext\.windowsOptions\.gmsaCredentialSpecName: Invalid value: "WebApp": a lowercase RFC 1123 subdomain must consist of/,
  );
});

// validation.go validateWindowsHostProcessPod: hostProcess containers need hostNetwork
test('a hostProcess pod without hostNetwork is invalid on spec.hostNetwork', () => {
  const finding = onlyFinding(pod('securityContext: {windowsOptions: {hostProcess: true}}'));
  assert.equal(finding.message, 'spec.hostNetwork: Invalid value: false: hostNetwork must be true if pod contains any hostProcess containers');
});

// validation.go validateWindowsHostProcessPod: one hostProcess container makes every container one
test('a pod mixing hostProcess and other containers is invalid on the spec', () => {
  const text = yaml`
    apiVersion: v1
    kind: Pod
    metadata: {name: p}
    spec:
      hostNetwork: true
      containers:
      - {name: a, image: nginx, securityContext: {windowsOptions: {hostProcess: true}}}
      - {name: b, image: nginx}
  `;
  assert.equal(onlyFinding(text).message, 'spec: Invalid value: "": If pod contains any hostProcess containers then all containers must be HostProcess containers');
});

// validation.go validateWindowsHostProcessPod: a container may not contradict the pod
test('a container hostProcess that contradicts the pod is invalid', () => {
  const text = yaml`
    apiVersion: v1
    kind: Pod
    metadata: {name: p}
    spec:
      hostNetwork: true
      securityContext: {windowsOptions: {hostProcess: true}}
      containers:
      - {name: a, image: nginx, securityContext: {windowsOptions: {hostProcess: false}}}
  `;
  // The container that says false is not a hostProcess container, so no container is: only the contradiction.
  assert.equal(
    onlyFinding(text).message,
    'spec.containers[0].securityContext.windowsOptions.hostProcess: Invalid value: false: pod hostProcess value must be identical if both are specified, was true',
  );
});

test('a hostProcess pod with hostNetwork passes', () => {
  assert.deepEqual(checkText(pod('hostNetwork: true\nsecurityContext: {windowsOptions: {hostProcess: true}}')).findings, []);
});

// validation.go validateHostUsers: host namespaces with a user namespace (UserNamespacesSupport on from 1.33)
test('hostUsers false with hostPID is forbidden from 1.33, named as Go spells the field', () => {
  const text = pod('hostUsers: false\nhostPID: true');
  const finding = onlyFinding(text, '1.33');
  assert.equal(finding.message, 'spec.HostPID: Forbidden: when `pod.Spec.HostUsers` is false');
  assert.equal(finding.text, 'hostPID');
  // Before 1.33 the API server drops hostUsers.
  assert.deepEqual(checkText(text, '1.32').findings, []);
});

// validation.go ValidateSecurityContext: IsValidUserID on a container, also in init containers
test('a negative runAsUser on an init container is out of range', () => {
  const text = yaml`
    apiVersion: v1
    kind: Pod
    metadata: {name: p}
    spec:
      containers: [{name: app, image: nginx}]
      initContainers: [{name: init, image: busybox, securityContext: {runAsUser: -1}}]
  `;
  const finding = onlyFinding(text);
  assert.equal(finding.rule, 'container-security-context');
  assert.equal(finding.message, 'spec.initContainers[0].securityContext.runAsUser: Invalid value: -1: must be between 0 and 2147483647, inclusive');
});

// validation.go ValidateSecurityContext: allowPrivilegeEscalation false with privileged true; sc printed with %#v
test('privileged with allowPrivilegeEscalation false is invalid on the security context', () => {
  const finding = onlyFinding(containerContext('{privileged: true, allowPrivilegeEscalation: false}'), '1.33');
  assert.equal(
    finding.message,
    'spec.containers[0].securityContext: Invalid value: core.SecurityContext{Capabilities:(*core.Capabilities)(nil), Privileged:(*bool)(true), SELinuxOptions:(*core.SELinuxOptions)(nil), WindowsOptions:(*core.WindowsSecurityContextOptions)(nil), RunAsUser:(*int64)(nil), RunAsGroup:(*int64)(nil), RunAsNonRoot:(*bool)(nil), ReadOnlyRootFilesystem:(*bool)(nil), AllowPrivilegeEscalation:(*bool)(false), ProcMount:(*core.ProcMountType)(nil), SeccompProfile:(*core.SeccompProfile)(nil), AppArmorProfile:(*core.AppArmorProfile)(nil)}: cannot set `allowPrivilegeEscalation` to false and `privileged` to true',
  );
  assert.equal(finding.text, 'false');
});

// validation.go ValidateSecurityContext: CAP_SYS_ADMIN added with allowPrivilegeEscalation false
test('adding CAP_SYS_ADMIN with allowPrivilegeEscalation false is invalid, placed on the capability', () => {
  const finding = onlyFinding(containerContext('{allowPrivilegeEscalation: false, capabilities: {add: [NET_BIND_SERVICE, CAP_SYS_ADMIN]}}'), '1.33');
  assert.match(finding.message, /^spec\.containers\[0\]\.securityContext: Invalid value: core\.SecurityContext\{Capabilities:\(\*core\.Capabilities\)\(…\), /);
  assert.match(finding.message, /: cannot set `allowPrivilegeEscalation` to false and `capabilities\.Add` CAP_SYS_ADMIN$/);
  assert.equal(finding.text, 'CAP_SYS_ADMIN');
});

test('SYS_ADMIN without the CAP_ prefix, and privileged with escalation allowed, pass', () => {
  assert.deepEqual(checkText(containerContext('{allowPrivilegeEscalation: false, capabilities: {add: [SYS_ADMIN]}}')).findings, []);
  assert.deepEqual(checkText(containerContext('{privileged: true, allowPrivilegeEscalation: true}')).findings, []);
});

// validation.go ValidateProcMountType (ProcMountType on from 1.33)
test('an unknown procMount is unsupported from 1.33 and dropped before', () => {
  const text = containerContext('{procMount: Other}');
  assert.equal(onlyFinding(text, '1.36').message, 'spec.containers[0].securityContext.procMount: Unsupported value: "Other": supported values: "Default", "Unmasked"');
  assert.deepEqual(checkText(text, '1.32').findings, []);
});

// validation.go ValidateSecurityContext: Unmasked needs hostUsers false
test('procMount Unmasked needs hostUsers false', () => {
  assert.equal(
    onlyFinding(containerContext('{procMount: Unmasked}'), '1.36').message,
    'spec.containers[0].securityContext.procMount: Invalid value: "Unmasked": `hostUsers` must be false to use `Unmasked`',
  );
  assert.deepEqual(checkText(containerContext('{procMount: Unmasked}', 'hostUsers: false'), '1.36').findings, []);
});

// validation.go validateLinux: no Windows options in a Linux pod
test('windowsOptions in a pod with os linux is forbidden', () => {
  const finding = onlyFinding(containerContext('{windowsOptions: {runAsUserName: app}}', 'os: {name: linux}'));
  assert.equal(finding.rule, 'pod-os-security');
  assert.equal(finding.message, 'spec.containers[0].securityContext.windowsOptions: Forbidden: windows options cannot be set for a linux pod');
});

// validation.go validateWindows: Linux-only settings in a Windows pod
test('runAsUser and privileged in a pod with os windows are forbidden', () => {
  const { findings } = checkText(containerContext('{privileged: false}', 'os: {name: windows}\nsecurityContext: {runAsUser: 1000}'));
  assert.deepEqual(findings.map((f) => f.message).sort(), [
    'spec.containers[0].securityContext.privileged: Forbidden: cannot be set for a windows pod',
    'spec.securityContext.runAsUser: Forbidden: cannot be set for a windows pod',
  ]);
});

test('a Windows pod with Windows options passes', () => {
  assert.deepEqual(checkText(containerContext('{windowsOptions: {runAsUserName: "NT AUTHORITY\\\\SYSTEM"}}', 'os: {name: windows}')).findings, []);
});

// ValidatePodTemplateSpec: a CronJob's job template carries the full path
test('a container security context in a CronJob is reported with the job template path', () => {
  const text = yaml`
    apiVersion: batch/v1
    kind: CronJob
    metadata: {name: nightly}
    spec:
      schedule: "0 3 * * *"
      jobTemplate:
        spec:
          template:
            spec:
              restartPolicy: OnFailure
              containers:
              - name: job
                image: busybox
                securityContext: {runAsGroup: -1}
  `;
  assert.equal(onlyFinding(text).message, 'spec.jobTemplate.spec.template.spec.containers[0].securityContext.runAsGroup: Invalid value: -1: must be between 0 and 2147483647, inclusive');
});
