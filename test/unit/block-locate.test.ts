/**
 * A finding in a large document is placed by following its path down the lines and parsing only the entry it ends
 * in. The whole document's syntax tree is the oracle: every range must be the one `rangeForPath` gives on it.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { LineTable } from '../../server/src/parse/block-lines';
import { locateByLines } from '../../server/src/parse/block-locate';
import { rangeForPath } from '../../server/src/parse/source-map';
import { parseTrees } from '../../server/src/parse/tree-decode';
import type { Keys } from '../../server/src/kube/plain-values';
import { checkText } from '../helpers/check-text';

/** The range by lines, checked against the whole tree, as the text it underlines. */
function placed(text: string, keys: Keys, prefer: 'key' | 'value'): string | undefined {
  const range = locateByLines(new LineTable(text), keys, prefer);
  if (!range) return undefined;
  assert.deepEqual(range, rangeForPath(parseTrees(text)[0]!, keys, prefer), `${JSON.stringify(keys)} ${prefer}`);
  return text.slice(range.start, range.end);
}

const CRD_SCHEMA = `apiVersion: apiextensions.k8s.io/v1
kind: CustomResourceDefinition
metadata:
  name: widgets.example.com
spec:
  group: example.com
  versions:
  - name: v1
    served: true
    storage: true
    schema:
      openAPIV3Schema:
        properties:
          spec:
            description: |
              What the widget is.
              Two lines.
            properties:
              size:
                format: int32
                type: integer
              "colour":
                type: strin
            type: object
        type: object
`;

test('a value deep in an unindented sequence of a CRD schema is placed on its text', () => {
  const keys = ['spec', 'versions', 0, 'schema', 'openAPIV3Schema', 'properties', 'spec', 'properties', 'colour', 'type'];
  assert.equal(placed(CRD_SCHEMA, keys, 'value'), 'strin');
  assert.equal(placed(CRD_SCHEMA, keys, 'key'), 'type');
});

test('a key written on the dash line of its item is placed on the key', () => {
  assert.equal(placed(CRD_SCHEMA, ['spec', 'versions', 0, 'name'], 'key'), 'name');
  assert.equal(placed(CRD_SCHEMA, ['spec', 'versions', 0, 'name'], 'value'), 'v1');
});

test('a block scalar is placed from its indicator to the end of its text', () => {
  const keys = ['spec', 'versions', 0, 'schema', 'openAPIV3Schema', 'properties', 'spec', 'description'];
  assert.equal(placed(CRD_SCHEMA, keys, 'value'), '|\n              What the widget is.\n              Two lines.\n');
});

test('a field that is not written is placed on the key of its nearest written ancestor', () => {
  const keys = ['spec', 'versions', 0, 'schema', 'openAPIV3Schema', 'properties', 'spec', 'properties', 'size', 'minimum'];
  assert.equal(placed(CRD_SCHEMA, keys, 'value'), 'size');
});

test('an item past the end of a sequence is placed on the key that holds the sequence', () => {
  assert.equal(placed(CRD_SCHEMA, ['spec', 'versions', 3, 'name'], 'value'), 'versions');
});

test('a path into a flow mapping is placed by the tree of its entry', () => {
  const text = 'spec:\n  selector: {matchLabels: {app: web}}\n  replicas: 1\n';
  assert.equal(placed(text, ['spec', 'selector', 'matchLabels', 'app'], 'value'), 'web');
});

test('a collection followed by comments ends where the next entry starts, as in the whole tree', () => {
  const text = 'spec:\n  env:\n  - name: A\n    value: dns\n    # a note\n    # about it\n  ports:\n  - 80\n';
  assert.equal(placed(text, ['spec', 'env'], 'value'), '- name: A\n    value: dns\n    # a note\n    # about it\n  ');
});

test('a path through an alias is left to the whole tree, which knows the anchor', () => {
  const text = 'defaults: &d\n  cpu: 1\nspec:\n  limits: *d\n';
  assert.equal(locateByLines(new LineTable(text), ['spec', 'limits', 'cpu'], 'value'), undefined);
});

test('a key that is not a string is left to the whole tree, which names it by its value', () => {
  const text = 'data:\n  80: http\n  true: yes\n';
  assert.equal(locateByLines(new LineTable(text), ['data', '80'], 'value'), undefined);
});

test('a mapping with a merge key is left to the whole tree when the key is not written in it', () => {
  const text = 'base: &b\n  a: 1\nspec:\n  <<: *b\n  c: 2\n';
  assert.equal(locateByLines(new LineTable(text), ['spec', 'a'], 'value'), undefined);
});

/** A v1 List over the size from which placement goes by lines, with one ConfigMap named against the rules. */
function configMapList(items: number, badItem: number): string {
  const lines = ['apiVersion: v1', 'kind: List', 'items:'];
  for (let i = 0; i < items; i++) {
    lines.push('- apiVersion: v1', '  kind: ConfigMap', '  metadata:', `    name: ${i === badItem ? 'Dashboard_Bad' : `dashboard-${i}`}`, '  data:', `    dashboard-${i}.json: |-`);
    for (let p = 0; p < 20; p++) lines.push(`      {"panel": ${p}, "title": "panel ${p} of dashboard ${i}", "targets": [{"expr": "up"}]}`);
  }
  return `${lines.join('\n')}\n`;
}

// ValidateConfigMap (pkg/apis/core/validation/validation.go) validates metadata with ValidateObjectMeta and
// NameIsDNSSubdomain: an upper-case name with an underscore is refused at metadata.name.
test('a finding in an item deep in a large List is placed on the value in that item', () => {
  const text = configMapList(60, 57);
  assert.ok(text.length > 64 * 1024);
  const { findings } = checkText(text);
  const names = findings.filter((f) => f.path === 'metadata.name');
  assert.equal(names.length, 1);
  assert.equal(names[0]!.text, 'Dashboard_Bad');
  assert.equal(names[0]!.line, 3 + 57 * 26 + 4);
});
