/**
 * Entries kept by key and bounded by an estimate of the memory they hold, evicted oldest first. What an entry holds is
 * given by its owner when it is stored (a text's length times what a character costs, say); the cache only adds the
 * estimates up. Entries are ordered by their last use: storing an entry or `touch`ing it makes it the newest.
 *
 * Storing never evicts: the owner calls `evictOldest` when what it is using is in place, so that an entry it still
 * needs in the same pass is not dropped under it.
 */
export class SizeBoundedCache<K, V> {
  /** Map keeps insertion order: the least recently used come first. */
  private readonly entries = new Map<K, { value: V; bytes: number }>();
  private heldBytes = 0;

  constructor(readonly maxBytes: number) {}

  /** The estimate of what the entries hold, in bytes. */
  get bytes(): number {
    return this.heldBytes;
  }

  get size(): number {
    return this.entries.size;
  }

  /** The entry's value; its place in the order is unchanged (see `touch`). */
  get(key: K): V | undefined {
    return this.entries.get(key)?.value;
  }

  /** Makes the entry the most recently used; false if there is none. */
  touch(key: K): boolean {
    const entry = this.entries.get(key);
    if (!entry) return false;
    this.entries.delete(key);
    this.entries.set(key, entry);
    return true;
  }

  /** Stores `value` as the most recently used entry, holding about `bytes`; replaces an entry of the same key. */
  set(key: K, value: V, bytes: number): void {
    this.delete(key);
    this.entries.set(key, { value, bytes });
    this.heldBytes += bytes;
  }

  delete(key: K): boolean {
    const entry = this.entries.get(key);
    if (!entry) return false;
    this.entries.delete(key);
    this.heldBytes -= entry.bytes;
    return true;
  }

  /** Drops every entry whose value and key satisfy `drop`. */
  deleteWhere(drop: (value: V, key: K) => boolean): void {
    for (const [key, entry] of this.entries) {
      if (!drop(entry.value, key)) continue;
      this.entries.delete(key);
      this.heldBytes -= entry.bytes;
    }
  }

  /**
   * Drops the least recently used entries while the estimate is over the bound, stopping early at the first entry of
   * `keep` (the entries in use, which the owner has just stored or touched, so they and all after them are newer).
   */
  evictOldest(keep?: ReadonlySet<K>): void {
    for (const [key, entry] of this.entries) {
      if (this.heldBytes <= this.maxBytes || keep?.has(key)) break;
      this.entries.delete(key);
      this.heldBytes -= entry.bytes;
    }
  }
}
