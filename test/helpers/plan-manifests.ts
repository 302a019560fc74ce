/** Plans of manifests written as YAML, on the embedded default cluster unless another is given. */
import assert from 'node:assert/strict';
import { defaultCluster, type ClusterModel, type DecodedObject } from '../../server/src/cluster/cluster-model';
import { planApply } from '../../server/src/cluster/simulation';
import { validateText } from '../../server/src/check/validate-text';
import type { Plan } from '../../server/src/protocol/plan';

/** The objects of a YAML text, which must validate without errors under Kubernetes 1.33. */
export function decoded(yaml: string): DecodedObject[] {
  const report = validateText(yaml, { kubernetesVersion: '1.33' });
  assert.deepEqual(
    report.findings.filter((finding) => finding.severity === 'error'),
    [],
  );
  return report.objects;
}

export interface PlanOptions {
  /** The `--from` objects, as YAML. */
  current?: string;
  newPodsReady?: boolean;
  cluster?: ClusterModel;
}

/** The plan of applying `manifests` under Kubernetes 1.33 at `now`. */
export function planManifests(manifests: string, now: number, options: PlanOptions = {}): Plan {
  return planApply({
    kubernetesVersion: '1.33',
    cluster: options.cluster ?? defaultCluster(),
    current: options.current ? decoded(options.current) : [],
    manifests: decoded(manifests),
    newPodsReady: options.newPodsReady ?? true,
    now,
  });
}
