/**
 * A NetworkPolicy against the workspace (networking.k8s.io/v1 NetworkPolicySpec and NetworkPolicyPeer,
 * staging/src/k8s.io/api/networking/v1/types.go): on `spec.podSelector`, the pod templates of the policy's namespace
 * it selects and, for the others, the label that keeps them out; on a peer of an ingress or egress rule, the pod
 * templates of every namespace the peer admits, with the reason for those it does not — its `podSelector` and
 * `namespaceSelector` ANDed, the rule's peers ORed; on an `ipBlock`, the addresses it covers; on `policyTypes`,
 * `ingress` and `egress`, which directions the policy isolates, with the API server's default when `policyTypes` is
 * not written (pkg/apis/networking/v1/defaults.go SetDefaults_NetworkPolicySpec). Which pods a peer admits is
 * decided by the plan's own peer matcher (cluster/network-policy/peers.ts), so hover and plan agree.
 */
import type { NetworkPolicy, NetworkPolicyPeer } from 'kubernetes-types/networking/v1';
import type { Catalog } from '../../catalog/catalog';
import type { PodTemplate } from '../../catalog/pod-templates';
import { compilePeers } from '../../cluster/network-policy/peers';
import { isolatedDirections } from '../../cluster/network-policy/selection';
import { formatIpv4 } from '../../cluster/allocation/ipv4';
import { parseCidrSloppy } from '../../kube/ip-address';
import { labelsOf, type Labels } from '../../kube/label-selectors';
import { NAMESPACE_NAME_LABEL } from '../../kube/namespaces';
import { isObject, listAt, objectAt, stringAt, type PlainObject, type PlainValue } from '../../kube/plain-values';
import { describeSelector, listed, selectorOf, whyNot } from './selectors';
import { groupDigits, plural, startsWith, type Explainer, type HoverTarget } from './target';

const DIRECTIONS = { ingress: { type: 'Ingress', peers: 'from', traffic: 'from' }, egress: { type: 'Egress', peers: 'to', traffic: 'to' } } as const;

export const explainNetworkPolicy: Explainer = (target) => {
  if (target.kind !== 'NetworkPolicy') return undefined;
  const { path } = target;
  if (startsWith(path, ['spec', 'podSelector'])) return podSelectorMarkdown(target);
  if (startsWith(path, ['spec', 'policyTypes']) || (path.length === 2 && path[0] === 'spec' && (path[1] === 'ingress' || path[1] === 'egress'))) {
    return isolationMarkdown(target.object);
  }
  const field = path[1];
  if (path[0] === 'spec' && (field === 'ingress' || field === 'egress') && typeof path[2] === 'number' && path[3] === DIRECTIONS[field].peers && typeof path[4] === 'number') {
    return peerMarkdown(target, field, path[2], path[4]);
  }
  return undefined;
};

function podSelectorMarkdown(target: HoverTarget): string | undefined {
  const written = objectAt(target.object, 'spec', 'podSelector');
  if (!written) return undefined;
  const selector = selectorOf(written, false);
  const namespace = namespaceOf(target.object);
  const lines = [`**Selects** (${describeSelector(selector)}) pods of namespace \`${namespace}\` only`];
  const catalog = target.catalog?.();
  if (!catalog) return lines.join('\n');
  const templates = catalog.podTemplates(namespace);
  lines.push('');
  if (templates.length === 0) lines.push(`- no pod templates in namespace \`${namespace}\` in the workspace`);
  const selected = templates.filter((template) => selector.matches(template.labels));
  const missed = templates.filter((template) => !selector.matches(template.labels));
  lines.push(...listed(selected, (template) => `- ✓ ${workloadOf(template)}`));
  lines.push(...listed(missed, (template) => `- ✗ ${workloadOf(template)}: ${whyNot(selector, template.labels)!}`));
  return lines.join('\n');
}

/** What the policy isolates, direction by direction: policyTypes as written, or as the API server defaults it. */
function isolationMarkdown(object: PlainObject): string {
  const spec = objectAt(object, 'spec');
  const isolated = isolatedDirections(object as NetworkPolicy);
  const types = [...isolated].join(', ');
  const written = listAt(spec, 'policyTypes').length > 0;
  const head = written
    ? `**Isolates** the pods it selects for ${types}`
    : `**Isolates** the pods it selects for ${types}: \`policyTypes\` is not written, so the API server sets it to [${types}] — Ingress always, Egress ${isolated.has('Egress') ? 'because the policy has egress rules' : 'only when the policy has egress rules'}`;
  const lines = [head, ''];
  for (const field of ['ingress', 'egress'] as const) {
    const { type } = DIRECTIONS[field];
    const rules = listAt(spec, field).length;
    if (!isolated.has(type)) {
      lines.push(
        rules > 0
          ? `- ${type}: not isolated — \`policyTypes\` does not list ${type}, so its ${plural(rules, `${field} rule`)} ${rules === 1 ? 'changes' : 'change'} nothing`
          : `- ${type}: not isolated by this policy — all ${field} traffic is allowed unless another policy isolates these pods`,
      );
    } else if (rules === 0) {
      lines.push(`- ${type}: isolated, with no ${field} rules — all ${field} traffic is refused unless another policy selecting these pods allows it`);
    } else {
      lines.push(
        `- ${type}: isolated — only the ${field} traffic its ${plural(rules, `${field} rule`)} ${rules === 1 ? 'admits' : 'admit'} is allowed (with what other policies selecting these pods allow)`,
      );
    }
  }
  return lines.join('\n');
}

function peerMarkdown(target: HoverTarget, field: 'ingress' | 'egress', ruleIndex: number, peerIndex: number): string | undefined {
  const rule = listAt(objectAt(target.object, 'spec'), field)[ruleIndex];
  const peers = listAt(rule, DIRECTIONS[field].peers);
  const peer = peers[peerIndex];
  if (!isObject(peer)) return undefined;
  const namespace = namespaceOf(target.object);
  const where = `${field} rule ${ruleIndex + 1}, peer ${peerIndex + 1} of ${peers.length}`;
  const alternatives = peers.length > 1 ? `The rule's ${peers.length} peers are alternatives: traffic ${DIRECTIONS[field].traffic} a pod or address any one of them admits is allowed.` : undefined;
  const ipBlock = peer['ipBlock'];
  if (ipBlock !== undefined) return [ipBlockMarkdown(ipBlock, where), alternatives].filter(Boolean).join('\n\n');
  const podSelector = objectAt(peer, 'podSelector');
  const namespaceSelector = objectAt(peer, 'namespaceSelector');
  if (!podSelector && !namespaceSelector) return undefined;
  const pods = podSelector ? selectorOf(podSelector, false) : undefined;
  const namespaces = namespaceSelector ? selectorOf(namespaceSelector, false) : undefined;
  const who = pods ? `pods with (${describeSelector(pods)})` : 'every pod';
  const head = namespaces
    ? `**Peer** (${where}): ${who} in the namespaces with (${describeSelector(namespaces)})${pods ? ' — both selectors of this one peer must match' : ''}`
    : `**Peer** (${where}): ${who} in the policy's namespace \`${namespace}\` (no namespaceSelector)`;
  const lines = [head];
  if (alternatives) lines.push('', alternatives);
  const catalog = target.catalog?.();
  if (!catalog) return lines.join('\n');
  const namespaceLabels = namespaceLabelsOf(catalog);
  const admits = compilePeers([peer as NetworkPolicyPeer], namespace);
  const candidates = namespaces ? [...catalog.podTemplateNamespaces()].sort().flatMap((other) => catalog.podTemplates(other)) : catalog.podTemplates(namespace);
  const selected: PodTemplate[] = [];
  const missed: [PodTemplate, string][] = [];
  for (const template of candidates) {
    const templateNamespace = catalog.namespaceOf(template.owner);
    const labels = namespaceLabels(templateNamespace);
    if (admits({ namespace: templateNamespace, labels: template.labels, namespaceLabels: labels.labels, ip: undefined })) {
      selected.push(template);
      continue;
    }
    const namespaceReason = namespaces ? whyNot(namespaces, labels.labels) : undefined;
    const reason = namespaceReason
      ? `namespace \`${templateNamespace}\`: ${namespaceReason}${labels.declared ? '' : ` (no Namespace \`${templateNamespace}\` in the workspace: only its \`${NAMESPACE_NAME_LABEL}\` label is known)`}`
      : (whyNot(pods!, template.labels) ?? 'the peer does not match');
    missed.push([template, reason]);
  }
  lines.push('');
  if (candidates.length === 0) lines.push(namespaces ? '- no pod templates in the workspace' : `- no pod templates in namespace \`${namespace}\` in the workspace`);
  lines.push(...listed(selected, (template) => `- ✓ ${workloadOf(template)}`));
  lines.push(...listed(missed, ([template, reason]) => `- ✗ ${workloadOf(template)}: ${reason}`));
  return lines.join('\n');
}

/** An ipBlock admits addresses, not labels: the workspace's pods have none until they run. */
function ipBlockMarkdown(ipBlock: PlainValue, where: string): string {
  const cidr = stringAt(ipBlock, 'cidr') ?? '';
  const except = listAt(ipBlock, 'except').filter((entry): entry is string => typeof entry === 'string');
  const lines = [`**ipBlock** (${where}): ${addressRange(cidr)}`];
  for (const excepted of except) lines.push(`- except ${addressRange(excepted)}`);
  lines.push(
    '',
    'An ipBlock admits addresses, not pods by their labels: pod addresses are given at run time, so no workload of the workspace is listed (`kubeplan plan` and `kubeplan can-connect` match the addresses they assign).',
  );
  return lines.join('\n');
}

/** `10.0.0.0/16`: its first and last addresses and how many there are; IPv6 blocks by their size. */
function addressRange(text: string): string {
  const cidr = parseCidrSloppy(text);
  if (!cidr) return `\`${text}\` (not a CIDR)`;
  const bits = cidr.bytes.length * 8 - cidr.prefix;
  if (cidr.bytes.length !== 4) return `\`${text}\`: 2^${bits} addresses`;
  const first = cidr.bytes.reduce((value, byte) => value * 256 + byte, 0);
  const size = 2 ** bits;
  return `\`${text}\`: ${formatIpv4(first)} – ${formatIpv4(first + size - 1)} (${plural(size, 'address', 'addresses').replace(String(size), groupDigits(size))})`;
}

/** A namespace's labels as the API server holds them: a declared Namespace's own plus the name label every namespace has. */
function namespaceLabelsOf(catalog: Catalog): (namespace: string) => { labels: Labels; declared: boolean } {
  const declared = new Map<string, Labels>();
  for (const object of catalog.ofKind('Namespace')) declared.set(object.name, labelsOf(objectAt(object.value, 'metadata')?.['labels']));
  return (namespace) => {
    const own = declared.get(namespace);
    return { labels: { ...own, [NAMESPACE_NAME_LABEL]: namespace }, declared: own !== undefined };
  };
}

function namespaceOf(object: PlainObject): string {
  return stringAt(objectAt(object, 'metadata'), 'namespace') || 'default';
}

function workloadOf(template: PodTemplate): string {
  return `${template.owner.kind}/${template.owner.name} in \`${template.owner.namespace || 'default'}\``;
}
