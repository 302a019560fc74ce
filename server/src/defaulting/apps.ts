/** apps/v1 defaulting (pkg/apis/apps/v1/defaults.go), each followed by the pod template's defaults. */
import { objectAt, type PlainObject } from '../kube/plain-values';
import { defaultPodTemplateAt } from './pod';
import { ensureObject, isUnset, setDefault } from './plain';

export function defaultDeployment(deployment: PlainObject): void {
  const spec = ensureObject(deployment, 'spec');
  setDefault(spec, 'replicas', 1);
  const strategy = ensureObject(spec, 'strategy');
  setDefault(strategy, 'type', 'RollingUpdate');
  // Each missing bound is defaulted on its own: `maxSurge: 0` alone leaves maxUnavailable at 25%.
  if (strategy['type'] === 'RollingUpdate') {
    const rollingUpdate = ensureObject(strategy, 'rollingUpdate');
    setUnsetIntOrString(rollingUpdate, 'maxUnavailable', '25%');
    setUnsetIntOrString(rollingUpdate, 'maxSurge', '25%');
  }
  setDefault(spec, 'revisionHistoryLimit', 10);
  setDefault(spec, 'progressDeadlineSeconds', 600);
  defaultPodTemplateAt(spec, 'template');
}

/** apps/v1 copies no labels, unlike extensions/v1beta1: the selector is required. */
export function defaultReplicaSet(replicaSet: PlainObject): void {
  const spec = ensureObject(replicaSet, 'spec');
  setDefault(spec, 'replicas', 1);
  defaultPodTemplateAt(spec, 'template');
}

export function defaultDaemonSet(daemonSet: PlainObject): void {
  const spec = ensureObject(daemonSet, 'spec');
  const strategy = ensureObject(spec, 'updateStrategy');
  setDefault(strategy, 'type', 'RollingUpdate');
  if (strategy['type'] === 'RollingUpdate') {
    const rollingUpdate = ensureObject(strategy, 'rollingUpdate');
    setUnsetIntOrString(rollingUpdate, 'maxUnavailable', 1);
    setUnsetIntOrString(rollingUpdate, 'maxSurge', 0);
  }
  setDefault(spec, 'revisionHistoryLimit', 10);
  defaultPodTemplateAt(spec, 'template');
}

export function defaultStatefulSet(statefulSet: PlainObject): void {
  const spec = ensureObject(statefulSet, 'spec');
  setDefault(spec, 'podManagementPolicy', 'OrderedReady');
  const strategy = ensureObject(spec, 'updateStrategy');
  // rollingUpdate is created only when the type itself was defaulted; an explicit RollingUpdate without it stays so.
  if (isUnset(strategy['type'])) {
    strategy['type'] = 'RollingUpdate';
    ensureObject(strategy, 'rollingUpdate');
  }
  const rollingUpdate = objectAt(strategy, 'rollingUpdate');
  if (strategy['type'] === 'RollingUpdate' && rollingUpdate) setDefault(rollingUpdate, 'partition', 0);
  // StatefulSetAutoDeletePVC is GA (on) in every version kubeplan offers.
  const retention = ensureObject(spec, 'persistentVolumeClaimRetentionPolicy');
  setDefault(retention, 'whenDeleted', 'Retain');
  setDefault(retention, 'whenScaled', 'Retain');
  setDefault(spec, 'replicas', 1);
  setDefault(spec, 'revisionHistoryLimit', 10);
  defaultPodTemplateAt(spec, 'template');
}

/** An IntOrString pointer is nil only when absent; `""` and `0` are values the defaulter keeps. */
function setUnsetIntOrString(object: PlainObject, field: string, value: string | number): void {
  if (object[field] === undefined || object[field] === null) object[field] = value;
}
