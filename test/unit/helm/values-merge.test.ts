/**
 * A chart's values merged as Helm merges them before it validates them, each failure placed in the file that
 * supplied the value. The rules, worked by hand from helm/helm:
 * - pkg/cli/values/options.go (Options.MergeValues) and pkg/chart/v2/loader/load.go (LoadValues, MergeMaps): the
 *   `-f` files in order, each merged over the last; maps merged key by key, anything else (lists too) replaced;
 *   the documents of one file merged the same way.
 * - pkg/chart/common/util/coalesce.go (CoalesceValues, coalesceValues, coalesceTablesFullKey, coalesceDeps,
 *   coalesceGlobals): the chart's values.yaml under the user's values; a user's null removes the default; the chart's
 *   own null defaults dropped; a subchart's section gets the subchart's defaults and the parent's `global:`.
 * - pkg/chart/common/util/jsonschema.go (ValidateAgainstSchema): each subchart's section against its own schema,
 *   under the subchart's name.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { chartValuesFindings, type ChartValuesSource, type SourceText } from '../../../server/src/check/helm-values';

const HEADING = "values don't meet the specifications of the schema(s) in the following chart(s): ";

const schema = JSON.stringify({
  type: 'object',
  properties: {
    replicaCount: { type: 'integer', minimum: 0 },
    image: { type: 'object', properties: { tag: { type: 'string' }, pullPolicy: { enum: ['Always', 'IfNotPresent', 'Never'] } } },
    hosts: { type: 'array', items: { type: 'string' } },
  },
});
const cacheSchema = JSON.stringify({
  type: 'object',
  properties: { port: { type: 'integer' }, global: { type: 'object', properties: { env: { enum: ['prod', 'dev'] } } } },
});

function chart(values: string, dependencies: ChartValuesSource[] = []): ChartValuesSource {
  return {
    name: 'shop',
    chartFile: { file: 'Chart.yaml', text: 'name: shop\n' },
    values: { file: 'values.yaml', text: values },
    schema: { file: 'values.schema.json', text: schema },
    dependencies,
  };
}

function cache(values: string): ChartValuesSource {
  return {
    name: 'cache',
    chartFile: { file: 'charts/cache/Chart.yaml', text: 'name: cache\n' },
    values: { file: 'charts/cache/values.yaml', text: values },
    schema: { file: 'charts/cache/values.schema.json', text: cacheSchema },
    dependencies: [],
  };
}

/** Each finding as `file:line: message` without Helm's heading, and the text it underlines. */
function found(source: ChartValuesSource, ...files: SourceText[]): string[] {
  return chartValuesFindings(source, files).map(({ file, text, finding }) => {
    const line = text.slice(0, finding.range.start).split('\n').length;
    return `${file}:${line}: ${finding.message.replace(HEADING, '')} [${text.slice(finding.range.start, finding.range.end)}]`;
  });
}

test('a later -f file wins over an earlier one for the same key', () => {
  assert.deepEqual(found(chart('replicaCount: 1\n'), { file: 'a.yaml', text: 'replicaCount: -1\n' }, { file: 'b.yaml', text: 'replicaCount: 3\n' }), []);
  assert.deepEqual(found(chart('replicaCount: 1\n'), { file: 'a.yaml', text: 'replicaCount: 3\n' }, { file: 'b.yaml', text: 'replicaCount: -2\n' }), [
    "b.yaml:1: shop: - at '/replicaCount': minimum: got -2, want 0 [-2]",
  ]);
});

test('maps are merged key by key, so a key only an earlier file sets is blamed on that file', () => {
  const a = { file: 'a.yaml', text: 'image:\n  pullPolicy: Sometimes\n' };
  const b = { file: 'b.yaml', text: 'image:\n  tag: "2.0"\n' };
  assert.deepEqual(found(chart('image:\n  tag: "1.0"\n'), a, b), ["a.yaml:2: shop: - at '/image/pullPolicy': value must be one of 'Always', 'IfNotPresent', 'Never' [Sometimes]"]);
});

test('lists are replaced whole, not merged item by item', () => {
  assert.deepEqual(found(chart('hosts: [1, 2]\n'), { file: 'a.yaml', text: 'hosts: [shop.example.com]\n' }), []);
  assert.deepEqual(found(chart('hosts: [a.example.com]\n'), { file: 'a.yaml', text: 'hosts:\n  - b.example.com\n  - 3\n' }), ["a.yaml:3: shop: - at '/hosts/1': got number, want string [3]"]);
});

test("a null in a values file removes the chart's default", () => {
  assert.deepEqual(found(chart('replicaCount: -1\nimage:\n  tag: 1\n'), { file: 'a.yaml', text: 'replicaCount: null\nimage:\n  tag: ~\n' }), []);
});

test('a null for a key the chart has no default for stays, and is validated as null', () => {
  assert.deepEqual(found(chart('image: {}\n'), { file: 'a.yaml', text: 'image:\n  tag: null\n' }), ["a.yaml:2: shop: - at '/image/tag': got null, want string [null]"]);
});

test("the chart's own null defaults are dropped before validation", () => {
  assert.deepEqual(found(chart('replicaCount: null\nimage:\n  tag: null\n')), []);
});

test("a values file's documents are merged in order", () => {
  assert.deepEqual(found(chart(''), { file: 'a.yaml', text: 'replicaCount: -1\n---\nreplicaCount: 2\n' }), []);
  assert.deepEqual(found(chart(''), { file: 'a.yaml', text: 'replicaCount: 2\n---\nreplicaCount: -1\n' }), ["a.yaml:3: shop: - at '/replicaCount': minimum: got -1, want 0 [-1]"]);
});

test("a subchart's section is validated against the subchart's schema under its name, the parent's value winning", () => {
  assert.deepEqual(found(chart('cache:\n  port: "6379"\n', [cache('port: 6379\n')])), ['values.yaml:2: cache: - at \'/port\': got string, want integer ["6379"]']);
  assert.deepEqual(found(chart('{}\n', [cache('port: "6379"\n')]), { file: 'a.yaml', text: 'cache:\n  port: 6380\n' }), []);
});

test("the parent's global values reach the subchart's schema and are blamed on the parent's file", () => {
  assert.deepEqual(found(chart('{}\n', [cache('global:\n  env: prod\n')]), { file: 'a.yaml', text: 'global:\n  env: staging\n' }), [
    "a.yaml:2: cache: - at '/global/env': value must be one of 'prod', 'dev' [staging]",
  ]);
});

test("a subchart's section that is not a map is Helm's type mismatch, and nothing is validated", () => {
  assert.deepEqual(found(chart('replicaCount: -1\n', [cache('')]), { file: 'a.yaml', text: 'cache: false\n' }), ['a.yaml:1: type mismatch on cache: false [false]']);
});

test('a values file that is not a map is refused in the words of its decoder', () => {
  assert.deepEqual(found(chart(''), { file: 'a.yaml', text: '- 1\n' }), [
    'a.yaml:1: cannot unmarshal yaml document: error unmarshaling JSON: json: cannot unmarshal array into Go value of type map[string]interface {} []',
  ]);
});

test('a values file that is not YAML gives its syntax error and no schema failure', () => {
  const [only, ...rest] = chartValuesFindings(chart('replicaCount: -1\n'), [{ file: 'a.yaml', text: 'image: [\n' }]);
  assert.deepEqual([only?.file, only?.finding.rule, rest.length], ['a.yaml', 'yaml-syntax', 0]);
});
