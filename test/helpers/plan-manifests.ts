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

export interface WebApplication {
  kind?: 'Deployment' | 'StatefulSet' | 'DaemonSet';
  /** Not written for a DaemonSet. */
  replicas?: number;
  /** Lines inserted into the workload's spec, indented two spaces. */
  extraSpec?: string;
  /** Lines inserted into the pod template's spec before `containers`, indented six spaces. */
  podSpec?: string;
}

/**
 * The scenario tests' application: a workload `web` (nginx, port 80, label app=web; a StatefulSet's serviceName is
 * `web`) and the Service `web` that selects it.
 */
export function webWithService({ kind = 'Deployment', replicas = 3, extraSpec = '', podSpec = '' }: WebApplication = {}): string {
  return `apiVersion: apps/v1
kind: ${kind}
metadata:
  name: web
spec:
${kind === 'DaemonSet' ? '' : `  replicas: ${replicas}\n`}${kind === 'StatefulSet' ? '  serviceName: web\n' : ''}${extraSpec}  selector:
    matchLabels:
      app: web
  template:
    metadata:
      labels:
        app: web
    spec:
${podSpec}      containers:
        - name: web
          image: nginx:1.27
          ports:
            - containerPort: 80
---
apiVersion: v1
kind: Service
metadata:
  name: web
spec:
  selector:
    app: web
  ports:
    - port: 80
`;
}
