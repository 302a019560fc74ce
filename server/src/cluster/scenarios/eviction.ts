/**
 * The Eviction API as the API server answers it (pkg/registry/core/pod/storage/eviction.go EvictionREST.Create,
 * canIgnorePDB, getPodDisruptionBudgets, checkAndDecrement): a pod is deleted when no PodDisruptionBudget stands
 * in the way, and the budget that allowed it is charged at once, so that the next eviction in the same instant
 * sees one disruption fewer.
 */
import type { Pod } from 'kubernetes-types/core/v1';
import type { PodDisruptionBudget, PodDisruptionBudgetStatus } from 'kubernetes-types/policy/v1';
import { compileLabelSelector, isEmptySelector, labelsOf } from '../../kube/label-selectors';
import type { PlainObject, PlainValue } from '../../kube/plain-values';
import { isPodReady } from '../controllers/replicaset/pods';
import { formatTime } from '../rfc3339';
import type { SimulatedCluster } from '../simulated-cluster';
import type { Stored } from '../store';

/** createTooManyRequestsError and checkAndDecrement's 429: the message of the error, which is what kubectl prints. */
export const DISRUPTION_BUDGET_VIOLATION = "Cannot evict pod as it would violate the pod's disruption budget.";

/** The status (code 500) the handler answers for a pod two or more budgets select. */
export const MORE_THAN_ONE_BUDGET = 'This pod has more than one PodDisruptionBudget, which the eviction subresource does not support.';

export type EvictionAnswer =
  /** The pod may go; `budget` is the budget to charge (a healthy pod under one), if any. */
  | { allowed: true; budget?: Stored<PodDisruptionBudget> }
  /** 429 TooManyRequests: the client may try again; `cause` is the DisruptionBudget status cause. */
  | { allowed: false; code: 429; message: string; budget: string; cause: string }
  /** Any other refusal: trying again does not help. */
  | { allowed: false; code: number; message: string };

/** getPodDisruptionBudgets: budgets of the pod's namespace whose selector matches it; a nil or empty selector matches nothing. */
export function budgetsSelecting(pod: Pod, budgets: readonly Stored<PodDisruptionBudget>[]): Stored<PodDisruptionBudget>[] {
  const labels = labelsOf(pod.metadata?.labels as PlainValue | undefined);
  return budgets.filter((budget) => {
    if ((budget.metadata.namespace ?? '') !== (pod.metadata?.namespace ?? '')) return false;
    const selector = budget.spec?.selector;
    if (!selector || isEmptySelector(selector as PlainObject)) return false;
    return compileLabelSelector(selector)(labels);
  });
}

/**
 * What the eviction handler answers for `pod`, given the budgets of its namespace as they are now. Reads only:
 * `evictPod` makes the writes.
 */
export function evictionAnswer(pod: Pod, budgets: readonly Stored<PodDisruptionBudget>[]): EvictionAnswer {
  // canIgnorePDB: a pod that is terminal, still Pending or already being deleted disrupts nothing more.
  const phase = pod.status?.phase ?? 'Pending';
  if (phase === 'Succeeded' || phase === 'Failed' || phase === 'Pending' || pod.metadata?.deletionTimestamp) return { allowed: true };
  const selecting = budgetsSelecting(pod, budgets);
  if (selecting.length > 1) return { allowed: false, code: 500, message: MORE_THAN_ONE_BUDGET };
  const budget = selecting[0];
  if (!budget) return { allowed: true };
  // A budget the disruption controller has not synced yet has no status: nothing healthy, nothing allowed.
  const status: PodDisruptionBudgetStatus = budget.status ?? { currentHealthy: 0, desiredHealthy: 0, disruptionsAllowed: 0, expectedPods: 0 };
  const { currentHealthy, desiredHealthy } = status;
  // An unready pod counts towards no budget: it may go while the budget has its healthy pods, without a charge.
  if (!isPodReady(pod) && currentHealthy >= desiredHealthy && desiredHealthy > 0) return { allowed: true };
  const name = budget.metadata.name;
  if ((status.observedGeneration ?? 0) < (budget.metadata.generation ?? 1)) {
    return { allowed: false, code: 429, message: DISRUPTION_BUDGET_VIOLATION, budget: name, cause: `The disruption budget ${name} is still being processed by the server.` };
  }
  const allowedDisruptions = status.disruptionsAllowed;
  if (allowedDisruptions < 0) return { allowed: false, code: 403, message: `poddisruptionbudget.policy "${name}" is forbidden: pdb disruptions allowed is negative` };
  if (allowedDisruptions === 0) {
    return {
      allowed: false,
      code: 429,
      message: DISRUPTION_BUDGET_VIOLATION,
      budget: name,
      cause: `The disruption budget ${name} needs ${desiredHealthy} healthy pods and has ${currentHealthy} currently`,
    };
  }
  return { allowed: true, budget };
}

/**
 * Posts an Eviction for `pod`: when it is allowed, the budget is charged (disruptionsAllowed − 1, the pod in
 * disruptedPods) and the pod deleted at once, as the timing model deletes every pod.
 */
export function evictPod(cluster: SimulatedCluster, pod: Stored<Pod>): EvictionAnswer {
  const budgets = cluster.store.list<PodDisruptionBudget>('PodDisruptionBudget', pod.metadata.namespace ?? '');
  const answer = evictionAnswer(pod, budgets);
  if (!answer.allowed) return answer;
  const status = answer.budget?.status;
  if (status) {
    status.disruptionsAllowed -= 1;
    status.disruptedPods = { ...(status.disruptedPods ?? {}), [pod.metadata.name]: formatTime(cluster.clock.now()) };
  }
  cluster.deletePod(pod);
  return answer;
}
