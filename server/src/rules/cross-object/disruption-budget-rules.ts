/**
 * `pdb-matches-nothing` and `pdb-never-allows-eviction`: a PodDisruptionBudget protects the pods its selector
 * matches (policy/v1: `{}` matches every pod of the namespace, no selector matches none); one that demands every
 * pod stay up blocks node drains forever.
 */
import { replicasOf, type Catalog } from './catalog';
import { labelSelectorSelects } from './label-selectors';
import { type Report, type WorkspaceObject } from './workspace-object';
import { objectAt } from '../../parse/plain-values';

export function checkDisruptionBudget(pdb: WorkspaceObject, catalog: Catalog, autoscaled: Set<string>): Report[] {
  const spec = objectAt(pdb.value, 'spec');
  const namespace = catalog.namespaceOf(pdb);
  const selector = objectAt(spec, 'selector');
  const templates = catalog.podTemplates(namespace);
  const matched = templates.filter((template) => labelSelectorSelects(selector, template.labels));
  if (matched.length === 0) {
    // No workload of this namespace is in the workspace: nothing to compare with.
    if (templates.length === 0) return [];
    return [{ rule: 'pdb-matches-nothing', severity: 'warning', message: `PodDisruptionBudget "${pdb.name}" matches no pod template in namespace "${namespace}"`, at: selector ? ['spec', 'selector'] : ['spec'], prefer: 'key' }];
  }
  const maxUnavailable = spec?.['maxUnavailable'];
  if (maxUnavailable === 0 || maxUnavailable === '0%') {
    return [{ rule: 'pdb-never-allows-eviction', severity: 'warning', message: 'maxUnavailable 0 never allows a voluntary eviction: node drains will block on these pods', at: ['spec', 'maxUnavailable'] }];
  }
  const minAvailable = spec?.['minAvailable'];
  if (minAvailable === '100%') {
    return [{ rule: 'pdb-never-allows-eviction', severity: 'warning', message: 'minAvailable 100% never allows a voluntary eviction: node drains will block on these pods', at: ['spec', 'minAvailable'] }];
  }
  if (typeof minAvailable !== 'number') return [];
  let pods = 0;
  for (const template of matched) {
    const replicas = replicasOf(template.owner);
    // DaemonSets, Jobs and bare Pods have no replica count to compare with; autoscaled workloads vary.
    if (replicas === undefined || autoscaled.has(`${template.owner.kind}/${namespace}/${template.owner.name}`)) return [];
    pods += replicas;
  }
  if (minAvailable < pods) return [];
  return [{
    rule: 'pdb-never-allows-eviction',
    severity: 'warning',
    message: `minAvailable ${minAvailable} with ${pods} matched replica${pods === 1 ? '' : 's'} (${matched.map((t) => `${t.owner.kind}/${t.owner.name}`).join(', ')}) never allows a voluntary eviction`,
    at: ['spec', 'minAvailable'],
  }];
}
