/**
 * The cluster a plan runs on: its nodes and the pods already running there.
 *
 * Without `--cluster`, the embedded default cluster: one control-plane node and three workers spread over three
 * zones of one region, the shape of a small production cluster made with kubeadm on 4-vCPU / 16 GiB machines.
 *
 * | node            | zone         | role          | allocatable cpu / memory / pods | taint                                          |
 * |-----------------|--------------|---------------|---------------------------------|------------------------------------------------|
 * | control-plane-1 | eu-west-1a   | control plane | 3800m / 14Gi / 110              | node-role.kubernetes.io/control-plane:NoSchedule |
 * | worker-1        | eu-west-1a   | worker        | 3900m / 15Gi / 110              |                                                |
 * | worker-2        | eu-west-1b   | worker        | 3900m / 15Gi / 110              |                                                |
 * | worker-3        | eu-west-1c   | worker        | 3900m / 15Gi / 110              |                                                |
 *
 * Every node is Ready, linux/amd64, labelled `kubernetes.io/hostname`, `kubernetes.io/os`, `kubernetes.io/arch`,
 * `topology.kubernetes.io/region` and `topology.kubernetes.io/zone` (the control plane also
 * `node-role.kubernetes.io/control-plane`), and has a /24 pod CIDR out of 10.244.0.0/16.
 *
 * A user's cluster is read from decoded objects: plain `kind: Node` manifests, or a snapshot of a real cluster, what
 * `kubectl get nodes,namespaces,deployments,replicasets,…,pods -A -o yaml` prints (a List of full objects with
 * status, uids and ownerReferences). Every object is taken as it is: the plan loads it into the store without
 * admission or re-creation, so controllers find their ReplicaSets and pods by the uids of the snapshot and a
 * half-finished rollout continues from where it is. Pods that are bound to a node and not finished (phase
 * Succeeded or Failed) occupy capacity there, as they do in the scheduler's cache.
 */
import type { Node, Pod } from 'kubernetes-types/core/v1';
import type { ObjectMeta } from 'kubernetes-types/meta/v1';
import { applyDefaults } from '../defaulting/index';
import { controllerOf } from '../kube/owner-references';
import { objectAt, stringAt, type PlainObject } from '../kube/plain-values';

export interface ClusterModel {
  nodes: Node[];
  /** Pods already in the cluster, with spec.nodeName and status as read. */
  pods: Pod[];
  /**
   * The other objects of a snapshot (Namespaces, Deployments, ReplicaSets, Services …) as read, with their
   * defaults; PriorityClasses and Namespaces first, since pods and namespaced objects are admitted against them.
   */
  objects: StoredSnapshotObject[];
  /** What was left out of the cluster files and why, for the user. */
  notes: string[];
}

/** An object of a snapshot as the API server stored it. */
export interface StoredSnapshotObject {
  apiVersion: string;
  kind: string;
  metadata: ObjectMeta;
}

/** An object as decoded from a file: `validateText`'s ManifestObject has this shape. */
export interface DecodedObject {
  apiVersion: string;
  kind: string;
  value: PlainObject;
}

interface NodeShape {
  name: string;
  zone: string;
  controlPlane: boolean;
  cpu: string;
  memory: string;
  allocatableCpu: string;
  allocatableMemory: string;
  podCidr: string;
  address: string;
}

const REGION = 'eu-west-1';

const DEFAULT_NODES: readonly NodeShape[] = [
  { name: 'control-plane-1', zone: 'eu-west-1a', controlPlane: true, cpu: '4', memory: '16Gi', allocatableCpu: '3800m', allocatableMemory: '14Gi', podCidr: '10.244.0.0/24', address: '10.0.1.10' },
  { name: 'worker-1', zone: 'eu-west-1a', controlPlane: false, cpu: '4', memory: '16Gi', allocatableCpu: '3900m', allocatableMemory: '15Gi', podCidr: '10.244.1.0/24', address: '10.0.1.11' },
  { name: 'worker-2', zone: 'eu-west-1b', controlPlane: false, cpu: '4', memory: '16Gi', allocatableCpu: '3900m', allocatableMemory: '15Gi', podCidr: '10.244.2.0/24', address: '10.0.2.11' },
  { name: 'worker-3', zone: 'eu-west-1c', controlPlane: false, cpu: '4', memory: '16Gi', allocatableCpu: '3900m', allocatableMemory: '15Gi', podCidr: '10.244.3.0/24', address: '10.0.3.11' },
];

const CONTROL_PLANE_TAINT_KEY = 'node-role.kubernetes.io/control-plane';

function nodeFrom(shape: NodeShape): Node {
  return {
    apiVersion: 'v1',
    kind: 'Node',
    metadata: {
      name: shape.name,
      labels: {
        'kubernetes.io/arch': 'amd64',
        'kubernetes.io/hostname': shape.name,
        'kubernetes.io/os': 'linux',
        'topology.kubernetes.io/region': REGION,
        'topology.kubernetes.io/zone': shape.zone,
        ...(shape.controlPlane ? { [CONTROL_PLANE_TAINT_KEY]: '' } : {}),
      },
    },
    spec: {
      podCIDR: shape.podCidr,
      podCIDRs: [shape.podCidr],
      ...(shape.controlPlane ? { taints: [{ key: CONTROL_PLANE_TAINT_KEY, effect: 'NoSchedule' }] } : {}),
    },
    status: {
      capacity: { cpu: shape.cpu, memory: shape.memory, pods: '110', 'ephemeral-storage': '100Gi' },
      allocatable: { cpu: shape.allocatableCpu, memory: shape.allocatableMemory, pods: '110', 'ephemeral-storage': '95Gi' },
      addresses: [
        { type: 'InternalIP', address: shape.address },
        { type: 'Hostname', address: shape.name },
      ],
      conditions: [{ type: 'Ready', status: 'True', reason: 'KubeletReady', message: 'kubelet is posting ready status' }],
      nodeInfo: {
        architecture: 'amd64',
        operatingSystem: 'linux',
        osImage: 'Ubuntu 24.04 LTS',
        kernelVersion: '6.8.0-45-generic',
        containerRuntimeVersion: 'containerd://1.7.22',
        kubeletVersion: 'v1.33.0',
        kubeProxyVersion: 'v1.33.0',
        bootID: '',
        machineID: '',
        systemUUID: '',
      },
    },
  };
}

/** The embedded default cluster; a fresh copy on every call. */
export function defaultCluster(): ClusterModel {
  return { nodes: DEFAULT_NODES.map(nodeFrom), pods: [], objects: [], notes: [] };
}

/**
 * Kinds a snapshot may hold that are records of what happened rather than state: a plan starts without them.
 * Events (core and events.k8s.io) are what `kubectl get all`-style dumps most often bring along.
 */
const RECORD_KINDS = new Set(['Event']);

/** Kinds the other objects are stored against, loaded before them. */
const FIRST_KINDS = ['PriorityClass', 'Namespace'];

/**
 * A cluster from decoded objects (Lists are already expanded by the decoder): Nodes, Pods and every other object of
 * a snapshot, each with the defaults the API server gave it. Events are left out with a note, and so is a second
 * object of the same kind, namespace and name; a Pod on a node the files do not define is left out too, since
 * nothing could run it. Pods whose controller is not among the objects are kept (they take room on their node)
 * with a note, since no controller of the plan counts them.
 */
export function clusterFromObjects(objects: readonly DecodedObject[]): ClusterModel {
  const model: ClusterModel = { nodes: [], pods: [], objects: [], notes: [] };
  const skippedKinds = new Map<string, number>();
  const seen = new Set<string>();
  for (const object of objects) {
    if (RECORD_KINDS.has(object.kind)) {
      skippedKinds.set(object.kind, (skippedKinds.get(object.kind) ?? 0) + 1);
      continue;
    }
    const metadata = objectAt(object.value, 'metadata');
    const identity = `${object.kind}\0${stringAt(metadata, 'namespace') ?? ''}\0${stringAt(metadata, 'name') ?? ''}`;
    if (seen.has(identity)) {
      const namespace = stringAt(metadata, 'namespace');
      model.notes.push(`${object.kind} ${namespace ? `${namespace}/` : ''}${stringAt(metadata, 'name') ?? ''} appears twice in the cluster files: the first is used`);
      continue;
    }
    seen.add(identity);
    const defaulted = applyDefaults(object.apiVersion, object.kind, object.value);
    if (object.apiVersion === 'v1' && object.kind === 'Node') model.nodes.push(defaulted as Node);
    else if (object.apiVersion === 'v1' && object.kind === 'Pod') model.pods.push(defaulted as Pod);
    else model.objects.push({ ...(defaulted as unknown as StoredSnapshotObject), apiVersion: object.apiVersion, kind: object.kind });
  }
  for (const [kind, count] of skippedKinds)
    model.notes.push(`${count} ${kind} object${count === 1 ? '' : 's'} in the cluster files ignored: a plan starts from the objects of a cluster, not from its records`);
  const rank = (kind: string) => (FIRST_KINDS.includes(kind) ? FIRST_KINDS.indexOf(kind) : FIRST_KINDS.length);
  model.objects.sort((a, b) => rank(a.kind) - rank(b.kind));
  const nodeNames = new Set(model.nodes.map((node) => node.metadata?.name));
  const finished = new Set(['Succeeded', 'Failed']);
  model.pods = model.pods.filter((pod) => {
    const name = namespacedName(pod.metadata?.namespace, pod.metadata?.name);
    if (finished.has(pod.status?.phase ?? '')) return false;
    const nodeName = pod.spec?.nodeName;
    if (nodeName && !nodeNames.has(nodeName)) {
      model.notes.push(`pod ${name} ignored: its node ${nodeName} is not in the cluster files`);
      return false;
    }
    return true;
  });
  model.notes.push(...ownerlessPodNotes(model));
  return model;
}

/**
 * Pods whose controller (by uid, as the garbage collector and the controllers match them) is not among the objects:
 * `kubectl get nodes,pods` holds no ReplicaSets. Such a pod keeps its room, but no controller of the plan counts it,
 * so a workload given again in --from or the manifests starts pods of its own beside it.
 */
function ownerlessPodNotes(model: ClusterModel): string[] {
  // A static pod's mirror is controlled by its Node.
  const uids = new Set([...model.objects, ...model.nodes].map((object) => object.metadata?.uid));
  const missing = new Map<string, number>();
  for (const pod of model.pods) {
    const owner = controllerOf(pod.metadata);
    if (!owner || uids.has(owner.uid)) continue;
    const name = `${owner.kind} ${namespacedName(pod.metadata?.namespace, owner.name)}`;
    missing.set(name, (missing.get(name) ?? 0) + 1);
  }
  return [...missing].map(
    ([owner, count]) =>
      `${count} pod${count === 1 ? '' : 's'} of ${owner}, which is not in the cluster files: ${count === 1 ? 'it takes' : 'they take'} room on ${count === 1 ? 'its node' : 'their nodes'}, but no controller of the plan counts ${count === 1 ? 'it' : 'them'}; include the owners (kubectl get … replicasets,deployments …) to plan on them`,
  );
}

function namespacedName(namespace: string | undefined, name: string | undefined): string {
  return `${namespace || 'default'}/${name ?? ''}`;
}
