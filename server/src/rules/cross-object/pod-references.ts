/**
 * `missing-config-reference` and `missing-reference`: what a pod template names in its namespace.
 *
 * A missing ConfigMap, or a key missing from a ConfigMap or Secret that is in the workspace, keeps the pod from
 * starting: warning. Secrets (and image pull Secrets) are often created in the cluster rather than committed
 * (sealed secrets, external secrets, cert-manager), so a Secret absent from the workspace is information, as are
 * ServiceAccounts, PersistentVolumeClaims and PriorityClasses. `optional: true` references are never reported, nor
 * references into a namespace where the workspace holds nothing of the kind (see Catalog.holdsAny). What a document
 * that could not be read holds is not reported missing, and what it may hold gets `target-in-unreadable-document`
 * instead (see unreadable-documents.ts).
 */
import { listAt, objectAt, stringAt, type Keys } from '../../kube/plain-values';
import type { Catalog } from '../../catalog/catalog';
import { podServiceAccount } from '../../kube/pod-templates';
import type { PodTemplate } from '../../catalog/pod-templates';
import type { Report } from '../../catalog/workspace-object';
import { meant } from '../../schema/did-you-mean';
import { configReferences, dataKeys } from './config-references';
import { unreadableMatches, unreadableNote } from '../../catalog/unreadable-documents';

/** PriorityClasses every cluster has. */
const BUILT_IN_PRIORITY_CLASSES = new Set(['system-cluster-critical', 'system-node-critical']);

export function checkPodReferences(template: PodTemplate, catalog: Catalog): Report[] {
  const namespace = catalog.namespaceOf(template.owner);
  const reports: Report[] = [];
  for (const reference of configReferences(template)) {
    if (reference.optional) continue;
    const found = catalog.find(reference.kind, namespace, reference.name)[0];
    if (!found) {
      if (!catalog.holdsAny(reference.kind, namespace) || catalog.generated(reference.kind, reference.name)) continue;
      const unreadable = unreadableMatches(catalog, { kinds: [reference.kind], namespace, name: reference.name });
      if (unreadable.found) continue;
      if (unreadable.maybe.length > 0) {
        reports.push(...unreadableNote(`${reference.kind} "${reference.name}"`, unreadable.maybe, template.owner.file, reference.at));
        continue;
      }
      reports.push({
        rule: 'missing-config-reference',
        severity: reference.kind === 'ConfigMap' ? 'warning' : 'information',
        message: `${reference.kind} "${reference.name}" not found in namespace "${namespace}"${reference.kind === 'Secret' ? ' in the workspace; it must exist in the cluster' : ''}${meant(catalog.nearName(reference.kind, namespace, reference.name))}`,
        at: reference.at,
      });
      continue;
    }
    const present = dataKeys(found.value);
    // An object with no data at all is a placeholder whose data is filled in elsewhere (a kustomize generator, by hand).
    if (present.size === 0) continue;
    for (const { key, at } of reference.keys) {
      if (!present.has(key)) reports.push({ rule: 'missing-config-reference', severity: 'warning', message: `${reference.kind} "${reference.name}" has no key "${key}"`, at });
    }
  }
  reports.push(...otherReferences(template, catalog, namespace));
  return reports;
}

function otherReferences(template: PodTemplate, catalog: Catalog, namespace: string): Report[] {
  const reports: Report[] = [];
  const base = [...template.at, 'spec'];
  const missing = (kind: string, name: string, inNamespace: string, at: Keys): void => {
    if (!catalog.holdsAny(kind, inNamespace) || catalog.find(kind, inNamespace, name).length > 0) return;
    const unreadable = unreadableMatches(catalog, { kinds: [kind], namespace: inNamespace, name });
    if (unreadable.found) return;
    if (unreadable.maybe.length > 0) {
      reports.push(...unreadableNote(`${kind} "${name}"`, unreadable.maybe, template.owner.file, at));
      return;
    }
    const where = inNamespace ? ` in namespace "${inNamespace}"` : '';
    reports.push({ rule: 'missing-reference', severity: 'information', message: `${kind} "${name}" is not in the workspace${where}; it must exist in the cluster`, at });
  };
  const serviceAccount = podServiceAccount(template.spec);
  // Every namespace has a "default" ServiceAccount.
  if (serviceAccount && serviceAccount.name !== 'default') missing('ServiceAccount', serviceAccount.name, namespace, [...base, serviceAccount.field]);
  const priorityClass = stringAt(template.spec, 'priorityClassName');
  if (priorityClass && !BUILT_IN_PRIORITY_CLASSES.has(priorityClass)) missing('PriorityClass', priorityClass, '', [...base, 'priorityClassName']);
  // A StatefulSet's claim template replaces the pod volume of the same name with a claim per pod.
  const claimTemplates = new Set(listAt(objectAt(template.owner.value, 'spec'), 'volumeClaimTemplates').map((claim) => stringAt(objectAt(claim, 'metadata'), 'name')));
  listAt(template.spec, 'volumes').forEach((volume, v) => {
    const claim = stringAt(objectAt(volume, 'persistentVolumeClaim'), 'claimName');
    if (claim && !(template.owner.kind === 'StatefulSet' && claimTemplates.has(stringAt(volume, 'name'))))
      missing('PersistentVolumeClaim', claim, namespace, [...base, 'volumes', v, 'persistentVolumeClaim', 'claimName']);
  });
  return reports;
}
