/**
 * kubectl reads YAML with go-yaml v2 (YAML 1.1 resolution) and sends JSON; these pin what the API server would
 * actually receive for the scalars and keys that YAML 1.2 tools read differently.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseYamlChunk } from '../../server/src/parse/yaml-documents';
import type { PlainObject } from '../../server/src/kube/plain-values';
import { checkText, errorsIn, onlyFinding, yaml } from '../helpers/check-text';

function decode(text: string): PlainObject {
  const [document] = parseYamlChunk(text);
  assert.ok(document, 'one document');
  assert.deepEqual(document.problems, []);
  return document.value as PlainObject;
}

test('yes, on, y and True are booleans true; no, off and n are false (YAML 1.1)', () => {
  const value = decode('a: yes\nb: on\nc: y\nd: True\ne: no\nf: off\ng: n\nh: "yes"\n');
  assert.deepEqual({ ...value }, { a: true, b: true, c: true, d: true, e: false, f: false, g: false, h: 'yes' });
});

test('an unquoted yes in ConfigMap data is a bool, which the API server refuses for a string field', () => {
  const finding = onlyFinding(yaml`
    apiVersion: v1
    kind: ConfigMap
    metadata:
      name: flags
    data:
      enabled: yes
  `);
  assert.equal(finding.message, 'json: cannot unmarshal bool into Go struct field ConfigMap.data of type string');
  assert.equal(finding.text, 'yes');
});

test('an unquoted on is accepted where Kubernetes expects a bool', () => {
  assert.deepEqual(
    errorsIn(yaml`
    apiVersion: v1
    kind: Pod
    metadata:
      name: p
    spec:
      hostNetwork: on
      containers:
        - name: c
          image: busybox
          stdin: yes
  `),
    [],
  );
});

test('010 is octal 8, 0x1F is hex 31 and 1_000 is 1000, as go-yaml v2 reads them', () => {
  const value = decode('a: 010\nb: 0x1F\nc: 1_000\nd: 0b1010\ne: "010"\n');
  assert.deepEqual({ ...value }, { a: 8, b: 31, c: 1000, d: 10, e: '010' });
});

test("0o10 is 8: go-yaml v2 parses integers with Go's base-0 rules, which accept the 0o prefix", () => {
  assert.equal(decode('a: 0o10\n')['a'], 8);
});

test('12:30 stays the text "12:30": go-yaml v2 has no base-60 numbers', () => {
  const value = decode('window: 12:30\nhhmmss: 1:20:30\n');
  assert.equal(value['window'], '12:30');
  assert.equal(value['hhmmss'], '1:20:30');
});

test('a base-60-looking annotation value is a valid string, not a type error', () => {
  assert.deepEqual(
    checkText(yaml`
    apiVersion: v1
    kind: ConfigMap
    metadata:
      name: backup
      annotations:
        backup.example.com/time: 02:30
  `).findings,
    [],
  );
});

test('timestamps are kept as their text', () => {
  const value = decode('day: 2024-01-02\nat: 2024-01-02T03:04:05Z\nspaced: 2001-12-14 21:59:43.10 -5\n');
  assert.deepEqual({ ...value }, { day: '2024-01-02', at: '2024-01-02T03:04:05Z', spaced: '2001-12-14 21:59:43.10 -5' });
});

test('a timestamp-looking label value validates as a string', () => {
  assert.deepEqual(
    checkText(yaml`
    apiVersion: v1
    kind: ConfigMap
    metadata:
      name: dated
      annotations:
        released: 2024-01-02
  `).findings,
    [],
  );
});

test('non-string keys become their text: 80 → "80", true → "true", 1.5 → "1.5"', () => {
  const value = decode('80: http\ntrue: t\n1.5: f\n');
  assert.deepEqual(Object.keys(value).sort(), ['1.5', '80', 'true']);
  assert.equal(value['80'], 'http');
});

test('the GitHub-workflow key on: becomes "true"', () => {
  assert.deepEqual(Object.keys(decode('on: push\n')), ['true']);
});

test('a numeric ConfigMap data key is accepted as the text of the number', () => {
  assert.deepEqual(checkText('apiVersion: v1\nkind: ConfigMap\nmetadata: {name: ports}\ndata:\n  8080: web\n').findings, []);
});

test('<< merges the keys of the anchored mapping into the mapping', () => {
  const value = decode('base: &base {a: 1, b: 2}\nderived:\n  <<: *base\n  b: 3\n');
  assert.deepEqual({ ...(value['derived'] as PlainObject) }, { a: 1, b: 3 });
});

test('<< with a list of mappings: keys of earlier mappings win over later ones', () => {
  const value = decode('x: &x {a: first}\ny: &y {a: second, b: second}\nz:\n  <<: [*x, *y]\n');
  assert.deepEqual({ ...(value['z'] as PlainObject) }, { a: 'first', b: 'second' });
});

test('a merged container is validated as if its fields were written in place', () => {
  const { findings } = checkText(yaml`
    apiVersion: v1
    kind: Pod
    metadata:
      name: p
      labels: &labels
        app: web
      annotations:
        <<: *labels
        note: merged
    spec:
      containers:
        - name: web
          image: nginx
  `);
  assert.deepEqual(findings, []);
});

test('a null field is treated as unset: no type error for an optional field', () => {
  assert.deepEqual(
    checkText(yaml`
    apiVersion: apps/v1
    kind: Deployment
    metadata:
      name: web
      labels: null
    spec:
      replicas: null
      selector:
        matchLabels: {app: web}
      template:
        metadata:
          labels: {app: web}
        spec:
          containers:
            - name: web
              image: nginx
              command: ~
  `).findings,
    [],
  );
});

test('a required field set to null is reported as missing', () => {
  const finding = onlyFinding(yaml`
    apiVersion: v1
    kind: Pod
    metadata:
      name: p
    spec:
      containers: null
  `);
  assert.equal(finding.message, 'spec.containers: Required value');
});

test('__proto__ and constructor keys are plain data and do not touch Object.prototype', () => {
  const value = decode('__proto__: {polluted: yes}\nconstructor: text\ntoString: 1\n');
  assert.deepEqual(Object.keys(value), ['__proto__', 'constructor', 'toString']);
  assert.equal(value['constructor'], 'text');
  // biome-ignore lint/suspicious/noProto: reads the decoded own key named __proto__, which is what this test checks
  assert.deepEqual({ ...(value['__proto__'] as PlainObject) }, { polluted: true });
  assert.equal((Object.prototype as Record<string, unknown>)['polluted'], undefined);
  assert.equal(({} as Record<string, unknown>)['polluted'], undefined);
});

test('__proto__ in ConfigMap data is an ordinary key that validates', () => {
  const { objects, findings } = checkText('apiVersion: v1\nkind: ConfigMap\nmetadata: {name: odd}\ndata:\n  __proto__: x\n  constructor: z\n');
  assert.deepEqual(findings, []);
  assert.deepEqual(Object.keys(objects[0]!.value['data'] as PlainObject), ['__proto__', 'constructor']);
});

test('a __proto__ field where none exists is reported as an unknown field', () => {
  const finding = onlyFinding('apiVersion: v1\nkind: ConfigMap\nmetadata: {name: odd}\n__proto__: {kind: Secret}\n');
  assert.equal(finding.rule, 'unknown-field');
  assert.equal(finding.message, 'strict decoding error: unknown field "__proto__"');
  assert.equal(finding.text, '__proto__');
});

// kubectl 1.32 sends `name: b` without a word: go-yaml v2 sets map entries in order, the last value wins, and
// sigs.k8s.io/yaml converts that map to JSON. The document is validated as sent; a warning names both lines.
test('a repeated key keeps its last value, as kubectl does, with a warning on the shadowed key', () => {
  const { objects, findings } = checkText('apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: a\n  name: b\n');
  assert.equal(objects[0]!.name, 'b');
  assert.deepEqual(
    findings.map((f) => [f.rule, f.severity, f.message, f.text, f.line]),
    [['duplicate-key', 'warning', 'the key "name" is set twice in this mapping (lines 4 and 5): kubectl keeps the value on line 5 and silently drops the one on line 4', 'name', 4]],
  );
});

test('the lines of a repeated key are counted in the file, not in its document', () => {
  const finding = onlyFinding('apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: a\n---\napiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: a\ndata: {x: "1", x: "2"}\n');
  assert.equal(finding.message, 'the key "x" is set twice in this mapping (lines 10 and 10): kubectl keeps the value on line 10 and silently drops the one on line 10');
});

// kubectl 1.32 reads JSON manifests with encoding/json, which keeps the last of a repeated name as well.
test('a repeated name in a JSON manifest keeps its last value, with the warning in JSON words', () => {
  const { objects, findings } = checkText('{"apiVersion": "v1", "kind": "ConfigMap",\n "metadata": {"name": "a"},\n "data": {"x": "1",\n  "x": "2"}}\n');
  assert.deepEqual({ ...(objects[0]!.value['data'] as PlainObject) }, { x: '2' });
  assert.deepEqual(
    findings.map((f) => [f.rule, f.severity, f.message, f.line]),
    [['duplicate-key', 'warning', 'the name "x" appears twice in this object (lines 3 and 4): kubectl keeps the value on line 4 and silently drops the one on line 3', 3]],
  );
});

test('a repeated key does not keep the rest of the document from being validated', () => {
  const { findings } = checkText('apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: a\n  name: b\nbogus: 1\n');
  assert.deepEqual(
    findings.map((f) => f.rule),
    ['duplicate-key', 'unknown-field'],
  );
});

// kubectl 1.32: `data: {x: explicit, <<: {x: merged}}` sends x: merged; go-yaml v2 applies the entries in order.
test('<< after an explicit key overrides it, as go-yaml applies entries in order', () => {
  const value = decode('base: &base {a: 1, b: 2}\nderived:\n  b: 3\n  <<: *base\n');
  assert.deepEqual({ ...(value['derived'] as PlainObject) }, { b: 2, a: 1 });
});

// kubectl 1.32: "error converting YAML to JSON: json: unsupported value: +Inf" (encoding/json has no infinity).
test('.inf is refused in kubectl words, on the value', () => {
  const finding = onlyFinding('apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: a\nfoo: .inf\n');
  assert.deepEqual([finding.rule, finding.message, finding.text], ['yaml-syntax', 'error converting YAML to JSON: json: unsupported value: +Inf', '.inf']);
});

test('.nan is refused in kubectl words, on the value', () => {
  const finding = onlyFinding('apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: a\nfoo: [-.Inf, .nan]\n');
  assert.deepEqual([finding.rule, finding.message, finding.text], ['yaml-syntax', 'error converting YAML to JSON: json: unsupported value: -Inf', '-.Inf']);
});

// kubectl 1.32: strconv.ParseFloat fails on 1e400, and go-yaml keeps the text: "foo": "1e400".
test('a float beyond float64 is a string, not infinity', () => {
  assert.equal(decode('foo: 1e400\n')['foo'], '1e400');
});

// kubectl 1.32 (sigs.k8s.io/yaml convertToJSONableObject): "unsupported map key of type: %!s(<nil>), key: <nil>, value: \"z\"".
test('a null key is refused in kubectl words', () => {
  const finding = onlyFinding('apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: a\ndata:\n  ~: z\n');
  assert.deepEqual([finding.rule, finding.message, finding.line], ['yaml-syntax', 'error converting YAML to JSON: unsupported map key of type: %!s(<nil>), key: <nil>, value: "z"', 6]);
});

test('a tab inside a quoted value is an ordinary character', () => {
  assert.deepEqual(checkText('apiVersion: v1\nkind: ConfigMap\nmetadata: {name: a}\ndata:\n  k: "a\tb"\n').findings, []);
});

test('an alias to an anchor of another document is an unknown anchor, as each document is decoded alone', () => {
  const finding = onlyFinding('apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: &n a\n---\napiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: *n\n');
  assert.equal(finding.rule, 'yaml-syntax');
  assert.equal(finding.message, "error converting YAML to JSON: yaml: unknown anchor 'n' referenced");
  assert.equal(finding.text, '*n');
});

test("a null list item is its type's zero value, as Go decodes it: an empty container is missing its name", () => {
  const finding = onlyFinding('apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n  containers:\n  -\n');
  assert.equal(finding.message, 'spec.containers[0].name: Required value');
});

// kubectl 1.32 sends `data: {tls.crt: , tls.key: }` as {"tls.crt": null, "tls.key": null} (sigs.k8s.io/yaml keeps the
// keys); encoding/json, decoding into the Secret's map[string][]byte, stores each key with no bytes. The keys are
// present, so the TLS Secret's required keys are there.
test('a null entry of a map of strings is the key with an empty value, as the API server decodes it', () => {
  const { objects, findings } = checkText('apiVersion: v1\nkind: Secret\ntype: kubernetes.io/tls\nmetadata:\n  name: a\ndata: {tls.crt: , tls.key: }\n');
  assert.deepEqual({ ...(objects[0]!.value['data'] as PlainObject) }, { 'tls.crt': '', 'tls.key': '' });
  assert.deepEqual(findings, []);
});

test('a null struct field is still left unset, not kept', () => {
  const { objects } = checkText('apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: a\n  labels:\ndata:\n  k:\n');
  assert.equal('labels' in (objects[0]!.value['metadata'] as PlainObject), false);
  assert.deepEqual({ ...(objects[0]!.value['data'] as PlainObject) }, { k: '' });
});
