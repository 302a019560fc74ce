/** Label selector syntax, as apimachinery validates it wherever a workload holds a selector. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { checkText, onlyFinding, yaml } from '../../helpers/check-text';

const deployment = (selector: string, labels = '{app: web}') => yaml`
  apiVersion: apps/v1
  kind: Deployment
  metadata: {name: web}
  spec:
    selector: ${selector}
    template:
      metadata:
        labels: ${labels}
      spec:
        containers: [{name: web, image: "nginx:1.25"}]
`;

const selectorFindings = (text: string) => checkText(text).findings.filter((f) => f.rule === 'label-selector');

test('In without values is required, on the values key of the expression', () => {
  const [finding, ...rest] = selectorFindings(deployment('{matchExpressions: [{key: app, operator: In}]}'));
  assert.equal(rest.length, 0);
  assert.equal(finding!.message, "spec.selector.matchExpressions[0].values: Required value: must be specified when `operator` is 'In' or 'NotIn'");
  assert.equal(finding!.path, 'spec.selector.matchExpressions[0].values');
});

test('Exists with values is forbidden, on the values key', () => {
  const finding = onlyFinding(deployment('\n      matchExpressions:\n      - key: app\n        operator: Exists\n        values: [web]'));
  assert.equal(finding.message, "spec.selector.matchExpressions[0].values: Forbidden: may not be specified when `operator` is 'Exists' or 'DoesNotExist'");
  assert.equal(finding.text, 'values');
});

test('a selector value that is not a label value is placed on the value', () => {
  const finding = onlyFinding(deployment('{matchExpressions: [{key: app, operator: In, values: [web, -bad]}]}'));
  assert.match(finding.message, /^spec\.selector\.matchExpressions\[0\]\.values\[1\]: Invalid value: "-bad": a valid label must be an empty string or consist of/);
  assert.equal(finding.text, '-bad');
});

test('a selector key that is not a qualified name is reported on the key', () => {
  const findings = selectorFindings(deployment('{matchExpressions: [{key: "a/b/c", operator: Exists}]}'));
  assert.equal(findings.length, 1);
  assert.match(findings[0]!.message, /^spec\.selector\.matchExpressions\[0\]\.key: Invalid value: "a\/b\/c": a qualified name must consist of/);
});

test('an empty Deployment selector is invalid, rendered as Go prints the selector', () => {
  const finding = onlyFinding(deployment('{}'), '1.33');
  assert.equal(
    finding.message,
    'spec.selector: Invalid value: v1.LabelSelector{MatchLabels:map[string]string(nil), MatchExpressions:[]v1.LabelSelectorRequirement(nil)}: empty selector is invalid for deployment',
  );
  assert.equal(finding.text, '{}');
});

test('well-formed expressions and matchLabels pass', () => {
  const selector = '{matchLabels: {app: web}, matchExpressions: [{key: tier, operator: NotIn, values: [db]}, {key: legacy, operator: DoesNotExist}]}';
  assert.deepEqual(checkText(deployment(selector)).findings, []);
});

test('a pod anti-affinity selector in a template is checked with its template path', () => {
  const text = yaml`
    apiVersion: v1
    kind: Pod
    metadata: {name: p}
    spec:
      affinity:
        podAntiAffinity:
          requiredDuringSchedulingIgnoredDuringExecution:
          - topologyKey: kubernetes.io/hostname
            labelSelector: {matchExpressions: [{key: app, operator: NotIn}]}
      containers: [{name: c, image: "nginx:1.25"}]
  `;
  assert.equal(
    onlyFinding(text).message,
    "spec.affinity.podAntiAffinity.requiredDuringSchedulingIgnoredDuringExecution[0].labelSelector.matchExpressions[0].values: Required value: must be specified when `operator` is 'In' or 'NotIn'",
  );
});

test('a Service selector is a label map: a bad value is reported on spec.selector', () => {
  const text = 'apiVersion: v1\nkind: Service\nmetadata: {name: web}\nspec:\n  selector: {app: "web app"}\n  ports: [{port: 80}]\n';
  const finding = onlyFinding(text);
  assert.match(finding.message, /^spec\.selector: Invalid value: "web app": a valid label must be/);
  assert.equal(finding.text, '"web app"');
});

test('a ReplicationController selector is a label map, and its template selectors are checked too', () => {
  const text = yaml`
    apiVersion: v1
    kind: ReplicationController
    metadata: {name: rc}
    spec:
      selector: {app: "-web"}
      template:
        metadata: {labels: {app: "-web"}}
        spec:
          topologySpreadConstraints: [{maxSkew: 1, topologyKey: zone, whenUnsatisfiable: DoNotSchedule, labelSelector: {matchExpressions: [{key: app, operator: Exists, values: [x]}]}}]
          containers: [{name: c, image: "nginx:1.25"}]
  `;
  const messages = checkText(text)
    .findings.filter((f) => f.rule === 'label-selector')
    .map((f) => f.message);
  assert.equal(messages.length, 2);
  assert.match(messages[0]!, /^spec\.selector: Invalid value: "-web": a valid label must be/);
  assert.equal(
    messages[1],
    "spec.template.spec.topologySpreadConstraints[0].labelSelector.matchExpressions[0].values: Forbidden: may not be specified when `operator` is 'Exists' or 'DoesNotExist'",
  );
});
