/**
 * How an Ingress controller routes a request by the Ingress rules (the Ingress concept page, kubernetes/website
 * concepts/services-networking/ingress.md, and the networking/v1 HTTPIngressPath API doc), over every Ingress of
 * one class:
 *
 * - Host: rules for the exact host come first, then a wildcard rule (`*.example.com` matches one more leading
 *   label: `a.example.com`, not `example.com` nor `a.b.example.com`), then rules without host, which match any
 *   host. The request is served by the most specific of these that has rules, as a controller serves a host
 *   from its own virtual server: a path missing there does not fall through to a less specific host.
 * - Path, among the chosen rules' paths: the longest matching path wins, and at equal length Exact before Prefix
 *   before ImplementationSpecific. Exact is case-sensitive equality (`/foo` is not `/foo/`). Prefix compares
 *   `/`-separated elements, so `/foo` matches `/foo`, `/foo/` and `/foo/bar` but not `/foobar`, and a trailing
 *   slash on either side does not matter; `/` matches everything. Lengths are compared without a Prefix path's
 *   trailing slash.
 * - ImplementationSpecific is up to the controller; we treat it as Prefix, as ingress-nginx does without regex
 *   annotations, and mark such matches `controllerDefined`.
 * - Where paths tie, the Ingress first in namespace/name order wins, then the first path written.
 * - Nothing matches: the `spec.defaultBackend` of the first Ingress (namespace/name order) that has one;
 *   otherwise the controller's own default backend (typically a 404), reported as no match.
 */
import type { IngressBackend, IngressClass, Ingress } from 'kubernetes-types/networking/v1';
import { byNamespaceAndName, namespaceOf, objectKey } from './object-keys';
import type { PathType } from '../protocol/plan';

/** One path of one rule of one Ingress. */
export interface IngressPath {
  /** `namespace/name` of the Ingress. */
  ingress: string;
  namespace: string;
  /** undefined: the rule has no host and matches any. */
  host: string | undefined;
  path: string;
  pathType: PathType;
  backend: IngressBackend;
  /** Position of the path among its Ingress's paths, for ties. */
  order: number;
}

export interface RouteMatch {
  ingress: string;
  namespace: string;
  host: string | undefined;
  path: string | undefined;
  pathType: PathType | undefined;
  backend: IngressBackend;
  /** The Ingress's defaultBackend served the request, no rule did. */
  viaDefaultBackend: boolean;
  /** An ImplementationSpecific path matched: another controller may decide otherwise. */
  controllerDefined: boolean;
}

/** Every path of the Ingress's rules, in the order written. */
export function ingressPaths(ingress: Ingress): IngressPath[] {
  const paths: IngressPath[] = [];
  for (const rule of ingress.spec?.rules ?? []) {
    for (const httpPath of rule.http?.paths ?? []) {
      paths.push({
        ingress: objectKey(ingress),
        namespace: namespaceOf(ingress),
        host: rule.host || undefined,
        path: httpPath.path ?? '/',
        pathType: (httpPath.pathType as PathType | undefined) ?? 'ImplementationSpecific',
        backend: httpPath.backend,
        order: paths.length,
      });
    }
  }
  return paths;
}

type HostSpecificity = 'exact' | 'wildcard' | 'any';

export function hostSpecificity(ruleHost: string | undefined): HostSpecificity {
  if (ruleHost === undefined) return 'any';
  return ruleHost.startsWith('*.') ? 'wildcard' : 'exact';
}

/** The request's Host header as rules see it: without port, in lower case. */
function requestHost(host: string): string {
  const withoutPort = host.startsWith('[') ? host.slice(0, host.indexOf(']') + 1) : host.replace(/:\d*$/, '');
  return withoutPort.toLowerCase();
}

function hostMatches(ruleHost: string | undefined, host: string): boolean {
  if (ruleHost === undefined) return true;
  const request = requestHost(host);
  if (!ruleHost.startsWith('*.')) return ruleHost === request;
  const suffix = ruleHost.slice(1);
  if (!request.endsWith(suffix)) return false;
  const label = request.slice(0, request.length - suffix.length);
  return label.length > 0 && !label.includes('.');
}

const elements = (path: string) => path.split('/').filter((element) => element !== '');

/** Whether a request path (its query ignored) matches an Exact or Prefix path; ImplementationSpecific is read as Prefix. */
export function pathMatches(rule: { path: string; pathType: PathType }, requestPath: string): boolean {
  const path = requestPath.split('?')[0]!;
  if (rule.pathType === 'Exact') return path === rule.path;
  const ruleElements = elements(rule.path);
  const requestElements = elements(path);
  return ruleElements.length <= requestElements.length && ruleElements.every((element, index) => element === requestElements[index]);
}

const TYPE_RANK: Record<PathType, number> = { Exact: 0, Prefix: 1, ImplementationSpecific: 2 };

/** The length a path competes with: a Prefix path's trailing slash does not make it longer. */
function matchLength(path: IngressPath): number {
  return path.pathType === 'Exact' ? path.path.length : path.path.replace(/\/+$/, '').length;
}

/** Path precedence within one host: longer first, then Exact, Prefix, ImplementationSpecific, then Ingress and order. */
export function comparePathPrecedence(a: IngressPath, b: IngressPath): number {
  return matchLength(b) - matchLength(a) || TYPE_RANK[a.pathType] - TYPE_RANK[b.pathType] || (a.ingress < b.ingress ? -1 : a.ingress > b.ingress ? 1 : 0) || a.order - b.order;
}

/**
 * The backend that serves `host` + `path` under these Ingresses (all of one class), or undefined when only the
 * controller's own default backend would answer.
 */
export function route(ingresses: readonly Ingress[], host: string, path: string): RouteMatch | undefined {
  const sorted = byNamespaceAndName(ingresses);
  const candidates = sorted.flatMap(ingressPaths).filter((rule) => hostMatches(rule.host, host));
  for (const specificity of ['exact', 'wildcard', 'any'] as const) {
    const tier = candidates.filter((rule) => hostSpecificity(rule.host) === specificity);
    if (tier.length === 0) continue;
    const winner = tier.filter((rule) => pathMatches(rule, path)).sort(comparePathPrecedence)[0];
    if (!winner) break;
    return {
      ingress: winner.ingress,
      namespace: winner.namespace,
      host: winner.host,
      path: winner.path,
      pathType: winner.pathType,
      backend: winner.backend,
      viaDefaultBackend: false,
      controllerDefined: winner.pathType === 'ImplementationSpecific',
    };
  }
  const withDefault = sorted.find((ingress) => ingress.spec?.defaultBackend);
  if (!withDefault) return undefined;
  return {
    ingress: objectKey(withDefault),
    namespace: namespaceOf(withDefault),
    host: undefined,
    path: undefined,
    pathType: undefined,
    backend: withDefault.spec!.defaultBackend!,
    viaDefaultBackend: true,
    controllerDefined: false,
  };
}

const DEFAULT_CLASS_ANNOTATION = 'ingressclass.kubernetes.io/is-default-class';

/**
 * The IngressClass name an Ingress belongs to: `spec.ingressClassName`, else the deprecated
 * `kubernetes.io/ingress.class` annotation, else the cluster's default class (the IngressClass annotated
 * `ingressclass.kubernetes.io/is-default-class: "true"`, as the DefaultIngressClass admission plugin sets it on
 * create; the first by name if several are), else undefined.
 */
export function ingressClassOf(ingress: Ingress, classes: readonly IngressClass[]): string | undefined {
  const explicit = ingress.spec?.ingressClassName ?? ingress.metadata?.annotations?.['kubernetes.io/ingress.class'];
  if (explicit) return explicit;
  const defaults = classes
    .filter((ingressClass) => ingressClass.metadata?.annotations?.[DEFAULT_CLASS_ANNOTATION] === 'true')
    .map((ingressClass) => ingressClass.metadata?.name ?? '')
    .sort();
  return defaults[0];
}
