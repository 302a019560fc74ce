/** Definitions, references and symbols over the protocol, across open documents and files on disk. */
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { after, before, test } from 'node:test';
import { CONFIG_MAP, DEPLOYMENT, SERVICE as SERVICE_MANIFEST } from '../helpers/workspace-manifests';
import { fileUri, LspClient, type Position, type Range } from './lsp-client';

interface Location {
  uri: string;
  range: Range;
}

const SERVICE = SERVICE_MANIFEST.replace('name: web\n', 'name: web\n  namespace: default\n');
/** Two documents in one file: the ConfigMap's ranges are past the Service. */
const CONFIG_FILE = `${SERVICE}---\n${CONFIG_MAP}`;

const scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'kubeplan-lsp-navigation-'));
fs.writeFileSync(path.join(scratch, 'config.yaml'), CONFIG_FILE);
fs.writeFileSync(path.join(scratch, 'deployment.yaml'), DEPLOYMENT);
const configUri = fileUri(path.join(scratch, 'config.yaml'));
const deploymentUri = fileUri(path.join(scratch, 'deployment.yaml'));

let client: LspClient;
before(async () => {
  client = await LspClient.start({ workspaceFolders: [scratch] });
});
after(async () => {
  await client.stop();
  fs.rmSync(scratch, { recursive: true, force: true });
});

/** The position just after the first occurrence of `needle` in `text`. */
function positionAfter(text: string, needle: string): Position {
  const index = text.indexOf(needle);
  assert.notEqual(index, -1, needle);
  const lines = text.slice(0, index + needle.length).split('\n');
  return { line: lines.length - 1, character: lines.at(-1)!.length };
}

/** The range of `word` on the first line of `text` that holds `line`. */
function rangeOn(text: string, line: string, word: string): Range {
  const lines = text.split('\n');
  const number = lines.findIndex((candidate) => candidate.includes(line));
  assert.notEqual(number, -1, line);
  const start = lines[number]!.indexOf(word, lines[number]!.indexOf(line));
  return { start: { line: number, character: start }, end: { line: number, character: start + word.length } };
}

/** Asks until the workspace has been read (the answer is not empty), as the index reads files in the background. */
async function settled<T>(ask: () => Promise<T[]>): Promise<T[]> {
  const deadline = Date.now() + 15_000;
  for (;;) {
    const answer = await ask();
    if (answer.length > 0 || Date.now() > deadline) return answer;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

test('from a configMapKeyRef in an open document to the ConfigMap and its key in a file on disk', async () => {
  client.open(deploymentUri, DEPLOYMENT);
  const name = await settled(() => client.request('textDocument/definition', { textDocument: { uri: deploymentUri }, position: positionAfter(DEPLOYMENT, 'name: sett') }) as Promise<Location[]>);
  assert.deepEqual(name, [{ uri: configUri, range: rangeOn(CONFIG_FILE, 'name: settings', 'settings') }]);
  const key = (await client.request('textDocument/definition', { textDocument: { uri: deploymentUri }, position: positionAfter(DEPLOYMENT, 'key: LOG') })) as Location[];
  assert.deepEqual(key, [{ uri: configUri, range: rangeOn(CONFIG_FILE, 'LOG_LEVEL: info', 'LOG_LEVEL') }]);
});

test('from a Service selector in an open document to the Deployment it selects', async () => {
  const uri = fileUri(path.join(scratch, 'service-open.yaml'));
  client.open(uri, SERVICE);
  const found = await settled(() => client.request('textDocument/definition', { textDocument: { uri }, position: positionAfter(SERVICE, '    ap') }) as Promise<Location[]>);
  assert.deepEqual(found, [{ uri: deploymentUri, range: rangeOn(DEPLOYMENT, 'name: web', 'web') }]);
});

test('the references to the open ConfigMap name include the Deployment on disk', async () => {
  const uri = fileUri(path.join(scratch, 'config.yaml'));
  const text = CONFIG_FILE;
  client.open(uri, text);
  const found = await settled(async () => {
    const answer = (await client.request('textDocument/references', { textDocument: { uri }, position: positionAfter(text, 'name: sett'), context: { includeDeclaration: false } })) as Location[];
    return answer.filter((location) => location.uri === deploymentUri);
  });
  // The open Deployment document stands for its file.
  assert.deepEqual(found, [{ uri: deploymentUri, range: rangeOn(DEPLOYMENT, 'name: settings', 'settings') }]);
  client.close(uri);
});

test('a document has one symbol per object, named by kind and name', async () => {
  const uri = fileUri(path.join(scratch, 'symbols.yaml'));
  const text = CONFIG_FILE;
  client.open(uri, text);
  const symbols = (await client.request('textDocument/documentSymbol', { textDocument: { uri } })) as { name: string; detail?: string; range: Range; selectionRange: Range }[];
  assert.deepEqual(
    symbols.map((symbol) => [symbol.name, symbol.detail, symbol.selectionRange]),
    [
      ['Service web', 'default', rangeOn(text, 'name: web', 'web')],
      ['ConfigMap settings', '', rangeOn(text, 'name: settings', 'settings')],
    ],
  );
  // The ConfigMap starts on the line after `---`.
  assert.equal(symbols[1]!.range.start.line, text.split('\n').indexOf('---') + 1);
});

test('workspace symbols find objects of files on disk by query', async () => {
  const found = await settled(async () => {
    const answer = (await client.request('workspace/symbol', { query: 'configmapsettings' })) as { name: string; location: Location }[];
    return answer.filter((symbol) => symbol.location.uri === configUri);
  });
  assert.deepEqual(
    found.map((symbol) => [symbol.name, symbol.location.range.start.line]),
    [['ConfigMap settings', CONFIG_FILE.split('\n').indexOf('---') + 1]],
  );
});
