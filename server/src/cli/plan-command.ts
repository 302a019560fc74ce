/**
 * `kubeplan plan`: validate the manifests as `check` does, then dry-run applying them on a cluster and print the
 * plan. Exit 0 when the plan was made (Pending pods and stuck rollouts included), 1 when the manifests have
 * errors (listed as `check` lists them, and no plan), 2 for usage and I/O errors.
 */
import { LineIndex } from '../parse/line-index';
import { listedFindings, type CheckedText, type TextInput } from '../check/check-texts';
import { readPlanCluster, snapshotObjects } from '../files/cluster-files';
import type { DecodedObject } from '../cluster/cluster-model';
import { collectFiles } from '../files/collect-files';
import { readInputFile } from '../files/read-text';
import { displayNameOf, toDiagnostic } from './checked-file';
import { formatJson, formatText, type CheckDiagnostic, type CheckResult } from './output-formats';
import type { RuleSettings } from '../rules/rule-config';
import type { PlanArgs } from './plan-args';
import type { KustomizeSources } from '../files/kustomize-sources';
import { placedDiagnostics } from './kustomize-input';
import { planTexts, type PlannedTexts, type PlanTexts } from '../plan/plan-texts';
import { renderPlanMarkdown, renderPlanText } from '../plan/plan-render';

export interface PlanCommandOptions extends Omit<PlanArgs, 'now'> {
  now: number;
  /** Rule severities of the nearest .kubeplan.yaml, as `check` uses them. */
  rules?: RuleSettings;
  /** The rendered kustomization of `-k`, planned instead of `paths`. */
  kustomization?: KustomizeSources;
}

export function runPlan(options: PlanCommandOptions): { exitCode: number; stdout: string } {
  const planned = planTexts(planTextsInput(options));
  if (!planned.plan) return { exitCode: 1, stdout: findingsOutput(planned, options.output, options.kustomization) };
  const { plan } = planned;
  const stdout = options.output === 'json' ? JSON.stringify(plan, null, 2) + '\n' : options.output === 'markdown' ? renderPlanMarkdown(plan) : renderPlanText(plan);
  return { exitCode: 0, stdout };
}

/** What the command line names, read: the manifests, what runs now, and the cluster. */
export function planTextsInput(options: PlanCommandOptions): PlanTexts {
  const manifests = options.kustomization ? [options.kustomization.manifest] : readTexts(options.paths);
  // A --from file that is a snapshot of a cluster is loaded as it is, with the --cluster files; the others are
  // manifests, checked and applied.
  const current: TextInput[] = [];
  const snapshots: DecodedObject[] = [];
  for (const text of readTexts(options.from)) {
    const objects = snapshotObjects(text.text, text.file);
    if (objects) snapshots.push(...objects);
    else current.push(text);
  }
  const model = readPlanCluster(options.cluster, snapshots);
  // One plan per run: no cache compares the cluster's key.
  const cluster = model ? { key: '', model } : undefined;
  return {
    manifests,
    current,
    cluster,
    kubernetesVersion: options.kubernetesVersion,
    rules: options.rules ?? {},
    newPodsReady: options.newPodsReady,
    now: options.now,
    clusterDomain: options.clusterDomain,
    defaultNamespace: options.defaultNamespace,
    scenario: options.scenario,
  };
}

/** The findings that kept the plan from being made, listed as `check` lists them. */
export function findingsOutput(planned: PlannedTexts, output: PlanArgs['output'], kustomization?: KustomizeSources): string {
  const checked = [...planned.current, ...planned.manifests];
  const findings: CheckResult = {
    files: planned.current.length + (kustomization ? kustomization.sourceFiles().length : planned.manifests.length),
    objects: checked.reduce((sum, text) => sum + text.objects.length, 0),
    diagnostics: [...diagnosticsOf(planned.current), ...(kustomization ? placedDiagnostics(planned.manifests, kustomization) : diagnosticsOf(planned.manifests))],
  };
  return output === 'json' ? formatJson(findings) : formatText(findings, { color: false });
}

/** The files (`-` is stdin) the paths name, each named as its diagnostics name it. */
function readTexts(paths: readonly string[]): TextInput[] {
  return collectFiles(paths).map((file) => ({ file: displayNameOf(file), ...readInputFile(file) }));
}

/** The findings of texts checked together, in the order `kubeplan check` lists them. */
function diagnosticsOf(checked: readonly CheckedText[]): CheckDiagnostic[] {
  const lines = new Map<CheckedText, LineIndex>();
  return listedFindings(checked).map(({ text, finding }) => {
    let textLines = lines.get(text);
    if (!textLines) lines.set(text, (textLines = new LineIndex(text.text)));
    return toDiagnostic(text.file, finding, textLines);
  });
}
