import { stringAt, type PlainObject } from './plain-values';

/**
 * Where each kind holds the pod template its controller makes pods from (a PodTemplateSpec: metadata and spec):
 * `spec.template` of the workload types (k8s.io/api apps/v1 DeploymentSpec, ReplicaSetSpec, StatefulSetSpec,
 * DaemonSetSpec; batch/v1 JobSpec; core/v1 ReplicationControllerSpec), a CronJob's `spec.jobTemplate.spec.template`
 * (JobTemplateSpec), a PodTemplate's `template`. A Pod is its own template: its metadata and spec are at the top.
 */
const POD_TEMPLATE_PATHS: Readonly<Record<string, readonly string[]>> = {
  Pod: [],
  PodTemplate: ['template'],
  ReplicationController: ['spec', 'template'],
  Deployment: ['spec', 'template'],
  ReplicaSet: ['spec', 'template'],
  StatefulSet: ['spec', 'template'],
  DaemonSet: ['spec', 'template'],
  Job: ['spec', 'template'],
  CronJob: ['spec', 'jobTemplate', 'spec', 'template'],
};

/** The kinds that hold a pod template (or are a Pod). */
export const POD_TEMPLATE_KINDS: readonly string[] = Object.keys(POD_TEMPLATE_PATHS);

/** The path of the kind's pod template (`[]` for a Pod), or undefined when the kind holds none. */
export function podTemplatePath(kind: string): readonly string[] | undefined {
  return POD_TEMPLATE_PATHS[kind];
}

const POD_SPEC_PATHS: Readonly<Record<string, readonly string[]>> = Object.fromEntries(Object.entries(POD_TEMPLATE_PATHS).map(([kind, path]) => [kind, [...path, 'spec']]));

/** The path of the kind's pod spec (`spec` for a Pod), or undefined when the kind holds none. */
export function podSpecPath(kind: string): readonly string[] | undefined {
  return POD_SPEC_PATHS[kind];
}

/**
 * The pod restartPolicy values a kind's template may have. A workload's pods run for ever: only Always
 * (pkg/apis/apps/validation ValidatePodTemplateSpecForReplicaSet and its StatefulSet and DaemonSet twins,
 * pkg/apis/core/validation ValidatePodTemplateSpecForRC). A Job's pods finish: OnFailure or Never, so the pod
 * default Always is refused (pkg/apis/batch/validation validateJobSpec, also for a CronJob's jobTemplate).
 * Undefined for a Pod or PodTemplate, where all three pod policies are allowed.
 */
export function templateRestartPolicies(kind: string): readonly string[] | undefined {
  return TEMPLATE_RESTART_POLICIES[kind];
}

const RUN_FOR_EVER = ['Always'];
const RUN_TO_COMPLETION = ['OnFailure', 'Never'];
const TEMPLATE_RESTART_POLICIES: Readonly<Record<string, readonly string[]>> = {
  ReplicationController: RUN_FOR_EVER,
  Deployment: RUN_FOR_EVER,
  ReplicaSet: RUN_FOR_EVER,
  StatefulSet: RUN_FOR_EVER,
  DaemonSet: RUN_FOR_EVER,
  Job: RUN_TO_COMPLETION,
  CronJob: RUN_TO_COMPLETION,
};

/**
 * The service account a pod spec runs as, and the field that names it. `serviceAccount` is the deprecated alias of
 * `serviceAccountName`: when serviceAccountName is empty, the API server's conversion takes the alias
 * (pkg/apis/core/v1/conversion.go, Convert_v1_PodSpec_To_core_PodSpec); when both are set, serviceAccountName wins.
 * Undefined when neither names one (the ServiceAccount admission plugin then assigns "default").
 */
export function podServiceAccount(spec: PlainObject | undefined): { name: string; field: 'serviceAccountName' | 'serviceAccount' } | undefined {
  const named = stringAt(spec, 'serviceAccountName');
  if (named) return { name: named, field: 'serviceAccountName' };
  const alias = stringAt(spec, 'serviceAccount');
  if (alias) return { name: alias, field: 'serviceAccount' };
  return undefined;
}
