/**
 * The names cluster DNS gives a Service (hovering its metadata.name) and a StatefulSet's pods (hovering its
 * spec.serviceName), by the Kubernetes DNS specification (kubernetes/dns docs/specification.md): 2.3 a Service
 * with a cluster IP answers its address and has an SRV record per named port; 2.4 a headless one answers its ready
 * endpoints, each also as `<hostname>.<service>`; 2.5 an ExternalName one is a CNAME. The StatefulSet controller
 * gives pod `<set>-<ordinal>` that hostname and the subdomain spec.serviceName (pkg/controller/statefulset
 * stateful_set_utils.go updateIdentity), so its pods are `<set>-<ordinal>.<serviceName>.<ns>.svc.<zone>`.
 */
import { isObject, listAt, objectAt, stringAt, type PlainObject } from '../../kube/plain-values';
import { serviceDomainName } from '../../cluster/plan-dns';
import type { Explainer } from './target';

/** Ordinals listed before the rest are counted. */
const PODS_LISTED = 3;

export const explainDnsNames: Explainer = (target) => {
  const metadata = objectAt(target.object, 'metadata');
  const namespace = stringAt(metadata, 'namespace') || 'default';
  const spec = objectAt(target.object, 'spec');
  const zone = target.clusterDomain;
  const onPath = (...path: string[]) => target.path.length === path.length && path.every((key, index) => target.path[index] === key);
  if (target.kind === 'Service' && onPath('metadata', 'name')) {
    const name = stringAt(metadata, 'name');
    return name ? serviceNamesMarkdown(name, namespace, zone, spec) : undefined;
  }
  if (target.kind === 'StatefulSet' && onPath('spec', 'serviceName')) {
    const serviceName = stringAt(spec, 'serviceName');
    const setName = stringAt(metadata, 'name');
    if (!serviceName || !setName) return undefined;
    const replicas = typeof spec?.['replicas'] === 'number' ? spec['replicas'] : 1;
    const start = typeof objectAt(spec, 'ordinals')?.['start'] === 'number' ? (objectAt(spec, 'ordinals')!['start'] as number) : 0;
    return statefulSetNamesMarkdown(setName, serviceName, namespace, zone, replicas, start);
  }
  return undefined;
};

function serviceNamesMarkdown(name: string, namespace: string, zone: string, spec: PlainObject | undefined): string {
  const domainName = serviceDomainName(name, namespace, zone);
  const type = stringAt(spec, 'type') ?? 'ClusterIP';
  const lines = ['**Cluster DNS**', ''];
  if (type === 'ExternalName') {
    lines.push(`- \`${domainName}\`: CNAME to \`${stringAt(spec, 'externalName') ?? '?'}\``);
    return lines.join('\n');
  }
  const headless = stringAt(spec, 'clusterIP') === 'None';
  lines.push(headless ? `- \`${domainName}\`: the address of each ready pod (none ready: the name does not resolve)` : `- \`${domainName}\`: the cluster IP`);
  for (const port of listAt(spec, 'ports').filter(isObject)) {
    const portName = stringAt(port, 'name');
    if (!portName) continue;
    const protocol = (stringAt(port, 'protocol') ?? 'TCP').toLowerCase();
    lines.push(`- \`_${portName}._${protocol}.${domainName}\`: SRV, port ${headless ? 'of each ready pod' : String(port['port'])}`);
  }
  if (headless) lines.push(`- \`<hostname>.${domainName}\`: each ready pod whose \`subdomain\` is \`${name}\` (a StatefulSet's pods when its \`serviceName\` is \`${name}\`)`);
  return lines.join('\n');
}

function statefulSetNamesMarkdown(setName: string, serviceName: string, namespace: string, zone: string, replicas: number, start: number): string {
  const domainName = serviceDomainName(serviceName, namespace, zone);
  const lines = [`**Cluster DNS names of the pods** (while Service \`${serviceName}\` is headless and the pod is ready)`, ''];
  for (let ordinal = start; ordinal < start + Math.min(replicas, PODS_LISTED); ordinal++) lines.push(`- \`${setName}-${ordinal}.${domainName}\``);
  if (replicas > PODS_LISTED) lines.push(`- … up to \`${setName}-${start + replicas - 1}.${domainName}\``);
  if (replicas === 0) lines.push(`- none while \`replicas\` is 0; pod \`${setName}-${start}\` would be \`${setName}-${start}.${domainName}\``);
  return lines.join('\n');
}
