/**
 * `kubeplan plan`: validate the manifests as `check` does, then dry-run applying them on a cluster and print the
 * plan. Exit 0 when the plan was made (Pending pods and stuck rollouts included), 1 when the manifests have
 * errors (listed as `check` lists them, and no plan), 2 for usage and I/O errors.
 */
import { clusterFromObjects, defaultCluster, type ClusterModel } from '../cluster/cluster-model';
import { planApply } from '../cluster/simulation';
import { validateText } from '../validate-text';
import { checkFiles, hasErrors, readOrFail } from './check-command';
import { collectFiles, UsageError } from './collect-files';
import { formatJson, formatText, type CheckResult } from './output-formats';
import type { PlanArgs } from './plan-args';
import { renderPlanMarkdown, renderPlanText } from './plan-render';

export interface PlanCommandOptions extends Omit<PlanArgs, 'now'> {
  now: number;
}

export function runPlan(options: PlanCommandOptions): { exitCode: number; stdout: string; stderr: string } {
  const manifests = checkFiles(collectFiles(options.paths), options);
  const current = checkFiles(collectFiles(options.from), options);
  const cluster = readCluster(options);
  const findings: CheckResult = {
    files: manifests.result.files + current.result.files,
    objects: manifests.result.objects + current.result.objects,
    diagnostics: [...current.result.diagnostics, ...manifests.result.diagnostics],
  };
  if (hasErrors(findings)) {
    return { exitCode: 1, stdout: options.output === 'json' ? formatJson(findings) : formatText(findings, { color: false }), stderr: '' };
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
  return { exitCode: 0, stdout, stderr: '' };
}

/** The cluster of `--cluster` files (Nodes, or a `kubectl get nodes,pods -A -o yaml` List), else the default one. */
function readCluster(options: PlanCommandOptions): ClusterModel {
  if (options.cluster.length === 0) return defaultCluster();
  const files = collectFiles(options.cluster);
  const objects = files.flatMap((file) => validateText(readOrFail(file), { kubernetesVersion: options.kubernetesVersion }).objects);
  const cluster = clusterFromObjects(objects);
  if (cluster.nodes.length === 0) throw new UsageError(`no Node objects in ${options.cluster.join(', ')}: a cluster file holds Node manifests or the output of kubectl get nodes,pods -A -o yaml`);
  return cluster;
}
