/**
 * A large document is decoded piece by piece (parse/block-pieces.ts), and a large List checked item by item
 * (check/list-items.ts), with what each piece and item gave kept by its text. After any series of edits that must
 * give what checking the text whole, with nothing kept, gives: the same findings (rule, message, severity, range)
 * and the same objects (kind, name, range, value). The whole check is a second instance of the engine whose
 * piece-by-piece and item-by-item paths are switched off and whose caches are emptied after every text.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { validateText } from '../../server/src/check/validate-text';
import type { FileReport } from '../../server/src/check/report';
import { corporaDir } from '../helpers/repo-paths';
import { seededRandom } from '../helpers/seeded-random';

const VERSION = '1.36' as const;

type Engine = { validateText: typeof validateText; releaseFile: (file: string) => void };

/** The modules that keep results loaded again, so that their caches are their own, with the incremental paths off. */
function wholeDocumentEngine(): Engine {
  const own = ['../../server/src/check/validate-text', '../../server/src/check/list-items', '../../server/src/parse/yaml-documents', '../../server/src/parse/block-pieces'].map((file) =>
    require.resolve(file),
  );
  const saved = own.map((file) => require.cache[file]);
  for (const file of own) delete require.cache[file];
  try {
    const items = require('../../server/src/check/list-items') as { checkListByItems: unknown };
    items.checkListByItems = () => undefined;
    const pieces = require('../../server/src/parse/block-pieces') as { decodeByPieces: unknown };
    pieces.decodeByPieces = () => undefined;
    return require('../../server/src/check/validate-text') as Engine;
  } finally {
    own.forEach((file, i) => {
      if (saved[i]) require.cache[file] = saved[i];
    });
  }
}

const whole = wholeDocumentEngine();

function summary(report: FileReport): string[] {
  return [
    ...report.findings.map((f) => `finding ${f.rule} ${f.severity} ${f.range.start}-${f.range.end} ${f.message}`),
    ...report.objects.map((o) => `object ${o.apiVersion} ${o.kind} ${o.namespace}/${o.name} ${o.range.start}-${o.range.end} ${JSON.stringify(o.value)}`),
  ];
}

function fromScratch(text: string): string[] {
  const report = whole.validateText(text, { kubernetesVersion: VERSION, fileName: 'scratch' });
  whole.releaseFile('scratch');
  return summary(report);
}

/** A List of ConfigMaps, Services and Deployments, some with mistakes, over 32 KB (the size from which it goes by items). */
function generatedList(): string {
  const items: string[] = [];
  for (let i = 0; i < 150; i++) {
    if (i % 3 === 0) {
      items.push(`- apiVersion: v1
  kind: ConfigMap
  metadata:
    name: settings-${i}
    labels: {app: shop, tier: "${i}"}
  # the file the application reads
  data:
    settings.json: |-
      {"replicas": ${i}, "name": "settings-${i}"}
    level: debug
`);
    } else if (i % 3 === 1) {
      items.push(`- apiVersion: v1
  kind: Service
  metadata:
    name: web-${i}
  spec:
    selector:
      app: web-${i}
    ports:
      - name: http
        port: ${i === 4 ? 70000 : 80}
        targetPort: 8080
`);
    } else {
      items.push(`-   apiVersion: apps/v1
    kind: Deployment
    metadata:
      name: web-${i}
    spec:
      replicas: ${i === 5 ? -1 : 2}
      selector:
        matchLabels: {app: web-${i}}
      template:
        metadata:
          labels: {app: web-${i}}
        spec:
          containers:
            - name: app
              image: registry.example.com/web:${i}
              resources:
                limits: {memory: 256Mi, cpu: 500m}
                requests: {memory: 128Mi, cpu: 250m}
`);
    }
  }
  return `apiVersion: v1\nkind: List\n# generated\nitems:\n${items.join('\n')}metadata:\n  resourceVersion: ""\n`;
}

/** Texts an edit writes over a line's value or inserts: mistakes, fixes, and what ties items together. */
const REPLACEMENTS = ['x', 'Web_Server', '-3', '70000', '"80"', 'true', '', '{}', '[a, b]', '&shared 1', '*shared', '"unterminated', 'a: b: c'];
const LINES = ['  extra: 1', '- apiVersion: v1', '- kind: ConfigMap\n  apiVersion: v1\n  metadata: {name: added}', '# a comment', '', 'items:', '  <<: {a: 1}', '\tname: tab', '---', 'kind: List'];

/** Replaces a line's value, inserts a line, deletes one or moves one, at random. */
function edit(text: string, random: () => number): string {
  const lines = text.split('\n');
  const at = Math.floor(random() * lines.length);
  const pick = <T>(list: readonly T[]) => list[Math.floor(random() * list.length)]!;
  const choice = random();
  if (choice < 0.5) {
    const line = lines[at]!;
    const colon = line.indexOf(': ');
    lines[at] = colon === -1 ? `${line}${pick(REPLACEMENTS)}` : `${line.slice(0, colon + 2)}${pick(REPLACEMENTS)}`;
  } else if (choice < 0.75) lines.splice(at, 0, pick(LINES));
  else if (choice < 0.9) lines.splice(at, 1);
  else lines.splice(Math.floor(random() * lines.length), 0, ...lines.splice(at, 1));
  return lines.join('\n');
}

function replay(text: string, seed: number, edits: number, revert: number): void {
  const random = seededRandom(seed);
  const history = [text];
  let current = text;
  for (let n = 0; n < edits; n++) {
    // Now and then back to an earlier version, as undo does: its results come from what was kept.
    current = random() < revert ? history[Math.floor(random() * history.length)]! : edit(current, random);
    history.push(current);
    const incremental = summary(validateText(current, { kubernetesVersion: VERSION, fileName: 'edited' }));
    assert.deepEqual(incremental, fromScratch(current), `edit ${n + 1} of seed ${seed}`);
  }
}

test('a large List checked item by item after random edits gives what checking it whole gives', () => {
  const list = generatedList();
  assert.ok(list.length > 32 * 1024);
  for (const seed of [1, 2]) replay(list, seed, 20, 0.15);
});

test('a large List whose items are unchanged is checked again only where it was edited, with the same results', () => {
  const list = generatedList();
  const first = summary(validateText(list, { kubernetesVersion: VERSION, fileName: 'edited' }));
  assert.deepEqual(first, fromScratch(list));
  const renamed = list.replace('name: web-148', 'name: Web_58');
  assert.deepEqual(summary(validateText(renamed, { kubernetesVersion: VERSION, fileName: 'edited' })), fromScratch(renamed));
});

test('a corpus CustomResourceDefinition after random edits gives what checking it whole gives', (t) => {
  const file = path.join(corporaDir, 'argoproj__argo-cd', 'manifests', 'crds', 'applicationset-crd.yaml');
  if (!fs.existsSync(file)) return t.skip('no corpora beside the repository');
  replay(fs.readFileSync(file, 'utf8'), 7, 4, 0.2);
});

test('a corpus CustomResourceDefinition is decoded piece by piece', (t) => {
  // Guards the comparison above, as the next test does for Lists.
  const file = path.join(corporaDir, 'argoproj__argo-cd', 'manifests', 'crds', 'applicationset-crd.yaml');
  if (!fs.existsSync(file)) return t.skip('no corpora beside the repository');
  const { decodeByPieces } = require('../../server/src/parse/block-pieces') as typeof import('../../server/src/parse/block-pieces');
  const { fastDecodePiece } = require('../../server/src/parse/yaml-documents') as typeof import('../../server/src/parse/yaml-documents');
  const { LineTable } = require('../../server/src/parse/block-lines') as typeof import('../../server/src/parse/block-lines');
  assert.notEqual(decodeByPieces(new LineTable(fs.readFileSync(file, 'utf8')), fastDecodePiece), undefined);
});

test('the item path is taken for a large List', () => {
  // Guards the comparison above: were the item path never taken, it would compare the whole path with itself.
  const list = generatedList();
  let calls = 0;
  const listItems = require('../../server/src/check/list-items') as { checkListByItems: (...args: unknown[]) => unknown };
  const original = listItems.checkListByItems;
  const counted = (...args: unknown[]) => {
    const result = original(...args);
    if (result) calls++;
    return result;
  };
  listItems.checkListByItems = counted;
  try {
    validateText(`${list}# once more\n`, { kubernetesVersion: VERSION, fileName: 'edited' });
  } finally {
    listItems.checkListByItems = original;
  }
  assert.equal(calls, 1);
});
