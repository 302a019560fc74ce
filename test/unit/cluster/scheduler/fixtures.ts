/** Small builders for nodes and pods as the API server would return them. */
import type { Container, Node, Pod, PodSpec, Taint } from 'kubernetes-types/core/v1';

export interface NodeShape {
  cpu?: string;
  memory?: string;
  pods?: string;
  labels?: Record<string, string>;
  taints?: Taint[];
  unschedulable?: boolean;
}

export function node(name: string, shape: NodeShape = {}): Node {
  return {
    apiVersion: 'v1',
    kind: 'Node',
    metadata: { name, labels: { 'kubernetes.io/hostname': name, ...shape.labels } },
    spec: { ...(shape.taints ? { taints: shape.taints } : {}), ...(shape.unschedulable ? { unschedulable: true } : {}) },
    status: { allocatable: { cpu: shape.cpu ?? '4', memory: shape.memory ?? '8Gi', pods: shape.pods ?? '110' } },
  };
}

export function container(name: string, requests?: Record<string, string>, extra: Partial<Container> = {}): Container {
  return { name, image: 'nginx', ...(requests ? { resources: { requests } } : {}), ...extra };
}

export interface PodShape {
  requests?: Record<string, string>;
  labels?: Record<string, string>;
  nodeName?: string;
  namespace?: string;
  spec?: Partial<PodSpec>;
}

export function pod(name: string, shape: PodShape = {}): Pod {
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name, namespace: shape.namespace ?? 'default', labels: shape.labels ?? {} },
    spec: {
      containers: [container('app', shape.requests)],
      ...(shape.nodeName ? { nodeName: shape.nodeName } : {}),
      ...shape.spec,
    },
  };
}
