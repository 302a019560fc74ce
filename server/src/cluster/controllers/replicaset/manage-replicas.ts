/**
 * How a ReplicaSet moves its pod count toward spec.replicas in one sync [replica_set.go : manageReplicas,
 * slowStartBatch; controller_utils.go : GetPodFromTemplate].
 */
import type { ReplicaSet } from 'kubernetes-types/apps/v1';
import type { Pod, PodSpec } from 'kubernetes-types/core/v1';
import { applyDefaults } from '../../../defaulting';
import { deepCopy } from '../../../defaulting/plain';
import type { PlainObject } from '../../../kube/plain-values';
import { eventObject } from '../../events';
import type { ClusterEvent } from '../../../protocol/plan';
import { asOwner, controllerReference } from '../../../kube/owner-references';
import { formatTime } from '../../rfc3339';
import { isPodActive } from './pods';
import { podsToDelete } from './pod-ranking';

/** The kinds the ReplicaSet controller's code syncs. */
export type ReplicaControllerKind = 'ReplicaSet' | 'ReplicationController';

/** Most pods one sync creates or deletes (the controller's burstReplicas). */
export const BURST_REPLICAS = 500;
/** First slow-start batch (controller.SlowStartInitialBatchSize). */
export const SLOW_START_INITIAL_BATCH_SIZE = 1;

/** The alphabet of generated name suffixes and pod-template-hash values (k8s.io/apimachinery/pkg/util/rand). */
export const SAFE_ALPHABET = 'bcdfghjklmnpqrstvwxz2456789';
const SUFFIX_LENGTH = 5;

/**
 * Batch sizes of slowStartBatch for `count` creations that all succeed: 1, 2, 4 … doubling, the last batch
 * holding what is left. A failing batch would stop the rest; the model has no failing creations.
 */
export function slowStartBatches(count: number, initialBatchSize = SLOW_START_INITIAL_BATCH_SIZE): number[] {
  const batches: number[] = [];
  let remaining = count;
  for (let size = Math.min(remaining, initialBatchSize); size > 0; size = Math.min(2 * size, remaining)) {
    batches.push(size);
    remaining -= size;
  }
  return batches;
}

/**
 * The 5-character suffix the API server's generateName would draw at random; here the `sequence`-th word
 * over the same alphabet, so names look real and runs repeat.
 */
export function nameSuffix(sequence: number): string {
  let rest = Math.max(0, Math.floor(sequence));
  let suffix = '';
  for (let i = 0; i < SUFFIX_LENGTH; i++) {
    suffix = SAFE_ALPHABET[rest % SAFE_ALPHABET.length]! + suffix;
    rest = Math.floor(rest / SAFE_ALPHABET.length);
  }
  return suffix;
}

export interface ManageReplicasInput {
  replicaSet: ReplicaSet;
  /**
   * The kind whose controller this is: a ReplicationController is synced as the ReplicaSet it converts to
   * (replication-controller.ts), its pods owned by it and its events recorded on it. ReplicaSet when absent.
   */
  controllerKind?: ReplicaControllerKind;
  /** Pods the ReplicaSet controls (any phase; inactive ones are ignored). */
  ownedPods: readonly Pod[];
  /** Pods of every ReplicaSet with the same owner, these included: ranks pods sharing a node. */
  relatedPods?: readonly Pod[];
  now: number;
  /** First sequence number for generated pod names; see `nextNameSequence`. */
  nameSequence?: number;
  /** Names already taken in the namespace, never generated again. */
  takenNames?: ReadonlySet<string>;
}

export interface ManageReplicasResult {
  /** New pods as the API server stores them on create: defaulted, phase Pending, owned by the ReplicaSet. */
  podsToCreate: Pod[];
  /** Slow-start batch sizes the creations go out in. */
  createBatches: number[];
  /** Pods to delete, in the order the controller picks them. */
  podsToDelete: Pod[];
  /** `SuccessfulCreate` / `SuccessfulDelete` on the ReplicaSet. */
  events: ClusterEvent[];
  nextNameSequence: number;
}

/** The template's pod spec with the API server's pod defaults: the same for every pod of one ReplicaSet. */
function defaultedPodSpec(replicaSet: ReplicaSet): PlainObject {
  const pod = { apiVersion: 'v1', kind: 'Pod', spec: (replicaSet.spec?.template?.spec ?? { containers: [] }) as unknown as PlainObject };
  return applyDefaults('v1', 'Pod', pod).spec as PlainObject;
}

/** GetPodFromTemplate, then what the API server adds on create (defaults, Pending phase, creation time). */
function podFromTemplate(replicaSet: ReplicaSet, kind: ReplicaControllerKind, spec: PlainObject, name: string, creationTimestamp: string): Pod {
  const template = replicaSet.spec?.template;
  const namespace = replicaSet.metadata?.namespace;
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: {
      name,
      generateName: `${replicaSet.metadata?.name ?? ''}-`,
      ...(namespace !== undefined ? { namespace } : {}),
      uid: `${namespace ?? 'default'}.${name}`,
      creationTimestamp,
      labels: { ...template?.metadata?.labels },
      ...(template?.metadata?.annotations ? { annotations: { ...template.metadata.annotations } } : {}),
      ownerReferences: [controllerReference(asOwner(kind, replicaSet))],
    },
    spec: deepCopy(spec) as unknown as PodSpec,
    status: { phase: 'Pending' },
  };
}

/**
 * One manageReplicas: diff = active pods − spec.replicas; create up to BURST_REPLICAS pods in slow-start batches
 * when short, delete up to BURST_REPLICAS chosen by deletion rank when over.
 */
export function manageReplicas(input: ManageReplicasInput): ManageReplicasResult {
  const { replicaSet, now } = input;
  const kind = input.controllerKind ?? 'ReplicaSet';
  const active = input.ownedPods.filter(isPodActive);
  const diff = active.length - (replicaSet.spec?.replicas ?? 1);
  const object = eventObject(kind, replicaSet.metadata?.name ?? '', replicaSet.metadata?.namespace ?? 'default');
  let sequence = input.nameSequence ?? 0;
  const result: ManageReplicasResult = { podsToCreate: [], createBatches: [], podsToDelete: [], events: [], nextNameSequence: sequence };
  if (diff < 0) {
    const count = Math.min(-diff, BURST_REPLICAS);
    const taken = new Set([...(input.takenNames ?? []), ...input.ownedPods.map((pod) => pod.metadata?.name ?? '')]);
    const spec = defaultedPodSpec(replicaSet);
    const created = formatTime(now);
    for (let i = 0; i < count; i++) {
      let name: string;
      do name = `${replicaSet.metadata?.name ?? ''}-${nameSuffix(sequence++)}`;
      while (taken.has(name));
      taken.add(name);
      result.podsToCreate.push(podFromTemplate(replicaSet, kind, spec, name, created));
      result.events.push({ type: 'Normal', reason: 'SuccessfulCreate', object, message: `Created pod: ${name}` });
    }
    result.createBatches = slowStartBatches(count);
  } else if (diff > 0) {
    const count = Math.min(diff, BURST_REPLICAS);
    result.podsToDelete = podsToDelete(active, input.relatedPods ?? active, count, now);
    for (const pod of result.podsToDelete) {
      result.events.push({ type: 'Normal', reason: 'SuccessfulDelete', object, message: `Deleted pod: ${pod.metadata?.name ?? ''}` });
    }
  }
  result.nextNameSequence = sequence;
  return result;
}
