/**
 * CodeLens for an open document comes from the plan of that document, with the files holding the workloads its
 * Services select, made once per text and settings and kept until a CronJob's next run (which the lenses name) has
 * passed. When errors keep the plan from being made, the lenses say which object would be rejected.
 */
import { createHash } from 'node:crypto';
import { validateText } from '../check/validate-text';
import { hasLens, planLenses, refusedLenses, type PlanLens, type RejectedObject } from './plan-code-lens';
import type { CheckedText } from '../check/check-texts';
import { planTexts, type PlanTexts } from '../plan/plan-texts';

/** A plan of a larger document would hold the editor's requests back longer than a lens is worth. */
export const MAX_LENS_TEXT_LENGTH = 512 * 1024;
const MAX_DOCUMENTS = 64;
/**
 * LSP's textDocument/codeLens request carries no visible range, so a document too large to plan on every pause gets
 * one lens at its top that says so and plans it on request, rather than lenses that silently never come.
 */
export const LARGE_FILE_LENS: PlanLens = {
  offset: 0,
  title: `lenses are off for files over ${MAX_LENS_TEXT_LENGTH / 1024} KB: plan this file`,
};

interface Entry {
  key: string;
  lenses: PlanLens[];
  /** Milliseconds since the epoch after which the lenses are out of date. */
  validUntil: number;
}

export class PlanLensCache {
  private readonly entries = new Map<string, Entry>();

  /** `input.manifests[0]` is the document the lenses are for; the others are planned with it. */
  lenses(uri: string, input: PlanTexts): PlanLens[] {
    const key = cacheKey(input);
    const cached = this.entries.get(uri);
    if (cached && cached.key === key && input.now < cached.validUntil) return cached.lenses;
    const entry = { key, ...compute(input) };
    this.entries.delete(uri);
    this.entries.set(uri, entry);
    if (this.entries.size > MAX_DOCUMENTS) this.entries.delete(this.entries.keys().next().value!);
    return entry.lenses;
  }

  forget(uri: string): void {
    this.entries.delete(uri);
  }
}

/**
 * Lenses are planned on the server's thread while the user types: a workload asking for a huge number of replicas
 * must not hold diagnostics back for seconds. Lens texts come from fenceposts and counts, which this many pods show.
 */
const LENS_MAX_CREATED_PODS = 2_000;

function compute(input: PlanTexts): Omit<Entry, 'key'> {
  const document = input.manifests[0];
  if (!document) return { lenses: [], validUntil: Infinity };
  if (document.text.length > MAX_LENS_TEXT_LENGTH) return { lenses: [LARGE_FILE_LENS], validUntil: Infinity };
  const objects = validateText(document.text, { kubernetesVersion: input.kubernetesVersion, rules: input.rules, fileName: document.file }).objects;
  if (!objects.some(hasLens)) return { lenses: [], validUntil: Infinity };
  const { plan, manifests, current } = planTexts({ ...input, maxCreatedPods: LENS_MAX_CREATED_PODS });
  if (!plan) return { lenses: refusedLenses(objects, rejectedObjects([...manifests, ...current])), validUntil: Infinity };
  const nextRuns = plan.cronjobs.map((cronJob) => Date.parse(cronJob.nextRuns[0] ?? '')).filter((time) => !Number.isNaN(time));
  return { lenses: planLenses(objects, plan), validUntil: Math.min(Infinity, ...nextRuns) };
}

/** The objects whose errors kept the plan from being made, each with its first error, in the order of the texts. */
function rejectedObjects(checked: readonly CheckedText[]): RejectedObject[] {
  const rejected = new Map<string, RejectedObject>();
  for (const text of checked) {
    for (const finding of [...text.findings, ...text.crossObjectFindings]) {
      if (finding.severity !== 'error') continue;
      const object = finding.object;
      const key = object ? `${object.kind}/${object.namespace}/${object.name}` : text.file;
      if (!rejected.has(key))
        rejected.set(
          key,
          object ? { kind: object.kind, namespace: object.namespace, name: object.name, message: finding.message } : { kind: '', namespace: '', name: '', message: finding.message },
        );
    }
  }
  return [...rejected.values()];
}

/** Each list of reference CRDs read gets a number: a list read again may hold other schemas, and its CRDs can be megabytes to hash. */
const definitionLists = new WeakMap<object, number>();
let definitionListsSeen = 0;

function definitionsKey(definitions: PlanTexts['definitions']): string {
  if (!definitions || definitions.length === 0) return '';
  let id = definitionLists.get(definitions);
  if (id === undefined) definitionLists.set(definitions, (id = ++definitionListsSeen));
  return String(id);
}

function cacheKey(input: PlanTexts): string {
  const hash = createHash('sha1');
  for (const part of [input.kubernetesVersion, JSON.stringify(input.rules), String(input.newPodsReady), input.cluster?.key ?? '', definitionsKey(input.definitions)])
    hash.update(part).update('\0');
  for (const manifest of input.manifests) hash.update(manifest.text).update('\0');
  return hash.digest('hex');
}
