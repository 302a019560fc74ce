/**
 * The `ingresses` part of a plan: each Ingress's routes in the order a controller tries them (see
 * ingress-routing.ts), each resolved to its Service, the Service port (a backend port given by name names the
 * Service port, not the target port) and the endpoints behind that port.
 */
import type { Ingress, IngressBackend, IngressClass } from 'kubernetes-types/networking/v1';
import { comparePathPrecedence, hostSpecificity, ingressClassOf, ingressPaths, route, type IngressPath } from './ingress-routing';
import { serviceBackend, type NetworkingObjects } from './plan-services';
import { byNamespaceAndName, namespaceOf } from './object-keys';
import type { PathType, PlannedBackend, PlannedIngress } from '../protocol/plan';

export interface IngressPlanInput extends NetworkingObjects {
  ingresses: readonly Ingress[];
  ingressClasses?: readonly IngressClass[];
}

function resolveBackend(backend: IngressBackend, namespace: string, input: IngressPlanInput): PlannedBackend {
  const reference = backend.service;
  if (!reference) {
    const resource = backend.resource;
    return { service: null, port: null, endpoints: [], problem: `resource backend ${resource?.kind ?? ''}/${resource?.name ?? ''} is served by the controller` };
  }
  return serviceBackend(reference.name, namespace, reference.port ?? {}, input);
}

const SPECIFICITY_RANK = { exact: 0, wildcard: 1, any: 2 } as const;

/** Routes in the order a controller would consider them: by host specificity, host, then path precedence. */
function compareRoutes(a: IngressPath, b: IngressPath): number {
  const rank = SPECIFICITY_RANK[hostSpecificity(a.host)] - SPECIFICITY_RANK[hostSpecificity(b.host)];
  if (rank !== 0) return rank;
  const [ha, hb] = [a.host ?? '', b.host ?? ''];
  if (ha !== hb) return ha < hb ? -1 : 1;
  return comparePathPrecedence(a, b);
}

export function planIngress(ingress: Ingress, input: IngressPlanInput): PlannedIngress {
  const namespace = namespaceOf(ingress);
  const defaultBackend = ingress.spec?.defaultBackend;
  const ingressClass = ingressClassOf(ingress, input.ingressClasses ?? []);
  const problem = unservedBecause(ingress, ingressClass, input.ingressClasses ?? []);
  return {
    name: ingress.metadata?.name ?? '',
    namespace,
    ingressClass: ingressClass ?? null,
    routes: ingressPaths(ingress)
      .sort(compareRoutes)
      .map((path) => ({ host: path.host ?? null, path: path.path, pathType: path.pathType, ...resolveBackend(path.backend, namespace, input) })),
    defaultBackend: defaultBackend ? resolveBackend(defaultBackend, namespace, input) : null,
    ...(problem ? { problem } : {}),
  };
}

/**
 * Why no ingress controller takes the Ingress: a controller serves the Ingresses whose `spec.ingressClassName` is
 * its IngressClass (the deprecated annotation names the controller's class directly and is taken as served), and
 * ignores those without a class unless told to watch them, so an Ingress naming an IngressClass that does not
 * exist, or naming none where no class is the default, is served by none.
 */
function unservedBecause(ingress: Ingress, ingressClass: string | undefined, classes: readonly IngressClass[]): string | undefined {
  const named = ingress.spec?.ingressClassName;
  if (named) return classes.some((candidate) => candidate.metadata?.name === named) ? undefined : `IngressClass "${named}" not found: no ingress controller serves this Ingress`;
  if (ingressClass === undefined) return 'no ingressClassName and no default IngressClass: no ingress controller serves this Ingress';
  return undefined;
}

/** The plan's notes on Ingresses no controller serves: the plan knows only the IngressClasses of its inputs. */
export function ingressNotes(ingresses: readonly PlannedIngress[]): string[] {
  return ingresses
    .filter((ingress) => ingress.problem)
    .map((ingress) => `Ingress ${ingress.namespace}/${ingress.name} is not served: ${ingress.problem} (among the inputs; if its IngressClass exists in the cluster, its controller serves it)`);
}

/** Every Ingress, in namespace/name order. */
export function planIngresses(input: IngressPlanInput): PlannedIngress[] {
  return byNamespaceAndName(input.ingresses).map((ingress) => planIngress(ingress, input));
}

export interface ResolvedRoute extends PlannedBackend {
  /** `namespace/name` of the Ingress whose rule or defaultBackend serves the request. */
  ingress: string;
  host: string | null;
  path: string | null;
  pathType: PathType | null;
  viaDefaultBackend: boolean;
  controllerDefined: boolean;
}

/**
 * Where a request for `host` + `path` goes among the Ingresses of one IngressClass (`ingressClass`, resolved as
 * ingressClassOf does; undefined: the Ingresses that belong to no class), down to the endpoints; undefined when
 * only the controller's own default backend would answer.
 */
export function resolveRoute(input: IngressPlanInput, ingressClass: string | undefined, host: string, path: string): ResolvedRoute | undefined {
  const ofClass = input.ingresses.filter((ingress) => ingressClassOf(ingress, input.ingressClasses ?? []) === ingressClass);
  const match = route(ofClass, host, path);
  if (!match) return undefined;
  return {
    ingress: match.ingress,
    host: match.host ?? null,
    path: match.path ?? null,
    pathType: match.pathType ?? null,
    viaDefaultBackend: match.viaDefaultBackend,
    controllerDefined: match.controllerDefined,
    ...resolveBackend(match.backend, match.namespace, input),
  };
}
