/**
 * Which built-in kinds are cluster-scoped: those whose registry strategy answers NamespaceScoped() false
 * (k8s.io/kubernetes pkg/registry/..., e.g. core/node/strategy.go nodeStrategy.NamespaceScoped), listed by the
 * API server's discovery as `namespaced: false`. Custom kinds say so in their CustomResourceDefinition; of those,
 * the plan knows GatewayClass, which the Gateway API's CRD makes cluster-scoped (apis/v1 gatewayclass_types.go,
 * `+kubebuilder:resource:scope=Cluster`).
 */
const CLUSTER_SCOPED = new Set([
  'Namespace',
  'Node',
  'PersistentVolume',
  'ClusterRole',
  'ClusterRoleBinding',
  'CustomResourceDefinition',
  'StorageClass',
  'PriorityClass',
  'IngressClass',
  'ValidatingWebhookConfiguration',
  'MutatingWebhookConfiguration',
  'APIService',
  'RuntimeClass',
  'CSIDriver',
  'CSINode',
  'VolumeAttachment',
  'PodSecurityPolicy',
  'ValidatingAdmissionPolicy',
  'ValidatingAdmissionPolicyBinding',
  'MutatingAdmissionPolicy',
  'MutatingAdmissionPolicyBinding',
  'FlowSchema',
  'PriorityLevelConfiguration',
  'CertificateSigningRequest',
  'ComponentStatus',
  'IPAddress',
  'ServiceCIDR',
  'DeviceClass',
  'ClusterTrustBundle',
  'StorageVersionMigration',
  'VolumeAttributesClass',
  'GatewayClass',
]);

/**
 * The label the API server puts on every namespace, with the namespace's name as its value (LabelMetadataName,
 * staging/src/k8s.io/api/core/v1/well_known_labels.go; set by SetDefaults_Namespace in pkg/apis/core/v1/defaults.go).
 */
export const NAMESPACE_NAME_LABEL = 'kubernetes.io/metadata.name';

/** Whether a built-in kind has no namespace (Node, Namespace, ClusterRole …). */
export function isClusterScopedKind(kind: string): boolean {
  return CLUSTER_SCOPED.has(kind);
}
