/**
 * autoscaling defaulting: SetDefaults_HorizontalPodAutoscaler of autoscaling/v2 (pkg/apis/autoscaling/v2/defaults.go)
 * and of autoscaling/v1 (pkg/apis/autoscaling/v1/defaults.go).
 */
import { isObject, type PlainObject, type PlainValue } from '../kube/plain-values';
import { ensureObject, setDefault } from './plain';

/** DefaultCPUUtilization: the target of the CPU metric an HPA without metrics gets. */
const DEFAULT_CPU_UTILIZATION = 80;

export function defaultHorizontalPodAutoscalerV1(hpa: PlainObject): void {
  setDefault(ensureObject(hpa, 'spec'), 'minReplicas', 1);
}

export function defaultHorizontalPodAutoscalerV2(hpa: PlainObject): void {
  const spec = ensureObject(hpa, 'spec');
  setDefault(spec, 'minReplicas', 1);
  const metrics = spec['metrics'];
  if (!Array.isArray(metrics) || metrics.length === 0) {
    spec['metrics'] = [{ type: 'Resource', resource: { name: 'cpu', target: { type: 'Utilization', averageUtilization: DEFAULT_CPU_UTILIZATION } } }];
  }
  // SetDefaults_HorizontalPodAutoscalerBehavior: only a behavior that is set gets its missing rules filled in.
  const behavior = spec['behavior'];
  if (!isObject(behavior)) return;
  // GenerateHPAScaleUpRules: double the pods or add 4, whichever is more, every 15 seconds, no stabilization.
  behavior['scaleUp'] = scalingRules(behavior['scaleUp'], {
    stabilizationWindowSeconds: 0,
    selectPolicy: 'Max',
    policies: [
      { type: 'Pods', value: 4, periodSeconds: 15 },
      { type: 'Percent', value: 100, periodSeconds: 15 },
    ],
  });
  // GenerateHPAScaleDownRules: remove every pod in 15 seconds; the stabilization window stays unset (the
  // controller's flag decides it).
  behavior['scaleDown'] = scalingRules(behavior['scaleDown'], {
    selectPolicy: 'Max',
    policies: [{ type: 'Percent', value: 100, periodSeconds: 15 }],
  });
}

/**
 * copyHPAScalingRules: each field that is set wins over the default. An empty policies list is set (not nil) and is
 * kept, which validation then rejects.
 */
function scalingRules(given: PlainValue | undefined, defaults: PlainObject): PlainObject {
  if (!isObject(given)) return defaults;
  const rules: PlainObject = { ...defaults };
  for (const field of ['selectPolicy', 'stabilizationWindowSeconds', 'policies', 'tolerance']) {
    const value = given[field];
    if (value !== undefined && value !== null) rules[field] = value;
  }
  return rules;
}
