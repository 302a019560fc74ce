/**
 * A container image reference in its parts, as the container runtime resolves it (the distribution reference
 * grammar: a first component with a `.` or `:`, or `localhost`, is a registry; otherwise Docker Hub, where a
 * one-part name is under `library/`), and the imagePullPolicy the API server defaults for it.
 */
import { defaultPullPolicy, parseImageReference } from '../../defaulting/image-reference';
import { objectAt, stringAt } from '../../kube/plain-values';
import { valueAt, type Explainer } from './target';

export const explainImage: Explainer = (target) => {
  const last = target.path[target.path.length - 1];
  if (last !== 'image' || target.on !== 'value' || typeof target.value !== 'string') return undefined;
  const container = objectAt(valueAt(target.object, target.path.slice(0, -1)));
  if (!container || !['containers', 'initContainers', 'ephemeralContainers'].includes(String(target.path[target.path.length - 3]))) return undefined;
  return imageMarkdown(target.value, stringAt(container, 'imagePullPolicy'));
};

export function imageMarkdown(image: string, pullPolicy: string | undefined): string {
  const reference = parseImageReference(image);
  if (!reference) return `**Image** \`${image}\` is not a valid image reference: the kubelet cannot pull it.`;
  const { registry, repository } = splitName(reference.name);
  const lines = [`**Image** \`${image}\``, '', `- registry: \`${registry}\``, `- repository: \`${repository}\``];
  if (reference.tag !== undefined) lines.push(`- tag: \`${reference.tag}\``);
  if (reference.digest !== undefined) lines.push(`- digest: \`${reference.digest}\`${reference.tag !== undefined ? ' (the digest decides; the tag is ignored)' : ''}`);
  if (reference.tag === undefined && reference.digest === undefined) lines.push('- tag: `latest` (none written)');
  const defaulted = defaultPullPolicy(image);
  lines.push(
    pullPolicy === undefined
      ? `- imagePullPolicy: \`${defaulted}\` (default: ${defaulted === 'Always' ? 'the tag is `latest`' : 'the tag is not `latest`'})`
      : `- imagePullPolicy: \`${pullPolicy}\` (the default would be \`${defaulted}\`)`,
  );
  return lines.join('\n');
}

function splitName(name: string): { registry: string; repository: string } {
  const slash = name.indexOf('/');
  const first = slash === -1 ? '' : name.slice(0, slash);
  if (first && (first.includes('.') || first.includes(':') || first === 'localhost' || first !== first.toLowerCase())) {
    return { registry: first, repository: name.slice(slash + 1) };
  }
  return { registry: 'docker.io', repository: slash === -1 ? `library/${name}` : name };
}
