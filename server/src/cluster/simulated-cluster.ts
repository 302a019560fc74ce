/**
 * The state one plan runs on: the object store, the simulated clock, the event log and the choices of the
 * plan (Kubernetes version, which pods never become Ready).
 */
import type { Pod } from 'kubernetes-types/core/v1';
import type { KubernetesVersion } from '../schema/versions';
import { SimulatedClock } from './clock';
import type { ClusterEvent } from './events';
import { annotatedNeverReady } from './kubelet';
import { controllerOf, ObjectStore, type Stored, type StoredObject } from './store';

export class SimulatedCluster {
  readonly clock: SimulatedClock;
  readonly store: ObjectStore;
  readonly events: ClusterEvent[] = [];
  /**
   * Pod templates as they were before the manifests were applied, by the uid of the object holding them; absent
   * until then. With `newPodsReady` false, a pod made from any other template never becomes Ready.
   */
  private baselineTemplates: Map<string, string> | undefined;
  private baselinePods: Set<string> | undefined;

  constructor(readonly kubernetesVersion: KubernetesVersion, now: number, readonly newPodsReady: boolean) {
    this.clock = new SimulatedClock(now);
    this.store = new ObjectStore(this.clock);
  }

  record(events: readonly ClusterEvent[]): void {
    for (const event of events) this.events.push(event);
  }

  /** Remembers the current pod templates and pods: what comes after them is "updated". */
  markBaseline(): void {
    this.baselineTemplates = new Map();
    this.baselinePods = new Set();
    for (const kind of TEMPLATE_KINDS) {
      for (const object of this.store.list(kind)) this.baselineTemplates.set(object.metadata.uid, templateText(object));
    }
    for (const pod of this.store.list('Pod')) this.baselinePods.add(pod.metadata.uid);
  }

  /** Whether a pod the kubelet starts becomes Ready. */
  becomesReady(pod: Stored<Pod>): boolean {
    if (annotatedNeverReady(pod)) return false;
    return this.newPodsReady || !this.isOfUpdatedTemplate(pod);
  }

  private isOfUpdatedTemplate(pod: Stored<Pod>): boolean {
    if (!this.baselineTemplates || !this.baselinePods) return false;
    if (this.baselinePods.has(pod.metadata.uid)) return false;
    const owner = controllerOf(pod);
    if (!owner?.uid) return true;
    const before = this.baselineTemplates.get(owner.uid);
    const holder = this.store.list(owner.kind).find((object) => object.metadata.uid === owner.uid);
    return before === undefined || holder === undefined || before !== templateText(holder);
  }
}

const TEMPLATE_KINDS = ['ReplicaSet', 'Job', 'DaemonSet', 'StatefulSet'] as const;

function templateText(object: StoredObject): string {
  return JSON.stringify((object as { spec?: { template?: unknown } }).spec?.template ?? null);
}
