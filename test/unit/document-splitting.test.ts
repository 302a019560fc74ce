import { test } from 'node:test';
import assert from 'node:assert/strict';
import { splitDocuments } from '../../server/src/parse/split-documents';
import { checkText, onlyFinding, yaml } from '../helpers/check-text';

const configMap = (name: string, extra = '') => `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: ${name}\n${extra}`;

test('documents separated by --- lines are validated separately, with findings placed in the whole file', () => {
  const text = `${configMap('a')}---\n${configMap('b', 'bogus: 1\n')}`;
  const { objects, findings } = checkText(text);
  assert.deepEqual(
    objects.map((o) => o.name),
    ['a', 'b'],
  );
  assert.equal(findings.length, 1);
  assert.equal(findings[0]!.name, 'b');
  assert.equal(findings[0]!.text, 'bogus');
  assert.equal(findings[0]!.line, 10);
});

test('a document marker followed by a comment on the same line still separates documents', () => {
  const text = `${configMap('a')}--- # the second one\n${configMap('b')}`;
  assert.deepEqual(
    checkText(text).objects.map((o) => o.name),
    ['a', 'b'],
  );
});

test('an indented --- inside a block scalar is content, not a document marker', () => {
  const text = yaml`
    apiVersion: v1
    kind: ConfigMap
    metadata:
      name: front-matter
    data:
      page.md: |
        ---
        title: hello
        ---
  `;
  const { objects, findings } = checkText(text);
  assert.equal(objects.length, 1);
  assert.deepEqual(findings, []);
  assert.equal((objects[0]!.value['data'] as Record<string, string>)['page.md'], '---\ntitle: hello\n---\n');
});

test('comments before the first marker do not make an empty object or a finding', () => {
  const text = `# Application config\n# maintained by hand\n---\n${configMap('a')}`;
  const { objects, findings } = checkText(text);
  assert.deepEqual(
    objects.map((o) => o.name),
    ['a'],
  );
  assert.deepEqual(findings, []);
});

test("comments before a marker between documents keep the next document's findings on the right line", () => {
  const text = `${configMap('a')}# next: the broken one\n---\n${configMap('b', 'bogus: 1\n')}`;
  const finding = onlyFinding(text);
  assert.equal(finding.text, 'bogus');
  assert.equal(finding.line, 11);
});

test('empty documents between markers produce nothing', () => {
  const { objects, findings } = checkText(`---\n---\n${configMap('a')}---\n`);
  assert.equal(objects.length, 1);
  assert.deepEqual(findings, []);
});

// kubectl 1.32: its YAMLReader (k8s.io/apimachinery/pkg/util/yaml) cuts the directive off from the document that
// follows, and go-yaml refuses a piece with a directive and no document: "yaml: line 1: did not find expected
// <document start>". The document after the marker is still read.
test('a %YAML directive before the first marker is refused in kubectl words, on the directive', () => {
  const { objects, findings } = checkText(`%YAML 1.1\n---\n${configMap('a')}`);
  assert.equal(objects.length, 1);
  assert.deepEqual(
    findings.map((f) => [f.rule, f.message, f.text, f.line]),
    [['yaml-syntax', 'error converting YAML to JSON: yaml: line 1: did not find expected <document start>', '%YAML 1.1', 1]],
  );
});

// kubectl 1.32: YAMLReader allows only spaces and a comment after `---` ("invalid Yaml document separator: …").
test('content on the --- line is refused in kubectl words, on the content', () => {
  const { objects, findings } = checkText(`${configMap('a')}--- !!map\n${configMap('b')}`);
  assert.deepEqual(
    objects.map((o) => o.name),
    ['a'],
  );
  assert.deepEqual(
    findings.map((f) => [f.rule, f.message, f.text]),
    [['yaml-syntax', 'invalid Yaml document separator: !!map', '!!map']],
  );
});

test('a comment on the --- line is allowed', () => {
  const { objects, findings } = checkText(`${configMap('a')}---  # next\n${configMap('b')}`);
  assert.equal(objects.length, 2);
  assert.deepEqual(findings, []);
});

test('CRLF line endings: markers split documents and findings land on the right line and column', () => {
  const text = `${configMap('a')}---\n${configMap('b', 'data:\n  n: 1\n')}`.replace(/\n/g, '\r\n');
  const { objects, findings } = checkText(text);
  assert.deepEqual(
    objects.map((o) => o.name),
    ['a', 'b'],
  );
  assert.equal(findings.length, 1);
  assert.equal(findings[0]!.text, '1');
  assert.equal(findings[0]!.line, 11);
  assert.equal(findings[0]!.column, 6);
});

test('a CRLF marker line is found by the splitter', () => {
  const chunks = splitDocuments('a: 1\r\n---\r\nb: 2\r\n');
  assert.equal(chunks.length, 2);
  assert.equal(chunks[1]!.text, '---\r\nb: 2\r\n');
  assert.equal(chunks[1]!.offset, 6);
});

test('a byte-order mark before the first document neither breaks parsing nor shifts ranges', () => {
  const text = `\uFEFF${configMap('a', 'bogus: 1\n')}`;
  const finding = onlyFinding(text);
  assert.equal(finding.rule, 'unknown-field');
  assert.equal(finding.text, 'bogus');
  assert.equal(finding.line, 5);
  assert.equal(finding.column, 1);
});

test('the splitter keeps every character: chunks put together give back the text', () => {
  const text = `# c\n---\n${configMap('a')}---\n\n---\n${configMap('b')}`;
  const chunks = splitDocuments(text);
  assert.equal(chunks.map((c) => c.text).join(''), text);
  for (const chunk of chunks) assert.equal(text.slice(chunk.offset, chunk.offset + chunk.text.length), chunk.text);
});
