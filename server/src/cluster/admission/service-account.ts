/**
 * The ServiceAccount admission plugin (plugin/pkg/admission/serviceaccount/admission.go, `Admit` for pods on
 * create): a pod without `spec.serviceAccountName` runs as `default`; the service account it names must exist,
 * or the server refuses the pod; unless the pod or the service account turns automounting off, the projected
 * `kube-api-access-…` volume that holds the pod's token, the cluster's CA and its namespace is added and mounted
 * in every container (mountServiceAccountToken, TokenVolumeSource); a pod without imagePullSecrets takes the
 * service account's.
 *
 * The `default` service account exists in every namespace (the service account controller creates it). Another
 * service account exists when it is stored. One that is not is refused when it is among the inputs (not applied
 * yet) or when its namespace is among them (a namespace the manifests make holds only `default`); in a namespace
 * the inputs do not make, the plan cannot see what is there, so the service account is assumed to exist, with a
 * note. Mirror pods and the `kubernetes.io/enforce-mountable-secrets` annotation are not modelled.
 */
import type { Pod, ProjectedVolumeSource, ServiceAccount, Volume, VolumeMount } from 'kubernetes-types/core/v1';
import { nameSuffix } from '../controllers/replicaset/manage-replicas';
import { ROOT_CA_CONFIG_MAP, ROOT_CA_KEY } from '../kubelet/config-references';
import { type AdmissionContext, type AdmissionPlugin, forbidden, inputKey } from './admission';
import { deepFreeze } from '../object-graph-copy';

export const DEFAULT_SERVICE_ACCOUNT = 'default';
/** DefaultAPITokenMountPath: where the token, `ca.crt` and `namespace` files are, for every client library. */
export const TOKEN_MOUNT_PATH = '/var/run/secrets/kubernetes.io/serviceaccount';
/** ServiceAccountVolumeName: the volume's name is this, a dash and five generated characters. */
const TOKEN_VOLUME_PREFIX = 'kube-api-access-';
/**
 * serviceaccount.WarnOnlyBoundTokenExpirationSeconds: an hour and seven seconds, a length the API server
 * recognises to extend the token for legacy clients while warning of its use past an hour.
 */
export const TOKEN_EXPIRATION_SECONDS = 3607;

export const serviceAccount: AdmissionPlugin = {
  name: 'ServiceAccount',
  admit(request, context) {
    if (request.operation !== 'CREATE' || request.object.kind !== 'Pod') return undefined;
    const spec = (request.object as Pod).spec;
    if (!spec) return undefined;
    spec.serviceAccountName ||= DEFAULT_SERVICE_ACCOUNT;
    const account = lookUpServiceAccount(request.namespace, spec.serviceAccountName, context);
    if (account === 'not found') {
      return { refused: forbidden(request, `error looking up service account ${request.namespace}/${spec.serviceAccountName}: serviceaccount "${spec.serviceAccountName}" not found`) };
    }
    if ((spec.automountServiceAccountToken ?? account.automountServiceAccountToken) !== false) {
      mountServiceAccountToken(request.object as Pod);
    }
    if (!spec.imagePullSecrets?.length && account.imagePullSecrets?.length) spec.imagePullSecrets = account.imagePullSecrets.map((secret) => ({ ...secret }));
    return undefined;
  },
};

/** The service account a pod names, as the plugin's informer (or its live lookup) finds it. */
function lookUpServiceAccount(namespace: string, name: string, context: AdmissionContext): ServiceAccount | 'not found' {
  const stored = context.store.get<ServiceAccount>('ServiceAccount', namespace, name);
  if (stored) return stored;
  if (name === DEFAULT_SERVICE_ACCOUNT) return { metadata: { name, namespace } };
  if (context.inputs.objects.has(inputKey('ServiceAccount', namespace, name)) || context.inputs.objects.has(inputKey('Namespace', '', namespace))) return 'not found';
  context.note(`service account "${name}" in namespace "${namespace}" is not among the inputs: assumed to exist, as the namespace is made outside them`);
  return { metadata: { name, namespace } };
}

/**
 * The name of a new token volume. Upstream appends five random characters (names.SimpleNameGenerator); the plan
 * takes the first word of that alphabet, as it takes the first candidate wherever upstream picks at random, so every
 * pod's token volume has the same name. Volume names are unique only within a pod, and a pod without a
 * `kube-api-access-` volume has none that could clash.
 */
export const TOKEN_VOLUME_NAME = `${TOKEN_VOLUME_PREFIX}${nameSuffix(0)}`;

/**
 * mountServiceAccountToken: the token volume (a `kube-api-access-` volume the pod has already, else a new one named
 * TOKEN_VOLUME_NAME) mounted read-only at TOKEN_MOUNT_PATH in every init container and container that mounts
 * nothing there; the volume is added when one of them mounts it. The pod being created is the request's own object
 * (the API server decodes each request into new objects, and controllers create copies of their templates), so its
 * containers are changed in place; the volume source and the mount are the same for every pod and shared, frozen.
 */
export function mountServiceAccountToken(pod: Pod): void {
  const spec = pod.spec!;
  const volumes = spec.volumes ?? [];
  const existing = volumes.find((volume) => volume.name?.startsWith(TOKEN_VOLUME_PREFIX));
  const mount = existing?.name ? tokenMount(existing.name) : TOKEN_MOUNT;
  let mounted = false;
  for (const container of [...(spec.initContainers ?? []), ...(spec.containers ?? [])]) {
    if ((container.volumeMounts ?? []).some((volumeMount) => volumeMount.mountPath === TOKEN_MOUNT_PATH)) continue;
    container.volumeMounts = [...(container.volumeMounts ?? []), mount];
    mounted = true;
  }
  if (!existing && mounted) spec.volumes = [...volumes, TOKEN_VOLUME];
}

function tokenMount(volumeName: string): VolumeMount {
  return Object.freeze({ name: volumeName, readOnly: true, mountPath: TOKEN_MOUNT_PATH });
}

/**
 * TokenVolumeSource: the bound token, the cluster's CA bundle (kube-root-ca.crt) and the pod's namespace. The
 * projection is the same for every pod, so every token volume shares one frozen copy (ten thousand pods of a
 * rollout would otherwise hold ten thousand).
 */
const TOKEN_PROJECTION: ProjectedVolumeSource = deepFreeze({
  // ProjectedVolumeSourceDefaultMode (0644), set explicitly by the plugin.
  defaultMode: 0o644,
  sources: [
    { serviceAccountToken: { expirationSeconds: TOKEN_EXPIRATION_SECONDS, path: 'token' } },
    { configMap: { name: ROOT_CA_CONFIG_MAP, items: [{ key: ROOT_CA_KEY, path: 'ca.crt' }] } },
    { downwardAPI: { items: [{ fieldRef: { apiVersion: 'v1', fieldPath: 'metadata.namespace' }, path: 'namespace' }] } },
  ],
});

function tokenVolume(name: string): Volume {
  return { name, projected: TOKEN_PROJECTION };
}

const TOKEN_VOLUME: Volume = Object.freeze(tokenVolume(TOKEN_VOLUME_NAME));
const TOKEN_MOUNT: VolumeMount = tokenMount(TOKEN_VOLUME_NAME);
