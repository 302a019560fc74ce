/** `service-selects-nothing` and `service-target-port`. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { crossCheck, deployment, rulesOf, service } from './workspace';

const web = deployment('web', '{app: web}');

test('a Service whose selector matches no pod template is reported on its selector', () => {
  const findings = crossCheck({ 'svc.yaml': service('web', '  selector: {app: wbe}\n  ports: [{port: 80}]'), 'deploy.yaml': web });
  assert.equal(findings.length, 1);
  assert.equal(findings[0]!.rule, 'service-selects-nothing');
  assert.equal(findings[0]!.severity, 'warning');
  assert.equal(findings[0]!.file, 'svc.yaml');
  assert.equal(findings[0]!.text, 'selector');
  assert.match(findings[0]!.message, /app=wbe/);
});

test('a Service matching a pod template in another file is quiet', () => {
  assert.deepEqual(rulesOf({ 'svc.yaml': service('web', '  selector: {app: web}\n  ports: [{port: 80, targetPort: http}]'), 'deploy.yaml': web }), []);
});

test('a Service does not select pods of another namespace', () => {
  const other = deployment('web', '{app: web}', { namespace: 'shop' });
  const api = deployment('api', '{app: api}');
  assert.deepEqual(rulesOf({ 'svc.yaml': service('web', '  selector: {app: web}\n  ports: [{port: 80}]'), 'deploy.yaml': other, 'api.yaml': api }), ['service-selects-nothing']);
});

test('a Service in a namespace whose workloads are not in the workspace is quiet', () => {
  assert.deepEqual(rulesOf({ 'svc.yaml': service('web', '  selector: {app: web}\n  ports: [{port: 80}]'), 'deploy.yaml': deployment('api', '{app: api}', { namespace: 'shop' }) }), []);
});

// A Service's endpoints come from pods of its own namespace (pkg/controller/endpointslice: the pod lister is read in service.Namespace).
test('a Service whose selector matches pod templates only in another namespace names that namespace', () => {
  const findings = crossCheck({ 'svc.yaml': service('web', '  selector: {app: web}\n  ports: [{port: 80}]'), 'deploy.yaml': deployment('web', '{app: web}', { namespace: 'shop' }) });
  assert.deepEqual(
    findings.map((f) => [f.rule, f.severity, f.path, f.text, f.message]),
    [
      [
        'service-selects-nothing',
        'warning',
        'spec.selector',
        'selector',
        'Service "web" in namespace "default" selects no pods: the pod templates with the labels app=web are in namespace "shop" (Deployment/web), and a Service selects pods of its own namespace only, so it will have no endpoints',
      ],
    ],
  );
});

test('a Service matching pod templates in its own namespace is quiet even when other namespaces match too', () => {
  const other = deployment('web', '{app: web}', { namespace: 'shop' });
  assert.deepEqual(rulesOf({ 'svc.yaml': service('web', '  selector: {app: web}\n  ports: [{port: 80}]', 'shop'), 'deploy.yaml': other, 'default.yaml': deployment('web', '{app: web}') }), []);
});

test('an unset namespace is "default"', () => {
  const inDefault = deployment('web', '{app: web}', { namespace: 'default' });
  assert.deepEqual(rulesOf({ 'svc.yaml': service('web', '  selector: {app: web}\n  ports: [{port: 80}]'), 'deploy.yaml': inDefault }), []);
});

test('Services without a selector, ExternalName Services and pod-name selectors are not reported', () => {
  assert.deepEqual(
    rulesOf({
      'manual.yaml': service('manual', '  ports: [{port: 80}]'),
      'external.yaml': service('db', '  type: ExternalName\n  externalName: db.example.com\n  selector: {app: db}'),
      'pod.yaml': service('pod-0', '  selector: {statefulset.kubernetes.io/pod-name: db-0}\n  ports: [{port: 80}]'),
    }),
    [],
  );
});

test('pod templates of CronJobs and bare Pods are selected too', () => {
  const cronJob =
    'apiVersion: batch/v1\nkind: CronJob\nmetadata: {name: tick}\nspec:\n  schedule: "* * * * *"\n  jobTemplate: {spec: {template: {metadata: {labels: {app: tick}}, spec: {restartPolicy: OnFailure, containers: [{name: c, image: busybox}]}}}}\n';
  const pod = 'apiVersion: v1\nkind: Pod\nmetadata: {name: one, labels: {app: one}}\nspec: {containers: [{name: c, image: busybox}]}\n';
  assert.deepEqual(
    rulesOf({
      'cron.yaml': cronJob,
      'pod.yaml': pod,
      'svc.yaml': service('tick', '  selector: {app: tick}\n  ports: [{port: 80}]') + '---\n' + service('one', '  selector: {app: one}\n  ports: [{port: 80}]'),
    }),
    [],
  );
});

test('a named targetPort no selected container declares is reported on the targetPort', () => {
  const findings = crossCheck({ 'svc.yaml': service('web', '  selector: {app: web}\n  ports: [{port: 80, targetPort: htp}]'), 'deploy.yaml': web });
  assert.equal(findings.length, 1);
  assert.equal(findings[0]!.rule, 'service-target-port');
  assert.equal(findings[0]!.path, 'spec.ports[0].targetPort');
  assert.equal(findings[0]!.text, 'htp');
});

// The port name a misspelt targetPort most likely meant, among the selected pods' ports of its protocol, is
// kubeplan's suggestion (within two edits, as kubectl's did-you-mean: schema/did-you-mean.ts); FindPort
// (pkg/api/v1/pod/util.go) matches names exactly.
test("a misspelt targetPort names the selected pods' port it likely meant", () => {
  const [finding] = crossCheck({ 'svc.yaml': service('web', '  selector: {app: web}\n  ports: [{port: 80, targetPort: htp}]'), 'deploy.yaml': web });
  assert.match(finding!.message, /\(Deployment\/web\); did you mean "http"\?$/);
});

test('a named targetPort declared for another protocol is reported', () => {
  assert.deepEqual(rulesOf({ 'svc.yaml': service('web', '  selector: {app: web}\n  ports: [{port: 53, targetPort: http, protocol: UDP}]'), 'deploy.yaml': web }), ['service-target-port']);
});

test('a numeric targetPort is used as it is and never reported', () => {
  assert.deepEqual(rulesOf({ 'svc.yaml': service('web', '  selector: {app: web}\n  ports: [{port: 80, targetPort: 9999}]'), 'deploy.yaml': web }), []);
});

test('a named port of a sidecar init container counts, of a plain init container does not', () => {
  const podSpec = (restartPolicy: string) => `      initContainers:
        - name: proxy
          image: envoy:1
${restartPolicy}          ports: [{name: admin, containerPort: 9901}]
      containers:
        - name: app
          image: nginx:1.27`;
  const svc = service('web', '  selector: {app: web}\n  ports: [{port: 80, targetPort: admin}]');
  assert.deepEqual(rulesOf({ 'svc.yaml': svc, 'deploy.yaml': deployment('web', '{app: web}', { podSpec: podSpec('          restartPolicy: Always\n') }) }), []);
  assert.deepEqual(rulesOf({ 'svc.yaml': svc, 'deploy.yaml': deployment('web', '{app: web}', { podSpec: podSpec('') }) }), ['service-target-port']);
});
