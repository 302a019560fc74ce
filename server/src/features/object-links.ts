/**
 * The references between the workspace's objects, for go to definition and find references: what a pod template
 * names (ConfigMaps and Secrets with their keys, ServiceAccount, claims, PriorityClass), an Ingress's backend
 * Services and their ports and TLS Secrets, the pod templates a Service's or PodDisruptionBudget's selector matches,
 * and an autoscaler's target. Namespace-aware as the API server is: a reference names an object in its own namespace.
 */
import { isObject, listAt, objectAt, stringAt, type Keys, type PlainObject } from '../kube/plain-values';
import type { Catalog } from '../catalog/catalog';
import { configReferences } from '../rules/cross-object/config-references';
import { compileLabelSelector, compileSetSelector, labelsOf } from '../kube/label-selectors';
import { podTemplateOf } from '../catalog/pod-templates';
import { podServiceAccount } from '../kube/pod-templates';
import type { WorkspaceObject } from '../catalog/workspace-object';

export interface ObjectLink {
  from: WorkspaceObject;
  /** Where the reference is written in `from`: a name, a key, a selector. */
  at: Keys;
  to: WorkspaceObject;
  /** What in `to` is referred to: its name, a key of its data, a port. */
  toAt: Keys;
}

const NAME: Keys = ['metadata', 'name'];

/** Everything `from` refers to that the workspace holds. */
export function linksFrom(from: WorkspaceObject, catalog: Catalog): ObjectLink[] {
  const namespace = catalog.namespaceOf(from);
  const links: ObjectLink[] = [];
  const link = (kind: string, inNamespace: string, name: string | undefined, at: Keys, toAt: (to: WorkspaceObject) => Keys | undefined = () => NAME): void => {
    if (!name) return;
    for (const to of catalog.find(kind, inNamespace, name)) {
      const target = toAt(to);
      if (target) links.push({ from, at, to, toAt: target });
    }
  };

  const template = podTemplateOf(from);
  if (template) {
    for (const reference of configReferences(template)) {
      link(reference.kind, namespace, reference.name, reference.at);
      for (const { key, at } of reference.keys) link(reference.kind, namespace, reference.name, at, (to) => dataKeyAt(to, key));
    }
    const spec = [...template.at, 'spec'];
    const serviceAccount = podServiceAccount(template.spec);
    if (serviceAccount) link('ServiceAccount', namespace, serviceAccount.name, [...spec, serviceAccount.field]);
    link('PriorityClass', '', stringAt(template.spec, 'priorityClassName'), [...spec, 'priorityClassName']);
    listAt(template.spec, 'volumes').forEach((volume, v) => {
      link('PersistentVolumeClaim', namespace, stringAt(objectAt(volume, 'persistentVolumeClaim'), 'claimName'), [...spec, 'volumes', v, 'persistentVolumeClaim', 'claimName']);
    });
  }

  const spec = objectAt(from.value, 'spec');
  switch (from.kind) {
    case 'Service': {
      const selector = labelsOf(spec?.['selector']);
      // A Service without a selector selects nothing: its endpoints are managed by hand.
      if (Object.keys(selector).length > 0) selectedTemplates(catalog, namespace, compileSetSelector(selector), ['spec', 'selector'], from, links);
      break;
    }
    case 'PodDisruptionBudget': {
      const selector = objectAt(spec, 'selector');
      if (selector) selectedTemplates(catalog, namespace, compileLabelSelector(selector), ['spec', 'selector'], from, links);
      break;
    }
    case 'HorizontalPodAutoscaler': {
      const target = objectAt(spec, 'scaleTargetRef');
      const kind = stringAt(target, 'kind');
      if (kind) link(kind, namespace, stringAt(target, 'name'), ['spec', 'scaleTargetRef', 'name']);
      break;
    }
    case 'Ingress': {
      const backend = (value: PlainObject | undefined, at: Keys): void => {
        const service = objectAt(value, 'service');
        const name = stringAt(service, 'name');
        link('Service', namespace, name, [...at, 'service', 'name']);
        const portName = stringAt(objectAt(service, 'port'), 'name');
        if (portName) link('Service', namespace, name, [...at, 'service', 'port', 'name'], (to) => servicePortAt(to, portName));
      };
      backend(objectAt(spec, 'defaultBackend'), ['spec', 'defaultBackend']);
      listAt(spec, 'rules').forEach((rule, r) => {
        listAt(objectAt(rule, 'http'), 'paths').forEach((path, p) => backend(objectAt(path, 'backend'), ['spec', 'rules', r, 'http', 'paths', p, 'backend']));
      });
      listAt(spec, 'tls').forEach((tls, t) => link('Secret', namespace, stringAt(tls, 'secretName'), ['spec', 'tls', t, 'secretName']));
      break;
    }
  }
  return links;
}

function selectedTemplates(catalog: Catalog, namespace: string, selects: (labels: Readonly<Record<string, string>>) => boolean, at: Keys, from: WorkspaceObject, links: ObjectLink[]): void {
  for (const template of catalog.podTemplates(namespace)) {
    if (template.owner !== from && selects(template.labels)) links.push({ from, at, to: template.owner, toAt: NAME });
  }
}

/** Where a ConfigMap or Secret holds a key, in whichever of its data fields. */
function dataKeyAt(object: WorkspaceObject, key: string): Keys | undefined {
  const field = ['data', 'binaryData', 'stringData'].find((candidate) => {
    const data = objectAt(object.value, candidate);
    return data !== undefined && Object.hasOwn(data, key);
  });
  return field ? [field, key] : undefined;
}

function servicePortAt(service: WorkspaceObject, name: string): Keys | undefined {
  const index = listAt(objectAt(service.value, 'spec'), 'ports').findIndex((port) => isObject(port) && port['name'] === name);
  return index === -1 ? undefined : ['spec', 'ports', index, 'name'];
}

/** The links from `from` at the cursor's field path: those written at the deepest prefix of `path`. */
export function definitionsAt(from: WorkspaceObject, path: Keys, catalog: Catalog): ObjectLink[] {
  let best: ObjectLink[] = [];
  for (const link of linksFrom(from, catalog)) {
    if (!startsWith(path, link.at)) continue;
    if (best.length === 0 || link.at.length > best[0]!.at.length) best = [link];
    else if (link.at.length === best[0]!.at.length) best.push(link);
  }
  return best;
}

/**
 * What refers to the object at `target` (kind, namespace as the catalog resolves it, name): to the object as a whole
 * when `toAt` is its name, or to one key of its data or one port.
 */
export function referencesTo(target: { kind: string; namespace: string; name: string }, toAt: Keys, catalog: Catalog): ObjectLink[] {
  const whole = sameKeys(toAt, NAME);
  const links: ObjectLink[] = [];
  for (const file of catalog.files()) {
    for (const object of file.objects) {
      for (const link of linksFrom(object, catalog)) {
        const { to } = link;
        if (to.kind !== target.kind || to.name !== target.name || catalog.namespaceOf(to) !== target.namespace) continue;
        if (whole ? sameKeys(link.toAt, NAME) : sameKeys(link.toAt, toAt)) links.push(link);
      }
    }
  }
  return links;
}

function startsWith(path: Keys, prefix: Keys): boolean {
  return prefix.length <= path.length && prefix.every((key, i) => path[i] === key);
}

function sameKeys(a: Keys, b: Keys): boolean {
  return a.length === b.length && startsWith(a, b);
}
