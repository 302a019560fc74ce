/** `hpa-target-missing`, `hpa-static-replicas`, `pdb-matches-nothing`, `pdb-never-allows-eviction` and `pdb-missing`. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { crossCheck, deployment, rulesOf } from './workspace';

const hpa = (target: string) => `apiVersion: autoscaling/v2
kind: HorizontalPodAutoscaler
metadata: {name: web}
spec:
  scaleTargetRef: {apiVersion: apps/v1, kind: Deployment, name: ${target}}
  minReplicas: 2
  maxReplicas: 5
`;
const pdb = (spec: string) => `apiVersion: policy/v1\nkind: PodDisruptionBudget\nmetadata: {name: web}\nspec:\n${spec}\n`;

test('an autoscaler whose target is not in its namespace is a warning on the name', () => {
  const findings = crossCheck({ 'hpa.yaml': hpa('wbe'), 'deploy.yaml': deployment('web', '{app: web}') });
  assert.deepEqual(
    findings.map((f) => [f.rule, f.severity, f.text]),
    [['hpa-target-missing', 'warning', 'wbe']],
  );
});

test('a Deployment an autoscaler scales with replicas written is information on replicas', () => {
  const findings = crossCheck({ 'hpa.yaml': hpa('web'), 'deploy.yaml': deployment('web', '{app: web}', { replicas: 3 }) });
  assert.deepEqual(
    findings.map((f) => [f.rule, f.severity, f.text, f.file]),
    [['hpa-static-replicas', 'information', 'replicas', 'deploy.yaml']],
  );
});

test('an autoscaled Deployment without replicas is quiet', () => {
  assert.deepEqual(rulesOf({ 'hpa.yaml': hpa('web'), 'deploy.yaml': deployment('web', '{app: web}') }), []);
});

test('a PodDisruptionBudget that matches no pod template is a warning', () => {
  const findings = crossCheck({ 'pdb.yaml': pdb('  maxUnavailable: 1\n  selector: {matchLabels: {app: wbe}}'), 'deploy.yaml': deployment('web', '{app: web}', { replicas: 3 }) });
  assert.deepEqual(
    findings.map((f) => [f.rule, f.text]),
    [['pdb-matches-nothing', 'selector']],
  );
});

test('a PodDisruptionBudget selects with matchExpressions', () => {
  const files = (operator: string) => ({
    'pdb.yaml': pdb(`  maxUnavailable: 1\n  selector: {matchExpressions: [{key: app, operator: ${operator}, values: [web]}]}`),
    'deploy.yaml': deployment('web', '{app: web}', { replicas: 3 }),
  });
  assert.deepEqual(rulesOf(files('In')), []);
  assert.deepEqual(rulesOf(files('NotIn')), ['pdb-matches-nothing']);
});

test('minAvailable at or above the matched replicas never allows an eviction', () => {
  const findings = crossCheck({ 'pdb.yaml': pdb('  minAvailable: 2\n  selector: {matchLabels: {app: web}}'), 'deploy.yaml': deployment('web', '{app: web}', { replicas: 2 }) });
  assert.deepEqual(
    findings.map((f) => [f.rule, f.text]),
    [['pdb-never-allows-eviction', '2']],
  );
  assert.deepEqual(rulesOf({ 'pdb.yaml': pdb('  minAvailable: 2\n  selector: {matchLabels: {app: web}}'), 'deploy.yaml': deployment('web', '{app: web}', { replicas: 3 }) }), []);
});

test('replicas left unset count as one, as the API server defaults them', () => {
  assert.deepEqual(rulesOf({ 'pdb.yaml': pdb('  minAvailable: 1\n  selector: {matchLabels: {app: web}}'), 'deploy.yaml': deployment('web', '{app: web}') }), ['pdb-never-allows-eviction']);
});

test('maxUnavailable 0 and minAvailable 100% never allow an eviction', () => {
  const deploy = deployment('web', '{app: web}', { replicas: 3 });
  assert.deepEqual(rulesOf({ 'pdb.yaml': pdb('  maxUnavailable: 0\n  selector: {matchLabels: {app: web}}'), 'deploy.yaml': deploy }), ['pdb-never-allows-eviction']);
  assert.deepEqual(rulesOf({ 'pdb.yaml': pdb('  minAvailable: 100%\n  selector: {matchLabels: {app: web}}'), 'deploy.yaml': deploy }), ['pdb-never-allows-eviction']);
});

test('an autoscaled workload is not judged by its written replicas', () => {
  assert.deepEqual(rulesOf({ 'pdb.yaml': pdb('  minAvailable: 2\n  selector: {matchLabels: {app: web}}'), 'deploy.yaml': deployment('web', '{app: web}'), 'hpa.yaml': hpa('web') }), []);
});

test('a PodDisruptionBudget in a namespace whose workloads are not in the workspace is quiet', () => {
  assert.deepEqual(rulesOf({ 'pdb.yaml': pdb('  maxUnavailable: 1\n  selector: {matchLabels: {app: web}}') }), []);
});

const PDB_MISSING = new Set(['pdb-missing']);

test('a Deployment with several replicas and no PodDisruptionBudget is reported on replicas when pdb-missing is on', () => {
  const findings = crossCheck({ 'deploy.yaml': deployment('web', '{app: web}', { replicas: 3 }) }, PDB_MISSING);
  assert.deepEqual(
    findings.map((f) => [f.rule, f.text]),
    [['pdb-missing', 'replicas']],
  );
  assert.equal(findings[0]!.message, 'Deployment "web" runs 3 replicas but no PodDisruptionBudget in namespace "default" selects its pods: a node drain may evict all of them at once');
});

test('pdb-missing does not run unless it is turned on', () => {
  assert.deepEqual(rulesOf({ 'deploy.yaml': deployment('web', '{app: web}', { replicas: 3 }) }), []);
});

test('pdb-missing is quiet for a single replica, as replicas left unset default to one', () => {
  assert.deepEqual(rulesOf({ 'a.yaml': deployment('web', '{app: web}', { replicas: 1 }), 'b.yaml': deployment('api', '{app: api}') }, PDB_MISSING), []);
});

test('pdb-missing is quiet when a PodDisruptionBudget of the same namespace selects the pods', () => {
  const files = { 'pdb.yaml': pdb('  maxUnavailable: 1\n  selector: {matchLabels: {app: web}}'), 'deploy.yaml': deployment('web', '{app: web}', { replicas: 3 }) };
  assert.deepEqual(rulesOf(files, PDB_MISSING), []);
});

test('pdb-missing does not count a PodDisruptionBudget of another namespace', () => {
  const files = { 'pdb.yaml': pdb('  maxUnavailable: 1\n  selector: {matchLabels: {app: web}}'), 'deploy.yaml': deployment('web', '{app: web}', { replicas: 3, namespace: 'shop' }) };
  assert.deepEqual(rulesOf(files, PDB_MISSING), ['pdb-missing']);
});

test('pdb-missing reports an autoscaled Deployment without replicas on its name', () => {
  const findings = crossCheck({ 'hpa.yaml': hpa('web'), 'deploy.yaml': deployment('web', '{app: web}') }, PDB_MISSING);
  assert.deepEqual(
    findings.map((f) => [f.rule, f.text]),
    [['pdb-missing', 'web']],
  );
  assert.match(findings[0]!.message, /^Deployment "web" is scaled by a HorizontalPodAutoscaler but no PodDisruptionBudget/);
});

// pkg/controller/disruption/disruption.go getExpectedPodCount: intstr.GetScaledValueFromIntOrPercent(minAvailable, expectedCount, true).
test('a minAvailable percentage that rounds up to every replica never allows an eviction', () => {
  const findings = crossCheck({ 'pdb.yaml': pdb('  minAvailable: 67%\n  selector: {matchLabels: {app: web}}'), 'deploy.yaml': deployment('web', '{app: web}', { replicas: 3 }) });
  assert.deepEqual(
    findings.map((f) => [f.rule, f.path, f.text, f.message]),
    [['pdb-never-allows-eviction', 'spec.minAvailable', '67%', 'minAvailable 67% of 3 matched replicas (Deployment/web) rounds up to 3 pods and never allows a voluntary eviction']],
  );
});

// GetScaledValueFromIntOrPercent rounds 66% of 3 (1.98) up to 2: one pod may go.
test('a minAvailable percentage that leaves one replica to evict is quiet', () => {
  assert.deepEqual(rulesOf({ 'pdb.yaml': pdb('  minAvailable: 66%\n  selector: {matchLabels: {app: web}}'), 'deploy.yaml': deployment('web', '{app: web}', { replicas: 3 }) }), []);
});

test('a minAvailable percentage over an autoscaled workload is not judged by its written replicas', () => {
  assert.deepEqual(
    rulesOf({ 'pdb.yaml': pdb('  minAvailable: 90%\n  selector: {matchLabels: {app: web}}'), 'deploy.yaml': deployment('web', '{app: web}', { replicas: 2 }), 'hpa.yaml': hpa('web') }),
    ['hpa-static-replicas'],
  );
});
