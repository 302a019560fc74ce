/**
 * The ConfigMaps and Secrets a pod template names: in its containers' environment (`configMapKeyRef`,
 * `secretKeyRef`, `envFrom`), its volumes (`configMap`, `secret`, projected sources) and its image pull Secrets,
 * with the keys each reference reads and where each is written.
 */
import { isObject, listAt, objectAt, stringAt, type Keys, type PlainValue } from '../../kube/plain-values';
import type { PodTemplate } from '../../catalog/pod-templates';

export type ConfigKind = 'ConfigMap' | 'Secret';

export interface ConfigReference {
  kind: ConfigKind;
  name: string;
  /** The keys the reference reads, with where each is written. */
  keys: { key: string; at: Keys }[];
  /** Where the name is written. */
  at: Keys;
  /** `optional: true`: the pod starts without it. */
  optional: boolean;
}

export function configReferences(template: PodTemplate): ConfigReference[] {
  const references: ConfigReference[] = [];
  const spec = template.spec;
  const base = [...template.at, 'spec'];
  const add = (kind: ConfigKind, source: PlainValue | undefined, nameField: string, at: Keys, keys: ConfigReference['keys'] = []): void => {
    const name = stringAt(source, nameField);
    if (!name) return;
    references.push({ kind, name, keys, at: [...at, nameField], optional: isObject(source) && source['optional'] === true });
  };
  const itemKeys = (source: PlainValue | undefined, at: Keys): ConfigReference['keys'] =>
    listAt(source, 'items').flatMap((item, i) => {
      const key = stringAt(item, 'key');
      return key ? [{ key, at: [...at, 'items', i, 'key'] }] : [];
    });
  for (const group of ['initContainers', 'containers', 'ephemeralContainers']) {
    listAt(spec, group).forEach((container, c) => {
      const at = [...base, group, c];
      listAt(container, 'env').forEach((env, e) => {
        const valueFrom = objectAt(env, 'valueFrom');
        for (const [field, kind] of [
          ['configMapKeyRef', 'ConfigMap'],
          ['secretKeyRef', 'Secret'],
        ] as const) {
          const ref = objectAt(valueFrom, field);
          const key = stringAt(ref, 'key');
          const refAt = [...at, 'env', e, 'valueFrom', field];
          add(kind, ref, 'name', refAt, key ? [{ key, at: [...refAt, 'key'] }] : []);
        }
      });
      listAt(container, 'envFrom').forEach((source, s) => {
        add('ConfigMap', objectAt(source, 'configMapRef'), 'name', [...at, 'envFrom', s, 'configMapRef']);
        add('Secret', objectAt(source, 'secretRef'), 'name', [...at, 'envFrom', s, 'secretRef']);
      });
    });
  }
  listAt(spec, 'volumes').forEach((volume, v) => {
    const at = [...base, 'volumes', v];
    const configMap = objectAt(volume, 'configMap');
    add('ConfigMap', configMap, 'name', [...at, 'configMap'], itemKeys(configMap, [...at, 'configMap']));
    const secret = objectAt(volume, 'secret');
    add('Secret', secret, 'secretName', [...at, 'secret'], itemKeys(secret, [...at, 'secret']));
    listAt(objectAt(volume, 'projected'), 'sources').forEach((source, s) => {
      const sourceAt = [...at, 'projected', 'sources', s];
      for (const [field, kind] of [
        ['configMap', 'ConfigMap'],
        ['secret', 'Secret'],
      ] as const) {
        const projected = objectAt(source, field);
        add(kind, projected, 'name', [...sourceAt, field], itemKeys(projected, [...sourceAt, field]));
      }
    });
  });
  listAt(spec, 'imagePullSecrets').forEach((pullSecret, p) => add('Secret', pullSecret, 'name', [...base, 'imagePullSecrets', p]));
  return references;
}

/** The keys of a ConfigMap's or Secret's data, whichever field holds them. */
export function dataKeys(value: PlainValue): Set<string> {
  const keys = new Set<string>();
  for (const field of ['data', 'binaryData', 'stringData']) {
    const data = objectAt(value, field);
    if (data) for (const key of Object.keys(data)) keys.add(key);
  }
  return keys;
}
