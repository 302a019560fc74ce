/**
 * `network-policy-selects-nothing`: a NetworkPolicy selector the workspace shows matches nothing. A `spec.podSelector`
 * that selects no pod isolates nothing and allows nothing; an ingress or egress peer that matches no pod or no
 * namespace allows no traffic, so the pods it was written for stay cut off once another policy isolates them.
 *
 * Quiet wherever the workspace cannot know: a namespace with no workload in the workspace, an empty selector (all
 * pods or all namespaces), a podSelector on a label key no pod template of the namespace carries, or in a namespace
 * where a Role or ClusterRole of the workspace may create pods or workloads (pods an operator creates), a namespaceSelector on `kubernetes.io/metadata.name` (every namespace carries it, declared or not) or on
 * a label key no Namespace of the workspace carries (namespaces labelled elsewhere).
 *
 * Nor is a selector judged to match nothing when a document that could not be read holds what it matches (see
 * unreadable-documents.ts); when such a document may hold it, `target-in-unreadable-document` says so instead.
 */
import type { Catalog } from '../../catalog/catalog';
import { declaresPortName, type PodTemplate } from '../../catalog/pod-templates';
import { compileLabelSelector, isEmptySelector, labelsOf, MATCH_EVERYTHING, type Labels } from '../../kube/label-selectors';
import type { Report, WorkspaceObject } from '../../catalog/workspace-object';
import { isObject, listAt, objectAt, type Keys, type PlainObject, type PlainValue } from '../../kube/plain-values';
import { NAMESPACE_NAME_LABEL } from '../../kube/namespaces';
import { POD_SELECTED_KINDS, unreadableMatches, unreadableNote } from '../../catalog/unreadable-documents';

/** The label keys a selector requires something of. */
function selectorKeys(selector: PlainObject): string[] {
  const keys = Object.keys(objectAt(selector, 'matchLabels') ?? {});
  for (const expression of listAt(selector, 'matchExpressions')) {
    const key = isObject(expression) ? expression['key'] : undefined;
    if (typeof key === 'string') keys.push(key);
  }
  return keys;
}

interface DeclaredNamespace {
  name: string;
  /** Its labels with the automatic name label, as the API server stores it. */
  labels: Labels;
}

function declaredNamespaces(catalog: Catalog): DeclaredNamespace[] {
  return catalog.ofKind('Namespace').map((namespace) => ({
    name: namespace.name,
    labels: { ...labelsOf(objectAt(namespace.value, 'metadata')?.['labels']), [NAMESPACE_NAME_LABEL]: namespace.name },
  }));
}

/** What an operator creates pods through: pods themselves and the workload kinds that make them. */
const POD_MAKING_RESOURCES = new Set(['*', 'pods', 'deployments', 'replicasets', 'statefulsets', 'daemonsets', 'jobs', 'cronjobs', 'replicationcontrollers']);

/** Whether a Role or ClusterRole rule lets its subject create pods or the workloads that make them. */
function createsPods(role: WorkspaceObject): boolean {
  return listAt(role.value, 'rules').some((rule) => {
    const verbs = listAt(rule, 'verbs');
    const resources = listAt(rule, 'resources');
    return (verbs.includes('create') || verbs.includes('*')) && resources.some((resource) => typeof resource === 'string' && POD_MAKING_RESOURCES.has(resource));
  });
}

/**
 * Whether something in the workspace may create pods in the namespace at run time (an operator or controller whose
 * Role or ClusterRole may create pods or workloads): then the workspace's pod templates are not all its pods.
 */
function podsMadeAtRunTime(catalog: Catalog, namespace: string): boolean {
  return catalog.ofKind('ClusterRole').some(createsPods) || catalog.ofKind('Role').some((role) => catalog.namespaceOf(role) === namespace && createsPods(role));
}

export function checkNetworkPolicy(policy: WorkspaceObject, catalog: Catalog): Report[] {
  const spec = objectAt(policy.value, 'spec');
  if (!spec) return [];
  const namespace = catalog.namespaceOf(policy);
  const templates = catalog.podTemplates(namespace);
  const reports: Report[] = [];
  // Only a selector on label keys the workspace's own pod templates carry can be judged: pods that operators create
  // (not from a template in the workspace) carry labels of their own.
  const templateKeys = new Set(podsMadeAtRunTime(catalog, namespace) ? [] : templates.flatMap((template) => Object.keys(template.labels)));
  const judged = (selector: PlainObject | undefined): selector is PlainObject => !!selector && !isEmptySelector(selector) && selectorKeys(selector).every((key) => templateKeys.has(key));
  const podSelector = objectAt(spec, 'podSelector');
  if (judged(podSelector)) {
    const selects = compileLabelSelector(podSelector);
    const unreadable = unreadableMatches(catalog, { kinds: POD_SELECTED_KINDS, namespace, pods: selects });
    if (!templates.some((template) => selects(template.labels)) && !unreadable.found) {
      if (unreadable.maybe.length > 0) reports.push(...unreadableNote(`the pods spec.podSelector selects`, unreadable.maybe, policy.file, ['spec', 'podSelector'], 'key'));
      else
        reports.push({
          rule: 'network-policy-selects-nothing',
          severity: 'warning',
          message: `NetworkPolicy "${policy.name}" selects no pods: no pod template in namespace "${namespace}" matches spec.podSelector`,
          at: ['spec', 'podSelector'],
          prefer: 'key',
        });
    }
  }
  let namespaces: DeclaredNamespace[] | undefined;
  const directions = [
    ['ingress', 'from'],
    ['egress', 'to'],
  ] as const;
  for (const [direction, peersField] of directions) {
    listAt(spec, direction).forEach((rule, r) => {
      listAt(rule, peersField).forEach((peer, p) => {
        if (!isObject(peer)) return;
        const at: Keys = ['spec', direction, r, peersField, p];
        const namespaceSelector = objectAt(peer, 'namespaceSelector');
        const peerPods = objectAt(peer, 'podSelector');
        const traffic = direction === 'ingress' ? 'from' : 'to';
        if (!namespaceSelector) {
          // A podSelector alone selects pods of the policy's own namespace.
          if (!judged(peerPods)) return;
          const selects = compileLabelSelector(peerPods);
          if (templates.some((template) => selects(template.labels))) return;
          const unreadable = unreadableMatches(catalog, { kinds: POD_SELECTED_KINDS, namespace, pods: selects });
          if (unreadable.found) return;
          if (unreadable.maybe.length > 0) {
            reports.push(...unreadableNote('the pods this podSelector selects', unreadable.maybe, policy.file, [...at, 'podSelector'], 'key'));
            return;
          }
          reports.push({
            rule: 'network-policy-selects-nothing',
            severity: 'warning',
            message: `no pod template in namespace "${namespace}" matches this podSelector: the rule allows no traffic ${traffic} it`,
            at: [...at, 'podSelector'],
            prefer: 'key',
          });
          return;
        }
        if (isEmptySelector(namespaceSelector)) return;
        namespaces ??= declaredNamespaces(catalog);
        const keys = selectorKeys(namespaceSelector);
        if (keys.includes(NAMESPACE_NAME_LABEL)) return;
        // Only a selector on labels the workspace itself puts on its Namespaces can be judged.
        const declaredKeys = new Set(namespaces.flatMap((declared) => Object.keys(declared.labels)));
        if (!keys.every((key) => declaredKeys.has(key))) return;
        const selects = compileLabelSelector(namespaceSelector);
        if (namespaces.some((declared) => selects(declared.labels))) return;
        const unreadable = unreadableMatches(catalog, { kinds: ['Namespace'], namespace: '', labels: selects });
        if (unreadable.found) return;
        if (unreadable.maybe.length > 0) {
          reports.push(...unreadableNote('the Namespace this namespaceSelector selects', unreadable.maybe, policy.file, [...at, 'namespaceSelector'], 'key'));
          return;
        }
        reports.push({
          rule: 'network-policy-selects-nothing',
          severity: 'warning',
          message: `no Namespace in the workspace matches this namespaceSelector (${namespaces.map((declared) => declared.name).join(', ')} do not): the rule allows no traffic ${traffic} it`,
          at: [...at, 'namespaceSelector'],
          prefer: 'key',
        });
      });
    });
  }
  // Pods of a document that could not be read may declare the port.
  const unreadablePods = unreadableMatches(catalog, { kinds: POD_SELECTED_KINDS, namespace, pods: MATCH_EVERYTHING });
  if (!podsMadeAtRunTime(catalog, namespace) && !unreadablePods.found && unreadablePods.maybe.length === 0) reports.push(...namedPortReports(spec, templates));
  return reports;
}

/**
 * `network-policy-port-name`: a named port of a rule's `ports` resolves on the destination pod, to its container
 * port of that name and protocol (NetworkPolicyPort.port, staging/src/k8s.io/api/networking/v1/types.go); when no
 * destination pod declares it, the entry admits nothing. The destinations of ingress are the pods the policy
 * selects; of egress, the pods the rule's peers select, judged only when every peer is a podSelector of the
 * policy's own namespace (other namespaces' pods, and addresses, the workspace may not hold). Quiet when no pod
 * template is a destination: network-policy-selects-nothing speaks then.
 */
function namedPortReports(spec: PlainObject, templates: readonly PodTemplate[]): Report[] {
  const reports: Report[] = [];
  const selected = templates.filter((template) => compileLabelSelector(objectAt(spec, 'podSelector'))(template.labels));
  for (const direction of ['ingress', 'egress'] as const) {
    listAt(spec, direction).forEach((rule, r) => {
      const destinations = direction === 'ingress' ? selected : egressDestinations(listAt(rule, 'to'), templates);
      if (destinations.length === 0) return;
      listAt(rule, 'ports').forEach((entry, k) => {
        const port = isObject(entry) ? entry['port'] : undefined;
        // A number, or a string of digits (which validation refuses as a port name), is not looked up by name.
        if (typeof port !== 'string' || port === '' || /^\d+$/.test(port)) return;
        const protocol = isObject(entry) && typeof entry['protocol'] === 'string' ? entry['protocol'] : 'TCP';
        if (destinations.some((template) => declaresPortName(template, port, protocol))) return;
        const whose = direction === 'ingress' ? 'the pods this NetworkPolicy selects' : "the pods this rule's peers select";
        reports.push({
          rule: 'network-policy-port-name',
          severity: 'warning',
          message: `port "${port}" names no ${protocol} container port of ${whose} (${destinations.map(describeOwner).join(', ')}): this entry allows no ${direction} traffic`,
          at: ['spec', direction, r, 'ports', k, 'port'],
        });
      });
    });
  }
  return reports;
}

/** The pod templates an egress rule's peers select, when every peer is a podSelector of the policy's namespace; else none. */
function egressDestinations(peers: readonly PlainValue[], templates: readonly PodTemplate[]): PodTemplate[] {
  if (peers.length === 0) return [];
  const selectors: PlainObject[] = [];
  for (const peer of peers) {
    const podSelector = objectAt(peer, 'podSelector');
    if (!isObject(peer) || !podSelector || peer['namespaceSelector'] !== undefined || peer['ipBlock'] !== undefined) return [];
    selectors.push(podSelector);
  }
  const matchers = selectors.map((selector) => compileLabelSelector(selector));
  return templates.filter((template) => matchers.some((matches) => matches(template.labels)));
}

function describeOwner(template: PodTemplate): string {
  return `${template.owner.kind}/${template.owner.name}`;
}
