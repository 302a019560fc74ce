import { test } from 'node:test';
import assert from 'node:assert/strict';
import { checkText, onlyFinding, yaml } from '../helpers/check-text';

test('a finding inside an aliased mapping is placed on the anchored text that holds the value', () => {
  const text = yaml`
    apiVersion: v1
    kind: Pod
    metadata:
      name: p
    spec:
      containers:
        - name: a
          image: busybox
          resources: &res
            limits:
              cpu: 1K
        - name: b
          image: busybox
          resources: *res
  `;
  const { findings } = checkText(text);
  const paths = findings.map((f) => f.path).sort();
  assert.deepEqual(paths, ['spec.containers[0].resources.limits[cpu]', 'spec.containers[1].resources.limits[cpu]']);
  for (const finding of findings) {
    assert.equal(finding.text, '1K');
    assert.equal(finding.line, 11);
  }
});

test('a finding in merged content is placed on the text in the anchored mapping', () => {
  const text = yaml`
    apiVersion: v1
    kind: Pod
    metadata:
      name: p
    spec:
      containers:
        - &defaults
          name: a
          image: busybox
          imagePullPolicy: Sometimes
        - <<: *defaults
          name: b
  `;
  const { findings } = checkText(text);
  assert.deepEqual(findings.map((f) => f.path).sort(), ['spec.containers[0].imagePullPolicy', 'spec.containers[1].imagePullPolicy']);
  for (const finding of findings) {
    assert.equal(finding.text, 'Sometimes');
    assert.equal(finding.line, 10); // imagePullPolicy inside the anchored &defaults mapping
  }
});

test('a key written next to a merge is placed on the local key, not the merged one', () => {
  const text = yaml`
    apiVersion: v1
    kind: Pod
    metadata:
      name: p
    spec:
      containers:
        - &defaults
          name: a
          image: busybox
        - <<: *defaults
          name: b
          imagePullPolicy: Sometimes
  `;
  const finding = onlyFinding(text);
  assert.equal(finding.path, 'spec.containers[1].imagePullPolicy');
  assert.equal(finding.line, 12);
  assert.equal(finding.text, 'Sometimes');
});

test('values in flow mappings are placed exactly', () => {
  const finding = onlyFinding('apiVersion: v1\nkind: Service\nmetadata: {name: web}\nspec: {ports: [{port: 80, protocol: tcp}]}\n');
  assert.equal(finding.text, 'tcp');
  assert.equal(finding.line, 4);
  assert.equal(finding.column, 37);
});

test('findings in a JSON manifest are placed in the JSON text', () => {
  const text = '{\n  "apiVersion": "v1",\n  "kind": "Pod",\n  "metadata": {"name": "p"},\n  "spec": {"containers": [{"name": "c", "image": "i", "imagePullPolicy": "Sometimes"}]}\n}\n';
  const finding = onlyFinding(text);
  assert.equal(finding.rule, 'unsupported-value');
  assert.equal(finding.text, '"Sometimes"');
  assert.equal(finding.line, 5);
});

test('each item of a kind: List gets its own object range and its findings fall inside it', () => {
  const text = yaml`
    apiVersion: v1
    kind: List
    items:
      - apiVersion: v1
        kind: ConfigMap
        metadata: {name: first}
        data: {ok: "yes"}
      - apiVersion: v1
        kind: ConfigMap
        metadata: {name: second}
        data: {count: 3}
  `;
  const { objects, findings } = checkText(text);
  assert.deepEqual(
    objects.map((o) => o.name),
    ['first', 'second'],
  );
  assert.ok(objects[0]!.range.end <= objects[1]!.range.start, 'items do not overlap');
  assert.equal(findings.length, 1);
  const [finding] = findings;
  assert.equal(finding!.name, 'second');
  assert.equal(finding!.path, 'data[count]');
  assert.equal(finding!.text, '3');
  assert.ok(finding!.start >= objects[1]!.range.start && finding!.end <= objects[1]!.range.end);
});
