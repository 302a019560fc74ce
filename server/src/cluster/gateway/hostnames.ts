/**
 * Hostnames in the Gateway API (apis/v1 httproute_types.go, HTTPRouteSpec.Hostnames; gateway_types.go,
 * Listener.Hostname): a hostname prefixed with the wildcard label `*.` is a suffix match, so `*.example.com`
 * matches `test.example.com` and `foo.test.example.com` but not `example.com` (unlike an Ingress rule's wildcard,
 * which matches one label only). A Route attaches to a Listener only where their hostnames intersect.
 */

const isWildcard = (hostname: string) => hostname.startsWith('*.');

/** Whether `hostname` (a Listener's or Route's, maybe a wildcard) matches the concrete `host`. */
export function hostnameMatches(hostname: string, host: string): boolean {
  if (!isWildcard(hostname)) return hostname === host;
  const suffix = hostname.slice(1);
  return host.length > suffix.length && host.endsWith(suffix);
}

/**
 * The hostnames a Route serves on a Listener (HTTPRouteSpec.Hostnames): with no Listener hostname, the Route's
 * own (none: every host); with no Route hostnames, the Listener's; with both, each Route hostname the Listener's
 * matches — the more specific of the two where one is a wildcard that covers the other, as the Listener
 * `test.example.com` serves a Route's `*.example.com` for `test.example.com` only. An empty list is every host;
 * undefined is no intersection (the Route is not accepted: NoMatchingListenerHostname).
 */
export function intersectHostnames(listenerHostname: string | undefined, routeHostnames: readonly string[]): string[] | undefined {
  if (!listenerHostname) return [...routeHostnames];
  if (routeHostnames.length === 0) return [listenerHostname];
  const served = new Set<string>();
  for (const routeHostname of routeHostnames) {
    const more = moreSpecificOf(listenerHostname, routeHostname);
    if (more !== undefined) served.add(more);
  }
  return served.size > 0 ? [...served] : undefined;
}

/** The one of two hostnames that the other covers (either, when equal); undefined when they do not intersect. */
function moreSpecificOf(a: string, b: string): string | undefined {
  if (a === b) return a;
  if (isWildcard(a) && hostnameMatches(a, isWildcard(b) ? b.slice(2) : b)) return b;
  if (isWildcard(b) && hostnameMatches(b, isWildcard(a) ? a.slice(2) : a)) return a;
  return undefined;
}

/**
 * How specifically the hostnames serve `host`, for precedence across Routes (HTTPRouteSpec.Hostnames: the Route
 * with the most characters in a matching non-wildcard hostname, then in a matching hostname, wins); undefined when
 * none matches. An empty list (every host) matches with no characters.
 */
export function hostnameSpecificity(hostnames: readonly string[], host: string): { exact: number; any: number } | undefined {
  if (hostnames.length === 0) return { exact: 0, any: 0 };
  let best: { exact: number; any: number } | undefined;
  for (const hostname of hostnames) {
    if (!hostnameMatches(hostname, host)) continue;
    const score = { exact: isWildcard(hostname) ? 0 : hostname.length, any: hostname.length };
    if (!best || score.exact > best.exact || (score.exact === best.exact && score.any > best.any)) best = score;
  }
  return best;
}
