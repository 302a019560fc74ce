/**
 * The rules that look across the objects of a workspace: ids, default severities and what each reports. The
 * checks themselves live in the files named for what they compare; settings, `.kubeplan.yaml` validation and the
 * documentation table read this list.
 */
import type { Severity } from '../../kube/findings';

export interface CrossObjectRule {
  id: string;
  family: 'cross-object' | 'best-practice';
  defaultSeverity: Severity | 'off';
  /** One sentence: what the rule reports. */
  description: string;
}

export const CROSS_OBJECT_RULES: readonly CrossObjectRule[] = [
  { id: 'service-selects-nothing', family: 'cross-object', defaultSeverity: 'warning', description: 'a Service whose selector matches no pod template' },
  { id: 'service-target-port', family: 'cross-object', defaultSeverity: 'warning', description: 'a Service targetPort name the selected pods do not declare' },
  { id: 'ingress-missing-service', family: 'cross-object', defaultSeverity: 'warning', description: 'an Ingress backend naming a missing Service' },
  { id: 'ingress-missing-port', family: 'cross-object', defaultSeverity: 'warning', description: 'an Ingress backend port its Service does not expose' },
  { id: 'tls-secret-missing', family: 'cross-object', defaultSeverity: 'information', description: 'an Ingress TLS secretName with no Secret in the workspace' },
  { id: 'missing-config-reference', family: 'cross-object', defaultSeverity: 'warning', description: 'a referenced ConfigMap or Secret (or key) that does not exist, unless optional' },
  { id: 'missing-reference', family: 'cross-object', defaultSeverity: 'information', description: 'a ServiceAccount, PVC, PriorityClass or imagePullSecret not in the workspace' },
  { id: 'hpa-target-missing', family: 'cross-object', defaultSeverity: 'warning', description: 'an HPA target that does not exist' },
  { id: 'hpa-static-replicas', family: 'cross-object', defaultSeverity: 'information', description: 'a workload with static replicas that an HPA also scales' },
  { id: 'pdb-matches-nothing', family: 'cross-object', defaultSeverity: 'warning', description: 'a PodDisruptionBudget that matches no pod template' },
  { id: 'pdb-never-allows-eviction', family: 'cross-object', defaultSeverity: 'warning', description: 'a PodDisruptionBudget that never allows an eviction' },
  {
    id: 'statefulset-service-not-headless',
    family: 'cross-object',
    defaultSeverity: 'warning',
    description: 'a StatefulSet whose serviceName names a Service that is not headless',
  },
  {
    id: 'network-policy-selects-nothing',
    family: 'cross-object',
    defaultSeverity: 'warning',
    description: 'a NetworkPolicy podSelector, or an ingress or egress peer, that matches no pod template or Namespace in the workspace',
  },
  {
    id: 'network-policy-port-name',
    family: 'cross-object',
    defaultSeverity: 'warning',
    description: "a NetworkPolicy rule's named port that no destination pod declares",
  },
  {
    id: 'service-dns-name-missing',
    family: 'cross-object',
    defaultSeverity: 'warning',
    description: 'a container env value, command or argument with a cluster DNS name (`<service>.<ns>.svc`) of a Service not in the workspace',
  },
  {
    id: 'target-in-unreadable-document',
    family: 'cross-object',
    defaultSeverity: 'information',
    description: 'what a Service, budget, policy or reference looks for may be in a document that cannot be read (YAML syntax error): the finding waits for it',
  },
  { id: 'duplicate-object', family: 'cross-object', defaultSeverity: 'error', description: 'two objects with the same kind, namespace and name' },
  { id: 'custom-resource-schema', family: 'cross-object', defaultSeverity: 'error', description: "a custom resource checked against its CRD's openAPIV3Schema" },
  {
    id: 'rbac-role-missing',
    family: 'cross-object',
    defaultSeverity: 'warning',
    description: 'a RoleBinding or ClusterRoleBinding to a Role or ClusterRole not in the workspace (the default ClusterRoles excepted)',
  },
  { id: 'rbac-subject-missing', family: 'cross-object', defaultSeverity: 'warning', description: 'a RoleBinding or ClusterRoleBinding subject naming a ServiceAccount not in the workspace' },
  {
    id: 'pdb-missing',
    family: 'best-practice',
    defaultSeverity: 'off',
    description: 'A Deployment or StatefulSet with more than one replica whose pods no PodDisruptionBudget protects: a node drain may evict them all at once.',
  },
];
