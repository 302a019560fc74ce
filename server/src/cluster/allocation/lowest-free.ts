/**
 * Our deterministic stand-in for upstream's random pick: the lowest value not yet taken, searching the bands in
 * order (each an inclusive [from, to]); the value is marked taken.
 */
export function takeLowestFree(taken: Set<number>, bands: readonly (readonly [number, number])[]): number | undefined {
  for (const [from, to] of bands) {
    for (let value = from; value <= to; value++) {
      if (!taken.has(value)) {
        taken.add(value);
        return value;
      }
    }
  }
  return undefined;
}
