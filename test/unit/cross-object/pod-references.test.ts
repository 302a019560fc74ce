/** `missing-config-reference` and `missing-reference`. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { crossCheck, deployment, rulesOf } from './workspace';

const withPod = (podSpec: string) => deployment('web', '{app: web}', { podSpec });
const configMap = 'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: settings}\ndata: {level: debug}\n';
const secret = 'apiVersion: v1\nkind: Secret\nmetadata: {name: creds}\nstringData: {password: hunter2}\n';
const container = (extra: string) => `      containers:
        - name: app
          image: nginx:1.27
${extra}`;

test('an env value from a ConfigMap that is not in the workspace is a warning on its name', () => {
  const findings = crossCheck({ 'deploy.yaml': withPod(container('          env: [{name: LEVEL, valueFrom: {configMapKeyRef: {name: setings, key: level}}}]')), 'cm.yaml': configMap });
  assert.deepEqual(
    findings.map((f) => [f.rule, f.severity, f.text]),
    [['missing-config-reference', 'warning', 'setings']],
  );
  assert.equal(findings[0]!.path, 'spec.template.spec.containers[0].env[0].valueFrom.configMapKeyRef.name');
});

test('a key missing from an existing ConfigMap or Secret is a warning on the key', () => {
  const env = '          env:\n            - {name: A, valueFrom: {configMapKeyRef: {name: settings, key: levl}}}\n            - {name: B, valueFrom: {secretKeyRef: {name: creds, key: pasword}}}';
  const findings = crossCheck({ 'deploy.yaml': withPod(container(env)), 'cm.yaml': configMap, 'secret.yaml': secret });
  assert.deepEqual(
    findings.map((f) => [f.rule, f.severity, f.text]),
    [
      ['missing-config-reference', 'warning', 'levl'],
      ['missing-config-reference', 'warning', 'pasword'],
    ],
  );
});

test('references to existing ConfigMaps, Secrets and keys are quiet', () => {
  const env = '          env: [{name: A, valueFrom: {configMapKeyRef: {name: settings, key: level}}}]\n          envFrom: [{secretRef: {name: creds}}]';
  const volumes =
    '      volumes:\n        - {name: a, configMap: {name: settings, items: [{key: level, path: level}]}}\n        - {name: b, secret: {secretName: creds}}\n        - {name: c, projected: {sources: [{configMap: {name: settings}}, {secret: {name: creds, items: [{key: password, path: p}]}}]}}';
  assert.deepEqual(rulesOf({ 'deploy.yaml': withPod(container(env) + '\n' + volumes), 'cm.yaml': configMap, 'secret.yaml': secret }), []);
});

test('optional references are never reported', () => {
  const env = '          env: [{name: A, valueFrom: {configMapKeyRef: {name: nowhere, key: x, optional: true}}}]\n          envFrom: [{configMapRef: {name: nowhere, optional: true}}]';
  const volumes = '      volumes: [{name: a, secret: {secretName: nowhere, optional: true}}]';
  assert.deepEqual(rulesOf({ 'deploy.yaml': withPod(container(env) + '\n' + volumes) }), []);
});

test('a Secret absent from the workspace is information: it may be created in the cluster', () => {
  const findings = crossCheck({ 'deploy.yaml': withPod(container('          envFrom: [{secretRef: {name: vault}}]') + '\n      imagePullSecrets: [{name: registry}]'), 'secret.yaml': secret });
  assert.deepEqual(
    findings.map((f) => [f.rule, f.severity, f.text]),
    [
      ['missing-config-reference', 'information', 'vault'],
      ['missing-config-reference', 'information', 'registry'],
    ],
  );
});

test('projected volume sources are checked', () => {
  const volumes = '      volumes: [{name: c, projected: {sources: [{configMap: {name: gone}}]}}]';
  assert.deepEqual(rulesOf({ 'deploy.yaml': withPod(container('') + volumes), 'cm.yaml': configMap }), ['missing-config-reference']);
});

test('ConfigMaps a kustomize generator makes count as present', () => {
  const kustomization = 'apiVersion: kustomize.config.k8s.io/v1beta1\nkind: Kustomization\nconfigMapGenerator: [{name: generated, literals: [a=b]}]\n';
  assert.deepEqual(rulesOf({ 'deploy.yaml': withPod(container('          envFrom: [{configMapRef: {name: generated}}]')), 'kustomization.yaml': kustomization }), []);
});

test('ServiceAccounts, claims and PriorityClasses missing beside others of their kind are information', () => {
  const spec = container('') + '      serviceAccountName: builder\n      priorityClassName: high\n      volumes: [{name: data, persistentVolumeClaim: {claimName: data}}]';
  const others =
    'apiVersion: v1\nkind: ServiceAccount\nmetadata: {name: deployer}\n---\napiVersion: scheduling.k8s.io/v1\nkind: PriorityClass\nmetadata: {name: low}\nvalue: 10\n---\napiVersion: v1\nkind: PersistentVolumeClaim\nmetadata: {name: logs}\nspec: {accessModes: [ReadWriteOnce], resources: {requests: {storage: 1Gi}}}\n';
  const findings = crossCheck({ 'deploy.yaml': withPod(spec), 'others.yaml': others });
  assert.deepEqual(
    findings.map((f) => [f.rule, f.severity, f.text]),
    [
      ['missing-reference', 'information', 'builder'],
      ['missing-reference', 'information', 'high'],
      ['missing-reference', 'information', 'data'],
    ],
  );
  assert.deepEqual(rulesOf({ 'deploy.yaml': withPod(spec) }), []);
});

test('the default ServiceAccount and the built-in PriorityClasses are never reported', () => {
  assert.deepEqual(rulesOf({ 'deploy.yaml': withPod(container('') + '      serviceAccountName: default\n      priorityClassName: system-cluster-critical') }), []);
});

test('a StatefulSet volume replaced by its claim template is not a missing claim', () => {
  const sts = `apiVersion: apps/v1
kind: StatefulSet
metadata: {name: db}
spec:
  serviceName: db
  selector: {matchLabels: {app: db}}
  template:
    metadata: {labels: {app: db}}
    spec:
      containers: [{name: db, image: postgres:16}]
      volumes: [{name: data, persistentVolumeClaim: {claimName: data}}]
  volumeClaimTemplates: [{metadata: {name: data}, spec: {accessModes: [ReadWriteOnce], resources: {requests: {storage: 1Gi}}}}]
`;
  assert.deepEqual(rulesOf({ 'sts.yaml': sts }), []);
});

test('references into a namespace without any ConfigMap or Secret in the workspace are quiet', () => {
  assert.deepEqual(rulesOf({ 'deploy.yaml': withPod(container('          envFrom: [{configMapRef: {name: settings}}, {secretRef: {name: creds}}]')) }), []);
});

test('keys are not looked for in a Secret with no data at all, a placeholder filled in elsewhere', () => {
  const placeholder = 'apiVersion: v1\nkind: Secret\nmetadata: {name: creds}\ndata: {}\n';
  assert.deepEqual(rulesOf({ 'deploy.yaml': withPod(container('          env: [{name: A, valueFrom: {secretKeyRef: {name: creds, key: password}}}]')), 'secret.yaml': placeholder }), []);
});

const SERVICE_ACCOUNT = 'apiVersion: v1\nkind: ServiceAccount\nmetadata: {name: deployer}\n';

// pkg/apis/core/v1/conversion.go Convert_v1_PodSpec_To_core_PodSpec: an empty serviceAccountName takes the deprecated serviceAccount.
test('the deprecated serviceAccount names the ServiceAccount when serviceAccountName is unset', () => {
  const findings = crossCheck({ 'deploy.yaml': withPod(container('') + '      serviceAccount: builder'), 'sa.yaml': SERVICE_ACCOUNT });
  assert.deepEqual(
    findings.map((f) => [f.rule, f.path, f.text]),
    [['missing-reference', 'spec.template.spec.serviceAccount', 'builder']],
  );
  assert.deepEqual(rulesOf({ 'deploy.yaml': withPod(container('') + '      serviceAccount: deployer'), 'sa.yaml': SERVICE_ACCOUNT }), []);
});

// Convert_v1_PodSpec_To_core_PodSpec: when both are set, serviceAccountName wins and the alias is ignored.
test('serviceAccountName wins over the deprecated serviceAccount', () => {
  assert.deepEqual(rulesOf({ 'deploy.yaml': withPod(container('') + '      serviceAccountName: deployer\n      serviceAccount: builder'), 'sa.yaml': SERVICE_ACCOUNT }), []);
});

test('a ConfigMap reference within two edits of a ConfigMap in the namespace suggests it', () => {
  const findings = crossCheck({ 'deploy.yaml': withPod(container('          envFrom: [{configMapRef: {name: setings}}]')), 'cm.yaml': configMap });
  assert.equal(findings[0]!.message, 'ConfigMap "setings" not found in namespace "default"; did you mean "settings"?');
});

test('a Secret reference within two edits of a Secret in the namespace suggests it after the cluster note', () => {
  const findings = crossCheck({ 'deploy.yaml': withPod(container('          envFrom: [{secretRef: {name: cred}}]')), 'secret.yaml': secret });
  assert.equal(findings[0]!.message, 'Secret "cred" not found in namespace "default" in the workspace; it must exist in the cluster; did you mean "creds"?');
});

test('a reference more than two edits from every name suggests nothing', () => {
  const findings = crossCheck({ 'deploy.yaml': withPod(container('          envFrom: [{configMapRef: {name: other}}]')), 'cm.yaml': configMap });
  assert.equal(findings[0]!.message, 'ConfigMap "other" not found in namespace "default"');
});

test('a near name in another namespace is not suggested', () => {
  const elsewhere = configMap.replace('{name: settings}', '{name: settings, namespace: ops}');
  const findings = crossCheck({
    'deploy.yaml': withPod(container('          envFrom: [{configMapRef: {name: setings}}]')),
    'cm.yaml': configMap.replace('settings', 'unrelated'),
    'ops.yaml': elsewhere,
  });
  assert.equal(findings[0]!.message, 'ConfigMap "setings" not found in namespace "default"');
});
