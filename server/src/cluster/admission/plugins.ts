/**
 * The admission plugins the embedded cluster runs, in the API server's order (AllOrderedPlugins in
 * pkg/kubeapiserver/options/plugins.go), among those enabled by default. A plugin enabled by default that is not
 * listed here is not modelled; docs/timing-model.md says which and what that means for a plan.
 */
import type { AdmissionPlugin } from './admission';
import { defaultIngressClass } from './default-ingress-class';
import { defaultStorageClass } from './default-storage-class';
import { defaultTolerationSeconds } from './default-toleration-seconds';
import { namespaceLifecycle } from './namespace-lifecycle';
import { priority } from './priority';
import { runtimeClass } from './runtime-class';
import { serviceAccount } from './service-account';

export const ORDERED_PLUGINS: readonly AdmissionPlugin[] = [namespaceLifecycle, serviceAccount, priority, defaultTolerationSeconds, defaultStorageClass, runtimeClass, defaultIngressClass];
