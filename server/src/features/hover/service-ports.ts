/**
 * A Service port resolved to the container ports of the pods it selects, per workload, as the endpoints
 * controllers resolve it (pkg/api/v1/pod/util.go FindPort): a number is used as is, declared or not; a name is the
 * first container port with that name and the Service port's protocol, in `containers` and then in sidecar init
 * containers; without a match the pod gives this port no endpoint. No targetPort means the port itself.
 */
import { isObject, listAt, objectAt, stringAt, type PlainObject, type PlainValue } from '../../kube/plain-values';
import { compileSetSelector, labelsOf } from '../../kube/label-selectors';
import type { PodTemplate } from '../../catalog/pod-templates';
import { startsWith, type Explainer } from './target';

export const explainServicePort: Explainer = (target) => {
  if (target.kind !== 'Service' || !startsWith(target.path, ['spec', 'ports', '*'])) return undefined;
  const field = target.path[3];
  if (field !== undefined && field !== 'port' && field !== 'targetPort') return undefined;
  const spec = objectAt(target.object, 'spec');
  const port = listAt(spec, 'ports')[target.path[2] as number];
  const selector = labelsOf(spec?.['selector']);
  const catalog = target.catalog?.();
  if (!isObject(port) || Object.keys(selector).length === 0 || !catalog) return undefined;
  const namespace = stringAt(objectAt(target.object, 'metadata'), 'namespace') || 'default';
  const selects = compileSetSelector(selector);
  const templates = catalog.podTemplates(namespace).filter((template) => selects(template.labels));
  return servicePortMarkdown(port, templates);
};

export function servicePortMarkdown(port: PlainObject, templates: readonly PodTemplate[]): string {
  const number = port['port'];
  const targetPort: PlainValue | undefined = port['targetPort'] ?? number;
  const protocol = stringAt(port, 'protocol') ?? 'TCP';
  const head = `**Port ${String(number)}/${protocol}** → targetPort \`${String(targetPort)}\`${port['targetPort'] === undefined ? ' (default: the port)' : ''}`;
  if (templates.length === 0) return `${head}\n\nNo pod template in the workspace has the Service's labels.`;
  const lines = [head, ''];
  for (const template of templates) lines.push(`- ${template.owner.kind}/${template.owner.name}: ${resolve(template.spec, targetPort, protocol)}`);
  return lines.join('\n');
}

function resolve(spec: PlainObject, targetPort: PlainValue | undefined, protocol: string): string {
  const containers = [...listAt(spec, 'containers'), ...listAt(spec, 'initContainers').filter((container) => stringAt(container, 'restartPolicy') === 'Always')].filter(isObject);
  const numeric = typeof targetPort === 'number' ? targetPort : typeof targetPort === 'string' && /^\d+$/.test(targetPort) ? Number(targetPort) : undefined;
  for (const container of containers) {
    for (const declared of listAt(container, 'ports')) {
      if (!isObject(declared) || (stringAt(declared, 'protocol') ?? 'TCP') !== protocol) continue;
      const matches = numeric !== undefined ? declared['containerPort'] === numeric : stringAt(declared, 'name') === targetPort;
      if (!matches) continue;
      const name = stringAt(declared, 'name');
      return `container \`${stringAt(container, 'name') ?? '?'}\` port ${String(declared['containerPort'])}${name ? ` (\`${name}\`)` : ''}`;
    }
  }
  if (numeric !== undefined) return `port ${numeric}, which no container declares (traffic is sent there all the same)`;
  return `no ${protocol} container port named \`${String(targetPort)}\`: these pods get no endpoint for this port`;
}
