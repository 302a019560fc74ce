/**
 * What the kubelet needs of ConfigMaps and Secrets before a pod's containers run, and the errors it reports when
 * they are missing: volumes are mounted first (pkg/volume/configmap/configmap.go, pkg/volume/secret/secret.go,
 * pkg/volume/projected/projected.go : SetUpAt), then each container's environment is built
 * (pkg/kubelet/kubelet_pods.go : makeEnvironmentVariables, reached from kuberuntime_container.go : startContainer
 * through generateContainerConfig). Messages are upstream's: the watch-based managers answer a missing object with
 * the API's NotFound error for the resources `configmap` and `secret` (pkg/kubelet/configmap, pkg/kubelet/secret).
 */
import type { ConfigMapProjection, ConfigMapVolumeSource, Container, Pod, Volume } from 'kubernetes-types/core/v1';

/** A ConfigMap's or Secret's keys, as the kubelet reads them. */
export interface ConfigData {
  /** Whether `key` is in `data`, or with `binaryData` also in a ConfigMap's binaryData. */
  has(key: string, binaryData: boolean): boolean;
}

export type ConfigKind = 'configmap' | 'secret';

/** The pod's namespace's ConfigMaps and Secrets; undefined for one that is not found. */
export interface ConfigObjects {
  get(kind: ConfigKind, name: string): ConfigData | undefined;
}

/** A ConfigMap or Secret the kubelet did not find. */
export interface MissingObject {
  kind: ConfigKind;
  name: string;
}

export interface ConfigFailure {
  /** The error as the kubelet words it. */
  message: string;
  /** Set when the error is that the object itself is not found. */
  missing?: MissingObject;
}

export interface VolumeFailure extends ConfigFailure {
  volume: string;
}

/** The API's NotFound message for a resource the kubelet's managers look up: `configmap "x" not found`. */
function notFound(kind: ConfigKind, name: string): ConfigFailure {
  return { message: `${kind} "${name}" not found`, missing: { kind, name } };
}

/**
 * Each volume whose SetUp fails, in the pod's order (the volume manager mounts them all and reports each). A
 * configMap or secret volume fails when its object is missing and not optional, or when one of its `items` names
 * a key the object lacks ("configmap references non-existent config key: k", "references non-existent secret
 * key: k"; ConfigMap keys are looked up in data, then binaryData). A projected volume fails with all its sources'
 * errors (utilerrors.NewAggregate: one error as is, several as `[a, b]`).
 */
export function volumeFailures(pod: Pod, objects: ConfigObjects): VolumeFailure[] {
  const failures: VolumeFailure[] = [];
  for (const volume of pod.spec?.volumes ?? []) {
    const failure = volumeFailure(volume, objects);
    if (failure) failures.push({ volume: volume.name, ...failure });
  }
  return failures;
}

function volumeFailure(volume: Volume, objects: ConfigObjects): ConfigFailure | undefined {
  if (volume.configMap) return sourceFailure('configmap', volume.configMap, objects);
  if (volume.secret) return sourceFailure('secret', { ...volume.secret, name: volume.secret.secretName }, objects);
  const sources = volume.projected?.sources;
  if (!sources) return undefined;
  const errors: ConfigFailure[] = [];
  for (const source of sources) {
    const failure = source.configMap ? sourceFailure('configmap', source.configMap, objects) : source.secret ? sourceFailure('secret', source.secret, objects) : undefined;
    if (failure) errors.push(failure);
  }
  if (errors.length === 0) return undefined;
  if (errors.length === 1) return errors[0];
  return { message: `[${errors.map((error) => error.message).join(', ')}]`, missing: errors.find((error) => error.missing)?.missing };
}

interface VolumeSource {
  name?: string;
  optional?: boolean;
  items?: { key: string }[];
}

function sourceFailure(kind: ConfigKind, source: VolumeSource, objects: ConfigObjects): ConfigFailure | undefined {
  const name = source.name ?? '';
  const optional = source.optional === true;
  const data = objects.get(kind, name);
  if (!data) return optional ? undefined : notFound(kind, name);
  if (optional) return undefined;
  const absent = (source.items ?? []).find((item) => !data.has(item.key, true));
  if (!absent) return undefined;
  return { message: kind === 'configmap' ? `configmap references non-existent config key: ${absent.key}` : `references non-existent secret key: ${absent.key}` };
}

/**
 * The error makeEnvironmentVariables returns for a container, or undefined: `envFrom` first, in order (a missing
 * object that is not optional), then `env` in order (a `valueFrom` of a missing object or key, unless optional; a
 * variable with a non-empty `value` never reads its `valueFrom`). Secret keys are looked up in data, ConfigMap keys
 * in data only.
 */
export function containerConfigFailure(container: Container, namespace: string, objects: ConfigObjects): ConfigFailure | undefined {
  for (const source of container.envFrom ?? []) {
    const reference = source.configMapRef ? { kind: 'configmap' as const, ...source.configMapRef } : source.secretRef ? { kind: 'secret' as const, ...source.secretRef } : undefined;
    if (!reference) continue;
    const name = reference.name ?? '';
    if (!objects.get(reference.kind, name) && reference.optional !== true) return notFound(reference.kind, name);
  }
  for (const variable of container.env ?? []) {
    if (variable.value) continue;
    const from = variable.valueFrom;
    const reference = from?.configMapKeyRef
      ? { kind: 'configmap' as const, label: 'ConfigMap', ...from.configMapKeyRef }
      : from?.secretKeyRef
        ? { kind: 'secret' as const, label: 'Secret', ...from.secretKeyRef }
        : undefined;
    if (!reference) continue;
    const name = reference.name ?? '';
    const optional = reference.optional === true;
    const data = objects.get(reference.kind, name);
    if (!data) {
      if (optional) continue;
      return notFound(reference.kind, name);
    }
    if (!data.has(reference.key, false) && !optional) return { message: `couldn't find key ${reference.key} in ${reference.label} ${namespace}/${name}` };
  }
  return undefined;
}

/**
 * The ConfigMap the root CA publisher (pkg/controller/certificates/rootcacertpublisher) keeps in every namespace,
 * with the key `ca.crt`: projected service account volumes read it.
 */
export const ROOT_CA_CONFIG_MAP = 'kube-root-ca.crt';
export const ROOT_CA_KEY = 'ca.crt';

/**
 * A reference to the root CA ConfigMap that reads no key but `ca.crt`: the publisher keeps it so in every namespace
 * (rewriting it when changed), so the kubelet always finds it. Every service account token volume is one.
 */
function publishedRootCa(configMap: ConfigMapProjection | ConfigMapVolumeSource): boolean {
  return configMap.name === ROOT_CA_CONFIG_MAP && (configMap.items ?? []).every((item) => item.key === ROOT_CA_KEY);
}

/** Whether the pod refers to any ConfigMap or Secret the kubelet must read before starting it. */
export function refersToConfig(pod: Pod): boolean {
  const spec = pod.spec;
  if (!spec) return false;
  const needsReading = (configMap: ConfigMapProjection | ConfigMapVolumeSource | undefined) => configMap !== undefined && !publishedRootCa(configMap);
  if (spec.volumes?.some((volume) => needsReading(volume.configMap) || volume.secret || volume.projected?.sources?.some((source) => needsReading(source.configMap) || source.secret))) return true;
  return [...(spec.initContainers ?? []), ...(spec.containers ?? [])].some(
    (container) => container.envFrom?.length || container.env?.some((variable) => variable.valueFrom?.configMapKeyRef || variable.valueFrom?.secretKeyRef),
  );
}
