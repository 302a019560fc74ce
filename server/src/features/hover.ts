/**
 * What hovering over a manifest shows: on a key, the field's documentation for the object's kind and the chosen
 * Kubernetes version (for a custom resource, from its CRD's schema); on a value, what kubeplan can compute about it (rollout bounds, quantities, the pod's
 * requests, schedules, selectors, NetworkPolicies, images, Service ports, Secret data, DNS names, what RBAC grants), followed by the documentation.
 * Knows nothing of LSP: text and offset in, Markdown and an offset range out.
 */
import type { OffsetRange } from '../kube/findings';
import { isObject, type Keys, type PlainValue } from '../kube/plain-values';
import type { Catalog } from '../catalog/catalog';
import { findKind, loadBundle } from '../schema/bundle';
import type { KindInfo, SchemaBundle } from '../schema/bundle-types';
import type { KubernetesVersion } from '../schema/versions';
import { cursorAt } from './cursor';
import { customKindOf, customResourceFieldDoc } from './custom-resource-docs';
import { fieldDocMarkdown, fieldDocOf, type FieldDocResult } from './field-docs';
import { explainCronJob } from './hover/cron-schedule';
import { explainDnsNames } from './hover/dns-names';
import { explainImage } from './hover/image';
import { explainNetworkPolicy } from './hover/network-policy';
import { explainPodRequests } from './hover/pod-requests';
import { explainQuantity } from './hover/quantities';
import { explainBinding, explainServiceAccountAccess } from './hover/rbac';
import { explainRollout } from './hover/rollout';
import { explainSecretData } from './hover/secret-data';
import { explainLabels, explainSelector } from './hover/selectors';
import { explainServicePort } from './hover/service-ports';
import { valueAt, type Explainer, type HoverTarget } from './hover/target';
import { walkSchema } from './schema-fields';
import { WARM_UP_MANIFEST } from '../check/validate-text';
import { DEFAULT_CLUSTER_DOMAIN } from '../cluster/plan-dns';

export interface HoverOptions {
  kubernetesVersion: KubernetesVersion;
  /** The workspace's objects, for selectors and Service ports; called only when a hover needs them. */
  catalog?: () => Catalog;
  /** Show decoded Secret values. */
  revealSecrets?: boolean;
  /** Milliseconds since the epoch; the next runs of a CronJob are counted from it. */
  now: number;
  /** The zone of the cluster DNS names shown; `cluster.local` when absent. */
  clusterDomain?: string;
}

export interface Hover {
  markdown: string;
  /** The key or value hovered, in offsets into the text. */
  range: OffsetRange;
}

const EXPLAINERS: readonly Explainer[] = [
  explainRollout,
  explainQuantity,
  explainPodRequests,
  explainCronJob,
  explainSelector,
  explainLabels,
  explainNetworkPolicy,
  explainImage,
  explainServicePort,
  explainSecretData,
  explainDnsNames,
  explainBinding,
  explainServiceAccountAccess,
];

/** Kinds no explainer reads; decoding one (a CustomResourceDefinition can be a megabyte) would only cost time. */
const UNEXPLAINED_KINDS = new Set(['CustomResourceDefinition']);

const SEPARATOR = '\n\n---\n\n';

export function hoverAt(text: string, offset: number, options: HoverOptions): Hover | undefined {
  const cursor = cursorAt(text, offset);
  const apiVersion = cursor?.document.apiVersion;
  const kind = cursor?.document.kind;
  if (!cursor || !apiVersion || !kind) return undefined;
  const bundle = loadBundle(options.kubernetesVersion);
  const info = findKind(bundle, apiVersion, kind);
  if (!info) {
    // A custom resource is documented from its CRD's schema; kinds this version does not serve and custom resources
    // without a known CRD have nothing to document (validation says so).
    const custom = options.catalog ? customKindOf(options.catalog(), apiVersion, kind) : undefined;
    const docs = custom ? docsAt((path) => customResourceFieldDoc(bundle, custom, path), cursor.path) : undefined;
    return docs ? { markdown: docs, range: cursor.range } : undefined;
  }
  const docs = docsAt((path) => fieldDocOf(bundle, info, path), cursor.path);
  const computed = UNEXPLAINED_KINDS.has(kind)
    ? []
    : explanations(cursor.document.decoded(), {
        kubernetesVersion: options.kubernetesVersion,
        apiVersion,
        kind,
        path: cursor.path,
        on: cursor.on,
        goType: goTypeAt(bundle, info, cursor.path),
        catalog: options.catalog,
        revealSecrets: options.revealSecrets ?? false,
        now: options.now,
        clusterDomain: options.clusterDomain ?? DEFAULT_CLUSTER_DOMAIN,
      });
  const sections = cursor.on === 'value' ? [...computed, docs] : [docs, ...computed];
  const markdown = sections.filter((section): section is string => Boolean(section)).join(SEPARATOR);
  return markdown ? { markdown, range: cursor.range } : undefined;
}

/** The documentation at the path; inside a value the schema leaves open, of the field that holds it. */
function docsAt(find: (path: Keys) => FieldDocResult, path: Keys): string | undefined {
  const documented = find(path);
  const holder = !documented.ok && documented.freeFormAt !== undefined ? find(path.slice(0, documented.freeFormAt)) : undefined;
  const shown = documented.ok ? documented : holder;
  return shown?.ok ? fieldDocMarkdown(shown.doc) : undefined;
}

function explanations(object: PlainValue | undefined, partial: Omit<HoverTarget, 'object' | 'value'>): string[] {
  if (!isObject(object)) return [];
  const target: HoverTarget = { ...partial, object, value: valueAt(object, partial.path) };
  const sections: string[] = [];
  for (const explain of EXPLAINERS) {
    const section = explain(target);
    if (section) sections.push(section);
  }
  return sections;
}

function goTypeAt(bundle: SchemaBundle, info: KindInfo, path: Keys): string | undefined {
  const walk = walkSchema(bundle, info, path);
  return walk.ok ? walk.steps[walk.steps.length - 1]?.declared['x-go-type'] : undefined;
}

/**
 * Hovers over a small manifest once, so that the first hover of the session does not pay for loading the syntax
 * tree parser and compiling the paths a hover takes.
 */
export function warmUpHover(kubernetesVersion: KubernetesVersion): void {
  for (const needle of ['matchLabels', 'registry.example.com', 'containerPort', 'fieldPath']) {
    hoverAt(WARM_UP_MANIFEST, WARM_UP_MANIFEST.indexOf(needle) + 1, { kubernetesVersion, now: 0 });
  }
}
