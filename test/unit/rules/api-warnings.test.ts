/**
 * The API server's warnings on a successful create, with its text and field path, as kubectl prints them after
 * `Warning: `. Expectations are worked from the upstream functions cited beside each test.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { checkText, onlyFinding, yaml } from '../../helpers/check-text';

/** A Deployment whose pod template spec is the given YAML (written at the template spec's indentation). */
function deployment(spec: string, annotations = ''): string {
  const indented = spec.replace(/^/gm, '      ');
  return `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
spec:
  selector:
    matchLabels: {app: web}
  template:
    metadata:
      labels: {app: web}
${annotations ? `      annotations:\n${annotations.replace(/^/gm, '        ')}\n` : ''}    spec:
${indented}
`;
}

const app = 'containers:\n- name: app\n  image: "nginx:1.25"';

function messages(text: string, version?: Parameters<typeof checkText>[1]): string[] {
  return checkText(text, version).findings.map((f) => f.message);
}

// k8s.io/apiserver/pkg/endpoints/deprecation/deprecation.go: WarningMessage, IsDeprecated;
// k8s.io/api/flowcontrol/v1beta3/zz_generated.prerelease-lifecycle.go: deprecated 1.29, removed 1.32.
const flowSchema = yaml`
  apiVersion: flowcontrol.apiserver.k8s.io/v1beta3
  kind: FlowSchema
  metadata: {name: fs}
  spec:
    priorityLevelConfiguration: {name: global-default}
    matchingPrecedence: 1000
`;

test('a deprecated but served apiVersion gets the deprecation warning on apiVersion in 1.30', () => {
  const finding = onlyFinding(flowSchema, '1.30');
  assert.equal(finding.rule, 'deprecated-api-version');
  assert.equal(finding.severity, 'warning');
  assert.equal(finding.message, 'flowcontrol.apiserver.k8s.io/v1beta3 FlowSchema is deprecated in v1.29+, unavailable in v1.32+; use flowcontrol.apiserver.k8s.io/v1 FlowSchema');
  assert.equal(finding.text, 'flowcontrol.apiserver.k8s.io/v1beta3');
});

test('once the deprecated apiVersion is removed, the removal error is the only finding', () => {
  assert.equal(onlyFinding(flowSchema, '1.32').rule, 'unknown-api');
});

test('the GA apiVersion gets no deprecation warning', () => {
  assert.deepEqual(checkText(flowSchema.replace('v1beta3', 'v1'), '1.30').findings, []);
});

// pkg/registry/apps/deployment/strategy.go and pkg/registry/core/pod/strategy.go: WarningsOnCreate.
test('a Deployment named with a dot is told a DNS label is recommended, on the name', () => {
  const finding = onlyFinding(deployment(app).replace('name: web\nspec', 'name: web.v2\nspec'));
  assert.equal(finding.rule, 'name-dns-label');
  assert.match(
    finding.message,
    /^metadata\.name: this is used in Pod names and hostnames, which can result in surprising behavior; a DNS label is recommended: \[a lowercase RFC 1123 label must consist of/,
  );
  assert.equal(finding.text, 'web.v2');
});

test("a Pod's name warning speaks of the Pod's hostname", () => {
  const finding = onlyFinding(`apiVersion: v1\nkind: Pod\nmetadata: {name: web.v2}\nspec:\n  ${app.replace(/\n/g, '\n  ')}\n`);
  assert.match(finding.message, /^metadata\.name: this is used in the Pod's hostname, which can result in surprising behavior; a DNS label is recommended: \[/);
});

test('a ConfigMap named with dots gets no hostname warning', () => {
  assert.deepEqual(checkText('apiVersion: v1\nkind: ConfigMap\nmetadata: {name: app.config}\ndata: {a: b}\n').findings, []);
});

// pkg/api/pod/warnings.go: warningsForPodSpecAndMeta, nodeapi.GetNodeLabelDeprecatedMessage (pkg/api/node/util.go).
test('a deprecated node label in nodeSelector is warned about on the key, under the template path', () => {
  const finding = onlyFinding(deployment(`nodeSelector:\n  beta.kubernetes.io/os: linux\n${app}`));
  assert.equal(finding.rule, 'deprecated-node-label');
  assert.equal(finding.message, 'spec.template.spec.nodeSelector[beta.kubernetes.io/os]: deprecated since v1.14; use "kubernetes.io/os" instead');
  assert.equal(finding.text, 'beta.kubernetes.io/os');
});

// pkg/api/node/util.go: GetWarningsForNodeSelectorTerm ("%s: %s is %s").
test('a deprecated node label in a node affinity term names the label', () => {
  const spec = yaml`
    affinity:
      nodeAffinity:
        preferredDuringSchedulingIgnoredDuringExecution:
        - weight: 1
          preference:
            matchExpressions:
            - {key: failure-domain.beta.kubernetes.io/zone, operator: In, values: [a]}
  `;
  assert.deepEqual(messages(deployment(spec + app)), [
    'spec.template.spec.affinity.nodeAffinity.preferredDuringSchedulingIgnoredDuringExecution[0].preference.matchExpressions[0].key: failure-domain.beta.kubernetes.io/zone is deprecated since v1.17; use "topology.kubernetes.io/zone" instead',
  ]);
});

test('the current node labels get no warning', () => {
  assert.deepEqual(checkText(deployment(`nodeSelector:\n  kubernetes.io/os: linux\n${app}`)).findings, []);
});

// pkg/api/pod/warnings.go: deprecatedAnnotations.
test('the critical-pod annotation on a pod template is non-functional, on the annotation key', () => {
  const finding = onlyFinding(deployment(app, 'scheduler.alpha.kubernetes.io/critical-pod: ""'));
  assert.equal(finding.rule, 'deprecated-annotation');
  assert.equal(finding.message, 'spec.template.metadata.annotations[scheduler.alpha.kubernetes.io/critical-pod]: non-functional in v1.16+; use the "priorityClassName" field instead');
  assert.equal(finding.text, 'scheduler.alpha.kubernetes.io/critical-pod');
});

// pkg/api/pod/warnings.go: the container AppArmor annotation without an appArmorProfile field (templates only).
test('a container AppArmor annotation on a template is deprecated unless the field is set', () => {
  const annotation = 'container.apparmor.security.beta.kubernetes.io/app: runtime/default';
  assert.deepEqual(messages(deployment(app, annotation)), [
    'spec.template.metadata.annotations[container.apparmor.security.beta.kubernetes.io/app]: deprecated since v1.30; use the "appArmorProfile" field instead',
  ]);
  assert.deepEqual(messages(deployment(`securityContext:\n  appArmorProfile: {type: RuntimeDefault}\n${app}`, annotation)), []);
});

// pkg/api/pod/warnings.go: the pod seccomp annotation without a pod seccompProfile field.
test('the pod seccomp annotation on a template is non-functional unless the field is set', () => {
  const annotation = 'seccomp.security.alpha.kubernetes.io/pod: runtime/default';
  assert.deepEqual(messages(deployment(app, annotation)), [
    'spec.template.metadata.annotations[seccomp.security.alpha.kubernetes.io/pod]: non-functional in v1.27+; use the "seccompProfile" field instead',
  ]);
  assert.deepEqual(messages(deployment(`securityContext:\n  seccompProfile: {type: RuntimeDefault}\n${app}`, annotation)), []);
});

// pkg/api/persistentvolumeclaim/util.go: GetWarningsForPersistentVolumeClaim.
test('the beta storage-class annotation on a PVC is deprecated', () => {
  const text = yaml`
    apiVersion: v1
    kind: PersistentVolumeClaim
    metadata:
      name: data
      annotations: {volume.beta.kubernetes.io/storage-class: fast}
    spec:
      accessModes: [ReadWriteOnce]
      resources: {requests: {storage: 1Gi}}
  `;
  assert.equal(onlyFinding(text).message, 'metadata.annotations[volume.beta.kubernetes.io/storage-class]: deprecated since v1.8; use "storageClassName" attribute instead');
});

// pkg/api/service/warnings.go: GetWarningsForService, the topology-aware-hints annotation.
test('the topology-aware-hints annotation on a Service is deprecated, in words without a path', () => {
  const text = yaml`
    apiVersion: v1
    kind: Service
    metadata:
      name: web
      annotations: {service.kubernetes.io/topology-aware-hints: auto}
    spec:
      selector: {app: web}
      ports: [{port: 80}]
  `;
  const finding = onlyFinding(text);
  assert.equal(finding.message, 'annotation service.kubernetes.io/topology-aware-hints is deprecated, please use service.kubernetes.io/topology-mode instead');
  assert.equal(finding.text, 'service.kubernetes.io/topology-aware-hints');
});

// pkg/api/pod/warnings.go: deprecated and removed volume plugins.
test('a gitRepo volume is deprecated, on the plugin key', () => {
  const finding = onlyFinding(deployment(`volumes:\n- name: src\n  gitRepo: {repository: "https://example.com/x.git"}\n${app}`));
  assert.equal(finding.rule, 'deprecated-volume-plugin');
  assert.equal(finding.message, 'spec.template.spec.volumes[0].gitRepo: deprecated in v1.11');
  assert.equal(finding.text, 'gitRepo');
});

// pkg/api/pod/warnings.go: fractional memory/ephemeral-storage requests and limits (MilliValue() % 1000, String()).
test('a memory limit in millibytes is a fractional byte value, in canonical form', () => {
  const finding = onlyFinding(deployment(`${app}\n  resources:\n    limits: {memory: 100m}`));
  assert.equal(finding.rule, 'fractional-byte-value');
  assert.equal(finding.message, 'spec.template.spec.containers[0].resources.limits[memory]: fractional byte value "100m" is invalid, must be an integer');
  assert.equal(finding.text, '100m');
});

test('a decimal memory request is printed as the API server prints the quantity', () => {
  assert.deepEqual(messages(deployment(`${app}\n  resources:\n    requests: {memory: "1.5"}`)), [
    'spec.template.spec.containers[0].resources.requests[memory]: fractional byte value "1500m" is invalid, must be an integer',
  ]);
});

test('whole bytes written with a fraction and a suffix are not fractional', () => {
  assert.deepEqual(messages(deployment(`${app}\n  resources:\n    requests: {memory: 0.5Gi, ephemeral-storage: 1.5k}`)), []);
});

// pkg/api/persistentvolumeclaim/util.go: GetWarningsForPersistentVolumeClaimSpec.
test('a fractional PVC storage request is warned about', () => {
  const text = yaml`
    apiVersion: v1
    kind: PersistentVolumeClaim
    metadata: {name: data}
    spec:
      accessModes: [ReadWriteOnce]
      resources: {requests: {storage: "2.5"}}
  `;
  assert.equal(onlyFinding(text).message, 'spec.resources.requests[storage]: fractional byte value "2500m" is invalid, must be an integer');
});

// pkg/api/pod/warnings.go: duplicate containers[*].env; the ", which may be dropped when using apply" from 1.31.
const duplicateEnv = deployment(`${app}\n  env:\n  - {name: MODE, value: a}\n  - {name: MODE, value: b}`);

test('an env var defined twice hides the first definition, on the second name', () => {
  const finding = onlyFinding(duplicateEnv, '1.36');
  assert.equal(finding.rule, 'duplicate-env');
  assert.equal(finding.message, 'spec.template.spec.containers[0].env[1]: hides previous definition of "MODE", which may be dropped when using apply');
  assert.equal(finding.line, 17);
  assert.equal(finding.text, 'MODE');
});

test('in 1.30 the duplicate env warning ends after the name', () => {
  assert.equal(onlyFinding(duplicateEnv, '1.30').message, 'spec.template.spec.containers[0].env[1]: hides previous definition of "MODE"');
});

test('a redefinition that extends the earlier value with $(NAME) is not warned about', () => {
  assert.deepEqual(messages(deployment(`${app}\n  env:\n  - {name: PATH, value: /bin}\n  - {name: PATH, value: "$(PATH):/opt/bin"}`)), []);
});

// pkg/api/pod/warnings.go: ports accumulated across all containers.
test('the same container port in two containers is a duplicate port definition', () => {
  const spec = 'containers:\n- name: a\n  image: "nginx:1.25"\n  ports: [{containerPort: 8080}]\n- name: b\n  image: "nginx:1.25"\n  ports: [{containerPort: 8080}]';
  const finding = onlyFinding(deployment(spec));
  assert.equal(finding.rule, 'container-port-warnings');
  assert.equal(finding.message, 'spec.template.spec.containers[1].ports[0]: duplicate port definition with spec.template.spec.containers[0].ports[0]');
});

test('hostIP without hostPort is warned about with the port as Go prints it', () => {
  assert.deepEqual(messages(deployment(`${app}\n  ports: [{name: http, containerPort: 80, hostIP: 127.0.0.1}]`)), [
    'spec.template.spec.containers[0].ports[0]: hostIP set without hostPort: {Name:http HostPort:0 ContainerPort:80 Protocol:TCP HostIP:127.0.0.1}',
  ]);
});

test('the same port number with different protocols is no conflict', () => {
  assert.deepEqual(messages(deployment(`${app}\n  ports: [{containerPort: 53}, {containerPort: 53, protocol: UDP}]`)), []);
});

// pkg/api/pod/warnings.go: terminationGracePeriodSeconds, topologySpreadConstraints and pod affinity labelSelector.
test('a negative terminationGracePeriodSeconds is treated as 1', () => {
  assert.deepEqual(messages(deployment(`terminationGracePeriodSeconds: -1\n${app}`)), [
    'spec.template.spec.terminationGracePeriodSeconds: must be >= 0; negative values are invalid and will be treated as 1',
  ]);
});

test('a topology spread constraint without labelSelector matches no pod', () => {
  const spec = `topologySpreadConstraints:\n- {maxSkew: 1, topologyKey: kubernetes.io/hostname, whenUnsatisfiable: DoNotSchedule}\n${app}`;
  const finding = onlyFinding(deployment(spec));
  assert.equal(finding.rule, 'pod-spec-warnings');
  assert.equal(finding.message, 'spec.template.spec.topologySpreadConstraints[0].labelSelector: a null labelSelector results in matching no pod');
});

test('a preferred pod anti-affinity term without labelSelector matches no pod', () => {
  const spec = yaml`
    affinity:
      podAntiAffinity:
        preferredDuringSchedulingIgnoredDuringExecution:
        - weight: 100
          podAffinityTerm: {topologyKey: kubernetes.io/hostname}
  `;
  assert.deepEqual(messages(deployment(spec + app)), [
    'spec.template.spec.affinity.podAntiAffinity.preferredDuringSchedulingIgnoredDuringExecution[0].podAffinityTerm.labelSelector: a null labelSelector results in matching no pod',
  ]);
});

test('duplicate hostAliases IPs and imagePullSecrets are warned about at the repeat', () => {
  const spec = `hostAliases:\n- {ip: 10.0.0.1, hostnames: [a]}\n- {ip: 10.0.0.1, hostnames: [b]}\nimagePullSecrets: [{name: reg}, {name: reg}]\n${app}`;
  assert.deepEqual(messages(deployment(spec)).sort(), ['spec.template.spec.hostAliases[1].ip: duplicate ip "10.0.0.1"', 'spec.template.spec.imagePullSecrets[1].name: duplicate name "reg"']);
});

test('a clean Deployment gets no warning in any version', () => {
  for (const version of ['1.30', '1.32', '1.33', '1.34', '1.36'] as const) assert.deepEqual(checkText(deployment(app), version).findings, []);
});

// k8s.io/apiserver pkg/registry/rest/create.go BeforeCreate: strategy.Validate first, returning the Invalid error;
// only an accepted object reaches strategy.WarningsOnCreate. The deprecation warning is added for every request of
// a deprecated version (pkg/endpoints/installer.go), refused or not.
test('an object the API server refuses gets its validation error and none of its create warnings', () => {
  const refused = deployment(
    `${app}\n  env:\n  - {name: MODE, value: a}\n  - {name: MODE, value: b}\ntopologySpreadConstraints: [{maxSkew: 0, topologyKey: zone, whenUnsatisfiable: DoNotSchedule, labelSelector: {}}]`,
  );
  assert.deepEqual(
    checkText(refused, '1.36').findings.map((f) => f.rule),
    ['topology-spread-constraints'],
  );
});
