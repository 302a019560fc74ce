/**
 * The result of a plan, as `kubeplan plan --output json` prints it: plain data, no class instances, stable order.
 *
 * Resource amounts in `allocatable` and `requested` are Kubernetes quantity strings in one fixed form each:
 * cpu in millicores (`"3900m"`, `"0m"`), memory in the largest binary unit that divides it exactly (`"15Gi"`,
 * `"1536Mi"`, `"0"`), pods as a plain number.
 */
import type { ClusterEvent } from '../cluster/events';
import type { PlanCronJob } from '../cluster/plan-cronjobs';
import type { PlanIngress } from '../cluster/plan-ingresses';
import type { PlanService } from '../cluster/plan-services';

export interface ResourceAmounts {
  cpu: string;
  memory: string;
  pods: number;
}

export interface PlannedNode {
  name: string;
  labels: Record<string, string>;
  taints: { key: string; value?: string; effect: string }[];
  allocatable: ResourceAmounts;
  requested: ResourceAmounts;
  /** `namespace/name` of every pod bound to the node, in creation order. */
  pods: string[];
}

export interface PlannedPod {
  name: string;
  namespace: string;
  /** `Kind/name` of the controlling object, or null for a bare pod. */
  owner: string | null;
  node: string | null;
  phase: string;
  ready: boolean;
  ip: string | null;
  /** The FailedScheduling message while the pod is Pending unscheduled, else null. */
  message: string | null;
}

export interface RolloutStep {
  /** spec.replicas of the new ReplicaSet after the sync. */
  new: number;
  /** Sum of spec.replicas over the old ReplicaSets after the sync. */
  old: number;
  /** Pods of the Deployment once the ReplicaSets have acted on the sync (new + old). */
  total: number;
  /** Available pods of the Deployment once the pods have settled after the sync. */
  available: number;
  events: ClusterEvent[];
}

export type RolloutOutcome = 'complete' | 'stalled' | 'progressDeadlineExceeded';

export interface PlannedRollout {
  deployment: string;
  strategy: string;
  replicas: number;
  maxSurge: number;
  maxUnavailable: number;
  maxTotal: number;
  minAvailable: number;
  steps: RolloutStep[];
  outcome: RolloutOutcome;
}

export interface Plan {
  kubernetesVersion: string;
  nodes: PlannedNode[];
  pods: PlannedPod[];
  rollouts: PlannedRollout[];
  services: PlanService[];
  ingresses: PlanIngress[];
  cronjobs: PlanCronJob[];
  events: ClusterEvent[];
  /** What the plan could not take into account (ignored cluster objects, limits reached). */
  notes: string[];
}
