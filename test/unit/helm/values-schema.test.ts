/**
 * A chart's values.yaml against its values.schema.json (test/fixtures/helm/shop), in the words Helm 3.18+ and Helm 4
 * print: the heading of pkg/chart/common/util/values.go (ToRenderValues), the chart's name, and
 * santhosh-tekuri/jsonschema v6's line for each failure (output.go, display: `at '<pointer>': <message>`; the
 * messages of kind/kind.go, LocalizedString of Minimum, Pattern, Type, Enum, AdditionalProperties, MinLength,
 * Required). Helm's own golden files show the form: pkg/cmd/testdata/output/schema-negative.txt.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { chartValuesFindings } from '../../../server/src/check/helm-values';
import type { FileFinding } from '../../../server/src/kube/findings';
import { fixturesDir } from '../../helpers/repo-paths';

const schema = fs.readFileSync(path.join(fixturesDir, 'helm', 'shop', 'values.schema.json'), 'utf8');
/** The findings of a chart named shop whose values.yaml is `values`, without -f files. */
function valuesSchemaFindings(chart: string, schemaText: string, values: string): FileFinding[] {
  const source = {
    name: chart,
    chartFile: { file: 'Chart.yaml', text: '' },
    values: { file: 'values.yaml', text: values },
    schema: { file: 'values.schema.json', text: schemaText },
    dependencies: [],
  };
  return chartValuesFindings(source, []).map((placed) => placed.finding);
}

const HEADING = "values don't meet the specifications of the schema(s) in the following chart(s): shop: - ";

/** The one finding about `pointer`, with the text it underlines and its line. */
function failureAt(values: string, pointer: string): { message: string; text: string; line: number } | undefined {
  const found = valuesSchemaFindings('shop', schema, values).find((f) => f.message.startsWith(`${HEADING}at '${pointer}':`));
  return found && { message: found.message.slice(HEADING.length), text: values.slice(found.range.start, found.range.end), line: values.slice(0, found.range.start).split('\n').length };
}

const valid = 'image:\n  repository: registry.example.com/shop/web\nservice:\n  port: 80\n';

test('values that meet the schema give no finding', () => {
  assert.deepEqual(valuesSchemaFindings('shop', schema, valid), []);
});

test('a number below minimum is reported on the value with both numbers', () => {
  assert.deepEqual(failureAt(`replicaCount: -1\n${valid}`, '/replicaCount'), { message: "at '/replicaCount': minimum: got -1, want 0", text: '-1', line: 1 });
});

test('a nested value outside the enum lists the allowed values quoted', () => {
  const nested = 'service:\n  port: 80\nimage:\n  repository: registry.example.com/shop/web\n  pullPolicy: Sometimes\n';
  assert.deepEqual(failureAt(nested, '/image/pullPolicy'), { message: "at '/image/pullPolicy': value must be one of 'Always', 'IfNotPresent', 'Never'", text: 'Sometimes', line: 5 });
});

test('a string that does not match the pattern quotes both', () => {
  const values = 'service: {}\nimage:\n  repository: Registry.example.com/Shop\n';
  assert.deepEqual(failureAt(values, '/image/repository'), {
    message: "at '/image/repository': 'Registry.example.com/Shop' does not match pattern '^[a-z0-9./-]+$'",
    text: 'Registry.example.com/Shop',
    line: 3,
  });
});

test('a number where a string is wanted names both JSON types', () => {
  assert.deepEqual(failureAt(`${valid.replace('web\n', 'web\n  tag: 1.4\n')}`, '/image/tag'), { message: "at '/image/tag': got number, want string", text: '1.4', line: 3 });
});

test('a property the object does not allow is reported on its key', () => {
  assert.deepEqual(failureAt(valid.replace('web\n', 'web\n  digest: sha256:abc\n'), '/image'), { message: "at '/image': additional properties 'digest' not allowed", text: 'digest', line: 3 });
});

test('a missing required top-level property is reported at the start of the values', () => {
  assert.deepEqual(failureAt('image:\n  repository: web\n', ''), { message: "at '': missing property 'service'", text: '', line: 1 });
});

test('several missing properties of one object are one failure', () => {
  assert.equal(failureAt('replicaCount: 1\n', '')?.message, "at '': missing properties 'image', 'service'");
});

test('a string shorter than minLength counts its characters', () => {
  assert.equal(failureAt(`${valid}report:\n  schedule: daily\n`, '/report/schedule')?.message, "at '/report/schedule': minLength: got 5, want 9");
});

test('a schema that is not JSON gives one finding naming the chart', () => {
  const [finding] = valuesSchemaFindings('shop', '{', valid);
  assert.match(finding?.message ?? '', /^values\.schema\.json of chart shop cannot be used: /);
});
