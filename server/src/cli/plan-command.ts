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
import { checkSummary, formatJson, formatText, type CheckDiagnostic, type CheckResult } from './output-formats';
import { wrappedLines, type TerminalStyle } from '../text/styled-text';
import type { RuleSettings } from '../rules/rule-config';
import type { PlanArgs } from './plan-args';
import { planTexts, type PlannedTexts, type PlanTexts } from '../plan/plan-texts';
import { renderPlanMarkdown, renderPlanText } from '../plan/plan-render';

export interface PlanCommandOptions extends Omit<PlanArgs, 'now'> {
  now: number;
  /** Rule severities of the nearest .kubeplan.yaml, as `check` uses them. */
  rules?: RuleSettings;
}

export function runPlan(options: PlanCommandOptions, style: TerminalStyle): { exitCode: number; stdout: string } {
  const planned = planTexts(planTextsInput(options));
  if (!planned.plan) return { exitCode: 1, stdout: findingsOutput(planned, options.output, style) };
  const { plan } = planned;
  if (options.output === 'json') return { exitCode: 0, stdout: JSON.stringify(plan, null, 2) + '\n' };
  if (options.output === 'markdown') return { exitCode: 0, stdout: renderPlanMarkdown(plan) };
  return { exitCode: 0, stdout: `${checkSection(planned, style)}\n${renderPlanText(plan, style)}` };
}

/**
 * What the check of a planned run found, first in the text output: its heading line (`Check: 2 files, 3 objects:
 * 0 errors, 1 warning`), then the findings that did not keep the plan from being made, listed as `check` lists them.
 */
function checkSection(planned: PlannedTexts, style: TerminalStyle): string {
  const result = checkResult(planned);
  const heading = wrappedLines([{ text: `Check: ${checkSummary(result)}`, tone: 'strong' }], style);
  return [...heading, ''].join('\n') + formatText(result, { style, quiet: true });
}

/** What the command line names, read: the manifests, what runs now, and the cluster. */
export function planTextsInput(options: PlanCommandOptions): PlanTexts {
  const manifests = readTexts(options.paths);
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
export function findingsOutput(planned: PlannedTexts, output: PlanArgs['output'], style: TerminalStyle): string {
  const findings = checkResult(planned);
  return output === 'json' ? formatJson(findings) : formatText(findings, { style });
}

/** The check of the texts a plan read: what runs now, then the manifests. */
function checkResult(planned: PlannedTexts): CheckResult {
  const checked = [...planned.current, ...planned.manifests];
  return {
    files: checked.length,
    objects: checked.reduce((sum, text) => sum + text.objects.length, 0),
    diagnostics: [...diagnosticsOf(planned.current), ...diagnosticsOf(planned.manifests)],
  };
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
