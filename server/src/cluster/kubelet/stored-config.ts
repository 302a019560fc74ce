/**
 * The ConfigMaps and Secrets a kubelet reads, as the plan knows them: those the inputs (manifests, `--from`)
 * stored. The plan cannot see objects created elsewhere, so an object absent from the inputs counts as missing
 * only in a namespace whose configuration the inputs show (a Namespace object, or any ConfigMap or Secret in it);
 * elsewhere it is assumed to exist with every key asked of it, and the plan notes the assumption.
 */
import type { ConfigMap, Secret } from 'kubernetes-types/core/v1';
import type { ObjectStore } from '../store';
import { ROOT_CA_CONFIG_MAP, ROOT_CA_KEY, type ConfigData, type ConfigKind, type ConfigObjects, type MissingObject } from './config-references';

const ROOT_CA: ConfigData = { has: (key) => key === ROOT_CA_KEY };
const ANY_KEY: ConfigData = { has: () => true };

export interface AssumedObject extends MissingObject {
  namespace: string;
}

export class StoredConfig {
  private knownNamespaces: Set<string> | undefined;

  constructor(
    private readonly store: ObjectStore,
    private readonly assumed: (object: AssumedObject) => void,
  ) {}

  /** The objects of one namespace, as a kubelet's managers would answer for them. */
  in(namespace: string): ConfigObjects {
    return { get: (kind, name) => this.get(kind, namespace, name) };
  }

  private get(kind: ConfigKind, namespace: string, name: string): ConfigData | undefined {
    if (kind === 'configmap') {
      // The publisher writes the root CA ConfigMap back to just `ca.crt` whenever it differs (syncNamespace), so a
      // stored one reads as the publisher leaves it.
      if (name === ROOT_CA_CONFIG_MAP) return ROOT_CA;
      const configMap = this.store.get<ConfigMap>('ConfigMap', namespace, name);
      if (configMap) return { has: (key, binaryData) => Object.hasOwn(configMap.data ?? {}, key) || (binaryData && Object.hasOwn(configMap.binaryData ?? {}, key)) };
    } else {
      const secret = this.store.get<Secret>('Secret', namespace, name);
      if (secret) return { has: (key) => Object.hasOwn(secret.data ?? {}, key) };
    }
    if (this.isKnown(namespace)) return undefined;
    this.assumed({ kind, namespace, name });
    return ANY_KEY;
  }

  private isKnown(namespace: string): boolean {
    if (!this.knownNamespaces) {
      this.knownNamespaces = new Set(this.store.list('Namespace').map((object) => object.metadata.name));
      for (const kind of ['ConfigMap', 'Secret']) for (const object of this.store.list(kind)) this.knownNamespaces.add(object.metadata.namespace ?? '');
    }
    return this.knownNamespaces.has(namespace);
  }
}
