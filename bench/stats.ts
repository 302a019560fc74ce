/** Summary statistics for timing samples. */

/** Nearest-rank percentile (p in 0..100) of the samples; NaN for none. */
export function percentile(samples: readonly number[], p: number): number {
  if (samples.length === 0) return Number.NaN;
  const sorted = [...samples].sort((a, b) => a - b);
  const rank = Math.ceil((p / 100) * sorted.length);
  return sorted[Math.min(sorted.length - 1, Math.max(0, rank - 1))]!;
}

export function median(samples: readonly number[]): number {
  return percentile(samples, 50);
}

/** Runs `measure` `runs` times, one after another, and keeps the result with the lowest `wallMs`, with every run's. */
export async function bestOf<T>(runs: number, measure: () => Promise<T>, wallMs: (result: T) => number): Promise<T & { runsMs: number[] }> {
  const all: T[] = [];
  for (let run = 0; run < runs; run++) all.push(await measure());
  const best = all.reduce((a, b) => (wallMs(b) < wallMs(a) ? b : a));
  return { ...best, runsMs: all.map(wallMs) };
}
