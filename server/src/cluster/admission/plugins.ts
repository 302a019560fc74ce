/**
 * The admission plugins the embedded cluster runs, in the API server's order (AllOrderedPlugins in
 * pkg/kubeapiserver/options/plugins.go), among those enabled by default. A plugin enabled by default that is not
 * listed here is not modelled; docs/timing-model.md says which and what that means for a plan.
 */
import type { AdmissionPlugin } from './admission';
import { defaultIngressClass } from './default-ingress-class';
import { defaultStorageClass } from './default-storage-class';
import { defaultTolerationSeconds } from './default-toleration-seconds';
import { limitRanger } from './limit-ranger';
import { namespaceLifecycle } from './namespace-lifecycle';
import { podSecurity } from './pod-security/pod-security';
import { priority } from './priority';
import { resourceQuota } from './resource-quota';
import { runtimeClass } from './runtime-class';
import { serviceAccount } from './service-account';
import { validatingAdmissionPolicy } from './validating-admission-policy';

export const ORDERED_PLUGINS: readonly AdmissionPlugin[] = [
  namespaceLifecycle,
  limitRanger,
  serviceAccount,
  podSecurity,
  priority,
  defaultTolerationSeconds,
  defaultStorageClass,
  runtimeClass,
  defaultIngressClass,
  validatingAdmissionPolicy,
  resourceQuota,
];
