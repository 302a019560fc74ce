/**
 * `kubeplan plan`: validate the manifests as `check` does, then dry-run applying them on a cluster and print the
 * plan. Exit 0 when the plan was made (Pending pods and stuck rollouts included), 1 when the manifests have
 * errors (listed as `check` lists them, and no plan), 2 for usage and I/O errors.
 */
import { defaultCluster } from '../cluster/cluster-model';
import { planApply } from '../cluster/simulation';
import { checkFiles, hasErrors } from './check-command';
import { readClusterFiles } from '../files/cluster-files';
import { collectFiles } from '../files/collect-files';
import { formatJson, formatText, type CheckResult } from './output-formats';
import type { RuleSettings } from '../rules/rule-config';
import type { PlanArgs } from './plan-args';
import { renderPlanMarkdown, renderPlanText } from '../plan/plan-render';

export interface PlanCommandOptions extends Omit<PlanArgs, 'now'> {
  now: number;
  /** Rule severities of the nearest .kubeplan.yaml, as `check` uses them. */
  rules?: RuleSettings;
}

export function runPlan(options: PlanCommandOptions): { exitCode: number; stdout: string } {
  const manifests = checkFiles(collectFiles(options.paths), options);
  const current = checkFiles(collectFiles(options.from), options);
  const cluster = options.cluster.length > 0 ? readClusterFiles(options.cluster) : defaultCluster();
  const findings: CheckResult = {
    files: manifests.result.files + current.result.files,
    objects: manifests.result.objects + current.result.objects,
    diagnostics: [...current.result.diagnostics, ...manifests.result.diagnostics],
  };
  if (hasErrors(findings)) {
    return { exitCode: 1, stdout: options.output === 'json' ? formatJson(findings) : formatText(findings, { color: false }) };
  }
  const plan = planApply({
    kubernetesVersion: options.kubernetesVersion,
    cluster,
    current: current.objects,
    manifests: manifests.objects,
    newPodsReady: options.newPodsReady,
    now: options.now,
  });
  const stdout = options.output === 'json' ? JSON.stringify(plan, null, 2) + '\n' : options.output === 'markdown' ? renderPlanMarkdown(plan) : renderPlanText(plan);
  return { exitCode: 0, stdout };
}
