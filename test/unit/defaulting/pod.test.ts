/** core/v1 defaulting of pods and pod templates. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { applyDefaults } from '../../../server/src/defaulting/index';
import type { PlainObject } from '../../../server/src/kube/plain-values';

const pod = (spec: PlainObject): PlainObject => ({ apiVersion: 'v1', kind: 'Pod', metadata: { name: 'p' }, spec });
const podSpec = (object: PlainObject) => object['spec'] as PlainObject;
const firstContainer = (spec: PlainObject) => (spec['containers'] as PlainObject[])[0]!;

test('a pod spec gets dnsPolicy, restartPolicy, securityContext, grace period and scheduler name', () => {
  const spec = podSpec(applyDefaults('v1', 'Pod', pod({ containers: [{ name: 'c', image: 'nginx:1.25' }] })));
  assert.equal(spec['dnsPolicy'], 'ClusterFirst');
  assert.equal(spec['restartPolicy'], 'Always');
  assert.deepEqual(spec['securityContext'], {});
  assert.equal(spec['terminationGracePeriodSeconds'], 30);
  assert.equal(spec['schedulerName'], 'default-scheduler');
});

test('values already written are kept', () => {
  const spec = podSpec(applyDefaults('v1', 'Pod', pod({ restartPolicy: 'Never', dnsPolicy: 'Default', containers: [] })));
  assert.equal(spec['restartPolicy'], 'Never');
  assert.equal(spec['dnsPolicy'], 'Default');
});

test('the input object is not changed', () => {
  const input = pod({ containers: [{ name: 'c', image: 'nginx' }] });
  const before = JSON.stringify(input);
  applyDefaults('v1', 'Pod', input);
  assert.equal(JSON.stringify(input), before);
});

test('imagePullPolicy is Always for latest or no tag, IfNotPresent for a tag or a digest', () => {
  const policy = (image: string) => firstContainer(podSpec(applyDefaults('v1', 'Pod', pod({ containers: [{ name: 'c', image }] }))))['imagePullPolicy'];
  assert.equal(policy('nginx'), 'Always');
  assert.equal(policy('nginx:latest'), 'Always');
  assert.equal(policy('registry.example.com:5000/team/app'), 'Always');
  assert.equal(policy('nginx:1.25'), 'IfNotPresent');
  assert.equal(policy(`nginx@sha256:${'a'.repeat(64)}`), 'IfNotPresent');
  assert.equal(policy(`nginx:latest@sha256:${'a'.repeat(64)}`), 'Always');
  assert.equal(policy('Not A Reference'), 'IfNotPresent');
});

test('containers get termination message defaults and ports get TCP', () => {
  const container = firstContainer(podSpec(applyDefaults('v1', 'Pod', pod({ containers: [{ name: 'c', image: 'a:1', ports: [{ containerPort: 80 }] }] }))));
  assert.equal(container['terminationMessagePath'], '/dev/termination-log');
  assert.equal(container['terminationMessagePolicy'], 'File');
  assert.deepEqual(container['ports'], [{ containerPort: 80, protocol: 'TCP' }]);
});

test('probe thresholds default when unset or 0, and httpGet gets path and scheme', () => {
  const probe = { httpGet: { port: 80 }, successThreshold: 0, failureThreshold: 5 };
  const container = firstContainer(podSpec(applyDefaults('v1', 'Pod', pod({ containers: [{ name: 'c', image: 'a:1', livenessProbe: probe }] }))));
  assert.deepEqual(container['livenessProbe'], {
    httpGet: { port: 80, path: '/', scheme: 'HTTP' },
    successThreshold: 1,
    failureThreshold: 5,
    timeoutSeconds: 1,
    periodSeconds: 10,
  });
});

test('a volume with no source becomes an emptyDir, and configMap volumes get mode 0644', () => {
  const spec = podSpec(applyDefaults('v1', 'Pod', pod({ containers: [], volumes: [{ name: 'scratch' }, { name: 'cfg', configMap: { name: 'x' } }] })));
  assert.deepEqual(spec['volumes'], [
    { name: 'scratch', emptyDir: {} },
    { name: 'cfg', configMap: { name: 'x', defaultMode: 420 } },
  ]);
});

test('env fieldRef gets apiVersion v1', () => {
  const env = [{ name: 'NODE', valueFrom: { fieldRef: { fieldPath: 'spec.nodeName' } } }];
  const container = firstContainer(podSpec(applyDefaults('v1', 'Pod', pod({ containers: [{ name: 'c', image: 'a:1', env }] }))));
  assert.deepEqual(container['env'], [{ name: 'NODE', valueFrom: { fieldRef: { fieldPath: 'spec.nodeName', apiVersion: 'v1' } } }]);
});

test('a Pod gets requests from limits and enableServiceLinks', () => {
  const resources = { limits: { cpu: '1', memory: '1Gi' }, requests: { cpu: '500m' } };
  const spec = podSpec(applyDefaults('v1', 'Pod', pod({ containers: [{ name: 'c', image: 'a:1', resources }] })));
  assert.deepEqual((firstContainer(spec)['resources'] as PlainObject)['requests'], { cpu: '500m', memory: '1Gi' });
  assert.equal(spec['enableServiceLinks'], true);
});

test('a pod template gets neither requests from limits nor enableServiceLinks', () => {
  const template = { spec: { containers: [{ name: 'c', image: 'a:1', resources: { limits: { cpu: '1' } } }] } };
  const defaulted = applyDefaults('v1', 'PodTemplate', { apiVersion: 'v1', kind: 'PodTemplate', template });
  const spec = (defaulted['template'] as PlainObject)['spec'] as PlainObject;
  assert.deepEqual(firstContainer(spec)['resources'], { limits: { cpu: '1' } });
  assert.equal(spec['enableServiceLinks'], undefined);
  assert.equal(spec['restartPolicy'], 'Always');
});

test('with hostNetwork a Pod port without hostPort gets the container port, a template port does not', () => {
  const spec = { hostNetwork: true, containers: [{ name: 'c', image: 'a:1', ports: [{ containerPort: 9100 }] }] };
  const podPort = (firstContainer(podSpec(applyDefaults('v1', 'Pod', pod(spec))))['ports'] as PlainObject[])[0]!;
  assert.equal(podPort['hostPort'], 9100);
  const deployment = applyDefaults('apps/v1', 'Deployment', { apiVersion: 'apps/v1', kind: 'Deployment', spec: { template: { spec } } });
  const templateSpec = ((deployment['spec'] as PlainObject)['template'] as PlainObject)['spec'] as PlainObject;
  assert.equal((firstContainer(templateSpec)['ports'] as PlainObject[])[0]!['hostPort'], undefined);
});

test('container quantities are rounded up to milli precision and stored in canonical form', () => {
  const resources = { requests: { cpu: '0.0001', memory: '1.5Gi' }, limits: { cpu: 2, memory: '2048Mi', 'ephemeral-storage': '1000M' } };
  const container = firstContainer(podSpec(applyDefaults('v1', 'Pod', pod({ containers: [{ name: 'c', image: 'a:1', resources }] }))));
  assert.deepEqual(container['resources'], {
    requests: { cpu: '1m', memory: '1536Mi', 'ephemeral-storage': '1G' },
    limits: { cpu: '2', memory: '2Gi', 'ephemeral-storage': '1G' },
  });
});

test('a quantity that cannot be parsed is left as written', () => {
  const container = firstContainer(podSpec(applyDefaults('v1', 'Pod', pod({ containers: [{ name: 'c', image: 'a:1', resources: { limits: { memory: '1GB' } } }] }))));
  assert.deepEqual((container['resources'] as PlainObject)['limits'], { memory: '1GB' });
});
