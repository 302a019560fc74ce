/** Small builders for the Services, Pods and Ingresses of the networking tests, after API-server defaulting. */
import type { Container, Pod, Service, ServicePort, ServiceSpec } from 'kubernetes-types/core/v1';
import type { HTTPIngressPath, Ingress, IngressSpec } from 'kubernetes-types/networking/v1';

export interface PodOptions {
  ip?: string;
  node?: string;
  ready?: boolean;
  phase?: string;
  terminating?: boolean;
  labels?: Record<string, string>;
  namespace?: string;
  containers?: Container[];
  initContainers?: Container[];
  hostname?: string;
  subdomain?: string;
}

export function pod(name: string, options: PodOptions = {}): Pod {
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: {
      name,
      namespace: options.namespace ?? 'default',
      uid: `uid-${name}`,
      labels: options.labels ?? { app: 'web' },
      ...(options.terminating ? { deletionTimestamp: '2024-01-01T00:00:00Z' } : {}),
    },
    spec: {
      nodeName: options.node ?? 'node-1',
      containers: options.containers ?? [{ name: 'app', image: 'nginx:1.25', ports: [{ name: 'http', containerPort: 8080, protocol: 'TCP' }] }],
      ...(options.initContainers ? { initContainers: options.initContainers } : {}),
      ...(options.hostname ? { hostname: options.hostname } : {}),
      ...(options.subdomain ? { subdomain: options.subdomain } : {}),
    },
    status: {
      phase: options.phase ?? 'Running',
      ...(options.ip === '' ? {} : { podIP: options.ip ?? '10.244.0.2', podIPs: [{ ip: options.ip ?? '10.244.0.2' }] }),
      conditions: [{ type: 'Ready', status: options.ready === false ? 'False' : 'True' }],
    },
  };
}

export function service(name: string, spec: ServiceSpec = {}, namespace = 'default'): Service {
  const ports: ServicePort[] = (spec.ports ?? [{ name: 'http', port: 80, targetPort: 'http' }]).map((port) => ({ protocol: 'TCP', targetPort: port.port, ...port }));
  return {
    apiVersion: 'v1',
    kind: 'Service',
    metadata: { name, namespace, uid: `uid-${name}` },
    spec: { type: 'ClusterIP', selector: { app: 'web' }, ...spec, ports },
  };
}

export const backend = (service: string, port: number | string) => ({
  service: { name: service, port: typeof port === 'number' ? { number: port } : { name: port } },
});

export function path(pathText: string, pathType: string, serviceName: string, port: number | string = 80): HTTPIngressPath {
  return { path: pathText, pathType, backend: backend(serviceName, port) };
}

export function ingress(name: string, spec: IngressSpec, namespace = 'default'): Ingress {
  return { apiVersion: 'networking.k8s.io/v1', kind: 'Ingress', metadata: { name, namespace }, spec };
}

/** An Ingress with one rule. */
export function hostIngress(name: string, host: string | undefined, paths: HTTPIngressPath[]): Ingress {
  return ingress(name, { rules: [{ ...(host ? { host } : {}), http: { paths } }] });
}
