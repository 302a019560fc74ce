/**
 * Syntax errors as a person reads them: the parser's message with plain words beside it, underlining the text that
 * is wrong, with line numbers counted from the start of the file.
 *
 * The parser's own messages are those of the `yaml` package (eemeli/yaml, its error codes TAB_AS_INDENT,
 * BLOCK_AS_IMPLICIT_KEY, MULTILINE_IMPLICIT_KEY, MISSING_CHAR, BAD_INDENT); the tab's message is go-yaml v2's, as
 * kubectl prints it (gopkg.in/yaml.v2 scannerc.go, yaml_parser_fetch_next_token: "found character that cannot
 * start any token"; sigs.k8s.io/yaml prefixes "error converting YAML to JSON: ").
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { onlyFinding } from '../helpers/check-text';

function placed(text: string): [string, number, string] {
  const finding = onlyFinding(text);
  assert.equal(finding.rule, 'yaml-syntax');
  return [finding.message, finding.line, finding.text];
}

test('a tab that indents a key is named as such, on the tab', () => {
  assert.deepEqual(placed('apiVersion: v1\nkind: ConfigMap\nmetadata:\n\tname: a\n'), [
    'error converting YAML to JSON: yaml: line 4: found character that cannot start any token (a tab character cannot indent YAML; indent with spaces)',
    4,
    '\t',
  ]);
});

test("a tab in the second document names the file's line, not the document's", () => {
  const text = 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: a\n---\napiVersion: v1\nkind: ConfigMap\nmetadata:\n\tname: b\n';
  assert.deepEqual(placed(text), ['error converting YAML to JSON: yaml: line 9: found character that cannot start any token (a tab character cannot indent YAML; indent with spaces)', 9, '\t']);
});

test('a line indented more than its block is underlined, not the line above it', () => {
  assert.deepEqual(placed('apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: a\n    foo: b\n'), [
    'Nested mappings are not allowed in compact mappings (this line is indented more than its block)',
    5,
    'foo: b',
  ]);
});

test('a key without its colon is underlined on its own line', () => {
  assert.deepEqual(placed('apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: a\ndata:\n  x\n  y: "1"\n'), [
    'Implicit keys need to be on a single line (a key is missing its `:`, or a value is missing its key)',
    6,
    'x',
  ]);
});

test('the last key of a block without its colon is a key missing its colon', () => {
  assert.deepEqual(placed('apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: a\ndata:\n  y: "1"\n  x\n'), [
    'Implicit map keys need to be followed by map values (a key is missing its `:`, or a value is missing its key)',
    7,
    'x',
  ]);
});

test('a colon with no space after it is named as such, on its line only', () => {
  assert.deepEqual(placed('apiVersion: v1\nkind:ConfigMap\nmetadata:\n  name: a\n'), [
    'Implicit keys need to be on a single line (a `:` after a key must be followed by a space)',
    2,
    'kind:ConfigMap',
  ]);
});

test('an unclosed quote is underlined from the quote to the end of its line', () => {
  assert.deepEqual(placed('apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: "a\ndata:\n  y: "1"\n'), ['Missing closing "quote (this quoted value is never closed; end it with ")', 4, '"a']);
});

test('an unclosed flow mapping is underlined from its brace, not where the parser gave up', () => {
  assert.deepEqual(placed('apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: a\n  labels: {a: b\ndata:\n  y: "1"\n'), [
    'Flow map in block collection must be sufficiently indented and end with a } (this { is never closed with })',
    5,
    '{a: b',
  ]);
});

test('an unclosed flow sequence is underlined from its bracket', () => {
  const text = 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: a\nspec:\n  containers:\n  - name: a\n    args: [a, b\n    image: x\n';
  assert.deepEqual(placed(text), ['Flow sequence in block collection must be sufficiently indented and end with a ] (this [ is never closed with ])', 8, '[a, b']);
});

test('a key that does not line up with its block is underlined, not the blank before it', () => {
  assert.deepEqual(placed('apiVersion: v1\nkind: ConfigMap\nmetadata:\n    name: a\n  labels: {}\n'), [
    'All mapping items must start at the same column (this line does not line up with the keys of its block)',
    5,
    'labels: {}',
  ]);
});
