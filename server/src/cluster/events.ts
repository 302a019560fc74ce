/** The `object` of an event about a namespaced or cluster-scoped object. */
export function eventObject(kind: string, name: string, namespace?: string): string {
  return namespace === undefined ? `${kind}/${name}` : `${kind}/${namespace}/${name}`;
}
