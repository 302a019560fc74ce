/**
 * What the API server does to an object before validating it: the versioned defaulters of its group, plus the
 * conversion that folds a Secret's stringData into data. Pure: the input is never changed.
 */
import { isObject, type PlainObject } from '../kube/plain-values';
import { defaultMutatingWebhookConfiguration, defaultValidatingAdmissionPolicy, defaultValidatingAdmissionPolicyBinding, defaultValidatingWebhookConfiguration } from './admissionregistration';
import { defaultCustomResourceDefinition } from './apiextensions';
import { defaultHorizontalPodAutoscalerV1, defaultHorizontalPodAutoscalerV2 } from './autoscaling';
import { defaultDaemonSet, defaultDeployment, defaultReplicaSet, defaultStatefulSet } from './apps';
import { defaultCronJob, defaultJob } from './batch';
import {
  defaultEndpoints,
  defaultLimitRange,
  defaultNamespace,
  defaultNode,
  defaultPersistentVolume,
  defaultPersistentVolumeClaim,
  defaultPodTemplate,
  defaultReplicationController,
  defaultResourceQuota,
  defaultSecret,
  defaultService,
} from './core';
import { defaultEndpointSlice } from './discovery';
import { defaultFlowSchema, defaultPriorityLevelConfigurationV1, defaultPriorityLevelConfigurationV1beta3 } from './flowcontrol';
import { defaultIngressClass, defaultNetworkPolicy } from './networking';
import { deepCopy, ensureObject } from './plain';
import { defaultPodOnly, defaultPodSpec } from './pod';
import { defaultRoleBinding } from './rbac';
import { defaultResourceClaim, defaultResourceClaimTemplate } from './resource';
import { defaultCSIDriver, defaultStorageClass } from './storage';

type Defaulter = (object: PlainObject) => void;

function defaultPod(pod: PlainObject): void {
  const spec = ensureObject(pod, 'spec');
  defaultPodSpec(spec);
  defaultPodOnly(spec);
}

/** Keyed by `apiVersion/kind`: a kind served under another group version (apps/v1beta1) is defaulted differently. */
const DEFAULTERS: Readonly<Record<string, Defaulter>> = {
  'v1/Pod': defaultPod,
  'v1/PodTemplate': defaultPodTemplate,
  'v1/ReplicationController': defaultReplicationController,
  'v1/Service': defaultService,
  'v1/Secret': defaultSecret,
  'v1/Namespace': defaultNamespace,
  'v1/Node': defaultNode,
  'v1/PersistentVolumeClaim': defaultPersistentVolumeClaim,
  'v1/PersistentVolume': defaultPersistentVolume,
  'v1/Endpoints': defaultEndpoints,
  'v1/ResourceQuota': defaultResourceQuota,
  'v1/LimitRange': defaultLimitRange,
  'apps/v1/Deployment': defaultDeployment,
  'apps/v1/ReplicaSet': defaultReplicaSet,
  'apps/v1/StatefulSet': defaultStatefulSet,
  'apps/v1/DaemonSet': defaultDaemonSet,
  'batch/v1/Job': defaultJob,
  'batch/v1/CronJob': defaultCronJob,
  'autoscaling/v1/HorizontalPodAutoscaler': defaultHorizontalPodAutoscalerV1,
  'autoscaling/v2/HorizontalPodAutoscaler': defaultHorizontalPodAutoscalerV2,
  'discovery.k8s.io/v1/EndpointSlice': defaultEndpointSlice,
  'networking.k8s.io/v1/NetworkPolicy': defaultNetworkPolicy,
  'networking.k8s.io/v1/IngressClass': defaultIngressClass,
  'storage.k8s.io/v1/StorageClass': defaultStorageClass,
  'storage.k8s.io/v1/CSIDriver': defaultCSIDriver,
  // SetDefaults_RoleBinding and SetDefaults_ClusterRoleBinding are the same, and both default their subjects.
  'rbac.authorization.k8s.io/v1/RoleBinding': defaultRoleBinding,
  'rbac.authorization.k8s.io/v1/ClusterRoleBinding': defaultRoleBinding,
  'admissionregistration.k8s.io/v1/ValidatingWebhookConfiguration': defaultValidatingWebhookConfiguration,
  'admissionregistration.k8s.io/v1/MutatingWebhookConfiguration': defaultMutatingWebhookConfiguration,
  'admissionregistration.k8s.io/v1/ValidatingAdmissionPolicy': defaultValidatingAdmissionPolicy,
  'admissionregistration.k8s.io/v1/ValidatingAdmissionPolicyBinding': defaultValidatingAdmissionPolicyBinding,
  // v1beta1 defaults these two exactly as v1 does.
  'admissionregistration.k8s.io/v1beta1/ValidatingAdmissionPolicy': defaultValidatingAdmissionPolicy,
  'admissionregistration.k8s.io/v1beta1/ValidatingAdmissionPolicyBinding': defaultValidatingAdmissionPolicyBinding,
  'resource.k8s.io/v1/ResourceClaim': defaultResourceClaim,
  'resource.k8s.io/v1/ResourceClaimTemplate': defaultResourceClaimTemplate,
  'flowcontrol.apiserver.k8s.io/v1/FlowSchema': defaultFlowSchema,
  'flowcontrol.apiserver.k8s.io/v1beta3/FlowSchema': defaultFlowSchema,
  'flowcontrol.apiserver.k8s.io/v1/PriorityLevelConfiguration': defaultPriorityLevelConfigurationV1,
  'flowcontrol.apiserver.k8s.io/v1beta3/PriorityLevelConfiguration': defaultPriorityLevelConfigurationV1beta3,
  'apiextensions.k8s.io/v1/CustomResourceDefinition': defaultCustomResourceDefinition,
};

/** A defaulted deep copy: the caller owns it and may change it. */
export function applyDefaults(apiVersion: string, kind: string, object: PlainObject): PlainObject {
  const copy = deepCopy(object);
  DEFAULTERS[`${apiVersion}/${kind}`]?.(copy);
  return copy;
}

/**
 * Kinds whose defaulter writes only below these paths, of objects that can be very large (a CustomResourceDefinition's
 * schemas run to megabytes): their view copies the objects along the paths and shares everything else.
 */
const DEFAULTED_PATHS: Readonly<Record<string, readonly (readonly string[])[]>> = {
  'apiextensions.k8s.io/v1/CustomResourceDefinition': [
    ['spec', 'names'],
    ['spec', 'conversion', 'webhook', 'clientConfig', 'service'],
  ],
};

/**
 * The defaulted object for readers that never change it: the input itself when its kind has no defaults, so that
 * validating a large object on every edit copies no more of it than its defaults change.
 */
export function defaultedView(apiVersion: string, kind: string, object: PlainObject): PlainObject {
  const key = `${apiVersion}/${kind}`;
  const defaulter = DEFAULTERS[key];
  if (!defaulter) return object;
  const paths = DEFAULTED_PATHS[key];
  const fields = DEFAULTED_FIELDS[key];
  if (!paths && !fields) return applyDefaults(apiVersion, kind, object);
  const copy = paths ? copiedAlong(object, paths) : { ...object };
  for (const field of fields ?? []) if (object[field] !== undefined) copy[field] = deepCopy(object[field]);
  defaulter(copy);
  return copy;
}

/**
 * Kinds whose defaulter sets fields of the object itself and writes below these fields only: their view copies these
 * whole and shares the rest (the metadata, above all), since every object of a tree is viewed once.
 */
const DEFAULTED_FIELDS: Readonly<Record<string, readonly string[]>> = {
  'apps/v1/Deployment': ['spec'],
  'apps/v1/ReplicaSet': ['spec'],
  'apps/v1/DaemonSet': ['spec'],
  'apps/v1/StatefulSet': ['spec'],
  'batch/v1/CronJob': ['spec'],
  'v1/Service': ['spec'],
  // stringData is only read, then dropped from the view itself.
  'v1/Secret': ['data'],
};

/** A shallow copy of `object` in which every object along the paths is a shallow copy too. */
function copiedAlong(object: PlainObject, paths: readonly (readonly string[])[]): PlainObject {
  const root = { ...object };
  // Copies made for an earlier path are fresh already and are not copied again.
  const fresh = new Set<PlainObject>([root]);
  for (const path of paths) {
    let parent = root;
    for (const field of path) {
      const child = parent[field];
      if (!isObject(child)) break;
      const copy = fresh.has(child) ? child : { ...child };
      fresh.add(copy);
      parent[field] = copy;
      parent = copy;
    }
  }
  return root;
}
