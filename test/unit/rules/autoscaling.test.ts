/**
 * HorizontalPodAutoscaler validation on create, worked from pkg/apis/autoscaling/validation/validation.go over the
 * object SetDefaults_HorizontalPodAutoscaler (pkg/apis/autoscaling/v2/defaults.go) leaves.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { checkText, onlyFinding, yaml } from '../../helpers/check-text';

const hpa = (spec: string, apiVersion = 'autoscaling/v2') =>
  `apiVersion: ${apiVersion}\nkind: HorizontalPodAutoscaler\nmetadata: {name: web}\nspec:\n  scaleTargetRef: {apiVersion: apps/v1, kind: Deployment, name: web}\n${spec}`;

/** The spec's fields, written flush left, indented under `spec:`. */
const indented = (text: string) => text.replace(/^(?=.)/gm, '  ');

const ruleFindings = (text: string, prefix = 'hpa-') => checkText(text).findings.filter((f) => f.rule.startsWith(prefix));

// validateHorizontalPodAutoscalerSpec, validateMetrics, validateBehavior: an ordinary HPA passes.
test('an HPA with replica bounds, a CPU metric and a behavior is accepted', () => {
  const text = hpa(
    indented(yaml`
    minReplicas: 2
    maxReplicas: 10
    metrics:
      - type: Resource
        resource: {name: cpu, target: {type: Utilization, averageUtilization: 70}}
      - type: Pods
        pods: {metric: {name: requests_per_second}, target: {type: AverageValue, averageValue: 10}}
    behavior:
      scaleDown:
        stabilizationWindowSeconds: 300
        policies: [{type: Percent, value: 10, periodSeconds: 60}]
  `),
  );
  assert.deepEqual(ruleFindings(text), []);
  // Without metrics or minReplicas: SetDefaults_HorizontalPodAutoscaler adds minReplicas 1 and an 80% CPU target.
  assert.deepEqual(ruleFindings(hpa('  maxReplicas: 3\n')), []);
});

// validateHorizontalPodAutoscalerSpec: minReplicasLowerBound is 1 while HPAScaleToZero is off.
test('minReplicas 0 is rejected while scale to zero is off, with the metrics it would need', () => {
  const findings = ruleFindings(hpa('  minReplicas: 0\n  maxReplicas: 3\n'));
  const minReplicas = findings.find((f) => f.rule === 'hpa-spec')!;
  assert.deepEqual(findings.map((f) => [f.rule, f.message]).sort(), [
    // validateMetrics: the defaulted CPU metric is neither Object nor External.
    ['hpa-metrics', 'spec.metrics: Forbidden: must specify at least one Object or External metric to support scaling to zero replicas'],
    ['hpa-spec', 'spec.minReplicas: Invalid value: 0: must be greater than or equal to 1'],
  ]);
  assert.equal(minReplicas.text, '0');
  assert.equal(minReplicas.line, 6);
});

// validateHorizontalPodAutoscalerSpec: maxReplicas below the defaulted minReplicas of 1 fails both checks.
test('maxReplicas 0 is rejected as not positive and as below the defaulted minReplicas', () => {
  const findings = ruleFindings(hpa('  maxReplicas: 0\n'));
  assert.deepEqual(
    findings.map((f) => f.message),
    ['spec.maxReplicas: Invalid value: 0: must be greater than 0', 'spec.maxReplicas: Invalid value: 0: must be greater than or equal to `minReplicas`'],
  );
  assert.equal(findings[0]!.path, 'spec.maxReplicas');
});

// validateHorizontalPodAutoscalerSpec
test('maxReplicas below minReplicas is rejected on maxReplicas', () => {
  const finding = onlyFinding(hpa('  minReplicas: 5\n  maxReplicas: 3\n'));
  assert.equal(finding.rule, 'hpa-spec');
  assert.equal(finding.message, 'spec.maxReplicas: Invalid value: 3: must be greater than or equal to `minReplicas`');
  assert.equal(finding.text, '3');
});

// ValidateCrossVersionObjectReference: IsValidPathSegmentName on kind and name; empty is Required.
test('a scaleTargetRef name with a slash, and an empty kind, are rejected', () => {
  const text = `apiVersion: autoscaling/v2\nkind: HorizontalPodAutoscaler\nmetadata: {name: web}\nspec:\n  scaleTargetRef: {kind: "", name: "web/v2"}\n  maxReplicas: 3\n`;
  const findings = ruleFindings(text);
  assert.deepEqual(
    findings.map((f) => [f.path, f.message]),
    [
      ['spec.scaleTargetRef.kind', 'spec.scaleTargetRef.kind: Required value'],
      ['spec.scaleTargetRef.name', `spec.scaleTargetRef.name: Invalid value: "web/v2": may not contain '/'`],
    ],
  );
  assert.equal(findings[1]!.text, '"web/v2"');
});

// validateMetricSpec: the source the type names is required.
test('a metric whose type names a source it does not set is rejected on that source', () => {
  const text = hpa('  maxReplicas: 3\n  metrics:\n    - type: Pods\n      resource: {name: cpu, target: {type: Utilization, averageUtilization: 50}}\n');
  const finding = onlyFinding(text);
  assert.equal(finding.rule, 'hpa-metrics');
  assert.equal(finding.message, 'spec.metrics[0].pods: Required value: must populate information for the given metric source');
});

// validateMetricSpec: every source present besides the one the type names is forbidden.
test('a metric that sets a second source is rejected on the extra source', () => {
  const text = hpa(
    indented(yaml`
      maxReplicas: 3
      metrics:
        - type: Resource
          resource: {name: cpu, target: {type: Utilization, averageUtilization: 50}}
          pods: {metric: {name: qps}, target: {type: AverageValue, averageValue: 1}}
  `),
  );
  const finding = onlyFinding(text);
  assert.equal(finding.message, 'spec.metrics[0].pods: Forbidden: must populate the given metric source only');
  assert.equal(finding.text, 'pods');
});

// validateMetricTarget: averageUtilization < 1.
test('a Utilization target of 0 is rejected on averageUtilization', () => {
  const finding = onlyFinding(hpa('  maxReplicas: 3\n  metrics:\n    - type: Resource\n      resource: {name: cpu, target: {type: Utilization, averageUtilization: 0}}\n'));
  assert.equal(finding.message, 'spec.metrics[0].resource.target.averageUtilization: Invalid value: 0: must be greater than 0');
  assert.equal(finding.text, '0');
});

// validateMetricTarget: mt.Value.Sign() != 1 is "must be positive"; from 1.34 the *resource.Quantity prints as JSON.
test('an External metric value of zero is rejected as not positive, the quantity printed as JSON', () => {
  const text = hpa('  maxReplicas: 3\n  metrics:\n    - type: External\n      external: {metric: {name: queue}, target: {type: Value, value: "0"}}\n');
  const finding = onlyFinding(text);
  assert.equal(finding.rule, 'hpa-metrics');
  assert.equal(finding.message, 'spec.metrics[0].external.target.value: Invalid value: "0": must be positive');
  assert.equal(finding.line, 9);
  assert.equal(finding.text, '"0"');
});

// validateMetricTarget: mt.AverageValue.Sign() != 1; the quantity is printed in its canonical form (-500m).
test('a negative Pods averageValue is rejected in its canonical form', () => {
  const text = hpa('  maxReplicas: 3\n  metrics:\n    - type: Pods\n      pods: {metric: {name: qps}, target: {type: AverageValue, averageValue: -0.5}}\n');
  const finding = onlyFinding(text);
  assert.equal(finding.message, 'spec.metrics[0].pods.target.averageValue: Invalid value: "-500m": must be positive');
  assert.equal(finding.text, '-0.5');
  // Up to 1.33 Go prints the struct with %#v; kubeplan shows the canonical string unquoted in its place.
  assert.equal(onlyFinding(text, '1.33').message, 'spec.metrics[0].pods.target.averageValue: Invalid value: -500m: must be positive');
});

// validateMetricTarget: a positive quantity passes, however small.
test('a positive target value is accepted', () => {
  const text = hpa('  maxReplicas: 3\n  metrics:\n    - type: External\n      external: {metric: {name: queue}, target: {type: AverageValue, averageValue: 1m}}\n');
  assert.deepEqual(ruleFindings(text), []);
});

// validateResourceSource: neither averageUtilization nor averageValue.
test('a Resource metric without a target value is rejected', () => {
  const finding = onlyFinding(hpa('  maxReplicas: 3\n  metrics:\n    - type: Resource\n      resource: {name: memory, target: {type: Utilization}}\n'));
  assert.equal(finding.message, 'spec.metrics[0].resource.target.averageUtilization: Required value: must set either a target raw value or a target utilization');
});

// validateContainerResourceSource: both targets set is forbidden on averageValue.
test('a ContainerResource metric with both utilization and averageValue is rejected on averageValue', () => {
  const text = hpa(
    indented(yaml`
      maxReplicas: 3
      metrics:
        - type: ContainerResource
          containerResource: {name: cpu, container: app, target: {type: Utilization, averageUtilization: 60, averageValue: 500m}}
  `),
  );
  const finding = onlyFinding(text);
  assert.equal(finding.message, 'spec.metrics[0].containerResource.target.averageValue: Forbidden: may not set both a target raw value and a target utilization');
});

// validateContainerResourceSource: container is a DNS-1123 label.
test('a ContainerResource container that is not a DNS-1123 label is rejected', () => {
  const text = hpa('  maxReplicas: 3\n  metrics:\n    - type: ContainerResource\n      containerResource: {name: cpu, container: App, target: {type: Utilization, averageUtilization: 60}}\n');
  const finding = onlyFinding(text);
  assert.match(finding.message, /^spec\.metrics\[0\]\.containerResource\.container: Invalid value: "App": a lowercase RFC 1123 label must consist of/);
});

// validatePodsSource: averageValue is required.
test('a Pods metric without averageValue is rejected', () => {
  const finding = onlyFinding(hpa('  maxReplicas: 3\n  metrics:\n    - type: Pods\n      pods: {metric: {name: qps}, target: {type: Value, value: 10}}\n'));
  assert.equal(finding.message, 'spec.metrics[0].pods.target.averageValue: Required value: must specify a positive target averageValue');
});

// validateExternalSource: value and averageValue together are forbidden.
test('an External metric with both value and averageValue is rejected on value', () => {
  const finding = onlyFinding(hpa('  maxReplicas: 3\n  metrics:\n    - type: External\n      external: {metric: {name: queue}, target: {type: Value, value: 10, averageValue: 2}}\n'));
  assert.equal(finding.message, 'spec.metrics[0].external.target.value: Forbidden: may not set both a target value for metric and a per-pod target');
});

// validateObjectSource: describedObject (ValidateCrossVersionObjectReference), metric name, and a target value.
test('an Object metric without a metric name or target value is rejected on each', () => {
  const text = hpa(
    indented(yaml`
      maxReplicas: 3
      metrics:
        - type: Object
          object: {describedObject: {kind: Ingress, name: main}, metric: {name: ""}, target: {type: Value}}
  `),
  );
  assert.deepEqual(
    ruleFindings(text).map((f) => f.message),
    [
      'spec.metrics[0].object.metric.name: Required value: must specify a metric name',
      'spec.metrics[0].object.target.averageValue: Required value: must set either a target value or averageValue',
    ],
  );
});

// validateScalingRules: stabilizationWindowSeconds within [0, 3600].
test('a stabilization window over an hour is rejected', () => {
  const finding = onlyFinding(hpa('  maxReplicas: 3\n  behavior:\n    scaleDown: {stabilizationWindowSeconds: 3601}\n'));
  assert.equal(finding.rule, 'hpa-behavior');
  assert.equal(finding.message, 'spec.behavior.scaleDown.stabilizationWindowSeconds: Invalid value: 3601: must be less than or equal to 3600');
  assert.equal(finding.text, '3601');
});

// validateScalingRules: a negative window.
test('a negative stabilization window is rejected', () => {
  const finding = onlyFinding(hpa('  maxReplicas: 3\n  behavior:\n    scaleUp: {stabilizationWindowSeconds: -1}\n'));
  assert.equal(finding.message, 'spec.behavior.scaleUp.stabilizationWindowSeconds: Invalid value: -1: must be greater than or equal to zero');
});

// GenerateHPAScaleUpRules keeps an explicit empty list; validateScalingRules requires one policy.
test('an explicitly empty policy list is rejected, an absent one is defaulted', () => {
  const finding = onlyFinding(hpa('  maxReplicas: 3\n  behavior:\n    scaleUp: {policies: []}\n'));
  assert.equal(finding.message, 'spec.behavior.scaleUp.policies: Required value: must specify at least one Policy');
  assert.deepEqual(ruleFindings(hpa('  maxReplicas: 3\n  behavior:\n    scaleUp: {selectPolicy: Min}\n')), []);
});

// validateScalingPolicy: value > 0, periodSeconds in (0, 1800].
test('a policy with value 0 and a period over 1800 seconds is rejected on both', () => {
  const findings = ruleFindings(hpa('  maxReplicas: 3\n  behavior:\n    scaleDown:\n      policies: [{type: Pods, value: 0, periodSeconds: 1801}]\n'));
  assert.deepEqual(
    findings.map((f) => f.message),
    [
      'spec.behavior.scaleDown.policies[0].value: Invalid value: 0: must be greater than zero',
      'spec.behavior.scaleDown.policies[0].periodSeconds: Invalid value: 1801: must be less than or equal to 1800',
    ],
  );
});

// autoscaling/v1 is validated by the same validateHorizontalPodAutoscalerSpec after conversion.
test('an autoscaling/v1 HPA gets the replica checks', () => {
  const finding = onlyFinding(hpa('  minReplicas: 4\n  maxReplicas: 2\n  targetCPUUtilizationPercentage: 50\n', 'autoscaling/v1'));
  assert.equal(finding.message, 'spec.maxReplicas: Invalid value: 2: must be greater than or equal to `minReplicas`');
});
