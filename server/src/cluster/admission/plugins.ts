/**
 * The admission plugins the embedded cluster runs, in the API server's order (AllOrderedPlugins in
 * pkg/kubeapiserver/options/plugins.go), among those enabled by default. A plugin enabled by default that is not
 * listed here is not modelled; docs/timing-model.md says which and what that means for a plan.
 */
import type { AdmissionPlugin } from './admission';
import { priority } from './priority';
import { validatingAdmissionPolicy } from './validating-admission-policy';

export const ORDERED_PLUGINS: readonly AdmissionPlugin[] = [priority, validatingAdmissionPolicy];
