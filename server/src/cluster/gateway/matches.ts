/**
 * Route matches as a Gateway implementation reads them: defaults filled in, each match tested against a request,
 * and the precedence between matches.
 *
 * HTTPRoute (apis/v1 httproute_types.go): a rule without matches has one, PathPrefix `/`; a path match without
 * type is PathPrefix, without value `/`. Exact compares the path case-sensitively; PathPrefix compares whole
 * `/`-separated elements, ignoring a trailing slash (as an Ingress Prefix path does); RegularExpression is
 * implementation-specific, read here as a JavaScript regular expression over the whole path. Header names compare
 * case-insensitively, query parameter names exactly; of several entries for one name only the first counts.
 * Precedence (HTTPRouteRule.Matches): an Exact path, then the PathPrefix with the most characters, then a method
 * match, then the most header matches, then the most query parameter matches. Where a RegularExpression path
 * ranks is implementation-specific: here after every Exact and PathPrefix match.
 *
 * GRPCRoute (apis/v1 grpcroute_types.go): a rule without matches matches every request; a method match without
 * type is Exact and an empty service or method matches any. Precedence (GRPCRouteRule.Matches): the most
 * characters in a matching service, then in a matching method, then the most header matches.
 */
import { pathMatches } from '../ingress-routing';
import type { GRPCRouteMatch, HeaderMatch, HTTPRouteMatch } from './gateway-api-types';

export interface ValueMatch {
  name: string;
  type: string;
  value: string;
}

export interface HttpMatch {
  path: { type: string; value: string };
  method: string | null;
  headers: ValueMatch[];
  queryParams: ValueMatch[];
}

export interface GrpcMatch {
  type: string;
  service: string | null;
  method: string | null;
  headers: ValueMatch[];
}

/** An HTTP request as routing sees it. `path` may carry a query; header names in any case. */
export interface HttpRequest {
  path: string;
  method?: string;
  headers?: Readonly<Record<string, string>>;
}

export interface GrpcRequest {
  service: string;
  method: string;
  headers?: Readonly<Record<string, string>>;
}

/** The first entry of each name (compared as `key` gives it), with the default type Exact. */
function firstOfEachName(entries: readonly HeaderMatch[] | undefined, key: (name: string) => string): ValueMatch[] {
  const seen = new Set<string>();
  const kept: ValueMatch[] = [];
  for (const entry of entries ?? []) {
    const name = key(entry.name ?? '');
    if (seen.has(name)) continue;
    seen.add(name);
    kept.push({ name: entry.name ?? '', type: entry.type ?? 'Exact', value: entry.value ?? '' });
  }
  return kept;
}

const lowerCase = (name: string) => name.toLowerCase();
const asWritten = (name: string) => name;

/** The matches of an HTTPRoute rule with the API's defaults: none written is one PathPrefix `/` match. */
export function httpMatches(matches: readonly HTTPRouteMatch[] | undefined): HttpMatch[] {
  const written = matches && matches.length > 0 ? matches : [{}];
  return written.map((match) => ({
    path: { type: match.path?.type ?? 'PathPrefix', value: match.path?.value ?? '/' },
    method: match.method ?? null,
    headers: firstOfEachName(match.headers, lowerCase),
    queryParams: firstOfEachName(match.queryParams, asWritten),
  }));
}

/** The matches of a GRPCRoute rule with the API's defaults: none written is one match of every request. */
export function grpcMatches(matches: readonly GRPCRouteMatch[] | undefined): GrpcMatch[] {
  const written = matches && matches.length > 0 ? matches : [{}];
  return written.map((match) => ({
    type: match.method?.type ?? 'Exact',
    service: match.method?.service || null,
    method: match.method?.method || null,
    headers: firstOfEachName(match.headers, lowerCase),
  }));
}

function valueMatches(match: ValueMatch, actual: string | undefined): boolean {
  if (actual === undefined) return false;
  return match.type === 'RegularExpression' ? wholeMatch(match.value, actual) : actual === match.value;
}

function wholeMatch(pattern: string, text: string): boolean {
  try {
    return new RegExp(`^(?:${pattern})$`).test(text);
  } catch {
    return false;
  }
}

function headerValue(headers: Readonly<Record<string, string>> | undefined, name: string): string | undefined {
  const wanted = name.toLowerCase();
  for (const [key, value] of Object.entries(headers ?? {})) if (key.toLowerCase() === wanted) return value;
  return undefined;
}

/** The first value of each query parameter (the value HTTPQueryParamMatch recommends matching). */
function queryParameters(path: string): Map<string, string> {
  const parameters = new Map<string, string>();
  const query = path.includes('?') ? path.slice(path.indexOf('?') + 1) : '';
  for (const [name, value] of new URLSearchParams(query)) if (!parameters.has(name)) parameters.set(name, value);
  return parameters;
}

export function httpMatchMatches(match: HttpMatch, request: HttpRequest): boolean {
  const path = request.path.split('?')[0]!;
  const pathMatched =
    match.path.type === 'Exact'
      ? path === match.path.value
      : match.path.type === 'PathPrefix'
        ? pathMatches({ path: match.path.value, pathType: 'Prefix' }, path)
        : match.path.type === 'RegularExpression' && wholeMatch(match.path.value, path);
  if (!pathMatched) return false;
  if (match.method !== null && match.method !== (request.method ?? 'GET')) return false;
  if (!match.headers.every((header) => valueMatches(header, headerValue(request.headers, header.name)))) return false;
  const parameters = match.queryParams.length > 0 ? queryParameters(request.path) : undefined;
  return match.queryParams.every((parameter) => valueMatches(parameter, parameters!.get(parameter.name)));
}

export function grpcMatchMatches(match: GrpcMatch, request: GrpcRequest): boolean {
  const compare = (pattern: string | null, actual: string) => pattern === null || (match.type === 'RegularExpression' ? wholeMatch(pattern, actual) : pattern === actual);
  if (!compare(match.service, request.service) || !compare(match.method, request.method)) return false;
  return match.headers.every((header) => valueMatches(header, headerValue(request.headers, header.name)));
}

const PATH_TYPE_RANK: Readonly<Record<string, number>> = { Exact: 0, PathPrefix: 1, RegularExpression: 2 };

/** Negative when `a` takes precedence over `b` by what the matches say (HTTPRouteRule.Matches); 0 on a tie. */
export function compareHttpMatches(a: HttpMatch, b: HttpMatch): number {
  return (
    (PATH_TYPE_RANK[a.path.type] ?? 3) - (PATH_TYPE_RANK[b.path.type] ?? 3) ||
    (a.path.type === 'PathPrefix' ? prefixLength(b) - prefixLength(a) : 0) ||
    Number(b.method !== null) - Number(a.method !== null) ||
    b.headers.length - a.headers.length ||
    b.queryParams.length - a.queryParams.length
  );
}

/** A prefix's characters, not counting a trailing slash, which the match ignores. */
const prefixLength = (match: HttpMatch) => match.path.value.replace(/\/+$/, '').length;

/** Negative when `a` takes precedence over `b` by what the matches say (GRPCRouteRule.Matches); 0 on a tie. */
export function compareGrpcMatches(a: GrpcMatch, b: GrpcMatch): number {
  return (b.service ?? '').length - (a.service ?? '').length || (b.method ?? '').length - (a.method ?? '').length || b.headers.length - a.headers.length;
}
