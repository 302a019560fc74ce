/**
 * `pdb-matches-nothing` and `pdb-never-allows-eviction`: a PodDisruptionBudget protects the pods its selector
 * matches (policy/v1: `{}` matches every pod of the namespace, no selector matches none); one that demands every
 * pod stay up blocks node drains forever. `pdb-missing` (best practice, opt-in): a workload whose replicas no
 * budget protects can lose all of them in one drain.
 *
 * A document that could not be read may hold pods the budget matches (see unreadable-documents.ts): when it does,
 * the budget is not judged; when it may, `target-in-unreadable-document` says so in place of `pdb-matches-nothing`.
 */
import { replicasOf, type Catalog } from '../../catalog/catalog';
import { compileLabelSelector, labelsOf } from '../../kube/label-selectors';
import { podTemplateOf } from '../../catalog/pod-templates';
import type { Report, WorkspaceObject } from '../../catalog/workspace-object';
import { objectAt } from '../../kube/plain-values';
import { scaledValueFromIntOrPercent } from '../../kube/int-or-string';
import { POD_SELECTED_KINDS, unreadableMatches, unreadableNote } from '../../catalog/unreadable-documents';

/** A percent as IsValidPercent accepts it. */
const PERCENT = /^([0-9]+)%$/;

export function checkDisruptionBudget(pdb: WorkspaceObject, catalog: Catalog, autoscaled: Set<string>): Report[] {
  const spec = objectAt(pdb.value, 'spec');
  const namespace = catalog.namespaceOf(pdb);
  const selector = objectAt(spec, 'selector');
  const selects = compileLabelSelector(selector);
  // Every template the selector matches carries its matchLabels: those are the candidates.
  const candidates = catalog.podTemplatesLabelled(namespace, labelsOf(objectAt(selector, 'matchLabels')));
  const matched = candidates.filter((template) => selects(template.labels));
  // Pods of a document that could not be read may be matched too: then the budget is neither judged empty nor too tight.
  const unreadable = unreadableMatches(catalog, { kinds: POD_SELECTED_KINDS, namespace, pods: selects });
  if (unreadable.found) return [];
  if (matched.length === 0) {
    // No workload of this namespace is in the workspace: nothing to compare with.
    if (catalog.podTemplates(namespace).length === 0) return [];
    if (unreadable.maybe.length > 0) return unreadableNote(`the pods PodDisruptionBudget "${pdb.name}" matches`, unreadable.maybe, pdb.file, selector ? ['spec', 'selector'] : ['spec'], 'key');
    return [
      {
        rule: 'pdb-matches-nothing',
        severity: 'warning',
        message: `PodDisruptionBudget "${pdb.name}" matches no pod template in namespace "${namespace}"`,
        at: selector ? ['spec', 'selector'] : ['spec'],
        prefer: 'key',
      },
    ];
  }
  if (unreadable.maybe.length > 0) return [];
  const maxUnavailable = spec?.['maxUnavailable'];
  if (maxUnavailable === 0 || maxUnavailable === '0%') {
    return [
      {
        rule: 'pdb-never-allows-eviction',
        severity: 'warning',
        message: 'maxUnavailable 0 never allows a voluntary eviction: node drains will block on these pods',
        at: ['spec', 'maxUnavailable'],
      },
    ];
  }
  const minAvailable = spec?.['minAvailable'];
  if (minAvailable === '100%') {
    return [
      {
        rule: 'pdb-never-allows-eviction',
        severity: 'warning',
        message: 'minAvailable 100% never allows a voluntary eviction: node drains will block on these pods',
        at: ['spec', 'minAvailable'],
      },
    ];
  }
  const percent = typeof minAvailable === 'string' ? PERCENT.exec(minAvailable) : null;
  if (typeof minAvailable !== 'number' && !percent) return [];
  let pods = 0;
  for (const template of matched) {
    const replicas = replicasOf(template.owner);
    // DaemonSets, Jobs and bare Pods have no replica count to compare with; autoscaled workloads vary.
    if (replicas === undefined || autoscaled.has(`${template.owner.kind}/${namespace}/${template.owner.name}`)) return [];
    pods += replicas;
  }
  // No replicas: nothing to evict, nothing blocked.
  if (pods === 0) return [];
  const owners = matched.map((t) => `${t.owner.kind}/${t.owner.name}`).join(', ');
  const replicasText = `${pods} matched replica${pods === 1 ? '' : 's'} (${owners})`;
  if (percent) {
    // The disruption controller scales a percentage by the expected pod count, rounding up
    // (pkg/controller/disruption/disruption.go getExpectedPodCount).
    const desired = scaledValueFromIntOrPercent(percent[0], pods, true);
    if (typeof desired !== 'number' || desired < pods) return [];
    return [
      {
        rule: 'pdb-never-allows-eviction',
        severity: 'warning',
        message: `minAvailable ${minAvailable} of ${replicasText} rounds up to ${desired} pods and never allows a voluntary eviction`,
        at: ['spec', 'minAvailable'],
      },
    ];
  }
  if ((minAvailable as number) < pods) return [];
  return [
    {
      rule: 'pdb-never-allows-eviction',
      severity: 'warning',
      message: `minAvailable ${minAvailable} with ${replicasText} never allows a voluntary eviction`,
      at: ['spec', 'minAvailable'],
    },
  ];
}

/** Workloads kept running as interchangeable replicas; Jobs finish and DaemonSets run one pod per node. */
const REPLICATED_KINDS = ['Deployment', 'StatefulSet'];

export function checkMissingBudget(workload: WorkspaceObject, catalog: Catalog, autoscaled: Set<string>): Report[] {
  if (!REPLICATED_KINDS.includes(workload.kind)) return [];
  const namespace = catalog.namespaceOf(workload);
  const isAutoscaled = autoscaled.has(`${workload.kind}/${namespace}/${workload.name}`);
  const replicas = replicasOf(workload) ?? 1;
  if (replicas < 2 && !isAutoscaled) return [];
  const template = podTemplateOf(workload);
  if (!template) return [];
  const protectedBy = catalog
    .ofKind('PodDisruptionBudget')
    .filter((pdb) => catalog.namespaceOf(pdb) === namespace && compileLabelSelector(objectAt(pdb.value, 'spec', 'selector'))(template.labels));
  if (protectedBy.length > 0) return [];
  const runs = isAutoscaled ? 'is scaled by a HorizontalPodAutoscaler' : `runs ${replicas} replicas`;
  const replicasWritten = typeof objectAt(workload.value, 'spec')?.['replicas'] === 'number';
  return [
    {
      rule: 'pdb-missing',
      severity: 'warning',
      message: `${workload.kind} "${workload.name}" ${runs} but no PodDisruptionBudget in namespace "${namespace}" selects its pods: a node drain may evict all of them at once`,
      at: replicasWritten ? ['spec', 'replicas'] : ['metadata', 'name'],
      prefer: replicasWritten ? 'key' : 'value',
    },
  ];
}
