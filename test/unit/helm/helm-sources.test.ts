/**
 * The chart template named for each document of Helm's rendered output. Helm writes every document as
 * `---\n# Source: <path>\n<document>\n` (helm/helm pkg/action/action.go, renderResources; hooks in
 * pkg/cmd/template.go), one comment per document, as SortManifests (pkg/release/v1/util/manifest_sorter.go) splits
 * each template at its `---` lines before the documents are written.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { HelmSources } from '../../../server/src/check/helm-sources';
import { LineIndex } from '../../../server/src/parse/line-index';

function sourcesOf(text: string): HelmSources | undefined {
  return HelmSources.of(text, new LineIndex(text));
}

const rendered = [
  '---',
  '# Source: shop/templates/service.yaml',
  'apiVersion: v1',
  'kind: Service',
  '',
  '---',
  '# Source: shop/charts/cache/templates/deployment.yaml',
  'apiVersion: apps/v1',
  'kind: Deployment',
  'spec:',
  '  replicas: x',
  '',
].join('\n');

test('a finding in a rendered document names its template and the line after the Source comment as line 1', () => {
  const offset = rendered.indexOf('replicas: x');
  assert.deepEqual(sourcesOf(rendered)?.at(offset), { template: 'shop/charts/cache/templates/deployment.yaml', line: 4 });
});

test('the first document of the stream is attributed as the others are', () => {
  assert.deepEqual(sourcesOf(rendered)?.at(rendered.indexOf('kind: Service')), { template: 'shop/templates/service.yaml', line: 2 });
});

test('a finding on the document separator is placed on the first line of the rendered document', () => {
  assert.deepEqual(sourcesOf(rendered)?.at(rendered.indexOf('---', 5)), { template: 'shop/charts/cache/templates/deployment.yaml', line: 1 });
});

test('a document without a Source comment after a sourced one names no template', () => {
  const text = `${rendered}---\napiVersion: v1\nkind: ConfigMap\n`;
  assert.equal(sourcesOf(text)?.at(text.indexOf('kind: ConfigMap')), undefined);
});

test('a text without any Source comment has no Helm sources', () => {
  assert.equal(sourcesOf('apiVersion: v1\nkind: ConfigMap\n'), undefined);
});

test('a Source comment further down a document is a comment, not Helm attribution', () => {
  const text = 'apiVersion: v1\nkind: ConfigMap\n# Source: somewhere.yaml\ndata: {}\n';
  assert.equal(sourcesOf(text), undefined);
});

test('a hidden Secret of --hide-secret keeps its template for the lines that follow the comment', () => {
  // pkg/action/action.go: "---\n# Source: %s\n# HIDDEN: The Secret output has been suppressed\n".
  const text = '---\n# Source: shop/templates/secret.yaml\n# HIDDEN: The Secret output has been suppressed\n';
  assert.deepEqual(sourcesOf(text)?.at(text.indexOf('# HIDDEN')), { template: 'shop/templates/secret.yaml', line: 1 });
});

test('Windows line ends do not become part of the template name', () => {
  const text = '---\r\n# Source: shop/templates/cm.yaml\r\napiVersion: v1\r\nkind: ConfigMap\r\n';
  assert.deepEqual(sourcesOf(text)?.at(text.indexOf('kind')), { template: 'shop/templates/cm.yaml', line: 2 });
});
