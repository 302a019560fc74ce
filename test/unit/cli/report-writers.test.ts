/** The reports `kubeplan check` writes as it goes are, once whole, the documents it has always printed. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { formatJson, formatText, jsonWriter, textWriter, type CheckDiagnostic, type CheckResult } from '../../../server/src/cli/output-formats';

const diagnostic = (line: number, severity: CheckDiagnostic['severity']): CheckDiagnostic => ({
  file: 'a.yaml',
  line,
  column: 3,
  endLine: line,
  endColumn: 9,
  severity,
  rule: 'unknown-field',
  message: 'spec.replica: unknown field "spec.replica"',
  path: 'spec.replica',
  apiVersion: 'apps/v1',
  kind: 'Deployment',
  name: 'web',
  namespace: '',
  renderedFrom: { template: 'web/templates/web.yaml', line: 4 },
});

const result: CheckResult = { files: 2, objects: 3, diagnostics: [diagnostic(7, 'error'), diagnostic(9, 'warning'), diagnostic(11, 'hint')] };

test('the JSON report written a finding at a time is the JSON of files, diagnostics and objects', () => {
  assert.equal(formatJson(result), `${JSON.stringify({ files: 2, diagnostics: result.diagnostics, objects: 3 }, null, 2)}\n`);
  assert.equal(formatJson({ ...result, diagnostics: [] }), `${JSON.stringify({ files: 2, diagnostics: [], objects: 3 }, null, 2)}\n`);
});

test('the JSON report is the same whether its findings come one group or one finding at a time', () => {
  const writer = jsonWriter();
  const pieces =
    writer.start(2) + result.diagnostics.map((d) => writer.diagnostics([d])).join('') + writer.diagnostics([]) + writer.end({ files: 2, objects: 3, errors: 1, warnings: 1, notes: 0 });
  assert.equal(pieces, formatJson(result));
});

test('the text report written in pieces ends with the summary of every piece', () => {
  const style = { color: false };
  const writer = textWriter({ style });
  const pieces =
    writer.start(2) + writer.diagnostics(result.diagnostics.slice(0, 1)) + writer.diagnostics(result.diagnostics.slice(1)) + writer.end({ files: 2, objects: 3, errors: 1, warnings: 1, notes: 0 });
  assert.equal(pieces, formatText(result, { style }));
  assert.match(pieces, /\n2 files, 3 objects: 1 error, 1 warning\n$/);
});
