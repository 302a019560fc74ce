/**
 * `service-selects-nothing` and `service-target-port`: a Service whose selector matches no pod template in its
 * namespace gets no endpoints (and when the templates it matches are in other namespaces, it says which), and a named targetPort that the selected pods do not declare (for the port's
 * protocol) leaves that port without endpoints (pkg/api/v1/pod/util.go FindPort).
 *
 * Pods of a document that could not be read may be selected (see unreadable-documents.ts): when one is, neither
 * rule reports; when one may be, `target-in-unreadable-document` says so in place of `service-selects-nothing`, and
 * `service-target-port` waits, as those pods may declare the port.
 */
import type { Catalog } from '../../catalog/catalog';
import { compileSetSelector, labelsOf, type Labels } from '../../kube/label-selectors';
import { declaresPortName, portNames, type PodTemplate } from '../../catalog/pod-templates';
import { didYouMean } from '../../schema/did-you-mean';
import type { Report, WorkspaceObject } from '../../catalog/workspace-object';
import { isObject, listAt, objectAt, stringAt } from '../../kube/plain-values';
import { POD_SELECTED_KINDS, unreadableMatches, unreadableNote, type UnreadablePlace } from '../../catalog/unreadable-documents';

/** A selector on a StatefulSet's per-pod label picks one pod the controller names; no template carries it. */
const POD_NAME_LABEL = 'statefulset.kubernetes.io/pod-name';

export function checkService(service: WorkspaceObject, catalog: Catalog): Report[] {
  const spec = objectAt(service.value, 'spec');
  const selector = labelsOf(spec?.['selector']);
  const keys = Object.keys(selector);
  // No selector: the Endpoints are managed by hand or by another controller. ExternalName: no endpoints at all.
  if (keys.length === 0 || stringAt(spec, 'type') === 'ExternalName' || keys.includes(POD_NAME_LABEL)) return [];
  const namespace = catalog.namespaceOf(service);
  const selects = compileSetSelector(selector);
  const selected = catalog.podTemplatesLabelled(namespace, selector).filter((template) => selects(template.labels));
  // Pods of a document that could not be read may be selected too: neither finding can be told then.
  const unreadable = unreadableMatches(catalog, { kinds: POD_SELECTED_KINDS, namespace, pods: selects });
  if (unreadable.found) return [];
  if (selected.length === 0) {
    const wanted = keys.map((key) => `${key}=${selector[key]}`).join(',');
    const elsewhere = matchesInOtherNamespaces(catalog, namespace, selector, selects);
    if (elsewhere.length > 0) {
      if (unreadable.maybe.length > 0) return selectsUnreadable(service, unreadable.maybe);
      const where = elsewhere.map(({ inNamespace, owners }) => `namespace "${inNamespace}" (${owners.join(', ')})`).join(', ');
      return [
        {
          rule: 'service-selects-nothing',
          severity: 'warning',
          message: `Service "${service.name}" in namespace "${namespace}" selects no pods: the pod templates with the labels ${wanted} are in ${where}, and a Service selects pods of its own namespace only, so it will have no endpoints`,
          at: ['spec', 'selector'],
          prefer: 'key',
        },
      ];
    }
    // No workload of this namespace is in the workspace: nothing to compare with.
    if (catalog.podTemplates(namespace).length === 0) return [];
    if (unreadable.maybe.length > 0) return selectsUnreadable(service, unreadable.maybe);
    return [
      {
        rule: 'service-selects-nothing',
        severity: 'warning',
        message: `Service "${service.name}" selects no pods: no pod template in namespace "${namespace}" has the labels ${wanted}`,
        at: ['spec', 'selector'],
        prefer: 'key',
      },
    ];
  }
  const reports: Report[] = [];
  if (unreadable.maybe.length > 0) return reports;
  listAt(spec, 'ports').forEach((port, index) => {
    const target = isObject(port) ? port['targetPort'] : undefined;
    if (typeof target !== 'string' || /^\d+$/.test(target)) return;
    const protocol = stringAt(port, 'protocol') ?? 'TCP';
    if (selected.some((template) => declaresPortName(template, target, protocol))) return;
    reports.push({
      rule: 'service-target-port',
      severity: 'warning',
      message: `targetPort "${target}" names no ${protocol} container port of the pods this Service selects (${selected.map(describeOwner).join(', ')})${didYouMean(
        target,
        selected.flatMap((template) => portNames(template, protocol)),
      )}`,
      at: ['spec', 'ports', index, 'targetPort'],
    });
  });
  return reports;
}

function selectsUnreadable(service: WorkspaceObject, maybe: readonly UnreadablePlace[]): Report[] {
  return unreadableNote(`the pods Service "${service.name}" selects`, maybe, service.file, ['spec', 'selector'], 'key');
}

/** The other namespaces holding pod templates the selector matches, with the workloads, sorted by namespace. */
function matchesInOtherNamespaces(catalog: Catalog, namespace: string, selector: Labels, selects: (labels: Labels) => boolean): { inNamespace: string; owners: string[] }[] {
  const byNamespace = new Map<string, string[]>();
  for (const template of catalog.podTemplatesLabelled(undefined, selector)) {
    const other = catalog.namespaceOf(template.owner);
    if (other === namespace || !selects(template.labels)) continue;
    const owners = byNamespace.get(other);
    if (owners) owners.push(describeOwner(template));
    else byNamespace.set(other, [describeOwner(template)]);
  }
  const found = [...byNamespace].map(([inNamespace, owners]) => ({ inNamespace, owners }));
  return found.sort((a, b) => (a.inNamespace < b.inNamespace ? -1 : a.inNamespace > b.inNamespace ? 1 : 0));
}

function describeOwner(template: PodTemplate): string {
  return `${template.owner.kind}/${template.owner.name}`;
}
