/**
 * The Pod Security checks, one behaviour each, on pods that break exactly one rule. Expected messages are worked by
 * hand from the upstream check functions (staging/src/k8s.io/pod-security-admission/policy/check_*.go, cited beside
 * each test), joined as AggregateCheckResult.ForbiddenDetail joins them (checks.go), in the order of the registry
 * (registry.go, populate: baseline ids sorted, then restricted ids sorted).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Container, PodSpec } from 'kubernetes-types/core/v1';
import type { ObjectMeta } from 'kubernetes-types/meta/v1';
import { evaluatePod, forbiddenDetail } from '../../../../server/src/cluster/admission/pod-security/registry';
import type { Level, PolicyVersion } from '../../../../server/src/cluster/admission/pod-security/levels';

/** The detail of every violation of a pod at a level and version, in a 1.36 cluster. */
function detail(level: Level, version: PolicyVersion, spec: PodSpec, metadata: ObjectMeta = {}, clusterMinor = 36): string {
  return forbiddenDetail(evaluatePod({ level, version }, clusterMinor, metadata, spec));
}

/** A container the restricted level allows, with its securityContext extended or overridden by `securityContext`. */
function restrictedContainer(name: string, securityContext: Container['securityContext'] = {}): Container {
  return { name, image: 'app:1', securityContext: { allowPrivilegeEscalation: false, capabilities: { drop: ['ALL'] }, ...securityContext } };
}

/** A pod spec the restricted level allows, plus `extra`. */
function restrictedPod(extra: Partial<PodSpec> = {}): PodSpec {
  return { securityContext: { runAsNonRoot: true, seccompProfile: { type: 'RuntimeDefault' } }, containers: [restrictedContainer('c')], ...extra };
}

const plain = (name: string, extra: Partial<Container> = {}): Container => ({ name, image: 'app:1', ...extra });

test('a pod that follows every restricted rule is allowed at every level', () => {
  assert.equal(detail('restricted', 'latest', restrictedPod()), '');
  assert.equal(detail('baseline', 'latest', restrictedPod()), '');
});

test('the privileged level checks nothing', () => {
  assert.equal(detail('privileged', 'latest', { hostNetwork: true, containers: [plain('c', { securityContext: { privileged: true } })] }), '');
});

// registry.go populate: baseline checks by sorted id (privileged), then restricted ones by sorted id
// (allowPrivilegeEscalation, capabilities_restricted, runAsNonRoot, seccompProfile_restricted).
test('the violations of a plain privileged pod are listed baseline first, each family in the order of its check ids', () => {
  assert.equal(
    detail('restricted', 'latest', { containers: [plain('c', { securityContext: { privileged: true } })] }),
    'privileged (container "c" must not set securityContext.privileged=true), allowPrivilegeEscalation != false (container "c" must set securityContext.allowPrivilegeEscalation=false), unrestricted capabilities (container "c" must set securityContext.capabilities.drop=["ALL"]), runAsNonRoot != true (pod or container "c" must set securityContext.runAsNonRoot=true), seccompProfile (pod or container "c" must set securityContext.seccompProfile.type to "RuntimeDefault" or "Localhost")',
  );
});

// check_allowPrivilegeEscalation.go allowPrivilegeEscalation_1_8: visitContainers walks init containers first.
test('allowPrivilegeEscalation: containers that leave it unset or true are named, init containers first', () => {
  const spec = restrictedPod({
    initContainers: [restrictedContainer('init', { allowPrivilegeEscalation: true })],
    containers: [restrictedContainer('a', { allowPrivilegeEscalation: undefined }), restrictedContainer('b')],
  });
  assert.equal(detail('restricted', 'latest', spec), 'allowPrivilegeEscalation != false (containers "init", "a" must set securityContext.allowPrivilegeEscalation=false)');
});

// check_allowPrivilegeEscalation.go allowPrivilegeEscalation_1_25 (and capabilitiesRestricted_1_25,
// seccompProfileRestricted_1_25): from v1.25 a Windows pod is not checked for them.
test('allowPrivilegeEscalation: a Windows pod is exempt from v1.25 on, not at v1.24', () => {
  const spec = restrictedPod({ os: { name: 'windows' }, containers: [restrictedContainer('c', { allowPrivilegeEscalation: undefined })] });
  assert.equal(detail('restricted', 'latest', spec), '');
  assert.equal(detail('restricted', 24, spec), 'allowPrivilegeEscalation != false (container "c" must set securityContext.allowPrivilegeEscalation=false)');
});

// check_appArmorProfile.go appArmorProfile_1_0: bad types (a set) then the sorted annotations; setters "pod" and
// "annotation"; the reason is plural for two values.
test('appArmorProfile: an Unconfined pod profile and an unconfined annotation are both named', () => {
  const spec: PodSpec = { securityContext: { appArmorProfile: { type: 'Unconfined' } }, containers: [plain('c')] };
  const metadata = { annotations: { 'container.apparmor.security.beta.kubernetes.io/c': 'unconfined' } };
  assert.equal(
    detail('baseline', 'latest', spec, metadata),
    'forbidden AppArmor profiles (pod and annotation must not set AppArmor profile type to "Unconfined", "container.apparmor.security.beta.kubernetes.io/c="unconfined"")',
  );
});

// check_capabilities_baseline.go capabilitiesBaseline_1_0: the default set is allowed; the others, sorted.
test('capabilities_baseline: capabilities outside the default set are named sorted, per container that adds them', () => {
  const spec: PodSpec = {
    containers: [plain('a', { securityContext: { capabilities: { add: ['SYS_ADMIN', 'NET_RAW', 'CHOWN'] } } }), plain('b', { securityContext: { capabilities: { add: ['CHOWN'] } } })],
  };
  assert.equal(detail('baseline', 'latest', spec), 'non-default capabilities (container "a" must not include "NET_RAW", "SYS_ADMIN" in securityContext.capabilities.add)');
});

// check_capabilities_restricted.go capabilitiesRestricted_1_22, which overrides capabilities_baseline at the
// restricted level: the two complaints joined with "; ".
test('capabilities_restricted: missing drop ALL and adding more than NET_BIND_SERVICE, in one violation', () => {
  const spec = restrictedPod({ containers: [restrictedContainer('c', { capabilities: { drop: ['NET_RAW'], add: ['SYS_ADMIN', 'NET_BIND_SERVICE', 'CHOWN'] } })] });
  assert.equal(
    detail('restricted', 'latest', spec),
    'unrestricted capabilities (container "c" must set securityContext.capabilities.drop=["ALL"]; container "c" must not include "CHOWN", "SYS_ADMIN" in securityContext.capabilities.add)',
  );
});

// check_capabilities_restricted.go: the check starts at v1.22; before, capabilities_baseline runs at restricted.
test('capabilities_restricted: at v1.21 the restricted level checks capabilities as baseline does', () => {
  const spec = restrictedPod({ containers: [restrictedContainer('c', { capabilities: { add: ['SYS_ADMIN'] } })] });
  assert.equal(detail('restricted', 21, spec), 'non-default capabilities (container "c" must not include "SYS_ADMIN" in securityContext.capabilities.add)');
});

// check_hostNamespaces.go hostNamespaces_1_0.
test('hostNamespaces: each shared host namespace is named', () => {
  assert.equal(detail('baseline', 'latest', { hostNetwork: true, hostIPC: true, containers: [plain('c')] }), 'host namespaces (hostNetwork=true, hostIPC=true)');
});

// check_hostPathVolumes.go hostPathVolumes_1_0.
test('hostPathVolumes: hostPath volumes are named at the baseline level', () => {
  const spec: PodSpec = {
    containers: [plain('c')],
    volumes: [
      { name: 'data', hostPath: { path: '/data' } },
      { name: 'settings', configMap: { name: 'settings' } },
      { name: 'logs', hostPath: { path: '/var/log' } },
    ],
  };
  assert.equal(detail('baseline', 'latest', spec), 'hostPath volumes (volumes "data", "logs")');
});

// check_restrictedVolumes.go restrictedVolumes_1_0, which overrides hostPathVolumes at the restricted level.
test('restrictedVolumes: volumes of other sources than the allowed ones are named with their sorted types', () => {
  const spec = restrictedPod({
    volumes: [
      { name: 'data', hostPath: { path: '/data' } },
      { name: 'scratch', emptyDir: {} },
      { name: 'share', nfs: { server: 'nfs.example', path: '/' } },
    ],
  });
  assert.equal(detail('restricted', 'latest', spec), 'restricted volume types (volumes "data", "share" use restricted volume types "hostPath", "nfs")');
});

// check_hostPorts.go hostPorts_1_0: the ports are a set of strings, sorted as strings.
test('hostPorts: the containers using host ports and the ports, sorted as text', () => {
  const spec: PodSpec = {
    containers: [
      plain('a', {
        ports: [
          { containerPort: 80, hostPort: 8080 },
          { containerPort: 81, hostPort: 80 },
        ],
      }),
      plain('b', { ports: [{ containerPort: 90 }] }),
    ],
  };
  assert.equal(detail('baseline', 'latest', spec), 'hostPort (container "a" uses hostPorts 80, 8080)');
});

// check_hostProbesAndhostLifecycle.go hostProbesAndHostLifecycleV1Dot34: containers and hosts are sets, sorted.
test('hostProbesAndHostLifecycle: probe and lifecycle hosts are refused from v1.34 on', () => {
  const spec: PodSpec = {
    containers: [
      plain('z', { livenessProbe: { httpGet: { host: '10.0.0.1', port: 80 } } }),
      plain('a', { readinessProbe: { tcpSocket: { host: 'example.com', port: 80 } } }),
      plain('m', { lifecycle: { preStop: { httpGet: { host: '10.0.0.1', port: 80 } } } }),
    ],
  };
  assert.equal(detail('baseline', 'latest', spec), 'probe or lifecycle host (containers "a", "m", "z" use probe or lifecycle hosts "10.0.0.1", "example.com")');
  assert.equal(detail('baseline', 33, spec), '');
});

// check_privileged.go privileged_1_0.
test('privileged: privileged containers are named', () => {
  assert.equal(
    detail('baseline', 'latest', { containers: [plain('c', { securityContext: { privileged: true } }), plain('d', { securityContext: { privileged: false } })] }),
    'privileged (container "c" must not set securityContext.privileged=true)',
  );
});

// check_procMount_baseline.go procMount_1_0 and procMount1_35baseline; check_procMount_restricted.go.
test('procMount: a non-default procMount is refused; from v1.35 baseline allows it in a user namespace, restricted does not', () => {
  const unmasked: PodSpec = { containers: [plain('c', { securityContext: { procMount: 'Unmasked' } })] };
  assert.equal(detail('baseline', 'latest', unmasked), 'procMount (container "c" must not set securityContext.procMount to "Unmasked")');
  const userNamespace = { ...unmasked, hostUsers: false };
  assert.equal(detail('baseline', 'latest', userNamespace), '');
  assert.equal(detail('baseline', 34, userNamespace), 'procMount (container "c" must not set securityContext.procMount to "Unmasked")');
  const restricted = restrictedPod({ hostUsers: false, containers: [restrictedContainer('c', { procMount: 'Unmasked' })] });
  assert.equal(detail('restricted', 'latest', restricted), 'procMount (container "c" must not set securityContext.procMount to "Unmasked")');
});

// check_seLinuxOptions.go seLinuxOptions: setters joined with " and ", then types, user and role joined with "; ".
test('seLinuxOptions: a forbidden type, a user and a role are all named', () => {
  const spec: PodSpec = { securityContext: { seLinuxOptions: { type: 'spc_t' } }, containers: [plain('c', { securityContext: { seLinuxOptions: { user: 'u', role: 'r' } } })] };
  assert.equal(detail('baseline', 'latest', spec), 'seLinuxOptions (pod and container "c" set forbidden securityContext.seLinuxOptions: type "spc_t"; user may not be set; role may not be set)');
});

// check_seLinuxOptions.go seLinuxOptions1_31 adds container_engine_t to the allowed types.
test('seLinuxOptions: container_engine_t is allowed from v1.31 on', () => {
  const spec: PodSpec = { securityContext: { seLinuxOptions: { type: 'container_engine_t' } }, containers: [plain('c')] };
  assert.equal(detail('baseline', 'latest', spec), '');
  assert.equal(detail('baseline', 30, spec), 'seLinuxOptions (pod set forbidden securityContext.seLinuxOptions: type "container_engine_t")');
});

// check_seccompProfile_baseline.go seccompProfileBaseline_1_19.
test('seccompProfile_baseline: an Unconfined profile is refused, an unset one allowed', () => {
  assert.equal(
    detail('baseline', 'latest', { securityContext: { seccompProfile: { type: 'Unconfined' } }, containers: [plain('c')] }),
    'seccompProfile (pod must not set securityContext.seccompProfile.type to "Unconfined")',
  );
  assert.equal(detail('baseline', 'latest', { containers: [plain('c')] }), '');
});

// check_seccompProfile_baseline.go seccompProfileBaseline_1_0: before v1.19 the annotations are checked instead.
test('seccompProfile_baseline: before v1.19 the seccomp annotations are checked, not the field', () => {
  const spec: PodSpec = { securityContext: { seccompProfile: { type: 'Unconfined' } }, containers: [plain('c')] };
  const metadata = { annotations: { 'seccomp.security.alpha.kubernetes.io/pod': 'unconfined' } };
  assert.equal(detail('baseline', 18, spec, metadata), 'seccompProfile (forbidden annotation seccomp.security.alpha.kubernetes.io/pod="unconfined")');
});

// check_seccompProfile_restricted.go seccompProfileRestricted_1_19: explicit bad values first.
test('seccompProfile_restricted: a container setting Unconfined is named before containers leaving it unset', () => {
  const base = restrictedPod({ securityContext: { runAsNonRoot: true } });
  const explicit = { ...base, containers: [restrictedContainer('a', { seccompProfile: { type: 'Unconfined' } }), restrictedContainer('b')] };
  assert.equal(detail('restricted', 'latest', explicit), 'seccompProfile (container "a" must not set securityContext.seccompProfile.type to "Unconfined")');
  const implicit = { ...base, containers: [restrictedContainer('a', { seccompProfile: { type: 'Localhost', localhostProfile: 'p.json' } }), restrictedContainer('b')] };
  assert.equal(detail('restricted', 'latest', implicit), 'seccompProfile (pod or container "b" must set securityContext.seccompProfile.type to "RuntimeDefault" or "Localhost")');
});

// check_runAsNonRoot.go runAsNonRoot1_0.
test('runAsNonRoot: explicit false on pod and container, or unset everywhere', () => {
  const explicit = restrictedPod({ securityContext: { runAsNonRoot: false, seccompProfile: { type: 'RuntimeDefault' } }, containers: [restrictedContainer('c', { runAsNonRoot: false })] });
  assert.equal(detail('restricted', 'latest', explicit), 'runAsNonRoot != true (pod and container "c" must not set securityContext.runAsNonRoot=false)');
  const unset = restrictedPod({
    securityContext: { seccompProfile: { type: 'RuntimeDefault' } },
    containers: [restrictedContainer('a'), restrictedContainer('b', { runAsNonRoot: true }), restrictedContainer('d')],
  });
  assert.equal(detail('restricted', 'latest', unset), 'runAsNonRoot != true (pod or containers "a", "d" must set securityContext.runAsNonRoot=true)');
});

// check_runAsNonRoot.go runAsNonRoot1_35 and check_runAsUser.go runAsUser1_35: a user namespace relaxes both.
test('runAsNonRoot and runAsUser: a pod in a user namespace may run as root from v1.35 on', () => {
  const spec = restrictedPod({ hostUsers: false, securityContext: { runAsUser: 0, seccompProfile: { type: 'RuntimeDefault' } } });
  assert.equal(detail('restricted', 'latest', spec), '');
  assert.equal(detail('restricted', 34, spec), 'runAsNonRoot != true (pod or container "c" must set securityContext.runAsNonRoot=true), runAsUser=0 (pod must not set runAsUser=0)');
});

// check_runAsUser.go runAsUser1_23: the check starts at v1.23.
test('runAsUser: runAsUser 0 is refused from v1.23 on', () => {
  const spec = restrictedPod({ containers: [restrictedContainer('c', { runAsUser: 0 })] });
  assert.equal(detail('restricted', 'latest', spec), 'runAsUser=0 (container "c" must not set runAsUser=0)');
  assert.equal(detail('restricted', 22, spec), '');
});

// check_sysctls.go sysctlsV1Dot32 added net.ipv4.tcp_rmem; the forbidden names keep the pod's order.
test('sysctls: unsafe sysctls are named in order; tcp_rmem is safe from v1.32 on', () => {
  const spec: PodSpec = {
    securityContext: {
      sysctls: [
        { name: 'net.ipv4.tcp_rmem', value: '4096 87380 6291456' },
        { name: 'kernel.msgmax', value: '65536' },
      ],
    },
    containers: [plain('c')],
  };
  assert.equal(detail('baseline', 'latest', spec), 'forbidden sysctls (kernel.msgmax)');
  assert.equal(detail('baseline', 31, spec), 'forbidden sysctls (net.ipv4.tcp_rmem, kernel.msgmax)');
});

// check_windowsHostProcess.go windowsHostProcess_1_0.
test('windowsHostProcess: pod and containers asking for a host process are named', () => {
  const spec: PodSpec = { securityContext: { windowsOptions: { hostProcess: true } }, containers: [plain('c', { securityContext: { windowsOptions: { hostProcess: true } } })] };
  assert.equal(detail('baseline', 'latest', spec), 'hostProcess (pod and container "c" must not set securityContext.windowsOptions.hostProcess=true)');
});

// registry.go NewEvaluator with the emulation version: `latest`, and versions past the cluster's, are evaluated as
// the cluster's own version.
test('latest is the cluster version: a 1.30 cluster evaluates latest as v1.30', () => {
  const spec: PodSpec = { securityContext: { seLinuxOptions: { type: 'container_engine_t' } }, containers: [plain('c')] };
  assert.equal(detail('baseline', 'latest', spec, {}, 30), 'seLinuxOptions (pod set forbidden securityContext.seLinuxOptions: type "container_engine_t")');
  assert.equal(detail('baseline', 40, spec, {}, 36), '');
});
