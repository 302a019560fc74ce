/**
 * A pod spec's overhead, expectations worked by hand from upstream pkg/apis/core/validation/validation.go:
 * ValidatePodSpec → validateOverhead → the container resource requirements check over {Limits: overhead}.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { checkText, onlyFinding, yaml } from '../../helpers/check-text';

const pod = (overhead: string) => `apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n  containers: [{name: a, image: nginx}]\n  overhead: ${overhead}\n`;

// validateOverhead → ValidateResourceQuantityValue: named under `limits`, as the requirements check names it.
test('a negative overhead is invalid, named under spec.overhead.limits', () => {
  const finding = onlyFinding(pod('{cpu: "-250m", memory: 120Mi}'));
  assert.equal(finding.rule, 'pod-overhead');
  assert.equal(finding.message, 'spec.overhead.limits[cpu]: Invalid value: "-250m": must be greater than or equal to 0');
  assert.equal(finding.line, 6);
  assert.equal(finding.text, '"-250m"');
});

// validateOverhead → validateContainerResourceName: an unqualified name must be a standard container resource.
test('an overhead resource that is not a container resource is invalid, on its name', () => {
  const { findings } = checkText(pod('{gpu: "1"}'));
  assert.deepEqual(
    findings.map((f) => [f.message, f.text]),
    [
      ['spec.overhead.limits[gpu]: Invalid value: "gpu": must be a standard resource type or fully qualified', 'gpu'],
      ['spec.overhead.limits[gpu]: Invalid value: "gpu": must be a standard resource for containers', 'gpu'],
    ],
  );
});

// ValidatePodSpec runs for templates too: a Deployment's template overhead is checked at its own path.
test('a template overhead is checked with the template path', () => {
  const text = yaml`
    apiVersion: apps/v1
    kind: Deployment
    metadata: {name: web}
    spec:
      selector: {matchLabels: {app: web}}
      template:
        metadata: {labels: {app: web}}
        spec:
          containers: [{name: a, image: nginx}]
          overhead: {memory: "-1Mi"}
  `;
  assert.equal(onlyFinding(text).message, 'spec.template.spec.overhead.limits[memory]: Invalid value: "-1Mi": must be greater than or equal to 0');
});

// validateOverhead: cpu and memory amounts, as a RuntimeClass sets them, pass.
test('an overhead of cpu and memory passes', () => {
  assert.deepEqual(checkText(pod('{cpu: 250m, memory: 120Mi}')).findings, []);
});
