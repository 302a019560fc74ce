/**
 * A plan from texts, as the editor has them: each text is validated as the diagnostics are (so an error the
 * Problems panel shows keeps the plan from being made, as it does for `kubeplan plan`), then the objects are
 * applied on the cluster model. Editor-free: texts in, plain data out.
 */
import { defaultCluster, type ClusterModel } from '../cluster/cluster-model';
import { planApply } from '../cluster/simulation';
import { LineIndex } from '../parse/line-index';
import type { RuleSettings } from '../rules/rule-config';
import type { KubernetesVersion } from '../schema/versions';
import { validateText, type ManifestObject } from '../check/validate-text';
import type { PlanManifestText, PlanProblem, PlanResponse, SourceLocation } from '../protocol/plan-request';
import { planSources, type PlacedObject } from './plan-sources';

export interface PlanTexts {
  manifests: readonly PlanManifestText[];
  /** What runs now; applied and settled first. */
  current: readonly PlanManifestText[];
  /** The cluster of a cluster file; undefined: the embedded default cluster. */
  cluster: PlanCluster | undefined;
  kubernetesVersion: KubernetesVersion;
  rules: RuleSettings;
  newPodsReady: boolean;
  /** Milliseconds since the epoch. */
  now: number;
  /** The most pods the plan's controllers may create; the engine's own bound when absent. */
  maxCreatedPods?: number;
}

export interface PlanCluster {
  /** What identifies the file's content, for caches of plans. */
  key: string;
  model: ClusterModel;
}

interface ReadTexts {
  objects: ManifestObject[];
  placed: PlacedObject[];
  problems: PlanProblem[];
}

export function planTexts(input: PlanTexts): PlanResponse {
  const manifests = readTexts(input.manifests, input);
  const current = readTexts(input.current, input);
  const counts = { files: input.manifests.length, objects: manifests.objects.length };
  const problems = [...current.problems, ...manifests.problems];
  if (problems.length > 0) return { plan: null, sources: {}, problems, failure: null, ...counts };
  const plan = planApply({
    kubernetesVersion: input.kubernetesVersion,
    cluster: input.cluster?.model ?? defaultCluster(),
    current: current.objects,
    manifests: manifests.objects,
    newPodsReady: input.newPodsReady,
    now: input.now,
    maxCreatedPods: input.maxCreatedPods,
  });
  return { plan, sources: planSources(plan, manifests.placed), problems: [], failure: null, ...counts };
}

function readTexts(texts: readonly PlanManifestText[], input: PlanTexts): ReadTexts {
  const read: ReadTexts = { objects: [], placed: [], problems: [] };
  for (const { uri, text, invalidUtf8 } of texts) {
    const report = validateText(text, { kubernetesVersion: input.kubernetesVersion, rules: input.rules, ...(invalidUtf8 ? { invalidUtf8 } : {}) });
    const lines = new LineIndex(text);
    const locationOf = (range: { start: number; end: number }): SourceLocation => ({ uri, range: { start: lines.positionAt(range.start), end: lines.positionAt(range.end) } });
    for (const finding of report.findings) {
      if (finding.severity === 'error') read.problems.push({ ...locationOf(finding.range), message: finding.message, rule: finding.rule });
    }
    for (const object of report.objects) {
      read.objects.push(object);
      read.placed.push({ kind: object.kind, namespace: object.namespace, name: object.name, location: locationOf(object.range) });
    }
  }
  return read;
}
