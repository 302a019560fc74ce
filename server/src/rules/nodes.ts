/**
 * Node validation as ValidateNode (pkg/apis/core/validation/validation.go) reports it on create: the taints
 * (validateNodeTaints, which names them under `metadata.taints`, as upstream builds the path from `metadata`) and
 * the pod CIDRs (each a CIDR, at most one per IP family, no repeats). A v1 Node's podCIDR stands for podCIDRs when
 * those are empty (Convert_v1_NodeSpec_To_core_NodeSpec). ValidateNode checks neither providerID nor configSource on
 * create; status resources are the status's business.
 */
import { FieldPath, duplicate, invalid, notSupported, pathWarning, placedAt, required, type FieldError } from '../kube/field-errors';
import { goPointer, goString, goStruct } from '../kube/go-values';
import { listAt, objectAt, objectsAt, stringAt, textOf, type PlainObject } from '../kube/plain-values';
import { isQualifiedName, isValidLabelValue } from './apimachinery-validation';
import { parseCidrSloppy } from '../kube/ip-address';
import { reportsInvalidCidr } from './network-policies';
import type { ObjectRule } from './rule';

const TAINT_EFFECTS = ['NoSchedule', 'PreferNoSchedule', 'NoExecute'];
const INVALID_CIDR = 'must be a valid CIDR value, (e.g. 10.9.8.0/24 or 2001:db8::/64)';

/** field.Duplicate of the core.Taint, with the detail upstream sets on it. */
function duplicateTaint(path: FieldPath, taint: PlainObject): FieldError {
  const value = goStruct('core.Taint', [
    ['Key', goString(textOf(taint['key']))],
    ['Value', goString(textOf(taint['value']))],
    ['Effect', goString(textOf(taint['effect']))],
    ['TimeAdded', goPointer('*v1.Time', undefined)],
  ]);
  return { ...duplicate(path, value), detail: 'taints must be unique by key and effect pair' };
}

export const nodeTaintsRule: ObjectRule = {
  id: 'node-taints',
  family: 'api-validation',
  defaultSeverity: 'error',
  description: "A Node's taints have qualified-name keys, label values and a known effect, and no two share a key and an effect.",
  kinds: ['Node'],
  check({ defaulted }) {
    const errors: FieldError[] = [];
    const named = FieldPath.of('metadata', 'taints');
    const written = FieldPath.of('spec', 'taints');
    const seen = new Map<string, Set<string>>();
    objectsAt(objectAt(defaulted, 'spec'), 'taints').forEach((taint, i) => {
      const at = named.index(i);
      const place = (error: FieldError, field: string, target: 'key' | 'value' = 'value') => placedAt(error, written.index(i).child(field), target);
      const key = stringAt(taint, 'key') ?? '';
      for (const message of isQualifiedName(key)) errors.push(place(invalid(at.child('key'), key, message), 'key'));
      const value = stringAt(taint, 'value') ?? '';
      const valueMessages = isValidLabelValue(value);
      if (valueMessages.length > 0) errors.push(place(invalid(at.child('value'), value, valueMessages.join(';')), 'value'));
      const effect = stringAt(taint, 'effect') ?? '';
      if (effect === '') errors.push(placedAt(required(at.child('effect')), written.index(i), 'key'));
      else if (!TAINT_EFFECTS.includes(effect)) errors.push(place(notSupported(at.child('effect'), effect, TAINT_EFFECTS), 'effect'));
      const keys = seen.get(effect) ?? new Set<string>();
      if (keys.has(key)) {
        // A taint with timeAdded prints a pointer address in the message, which cannot be reproduced.
        if (taint['timeAdded'] === undefined || taint['timeAdded'] === null) errors.push(placedAt(duplicateTaint(at, taint), written.index(i), 'value'));
        return;
      }
      keys.add(key);
      seen.set(effect, keys);
    });
    return errors;
  },
};

/** IPNet.IP.To4() != nil: an IPv4 network, or an IPv4-mapped IPv6 one. */
function isIPv4Network(bytes: number[]): boolean {
  if (bytes.length === 4) return true;
  return bytes.slice(0, 10).every((b) => b === 0) && bytes[10] === 0xff && bytes[11] === 0xff;
}

export const nodePodCidrsRule: ObjectRule = {
  id: 'node-pod-cidrs',
  family: 'api-validation',
  defaultSeverity: 'error',
  description: "A Node's podCIDRs are CIDRs, at most two and one per IP family (dual-stack), without repeats.",
  kinds: ['Node'],
  check({ defaulted, kubernetesVersion }) {
    const spec = objectAt(defaulted, 'spec');
    const written = listAt(spec, 'podCIDRs').map((value) => (typeof value === 'string' ? value : ''));
    const single = stringAt(spec, 'podCIDR') ?? '';
    const fromSingle = written.length === 0 && single !== '';
    const cidrs = fromSingle ? [single] : written;
    if (cidrs.length === 0) return [];
    const path = FieldPath.of('spec', 'podCIDRs');
    const placeOf = (i: number) => (fromSingle ? FieldPath.of('spec', 'podCIDR') : path.index(i));
    const errors: FieldError[] = [];
    const parsed = cidrs.map((cidr) => parseCidrSloppy(cidr));
    if (reportsInvalidCidr(kubernetesVersion)) {
      parsed.forEach((cidr, i) => {
        if (!cidr) errors.push(placedAt(invalid(path.index(i), cidrs[i]!, INVALID_CIDR), placeOf(i), 'value'));
      });
    }
    if (cidrs.length < 2) return errors;
    // netutils.IsDualStackCIDRStrings fails on an unparsable value with an internal error, not reproduced here.
    if (parsed.every((cidr) => cidr !== undefined)) {
      const families = parsed.map((cidr) => isIPv4Network(cidr!.bytes));
      const dualStack = families.includes(true) && families.includes(false);
      if (!dualStack || cidrs.length > 2) errors.push(invalid(path, cidrs, 'may specify no more than one CIDR for each IP family'));
    }
    const seen = new Set<string>();
    cidrs.forEach((cidr, i) => {
      if (seen.has(cidr)) errors.push(duplicate(path.index(i), cidr));
      seen.add(cidr);
    });
    return errors;
  },
};

/**
 * The labels the kubelet gives the Node it registers (pkg/kubelet/kubelet_node_status.go, initialNode:
 * v1.LabelHostname, v1.LabelOSStable, v1.LabelArchStable). A Node written by hand, as in a cluster file for a plan,
 * has only the labels it is given, and the scheduler's NodeAffinity filter matches nodeSelector and nodeAffinity
 * against those alone.
 */
export const KUBELET_NODE_LABELS = ['kubernetes.io/hostname', 'kubernetes.io/os', 'kubernetes.io/arch'] as const;

export const nodeKubeletLabelsRule: ObjectRule = {
  id: 'node-kubelet-labels',
  family: 'best-practice',
  defaultSeverity: 'information',
  description: 'A Node without the labels the kubelet sets (kubernetes.io/hostname, kubernetes.io/os, kubernetes.io/arch): pods that select them stay Pending on it.',
  kinds: ['Node'],
  check({ object }) {
    const metadata = objectAt(object['metadata']);
    const labels = objectAt(metadata?.['labels']);
    const missing = KUBELET_NODE_LABELS.filter((label) => labels?.[label] === undefined);
    if (missing.length === 0) return [];
    const names = missing.join(', ');
    const text = `no ${names} label${missing.length === 1 ? '' : 's'}, which the kubelet sets on the Node it registers: pods that select ${missing.length === 1 ? 'it' : 'them'} (a nodeSelector such as kubernetes.io/os: linux, a DaemonSet's node affinity on kubernetes.io/hostname) stay Pending on this Node`;
    return labels ? [pathWarning(FieldPath.of('metadata', 'labels'), text, 'key')] : [pathWarning(FieldPath.of('metadata'), text, 'key')];
  },
};

export const NODE_RULES: readonly ObjectRule[] = [nodeTaintsRule, nodePodCidrsRule, nodeKubeletLabelsRule];
