/** A store and an admission context for running one plugin by itself, and objects read from flow YAML. */
import type { Pod } from 'kubernetes-types/core/v1';
import type { AdmissionContext, AdmissionOperation, AdmissionRequest } from '../../../../server/src/cluster/admission/admission';
import { SimulatedClock } from '../../../../server/src/cluster/clock';
import { ObjectStore, type StoredObject } from '../../../../server/src/cluster/store';
import { applyDefaults } from '../../../../server/src/defaulting/index';
import type { PlainObject } from '../../../../server/src/kube/plain-values';
import { validateText } from '../../../../server/src/check/validate-text';

/** The one object of a manifest, decoded as kubectl decodes it. */
function parse(yaml: string): PlainObject {
  const [object] = validateText(yaml, { kubernetesVersion: '1.36' }).objects;
  if (!object) throw new Error(`no object in ${yaml}`);
  return structuredClone(object.value) as PlainObject;
}

export interface PluginHarness {
  store: ObjectStore;
  context: AdmissionContext;
  notes: string[];
  /** Stores an object as `kubectl apply` would, defaulted, without admission. */
  apply(yaml: string): StoredObject;
  /** A CREATE request for an object (defaulted), named as in its metadata. */
  create(yaml: string, operation?: AdmissionOperation): AdmissionRequest;
}

export function harness(): PluginHarness {
  const store = new ObjectStore(new SimulatedClock(Date.parse('2026-03-01T10:00:00Z')));
  const notes: string[] = [];
  const context: AdmissionContext = { store, kubernetesVersion: '1.36', note: (text) => notes.push(text), inputs: { objects: new Set(), loadedNamespaces: new Set() } };
  const decode = (yaml: string) => {
    const value = parse(yaml) as PlainObject;
    return applyDefaults(String(value['apiVersion']), String(value['kind']), value) as unknown as StoredObject;
  };
  return {
    store,
    context,
    notes,
    apply: (yaml) => {
      const value = parse(yaml) as PlainObject;
      return store.apply(String(value['apiVersion']), String(value['kind']), value);
    },
    create: (yaml, operation = 'CREATE') => {
      const object = decode(yaml);
      object.metadata.namespace ??= 'default';
      return { operation, object, name: object.metadata.name, namespace: object.metadata.namespace };
    },
  };
}

/** A pod of the given containers (flow YAML), in `default`. */
export function podYaml(name: string, containers: string, extra = ''): string {
  return `{apiVersion: v1, kind: Pod, metadata: {name: ${name}}, spec: {${extra}containers: [${containers}]}}`;
}

export function podOf(request: AdmissionRequest): Pod {
  return request.object as unknown as Pod;
}
