/**
 * `--scale [NAMESPACE/]KIND/NAME=N` played on the cluster model, worked by hand from kubectl's scale (kubectl
 * pkg/cmd/scale/scale.go RunScale and Validate, pkg/scale/scale.go genericScaler.ScaleSimple), the name printer
 * (`<kind>.<group>/<name> scaled`), the Deployment controller (pkg/controller/deployment/sync.go scale and
 * scaleReplicaSet: `Scaled up replica set <rs> from <old> to <new>`, the 1.31 wording) and the HorizontalPodAutoscaler
 * controller (pkg/controller/podautoscaler/horizontal.go reconcileAutoscaler), on the default cluster of three workers.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { defaultCluster } from '../../../../server/src/cluster/cluster-model';
import { resolveScalableKind } from '../../../../server/src/cluster/scenarios/scale';
import { planApply } from '../../../../server/src/cluster/simulation';
import type { Plan, ScalableKind, ScenarioStep } from '../../../../server/src/protocol/plan';
import { decoded, webWithService } from '../../../helpers/plan-manifests';

const NOW = Date.parse('2026-03-01T10:00:00Z');

function scaled(manifests: string, steps: ScenarioStep[]): Plan {
  const plan = planApply({ kubernetesVersion: '1.33', cluster: defaultCluster(), current: [], manifests: decoded(manifests), newPodsReady: true, now: NOW, scenario: steps });
  assert.ok(plan.scenario);
  return plan;
}

function scale(resource: ScalableKind, name: string, replicas: number, namespace = 'default'): ScenarioStep {
  return { kind: 'scale', resource, namespace, name, replicas };
}

function web(replicas: number): string {
  return webWithService({ replicas });
}

const AUTOSCALER = `---
apiVersion: autoscaling/v2
kind: HorizontalPodAutoscaler
metadata:
  name: web
spec:
  scaleTargetRef:
    apiVersion: apps/v1
    kind: Deployment
    name: web
  minReplicas: 2
  maxReplicas: 4
  metrics:
    - type: Resource
      resource:
        name: cpu
        target:
          type: Utilization
          averageUtilization: 80
`;

const at0 = (what: string) => ({ at: 0, what });

// scale.go: the patch of spec.replicas, printed `deployment.apps/web scaled`; sync.go scale: the one active
// ReplicaSet takes the new size (`Scaled up replica set <rs> from 3 to 5`); the ReplicaSet controller creates 2 pods.
test('a Deployment scaled up gets the new pods, and the timeline shows the ReplicaSet scaled', () => {
  const plan = scaled(web(3), [scale('Deployment', 'web', 5)]);
  const replicaSet = plan.replicaSets[0]!.name;
  assert.deepEqual(plan.scenario?.events, [
    at0('kubectl scale deployment/web --replicas=5: deployment.apps/web scaled'),
    at0(`Deployment default/web ScalingReplicaSet: Scaled up replica set ${replicaSet} from 3 to 5`),
    at0('deployment.apps/web: 5 replicas wanted, 5 pods, 5 ready'),
  ]);
  assert.equal(plan.pods.filter((pod) => pod.ready).length, 5);
  assert.deepEqual(plan.scenario?.outages, []);
});

// sync.go scale: `Scaled down replica set <rs> from 3 to 1`; the ReplicaSet controller deletes 2 of its pods.
test('a Deployment scaled down keeps one pod, and the timeline shows the ReplicaSet scaled down', () => {
  const plan = scaled(web(3), [scale('Deployment', 'web', 1)]);
  const replicaSet = plan.replicaSets[0]!.name;
  assert.deepEqual(
    plan.scenario?.events.map((event) => event.what),
    [
      'kubectl scale deployment/web --replicas=1: deployment.apps/web scaled',
      `Deployment default/web ScalingReplicaSet: Scaled down replica set ${replicaSet} from 3 to 1`,
      'deployment.apps/web: 1 replicas wanted, 1 pods, 1 ready',
    ],
  );
  assert.equal(plan.pods.length, 1);
});

// Scaled to zero, the Service has no ready endpoint left and none comes back.
test('a Deployment scaled to zero is an outage of its Service that never recovers', () => {
  const plan = scaled(web(2), [scale('Deployment', 'web', 0)]);
  assert.deepEqual(plan.scenario?.outages, [{ service: 'default/web', port: 80, from: 0, to: null, reason: 'no ready endpoint after deployment.apps/web was scaled to 0' }]);
  assert.equal(plan.pods.length, 0);
});

// RunScale: the builder's GET fails first, printed by CheckErr as `Error from server (NotFound): <resource> "<name>" not found`.
test('scaling an object that does not exist is the NotFound kubectl prints, and nothing changes', () => {
  const plan = scaled(web(2), [scale('Deployment', 'api', 4), scale('StatefulSet', 'web', 1, 'shop')]);
  assert.deepEqual(
    plan.scenario?.events.map((event) => event.what),
    [
      'kubectl scale deployment/api --replicas=4: Error from server (NotFound): deployments.apps "api" not found',
      'kubectl scale statefulset/web --replicas=1 -n shop: Error from server (NotFound): statefulsets.apps "web" not found',
    ],
  );
  assert.equal(plan.pods.length, 2);
});

// horizontal.go reconcileAutoscaler: 10 is above maxReplicas 4, so the next sync rescales to 4 (`New size: 4;
// reason: Current number of replicas above Spec.MaxReplicas`); the Deployment controller then sees 4, not 10.
test('an autoscaler brings a scale above its maxReplicas back to it, and the timeline says so', () => {
  const plan = scaled(web(3) + AUTOSCALER, [scale('Deployment', 'web', 10)]);
  const replicaSet = plan.replicaSets[0]!.name;
  assert.deepEqual(
    plan.scenario?.events.map((event) => event.what),
    [
      'kubectl scale deployment/web --replicas=10: deployment.apps/web scaled',
      "HorizontalPodAutoscaler default/web manages deployment.apps/web: at its next sync (every 15 s by default) it brings 10 back within 2–4; the plan takes that sync to come before the workload's controller acts on the new size",
      'HorizontalPodAutoscaler default/web SuccessfulRescale: New size: 4; reason: Current number of replicas above Spec.MaxReplicas',
      `Deployment default/web ScalingReplicaSet: Scaled up replica set ${replicaSet} from 3 to 4`,
      'deployment.apps/web: 4 replicas wanted, 4 pods, 4 ready',
    ],
  );
  assert.equal(plan.pods.length, 4);
});

// Within [minReplicas, maxReplicas] and without metrics, reconcileAutoscaler leaves the scale as it is.
test("a scale within the autoscaler's bounds stands", () => {
  const plan = scaled(web(3) + AUTOSCALER, [scale('Deployment', 'web', 2)]);
  assert.equal(plan.pods.length, 2);
  assert.ok(plan.scenario?.events.some((event) => event.what.endsWith('2 is within 2–4, so without metrics the plan keeps it (metrics would decide at its next sync)')));
});

// stateful_set_control.go: a scale-down deletes the highest ordinal first; the name printer prints `statefulset.apps/db`.
test('a StatefulSet scaled down keeps its lowest ordinals', () => {
  const plan = scaled(
    `apiVersion: apps/v1
kind: StatefulSet
metadata:
  name: db
spec:
  serviceName: db
  replicas: 3
  selector:
    matchLabels:
      app: db
  template:
    metadata:
      labels:
        app: db
    spec:
      containers:
        - name: db
          image: postgres:16
`,
    [scale('StatefulSet', 'db', 1)],
  );
  assert.equal(plan.scenario?.events[0]?.what, 'kubectl scale statefulset/db --replicas=1: statefulset.apps/db scaled');
  assert.deepEqual(
    plan.pods.map((pod) => pod.name),
    ['db-0'],
  );
});

// cli-runtime builder.go mappingFor with schema.ParseResourceArg / ParseGroupResource, the REST mapper lower-casing
// and the shortcut expander: plural, singular, kind, short name, resource.group and resource.version.group.
test('the kind of a --scale is resolved as kubectl resolves a resource argument', () => {
  for (const [argument, kind] of [
    ['deployment', 'Deployment'],
    ['deployments', 'Deployment'],
    ['deploy', 'Deployment'],
    ['Deployment', 'Deployment'],
    ['deployments.apps', 'Deployment'],
    ['deploy.apps', 'Deployment'],
    ['deployments.v1.apps', 'Deployment'],
    ['rs', 'ReplicaSet'],
    ['rc', 'ReplicationController'],
    ['replicationcontrollers', 'ReplicationController'],
    ['sts', 'StatefulSet'],
    ['statefulset.apps', 'StatefulSet'],
  ] as const) {
    assert.equal(resolveScalableKind(argument), kind, argument);
  }
});

test('a kind kubectl scale does not scale, or a wrong group, is refused', () => {
  for (const argument of ['pods', 'daemonset', 'deployments.extensions', 'deployments.v1beta1.apps', 'rc.apps']) {
    assert.deepEqual(resolveScalableKind(argument), {
      error: `kubectl scale sets a new size for a deployment, replica set, replication controller or stateful set, not "${argument}"`,
    });
  }
});
