/** Suggests the field a misspelt key most likely meant. */
export function closestName(name: string, candidates: readonly string[]): string | undefined {
  const lower = name.toLowerCase();
  const sameLetters = candidates.find((c) => c.toLowerCase() === lower);
  if (sameLetters) return sameLetters;
  let best: string | undefined;
  let bestDistance = Infinity;
  for (const candidate of candidates) {
    const distance = editDistance(lower, candidate.toLowerCase());
    if (distance < bestDistance) {
      best = candidate;
      bestDistance = distance;
    }
  }
  const allowed = Math.max(1, Math.floor(Math.min(name.length, best?.length ?? 0) / 3));
  if (best && bestDistance <= allowed) return best;
  // A prefix of a long field name ("imagePull" for "imagePullPolicy") is also a near miss.
  if (name.length >= 4) return candidates.find((c) => c.toLowerCase().startsWith(lower));
  return undefined;
}

/**
 * The names a mistyped command or flag most likely meant, as cobra suggests commands (spf13/cobra command.go,
 * SuggestionsFor with its default SuggestionsMinimumDistance 2): every name within two edits (plain Levenshtein,
 * letter case ignored), or that starts with what was typed, in the order given.
 */
export function commandSuggestions(typed: string, names: readonly string[]): string[] {
  const lower = typed.toLowerCase();
  return names.filter((name) => editDistance(lower, name.toLowerCase(), false) <= 2 || name.toLowerCase().startsWith(lower));
}

/**
 * The one name within two edits (plain Levenshtein, case kept: Kubernetes names are lower case) of a name that was
 * not found; undefined when none is, or when two are equally near and the intent is not clear.
 */
export function nearName(name: string, candidates: Iterable<string>): string | undefined {
  let best: string | undefined;
  let bestDistance = NEAR_EDITS + 1;
  let tie = false;
  for (const candidate of candidates) {
    // A name listed again is the same suggestion, not a second one.
    if (candidate === name || candidate === best) continue;
    const distance = editsWithin(name, candidate, Math.min(bestDistance, NEAR_EDITS));
    if (distance < bestDistance) {
      best = candidate;
      bestDistance = distance;
      tie = false;
    } else if (distance === bestDistance) tie = true;
  }
  return tie ? undefined : best;
}

const NEAR_EDITS = 2;
const OVER = NEAR_EDITS + 1;
/** One row of the distance table, reused: nearName is asked about every reference a namespace does not hold. */
let previousRow = new Int32Array(64);
let currentRow = new Int32Array(64);

/**
 * Plain Levenshtein distance when it is at most `limit`, else `limit + 1`: only cells within `limit` of the
 * diagonal can stay within it, and a row whose cells all exceed it ends the count. A workspace's names are many
 * and mostly far apart, so most comparisons end after a few characters.
 */
function editsWithin(a: string, b: string, limit: number): number {
  if (Math.abs(a.length - b.length) > limit) return limit + 1;
  if (previousRow.length <= b.length) {
    previousRow = new Int32Array(b.length + 1);
    currentRow = new Int32Array(b.length + 1);
  }
  const over = limit + 1;
  for (let j = 0; j <= b.length; j++) previousRow[j] = j <= limit ? j : over;
  for (let i = 1; i <= a.length; i++) {
    const from = Math.max(1, i - limit);
    const to = Math.min(b.length, i + limit);
    currentRow[from - 1] = from === 1 && i <= limit ? i : over;
    let rowMin = currentRow[from - 1]!;
    for (let j = from; j <= to; j++) {
      const cost = a.charCodeAt(i - 1) === b.charCodeAt(j - 1) ? 0 : 1;
      const value = Math.min(previousRow[j]! + 1, currentRow[j - 1]! + 1, previousRow[j - 1]! + cost, over);
      currentRow[j] = value;
      if (value < rowMin) rowMin = value;
    }
    if (to < b.length) currentRow[to + 1] = over;
    if (rowMin > limit) return over;
    const swap = previousRow;
    previousRow = currentRow;
    currentRow = swap;
  }
  return Math.min(previousRow[b.length]!, over);
}

/** `; did you mean "web"?` when a near name exists, for appending to a "not found" message. */
export function didYouMean(name: string, candidates: Iterable<string>): string {
  return meant(nearName(name, candidates));
}

/** The text didYouMean appends for a near name already found (by NearNames). */
export function meant(near: string | undefined): string {
  return near === undefined ? '' : `; did you mean "${near}"?`;
}

/**
 * A set of names (those of one kind in one namespace) that answers nearName without comparing the name with each of
 * them. The names are kept sorted, so those sharing a prefix are neighbours and share the row of the distance table
 * computed for it: the search walks the prefixes as a trie and follows only those still within two edits of some
 * prefix of the name. Generated names share long prefixes (`app-0095-configmap-0`), so a search visits a few hundred
 * prefixes among tens of thousands of names. A name held several times (by several objects) is one suggestion.
 */
export class NearNames {
  private readonly counts = new Map<string, number>();
  /** How many distinct names are of each length: the shortest and longest bound how near any of them can be. */
  private readonly lengths = new Map<number, number>();
  /**
   * The distinct names in code-unit order, sorted when first asked for; after that a name that comes or goes is put
   * in or taken out at its place, so an edit costs no sort.
   */
  private sorted: string[] | undefined;

  add(name: string): void {
    const count = this.counts.get(name) ?? 0;
    this.counts.set(name, count + 1);
    if (count > 0) return;
    this.lengths.set(name.length, (this.lengths.get(name.length) ?? 0) + 1);
    if (this.sorted) this.sorted.splice(sortedPlace(this.sorted, name), 0, name);
  }

  delete(name: string): void {
    const count = this.counts.get(name);
    if (count === undefined) return;
    if (count > 1) this.counts.set(name, count - 1);
    else {
      this.counts.delete(name);
      const sameLength = this.lengths.get(name.length)! - 1;
      if (sameLength > 0) this.lengths.set(name.length, sameLength);
      else this.lengths.delete(name.length);
      if (this.sorted) this.sorted.splice(sortedPlace(this.sorted, name), 1);
    }
  }

  get size(): number {
    return this.counts.size;
  }

  /** What nearName(name, these names) answers. */
  near(name: string): string | undefined {
    this.sorted ??= [...this.counts.keys()].sort();
    const names = this.sorted;
    // The walk goes as deep as the name is long: past any name Kubernetes accepts, the plain search answers.
    if (name.length > LONGEST_WALK) return nearName(name, names);
    let shortest = Number.POSITIVE_INFINITY;
    let longest = 0;
    for (const length of this.lengths.keys()) {
      shortest = Math.min(shortest, length);
      longest = Math.max(longest, length);
    }
    let best: string | undefined;
    let bestDistance = OVER;
    let tie = false;
    // One row per depth, reused (the walk is depth first); only the cells within NEAR_EDITS of the diagonal are
    // kept, and the cell on each side of them reads OVER, as in editsWithin. The rows outlive the search: a check
    // asks about thousands of names, and typed arrays are slow to allocate.
    const rows = searchRows;
    const rowAt = (depth: number): Int32Array => {
      let row = rows[depth];
      if (!row || row.length < name.length + 2) {
        row = new Int32Array(Math.max(name.length + 2, MIN_ROW));
        rows[depth] = row;
      }
      return row;
    };
    const first = rowAt(0);
    for (let j = 0; j <= name.length + 1; j++) first[j] = Math.min(j, OVER);
    // names[lo, hi) share their first `depth` characters; row[j] is the distance from that prefix to name's first j.
    const walk = (lo: number, hi: number, from: number): void => {
      // The characters every name here goes on with are one branch of the trie: followed a row at a time, with no
      // search for where branches part (generated names share long runs, such as `-service-`).
      let depth = from;
      const last = Math.min(names[lo]!.length, names[hi - 1]!.length);
      // A branch of one name ends where that name does: the walk also knows how far its end is from the name's.
      const alone = hi - lo === 1;
      while (depth < last && names[lo]!.charCodeAt(depth) === names[hi - 1]!.charCodeAt(depth)) {
        if (!(alone ? extend(depth, names[lo]!.charCodeAt(depth), last, last) : extend(depth, names[lo]!.charCodeAt(depth), shortest, longest))) return;
        depth++;
      }
      const row = rows[depth]!;
      if (names[lo]!.length === depth) {
        const distance = Math.abs(name.length - depth) > NEAR_EDITS ? OVER : row[name.length]!;
        if (names[lo] !== name && distance <= NEAR_EDITS) {
          if (distance < bestDistance) {
            best = names[lo];
            bestDistance = distance;
            tie = false;
          } else if (distance === bestDistance) tie = true;
        }
        lo++;
      }
      if (lo === hi) return;
      // The names that go on with the name's own next character first: a near one found early narrows the rest.
      const own = depth < name.length ? name.charCodeAt(depth) : -1;
      const ownStart = own < 0 ? hi : groupStart(names, lo, hi, depth, own);
      const ownEnd = ownStart < hi && names[ownStart]!.charCodeAt(depth) === own ? groupEnd(names, ownStart, hi, depth, own) : ownStart;
      if (ownEnd > ownStart && extendOver(ownStart, ownEnd, depth, own)) walk(ownStart, ownEnd, depth + 1);
      while (lo < hi) {
        if (lo === ownStart && ownEnd > ownStart) {
          lo = ownEnd;
          continue;
        }
        const code = names[lo]!.charCodeAt(depth);
        const end = groupEnd(names, lo, hi, depth, code);
        if (extendOver(lo, end, depth, code)) walk(lo, end, depth + 1);
        lo = end;
      }
    };
    // The row of the prefix extended by `code`; whether a name under it, `shortest` to `longest` long, may still count.
    const extend = (depth: number, code: number, shortest: number, longest: number): boolean => {
      const row = rows[depth]!;
      const at = depth + 1;
      const from = Math.max(0, at - NEAR_EDITS);
      const to = Math.min(name.length, at + NEAR_EDITS);
      const next = rowAt(at);
      if (from > 0) next[from - 1] = OVER;
      next[to + 1] = OVER;
      let rowMin = OVER;
      for (let j = from; j <= to; j++) {
        const value = j === 0 ? Math.min(at, OVER) : Math.min(row[j]! + 1, next[j - 1]! + 1, row[j - 1]! + (name.charCodeAt(j - 1) === code ? 0 : 1), OVER);
        next[j] = value;
        // Rests of unequal length take an edit per character of difference: from the name's first j characters, a
        // name under this prefix is at least that many more edits away.
        const rest = name.length - j;
        const bound = value + Math.max(0, shortest - at - rest, rest - (longest - at));
        if (bound < rowMin) rowMin = bound;
      }
      // Every name under this prefix is at least rowMin edits away. Once two names tie at the best distance, only a
      // nearer one changes the answer; before that, one as near as the best would make a tie.
      return rowMin <= NEAR_EDITS && (tie ? rowMin < bestDistance : rowMin <= bestDistance);
    };
    // The same for the names [lo, hi): of one name, its own length bounds the rest; of several, those of all names.
    const extendOver = (lo: number, hi: number, depth: number, code: number): boolean =>
      hi - lo === 1 ? extend(depth, code, names[lo]!.length, names[lo]!.length) : extend(depth, code, shortest, longest);
    if (names.length > 0) walk(0, names.length, 0);
    return tie ? undefined : best;
  }
}

/**
 * The rows of NearNames.near's distance table, by depth, shared by every search (one runs at a time, start to end).
 * A row is only read where the search has written it first.
 */
const searchRows: Int32Array[] = [];
const MIN_ROW = 64;

/** Longer names than any Kubernetes name (253 characters) are searched name by name, not walked. */
const LONGEST_WALK = 1024;

/** Where a name is, or would go, in a sorted list of names. */
function sortedPlace(names: readonly string[], name: string): number {
  let low = 0;
  let high = names.length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if (names[middle]! < name) low = middle + 1;
    else high = middle;
  }
  return low;
}

/** The first of names[lo, hi) (sorted, each longer than `depth`) whose character at `depth` is `code` or after it. */
function groupStart(names: readonly string[], lo: number, hi: number, depth: number, code: number): number {
  let low = lo;
  let high = hi;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if (names[middle]!.charCodeAt(depth) < code) low = middle + 1;
    else high = middle;
  }
  return low;
}

/** The end of the run of names[lo, hi) (sorted, each longer than `depth`) whose character at `depth` is `code`. */
function groupEnd(names: readonly string[], lo: number, hi: number, depth: number, code: number): number {
  let low = lo + 1;
  let high = hi;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if (names[middle]!.charCodeAt(depth) === code) low = middle + 1;
    else high = middle;
  }
  return low;
}

/** Levenshtein distance; with `transpositions`, Damerau–Levenshtein (adjacent transpositions count as one edit). */
function editDistance(a: string, b: string, transpositions = true): number {
  if (Math.abs(a.length - b.length) > 3) return Infinity;
  const rows: number[][] = Array.from({ length: a.length + 1 }, (_, i) => [i, ...Array<number>(b.length).fill(0)]);
  for (let j = 1; j <= b.length; j++) rows[0]![j] = j;
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let value = Math.min(rows[i - 1]![j]! + 1, rows[i]![j - 1]! + 1, rows[i - 1]![j - 1]! + cost);
      if (transpositions && i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) value = Math.min(value, rows[i - 2]![j - 2]! + 1);
      rows[i]![j] = value;
    }
  }
  return rows[a.length]![b.length]!;
}
