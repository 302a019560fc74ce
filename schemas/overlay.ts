/**
 * What the OpenAPI-generated client models do not carry and the API server enforces at decode or validation
 * time: enum values, quantity fields, and int-or-string. Keys are Go struct names (the model name without its
 * `V1`/`CoreV1` prefix) and JSON field names; values are facts from the Kubernetes API types and their
 * validation (pkg/apis/<group>/validation), listed in the order the API server prints them (sorted, as
 * `sets.List` returns them).
 */

/** `Struct.field` (or `Struct.field[]` for the items of a list field) → allowed values. */
export const ENUMS: Readonly<Record<string, readonly string[]>> = {
  'Container.imagePullPolicy': ['Always', 'IfNotPresent', 'Never'],
  'Container.terminationMessagePolicy': ['FallbackToLogsOnError', 'File'],
  'EphemeralContainer.imagePullPolicy': ['Always', 'IfNotPresent', 'Never'],
  'EphemeralContainer.terminationMessagePolicy': ['FallbackToLogsOnError', 'File'],
  'PodSpec.restartPolicy': ['Always', 'Never', 'OnFailure'],
  'PodSpec.dnsPolicy': ['ClusterFirst', 'ClusterFirstWithHostNet', 'Default', 'None'],
  'PodSpec.preemptionPolicy': ['Never', 'PreemptLowerPriority'],
  'PodOS.name': ['linux', 'windows'],
  'ContainerPort.protocol': ['SCTP', 'TCP', 'UDP'],
  'ServicePort.protocol': ['SCTP', 'TCP', 'UDP'],
  'EndpointPort.protocol': ['SCTP', 'TCP', 'UDP'],
  'ServiceSpec.type': ['ClusterIP', 'ExternalName', 'LoadBalancer', 'NodePort'],
  'ServiceSpec.sessionAffinity': ['ClientIP', 'None'],
  'ServiceSpec.externalTrafficPolicy': ['Cluster', 'Local'],
  'ServiceSpec.internalTrafficPolicy': ['Cluster', 'Local'],
  'ServiceSpec.ipFamilyPolicy': ['PreferDualStack', 'RequireDualStack', 'SingleStack'],
  'ServiceSpec.ipFamilies[]': ['IPv4', 'IPv6'],
  'HTTPIngressPath.pathType': ['Exact', 'ImplementationSpecific', 'Prefix'],
  'CronJobSpec.concurrencyPolicy': ['Allow', 'Forbid', 'Replace'],
  'DeploymentStrategy.type': ['Recreate', 'RollingUpdate'],
  'DaemonSetUpdateStrategy.type': ['OnDelete', 'RollingUpdate'],
  'StatefulSetUpdateStrategy.type': ['OnDelete', 'RollingUpdate'],
  'StatefulSetSpec.podManagementPolicy': ['OrderedReady', 'Parallel'],
  'StatefulSetPersistentVolumeClaimRetentionPolicy.whenDeleted': ['Delete', 'Retain'],
  'StatefulSetPersistentVolumeClaimRetentionPolicy.whenScaled': ['Delete', 'Retain'],
  'JobSpec.completionMode': ['Indexed', 'NonIndexed'],
  'JobSpec.podReplacementPolicy': ['Failed', 'TerminatingOrFailed'],
  'PodFailurePolicyRule.action': ['Count', 'FailIndex', 'FailJob', 'Ignore'],
  'Toleration.operator': ['Equal', 'Exists'],
  'Toleration.effect': ['NoExecute', 'NoSchedule', 'PreferNoSchedule'],
  'Taint.effect': ['NoExecute', 'NoSchedule', 'PreferNoSchedule'],
  'NodeSelectorRequirement.operator': ['DoesNotExist', 'Exists', 'Gt', 'In', 'Lt', 'NotIn'],
  'LabelSelectorRequirement.operator': ['DoesNotExist', 'Exists', 'In', 'NotIn'],
  'HTTPGetAction.scheme': ['HTTP', 'HTTPS'],
  'PersistentVolumeClaimSpec.accessModes[]': ['ReadOnlyMany', 'ReadWriteMany', 'ReadWriteOnce', 'ReadWriteOncePod'],
  'PersistentVolumeClaimSpec.volumeMode': ['Block', 'Filesystem'],
  'PersistentVolumeSpec.accessModes[]': ['ReadOnlyMany', 'ReadWriteMany', 'ReadWriteOnce', 'ReadWriteOncePod'],
  'PersistentVolumeSpec.volumeMode': ['Block', 'Filesystem'],
  'PersistentVolumeSpec.persistentVolumeReclaimPolicy': ['Delete', 'Recycle', 'Retain'],
  'SeccompProfile.type': ['Localhost', 'RuntimeDefault', 'Unconfined'],
  'AppArmorProfile.type': ['Localhost', 'RuntimeDefault', 'Unconfined'],
  'VolumeMount.mountPropagation': ['Bidirectional', 'HostToContainer', 'None'],
  'HostPathVolumeSource.type': ['', 'BlockDevice', 'CharDevice', 'Directory', 'DirectoryOrCreate', 'File', 'FileOrCreate', 'Socket'],
  'TopologySpreadConstraint.whenUnsatisfiable': ['DoNotSchedule', 'ScheduleAnyway'],
  'TopologySpreadConstraint.nodeAffinityPolicy': ['Honor', 'Ignore'],
  'TopologySpreadConstraint.nodeTaintsPolicy': ['Honor', 'Ignore'],
  'MetricSpec.type': ['ContainerResource', 'External', 'Object', 'Pods', 'Resource'],
  'MetricTarget.type': ['AverageValue', 'Utilization', 'Value'],
  'HPAScalingPolicy.type': ['Percent', 'Pods'],
  'HPAScalingRules.selectPolicy': ['Disabled', 'Max', 'Min'],
  'PodDisruptionBudgetSpec.unhealthyPodEvictionPolicy': ['AlwaysAllow', 'IfHealthyBudget'],
};

/**
 * Quantity fields that appeared after the newest `kubernetes-types` release (which marks the others).
 * `Struct.field` for a quantity, `Struct.field{}` for a map of quantities.
 */
export const EXTRA_QUANTITY_FIELDS: readonly string[] = [
  'PodSpec.overhead{}',
  'ResourceRequirements.limits{}',
  'ResourceRequirements.requests{}',
  'VolumeResourceRequirements.limits{}',
  'VolumeResourceRequirements.requests{}',
  'NodeStatus.capacity{}',
  'NodeStatus.allocatable{}',
  'EmptyDirVolumeSource.sizeLimit',
  'MetricTarget.averageValue',
  'MetricTarget.value',
];

/**
 * Fields the OpenAPI spec of some versions marks required but the API server accepts without: required-ness
 * is only enforced by validation (pkg/apis/<group>/validation), and these are not checked there. An absent
 * podSelector is the empty selector; StatefulSet serviceName is optional (the spec was corrected in 1.32).
 */
export const NOT_REQUIRED: ReadonlySet<string> = new Set(['NetworkPolicySpec.podSelector', 'StatefulSetSpec.serviceName']);
