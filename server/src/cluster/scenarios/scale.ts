/**
 * `--scale [NAMESPACE/]KIND/NAME=N`: what `kubectl scale KIND/NAME --replicas=N -n NAMESPACE` does to the settled
 * cluster (kubectl pkg/cmd/scale/scale.go RunScale, pkg/scale/scale.go genericScaler.ScaleSimple): the object is
 * read (NotFound stops there), its scale subresource patched to `spec.replicas: N`, and kubectl prints
 * `deployment.apps/web scaled`. Then the controllers settle: a HorizontalPodAutoscaler over the target brings it back
 * within its bounds at its next sync, the target's controller creates or deletes pods, the scheduler places them.
 */
import type { HorizontalPodAutoscaler } from 'kubernetes-types/autoscaling/v2';
import type { ScalableKind } from '../../protocol/plan';
import { scaleTargetKey } from '../controllers/horizontal-pod-autoscaler';
import { settle } from '../settle';
import type { Stored, StoredObject } from '../store';
import { recordControllerEvents } from './controller-events';
import type { ScenarioPlay } from './scenario-play';

/** The resource kubectl maps a kind to: its group, REST plural and the short name the API server advertises. */
interface ScalableResource {
  kind: ScalableKind;
  group: string;
  plural: string;
  shortName: string;
}

/** The resources `kubectl scale` sets a new size for (its long description and valid arguments). */
const SCALABLE_RESOURCES: readonly ScalableResource[] = [
  { kind: 'Deployment', group: 'apps', plural: 'deployments', shortName: 'deploy' },
  { kind: 'ReplicaSet', group: 'apps', plural: 'replicasets', shortName: 'rs' },
  { kind: 'ReplicationController', group: '', plural: 'replicationcontrollers', shortName: 'rc' },
  { kind: 'StatefulSet', group: 'apps', plural: 'statefulsets', shortName: 'sts' },
];

/** The version every scalable kind is served in. */
const SERVED_VERSION = 'v1';

/** The largest replicas a scale subresource holds: spec.replicas is an int32. */
export const MAX_REPLICAS = 2_147_483_647;

/** The HorizontalPodAutoscaler controller's default --horizontal-pod-autoscaler-sync-period, in seconds. */
const AUTOSCALER_SYNC_PERIOD_SECONDS = 15;

function resourceOf(kind: ScalableKind): ScalableResource {
  return SCALABLE_RESOURCES.find((resource) => resource.kind === kind)!;
}

/**
 * The kind a resource argument names, as kubectl's builder maps it (cli-runtime resource/builder.go mappingFor,
 * apimachinery schema.ParseResourceArg and ParseGroupResource, the REST mapper's lower-casing and the shortcut
 * expander): `deployment`, `deployments`, `deploy`, `Deployment`, `deployments.apps`, `deploy.apps`,
 * `deployments.v1.apps`. A kind kubectl scale does not scale is refused in the plan's words.
 */
export function resolveScalableKind(argument: string): ScalableKind | { error: string } {
  const text = argument.toLowerCase();
  const names = (resource: ScalableResource) => [resource.plural, resource.kind.toLowerCase(), resource.shortName];
  const matches = (resource: ScalableResource, name: string, group: string | undefined, version: string | undefined) =>
    names(resource).includes(name) && (group === undefined || group === resource.group) && (version === undefined || version === SERVED_VERSION);
  const candidates: [string, string | undefined, string | undefined][] = [];
  const parts = text.split('.');
  // ParseResourceArg: two dots or more are resource.version.group, tried first; then resource.group at the first dot.
  if (parts.length >= 3) candidates.push([parts[0]!, parts.slice(2).join('.'), parts[1]]);
  const dot = text.indexOf('.');
  candidates.push(dot < 0 ? [text, undefined, undefined] : [text.slice(0, dot), text.slice(dot + 1), undefined]);
  for (const [name, group, version] of candidates) {
    const found = SCALABLE_RESOURCES.find((resource) => matches(resource, name, group, version));
    if (found) return found.kind;
  }
  return { error: `kubectl scale sets a new size for a deployment, replica set, replication controller or stateful set, not "${argument}"` };
}

/** `deployment.apps`, `replicationcontroller`: how kubectl's name printer names the kind. */
function printedKind(resource: ScalableResource): string {
  return resource.group === '' ? resource.kind.toLowerCase() : `${resource.kind.toLowerCase()}.${resource.group}`;
}

/** `deployments.apps`: the resource the API server names in its NotFound error. */
function qualifiedResource(resource: ScalableResource): string {
  return resource.group === '' ? resource.plural : `${resource.plural}.${resource.group}`;
}

/** The command a `--scale` stands for. */
export function scaleCommand(step: { resource: ScalableKind; namespace: string; name: string; replicas: number }): string {
  const namespace = step.namespace === 'default' ? '' : ` -n ${step.namespace}`;
  return `kubectl scale ${step.resource.toLowerCase()}/${step.name} --replicas=${step.replicas}${namespace}`;
}

interface ScalableObject extends StoredObject {
  spec?: { replicas?: number };
  status?: { replicas?: number; readyReplicas?: number };
}

/** One `--scale` step: the patch of the scale subresource, then the cluster settled. */
export function scaleTarget(play: ScenarioPlay, step: { resource: ScalableKind; namespace: string; name: string; replicas: number }, notes: string[]): void {
  const { cluster, event } = play;
  const resource = resourceOf(step.resource);
  const command = scaleCommand(step);
  const object = cluster.store.get<ScalableObject>(step.resource, step.namespace, step.name);
  if (!object) {
    // The builder's GET fails first; kubectl prints the server's error as CheckErr does.
    event(`${command}: Error from server (NotFound): ${qualifiedResource(resource)} "${step.name}" not found`);
    return;
  }
  const named = `${printedKind(resource)}/${step.name}`;
  // A merge patch of spec.replicas through the scale subresource: a spec change, so generation goes up if it changed.
  if ((object.spec?.replicas ?? 1) !== step.replicas) {
    cluster.store.update<ScalableObject>({
      ...object,
      metadata: { ...object.metadata, generation: (object.metadata.generation ?? 1) + 1 },
      spec: { ...object.spec, replicas: step.replicas },
    });
  }
  event(`${command}: ${named} scaled`);
  for (const hpa of autoscalersOf(play, object)) event(autoscalerLine(hpa, named, step.replicas));
  const eventsBefore = cluster.events.length;
  // The controllers answer the scale at once: no pod's exit or Job's back-off is waited for meanwhile (`--for` lets time pass).
  cluster.horizon = cluster.clock.now();
  try {
    settle(cluster, new Set(), notes);
  } finally {
    cluster.horizon = undefined;
  }
  recordControllerEvents(play, eventsBefore);
  play.outages.observe(play.at(), `no ready endpoint after ${named} was scaled to ${step.replicas}`);
  const settled = cluster.store.get<ScalableObject>(step.resource, step.namespace, step.name);
  if (settled) event(`${named}: ${settled.spec?.replicas ?? 1} replicas wanted, ${settled.status?.replicas ?? 0} pods, ${settled.status?.readyReplicas ?? 0} ready`);
}

/** The autoscalers whose scaleTargetRef names the object (same namespace, name, group and kind). */
function autoscalersOf(play: ScenarioPlay, object: ScalableObject): Stored<HorizontalPodAutoscaler>[] {
  return play.cluster.store.list<HorizontalPodAutoscaler>('HorizontalPodAutoscaler', object.metadata.namespace ?? '').filter((hpa) => {
    const ref = hpa.spec?.scaleTargetRef;
    return ref?.name === object.metadata.name && scaleTargetKey(ref.apiVersion, ref.kind) === scaleTargetKey(object.apiVersion, object.kind);
  });
}

/**
 * What the autoscaler will do about the new size (horizontal.go reconcileAutoscaler, run every sync period): outside
 * [minReplicas, maxReplicas] it rescales to the nearest bound; inside, without metrics, the plan leaves it.
 */
function autoscalerLine(hpa: Stored<HorizontalPodAutoscaler>, named: string, replicas: number): string {
  const min = hpa.spec?.minReplicas ?? 1;
  const max = hpa.spec?.maxReplicas ?? 0;
  const who = `HorizontalPodAutoscaler ${hpa.metadata.namespace ?? 'default'}/${hpa.metadata.name} manages ${named}`;
  if (replicas === 0 && min !== 0) return `${who}: a target scaled to 0 turns its scaling off (ScalingDisabled), so the 0 stands`;
  if (replicas < min || replicas > max) {
    return `${who}: at its next sync (every ${AUTOSCALER_SYNC_PERIOD_SECONDS} s by default) it brings ${replicas} back within ${min}–${max}; the plan takes that sync to come before the workload's controller acts on the new size`;
  }
  return `${who}: ${replicas} is within ${min}–${max}, so without metrics the plan keeps it (metrics would decide at its next sync)`;
}
