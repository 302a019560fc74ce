/**
 * Completion from the workspace's objects, in the document's namespace: label keys and values in selectors (from
 * the pod templates there), ConfigMap and Secret names and their keys where a pod references them, Service names
 * and ports in Ingress backends, the selected pods' container ports in a Service's targetPort, and the target of an
 * autoscaler.
 */
import { isObject, listAt, objectAt, stringAt, type Keys } from '../kube/plain-values';
import type { Catalog } from '../catalog/catalog';
import { compileSetSelector } from '../kube/label-selectors';
import { dataKeys, type ConfigKind } from '../rules/cross-object/config-references';
import type { WorkspaceObject } from '../catalog/workspace-object';
import type { CompletionContext } from './completion-context';
import type { CompletionEntry } from './completion-entry';

/** The field names a ConfigMap or Secret is referenced by, as the last keys of a path (numbers match any index). */
const NAME_FIELDS: readonly { kind: ConfigKind; suffix: readonly (string | number)[] }[] = [
  { kind: 'ConfigMap', suffix: ['configMapKeyRef', 'name'] },
  { kind: 'ConfigMap', suffix: ['configMapRef', 'name'] },
  { kind: 'ConfigMap', suffix: ['volumes', 0, 'configMap', 'name'] },
  { kind: 'ConfigMap', suffix: ['sources', 0, 'configMap', 'name'] },
  { kind: 'Secret', suffix: ['secretKeyRef', 'name'] },
  { kind: 'Secret', suffix: ['secretRef', 'name'] },
  { kind: 'Secret', suffix: ['volumes', 0, 'secret', 'secretName'] },
  { kind: 'Secret', suffix: ['sources', 0, 'secret', 'name'] },
  { kind: 'Secret', suffix: ['imagePullSecrets', 0, 'name'] },
  { kind: 'Secret', suffix: ['tls', 0, 'secretName'] },
];

/** Where a key of a named ConfigMap or Secret is referenced, and where that name is written relative to the key. */
const KEY_FIELDS: readonly { kind: ConfigKind; suffix: readonly (string | number)[]; nameField: string; nameLevel: 'siblings' | 'holder' }[] = [
  { kind: 'ConfigMap', suffix: ['configMapKeyRef', 'key'], nameField: 'name', nameLevel: 'siblings' },
  { kind: 'Secret', suffix: ['secretKeyRef', 'key'], nameField: 'name', nameLevel: 'siblings' },
  { kind: 'ConfigMap', suffix: ['configMap', 'items', 0, 'key'], nameField: 'name', nameLevel: 'holder' },
  { kind: 'Secret', suffix: ['secret', 'items', 0, 'key'], nameField: 'secretName', nameLevel: 'holder' },
];

/** A name offered, and whether an object of the file being edited gives it (those come first). */
interface Offered {
  label: string;
  detail: string;
  inFile?: boolean;
}

/** `file`: the catalog's key of the file being edited. */
export function workspaceCompletions(context: CompletionContext, catalog: Catalog, file?: string): CompletionEntry[] {
  const namespace = context.namespace || 'default';
  const { path } = context;
  const entries = (items: readonly Offered[], kind: CompletionEntry['kind'] = 'reference'): CompletionEntry[] =>
    items.map((item) => ({
      label: item.label,
      kind,
      detail: item.detail,
      insertText: `${context.needsSpace ? ' ' : ''}${item.label}`,
      snippet: false,
      replace: context.replace,
      sortText: `${item.inFile ? 0 : 1}${item.label}`,
    }));
  /** Adds a name seen in `object`, or marks it as the edited file's when it is seen there too. */
  const offer = (found: Map<string, Offered>, label: string, detail: string, object: WorkspaceObject): void => {
    const inFile = file !== undefined && object.file === file;
    const known = found.get(label);
    if (!known) found.set(label, { label, detail, inFile });
    else if (inFile && !known.inFile) found.set(label, { label, detail, inFile });
  };

  if (context.position === 'key') {
    if (!isSelectorMap(context, path)) return [];
    const keys = new Map<string, Offered>();
    for (const template of catalog.podTemplates(namespace)) {
      for (const key of Object.keys(template.labels)) if (!context.siblings.has(key)) offer(keys, key, `label of ${describe(template.owner)}`, template.owner);
    }
    return entries([...keys.values()], 'reference').map((entry) => ({ ...entry, insertText: context.keyHasColon ? entry.label : `${entry.label}: ` }));
  }

  if (isSelectorMap(context, path.slice(0, -1))) {
    const key = String(path.at(-1));
    const values = new Map<string, Offered>();
    for (const template of catalog.podTemplates(namespace)) {
      const value = template.labels[key];
      if (value !== undefined) offer(values, value, `${key} of ${describe(template.owner)}`, template.owner);
    }
    return entries([...values.values()]);
  }

  const nameField = NAME_FIELDS.find((field) => endsWith(path, field.suffix));
  if (nameField) return entries(namesOf(catalog, nameField.kind, namespace, offer));

  const keyField = KEY_FIELDS.find((field) => endsWith(path, field.suffix));
  if (keyField) {
    const holder = keyField.nameLevel === 'siblings' ? context.siblings : innermost(context, 'items');
    const name = holder?.get(keyField.nameField);
    const found = name ? catalog.find(keyField.kind, namespace, name)[0] : undefined;
    return found ? entries([...dataKeys(found.value)].map((key) => ({ label: key, detail: `key of ${describe(found)}` }))) : [];
  }

  if (inBackend(path, ['service', 'name'])) return entries(namesOf(catalog, 'Service', namespace, offer));
  if (inBackend(path, ['service', 'port', 'name']) || inBackend(path, ['service', 'port', 'number'])) {
    const serviceName = innermost(context, 'port')?.get('name');
    const service = serviceName ? catalog.find('Service', namespace, serviceName)[0] : undefined;
    if (!service) return [];
    const byName = path.at(-1) === 'name';
    const ports = listAt(objectAt(service.value, 'spec'), 'ports').flatMap((port) => {
      const value = byName ? stringAt(port, 'name') : isObject(port) ? port['port'] : undefined;
      return value === undefined || value === null ? [] : [{ label: String(value), detail: `port of ${describe(service)}` }];
    });
    return entries(ports);
  }

  if (context.kind === 'Service' && endsWith(path, ['spec', 'ports', 0, 'targetPort'])) return targetPortCompletions(context, catalog, namespace, entries);

  if (context.kind === 'HorizontalPodAutoscaler' && endsWith(path, ['spec', 'scaleTargetRef', 'name'])) {
    const kind = context.siblings.get('kind') || 'Deployment';
    return entries(namesOf(catalog, kind, namespace, offer));
  }
  return [];
}

/**
 * A Service's targetPort: first the ports of the containers its selector selects, each by name and by number (a
 * named targetPort is looked up in each selected pod's containers: pkg/api/v1/pod/util.go FindPort), then the port
 * names of the namespace's other pod templates. A selector with no labels selects no templates here.
 */
function targetPortCompletions(
  context: CompletionContext,
  catalog: Catalog,
  namespace: string,
  entries: (items: readonly { label: string; detail: string }[]) => CompletionEntry[],
): CompletionEntry[] {
  const selector = context.mappingAt(['spec', 'selector']);
  const selects = selector && selector.size > 0 ? compileSetSelector(Object.fromEntries(selector)) : undefined;
  const selected = new Map<string, string>();
  const others = new Map<string, string>();
  for (const template of catalog.podTemplates(namespace)) {
    const chosen = selects?.(template.labels) ?? false;
    for (const container of listAt(template.spec, 'containers')) {
      for (const port of listAt(container, 'ports')) {
        const name = stringAt(port, 'name');
        const number = isObject(port) ? port['containerPort'] : undefined;
        const of = describe(template.owner);
        if (chosen) {
          if (name && !selected.has(name)) selected.set(name, `containerPort ${String(number)} of ${of}`);
          if (typeof number === 'number' && !selected.has(String(number))) selected.set(String(number), `containerPort${name ? ` ${name}` : ''} of ${of}`);
        } else if (name && !others.has(name)) {
          others.set(name, `containerPort ${String(number)} of ${of}`);
        }
      }
    }
  }
  for (const label of selected.keys()) others.delete(label);
  return [
    ...entries([...selected].map(([label, detail]) => ({ label, detail }))).map((entry, i) => ({ ...entry, sortText: `0${String(i).padStart(3, '0')}` })),
    ...entries([...others].map(([label, detail]) => ({ label, detail }))).map((entry) => ({ ...entry, sortText: `1${entry.label}` })),
  ];
}

/** An Ingress backend field: under a rule's path or the default backend. */
function inBackend(path: Keys, suffix: readonly string[]): boolean {
  return endsWith(path, ['backend', ...suffix]) || endsWith(path, ['defaultBackend', ...suffix]);
}

/** A Service's selector, or the `matchLabels` of a label selector. */
function isSelectorMap(context: CompletionContext, path: Keys): boolean {
  if (context.kind === 'Service' && path.length === 2 && path[0] === 'spec' && path[1] === 'selector') return true;
  return path.at(-1) === 'matchLabels';
}

/** The innermost mapping above the cursor that holds `key`. */
function innermost(context: CompletionContext, key: string): ReadonlyMap<string, string> | undefined {
  return [...context.ancestors].reverse().find((scope) => scope.has(key));
}

function namesOf(catalog: Catalog, kind: string, namespace: string, offer: (found: Map<string, Offered>, label: string, detail: string, object: WorkspaceObject) => void): Offered[] {
  const names = new Map<string, Offered>();
  for (const object of catalog.ofKind(kind)) {
    if (catalog.namespaceOf(object) === namespace && object.name) offer(names, object.name, describe(object), object);
  }
  return [...names.values()];
}

function describe(object: WorkspaceObject): string {
  return `${object.kind} ${object.name}`;
}

/** Whether `path` ends with `suffix`, where a number in the suffix stands for any list index. */
export function endsWith(path: Keys, suffix: readonly (string | number)[]): boolean {
  if (path.length < suffix.length) return false;
  const tail = path.slice(path.length - suffix.length);
  return suffix.every((key, i) => (typeof key === 'number' ? typeof tail[i] === 'number' : tail[i] === key));
}
