/**
 * Runs in a fresh Node process: times kubeplan's engine on one file, first cold (the engine module, the schema
 * bundle and every ajv validator the file needs are loaded inside the timed span), then warm.
 *
 * The engine caches results per document text and offers no way to clear that cache, so a warm pass on the
 * same text would time cache look-ups. Each warm pass therefore appends a pass-specific comment to every
 * document: the parse and validation work is the same as for the original, and every document misses the cache.
 * Then come the per-keystroke figures: one value edited at a time, every other document served from the cache.
 *
 * Usage: node engine-worker.js FILE VERSION WARM_PASSES EDITS   (prints one JSON line)
 */
import * as fs from 'node:fs';
import { performance } from 'node:perf_hooks';
import { applyEdit, editedValue, findEditTarget } from './edit-target';

export interface EngineWorkerResult {
  bytes: number;
  objects: number;
  findings: number;
  errors: number;
  /** require(engine) + schema bundle and generated validators load + validate, in ms. */
  coldMs: number;
  /** The cold figure plus Node's own start-up: from process start (performance.timeOrigin) to the cold result. */
  coldSinceProcessStartMs: number;
  /** Each warm pass over the whole file, in ms. */
  warmMs: number[];
  /**
   * validateText after each of a series of one-value edits (the LSP latency edits), cache warm: what the engine
   * costs a language server per keystroke on this file. Empty when the file has no value to edit.
   */
  editMs: number[];
}

function main(): void {
  const [file, version, passes, edits] = process.argv.slice(2);
  if (!file || !version) throw new Error('usage: engine-worker FILE VERSION WARM_PASSES EDITS');
  const text = fs.readFileSync(file, 'utf8');

  const coldStart = performance.now();
  // Loaded here rather than at the top so that module loading is part of the cold figure.
  const engine = require('../server/src/check/validate-text') as typeof import('../server/src/check/validate-text');
  const options = { kubernetesVersion: version as import('../server/src/schema/versions').KubernetesVersion };
  const first = engine.validateText(text, options);
  const coldEnd = performance.now();
  const coldMs = coldEnd - coldStart;

  const warmMs: number[] = [];
  for (let pass = 1; pass <= Number(passes ?? 3); pass++) {
    const variant = uncachedVariant(text, pass);
    const started = performance.now();
    const report = engine.validateText(variant, options);
    warmMs.push(performance.now() - started);
    if (report.objects.length !== first.objects.length) throw new Error(`warm pass ${pass} saw ${report.objects.length} objects, the cold pass ${first.objects.length}`);
  }

  const editMs: number[] = [];
  const target = findEditTarget(text);
  if (target) {
    let current = target.original;
    let edited = text;
    for (let edit = 1; edit <= Number(edits ?? 0); edit++) {
      const { value } = editedValue(edit);
      edited = applyEdit(edited, target, current, value);
      current = value;
      const started = performance.now();
      engine.validateText(edited, options);
      editMs.push(performance.now() - started);
    }
  }

  const result: EngineWorkerResult = {
    bytes: Buffer.byteLength(text),
    objects: first.objects.length,
    findings: first.findings.length,
    errors: first.findings.filter((f) => f.severity === 'error').length,
    coldMs,
    coldSinceProcessStartMs: coldEnd,
    warmMs,
    editMs,
  };
  process.stdout.write(`${JSON.stringify(result)}\n`);
}

/** The same manifests with a comment at the end of every document, so no document text has been seen before. */
function uncachedVariant(text: string, pass: number): string {
  const marker = `# bench pass ${pass}`;
  return `${text.replace(/^---(?=[ \t]|\r?$)/gm, `${marker}\n---`)}${text.endsWith('\n') ? '' : '\n'}${marker}\n`;
}

main();
