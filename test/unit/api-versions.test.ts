import { test } from 'node:test';
import assert from 'node:assert/strict';
import { SUPPORTED_VERSIONS } from '../../server/src/schema/versions';
import { checkText, onlyFinding, yaml } from '../helpers/check-text';

test('policy/v1beta1 PodDisruptionBudget is reported as removed in every supported version', () => {
  const text = 'apiVersion: policy/v1beta1\nkind: PodDisruptionBudget\nmetadata:\n  name: pdb\nspec:\n  minAvailable: 1\n  selector: {matchLabels: {app: web}}\n';
  for (const version of SUPPORTED_VERSIONS) {
    const finding = onlyFinding(text, version);
    assert.equal(finding.rule, 'unknown-api', version);
    assert.equal(finding.severity, 'error');
    assert.equal(
      finding.message,
      'no matches for kind "PodDisruptionBudget" in version "policy/v1beta1": policy/v1beta1 PodDisruptionBudget was removed in Kubernetes 1.25; use apiVersion: policy/v1',
    );
    assert.equal(finding.text, 'policy/v1beta1');
  }
});

test('batch/v1beta1 CronJob says it was removed in 1.25 and to use batch/v1', () => {
  const finding = onlyFinding('apiVersion: batch/v1beta1\nkind: CronJob\nmetadata: {name: c}\nspec:\n  schedule: "@daily"\n', '1.30');
  assert.equal(finding.message, 'no matches for kind "CronJob" in version "batch/v1beta1": batch/v1beta1 CronJob was removed in Kubernetes 1.25; use apiVersion: batch/v1');
});

test('extensions/v1beta1 Deployment says it was removed in 1.16, to use apps/v1, and that spec.selector is then required', () => {
  // The deprecated-API migration guide (kubernetes.io/docs/reference/using-api/deprecation-guide, "Deployment",
  // v1.16): "spec.selector is now required and immutable after creation; use the existing template labels".
  const finding = onlyFinding('apiVersion: extensions/v1beta1\nkind: Deployment\nmetadata: {name: d}\n');
  assert.equal(
    finding.message,
    `no matches for kind "Deployment" in version "extensions/v1beta1": extensions/v1beta1 Deployment was removed in Kubernetes 1.16; use apiVersion: apps/v1, and by hand: spec.selector is required (the template's labels keep existing objects matched)`,
  );
});

test('a misspelt kind is flagged on the kind with the near miss its version serves', () => {
  // kubectl's part is meta.NoKindMatchError's `no matches for kind "Servce" in version "v1"`; the rest is ours.
  const finding = onlyFinding('apiVersion: v1\nkind: Servce\nmetadata: {name: web}\n');
  assert.equal(finding.message, 'no matches for kind "Servce" in version "v1": Kubernetes 1.36 has no such kind; did you mean "Service"?');
  assert.equal(finding.text, 'Servce');
  assert.equal(finding.path, 'kind');
});

test('a kind in the wrong letter case is offered the kind its version serves', () => {
  const finding = onlyFinding('apiVersion: apps/v1\nkind: deployment\nmetadata: {name: web}\n');
  assert.equal(finding.message, 'no matches for kind "deployment" in version "apps/v1": Kubernetes 1.36 has no such kind; did you mean "Deployment"?');
});

test('a kind near nothing its version serves gets no suggestion', () => {
  const finding = onlyFinding('apiVersion: v1\nkind: Zebra\nmetadata: {name: z}\n');
  assert.equal(finding.message, 'no matches for kind "Zebra" in version "v1": Kubernetes 1.36 has no such kind');
  assert.equal(finding.text, 'Zebra');
});

test('a removed API gets one finding, not a wall of schema errors', () => {
  const text = yaml`
    apiVersion: extensions/v1beta1
    kind: Ingress
    metadata:
      name: old
    spec:
      backend:
        serviceName: web
        servicePort: 80
      rules:
        - http:
            paths:
              - path: /
                backend: {serviceName: web, servicePort: http}
  `;
  assert.equal(onlyFinding(text).rule, 'unknown-api');
});

test('a kind that only a newer version serves is not served by the older one, which names what it serves', () => {
  const text = 'apiVersion: resource.k8s.io/v1\nkind: DeviceClass\nmetadata: {name: gpu}\nspec: {}\n';
  const finding = onlyFinding(text, '1.32');
  assert.equal(finding.rule, 'unknown-api');
  assert.match(finding.message, /^no matches for kind "DeviceClass" in version "resource\.k8s\.io\/v1": Kubernetes 1\.32 serves DeviceClass as /);
  assert.match(finding.message, /"resource\.k8s\.io\/v1beta1"/);
  assert.deepEqual(checkText(text, '1.34').findings, []);
});

test('a built-in kind under the wrong apiVersion names the apiVersion that serves it', () => {
  const finding = onlyFinding('apiVersion: v1\nkind: Deployment\nmetadata: {name: d}\n');
  assert.equal(finding.message, 'no matches for kind "Deployment" in version "v1": Kubernetes 1.36 serves Deployment as "apps/v1"');
});

test('a custom resource gets only a hint that no schema is known', () => {
  const { findings, objects } = checkText('apiVersion: example.com/v1\nkind: Widget\nmetadata: {name: w}\nspec: {anything: [1, 2]}\n');
  assert.equal(objects.length, 1);
  assert.equal(findings.length, 1);
  assert.equal(findings[0]!.severity, 'hint');
  assert.equal(findings[0]!.rule, 'no-schema');
});

test('Gateway API kinds are custom resources (installed by CRD), so they get only a hint', () => {
  const text = yaml`
    apiVersion: gateway.networking.k8s.io/v1
    kind: HTTPRoute
    metadata:
      name: web
    spec:
      parentRefs: [{name: gateway}]
      rules: [{backendRefs: [{name: web, port: 80}]}]
  `;
  const { findings } = checkText(text);
  assert.deepEqual(
    findings.map((f) => f.severity),
    ['hint'],
  );
});

test('CSI snapshot kinds (snapshot.storage.k8s.io) are custom resources, so they get only a hint', () => {
  const text = 'apiVersion: snapshot.storage.k8s.io/v1\nkind: VolumeSnapshot\nmetadata: {name: snap}\nspec:\n  source: {persistentVolumeClaimName: data}\n';
  assert.deepEqual(
    checkText(text).findings.map((f) => f.severity),
    ['hint'],
  );
});

test('YAML with neither apiVersion nor kind gets no findings', () => {
  const workflow = yaml`
    name: ci
    on:
      push:
        branches: [main]
    jobs:
      test:
        runs-on: ubuntu-latest
        steps:
          - run: npm test
  `;
  const compose = 'services:\n  web:\n    image: nginx\n    ports: ["8080:80"]\n';
  assert.deepEqual(checkText(workflow), { objects: [], findings: [] });
  assert.deepEqual(checkText(compose), { objects: [], findings: [] });
});

test("a lone kind that is not a Kubernetes kind is somebody else's YAML", () => {
  assert.deepEqual(checkText('kind: Config\nclusters: []\n').findings, []);
});

test('a Kubernetes kind without apiVersion says apiVersion is not set', () => {
  const finding = onlyFinding('kind: ConfigMap\nmetadata: {name: a}\n');
  assert.equal(finding.message, 'error validating data: apiVersion not set');
});

test('an apiVersion without kind says kind is not set', () => {
  const finding = onlyFinding('apiVersion: v1\nmetadata: {name: a}\n');
  assert.equal(finding.message, 'error validating data: kind not set');
});

test('the items of a kind: List are validated, with paths relative to the item', () => {
  const text = yaml`
    apiVersion: v1
    kind: List
    items:
      - apiVersion: v1
        kind: Service
        metadata: {name: web}
        spec:
          ports: [{port: 80}]
      - apiVersion: apps/v1
        kind: Deployment
        metadata: {name: web}
        spec:
          replica: 1
          selector: {matchLabels: {app: web}}
          template:
            metadata: {labels: {app: web}}
            spec: {containers: [{name: web, image: nginx}]}
  `;
  const { objects, findings } = checkText(text);
  assert.deepEqual(
    objects.map((o) => o.kind),
    ['Service', 'Deployment'],
  );
  assert.equal(findings.length, 1);
  assert.equal(findings[0]!.path, 'spec.replica');
  assert.equal(findings[0]!.kind, 'Deployment');
  assert.equal(findings[0]!.text, 'replica');
  assert.equal(findings[0]!.line, 13);
});

test('flowcontrol v1beta3 is removed from 1.32 on, though the 1.36 client models still carry it; 1.30 serves it', () => {
  const text = 'apiVersion: flowcontrol.apiserver.k8s.io/v1beta3\nkind: FlowSchema\nmetadata: {name: f}\nspec:\n  priorityLevelConfiguration: {name: global-default}\n';
  assert.equal(
    onlyFinding(text, '1.36').message,
    'no matches for kind "FlowSchema" in version "flowcontrol.apiserver.k8s.io/v1beta3": flowcontrol.apiserver.k8s.io/v1beta3 FlowSchema was removed in Kubernetes 1.32; use apiVersion: flowcontrol.apiserver.k8s.io/v1',
  );
  // 1.30 serves it, deprecated (APILifecycleDeprecated 1.29): the API server's deprecation warning is all it gets.
  assert.deepEqual(
    checkText(text, '1.30').findings.map((f) => [f.rule, f.severity]),
    [['deprecated-api-version', 'warning']],
  );
});
