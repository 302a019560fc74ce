/**
 * Answers remembered by the text they are about, for the few texts every object of a tree repeats (`100m`, `app`,
 * `30 2 * * *`), which several rules each judge. Bounded because the texts are the user's: at `maxEntries` it starts
 * again empty (no order to keep on the hot path), and a text longer than `maxLength` is worked out each time and never
 * held. Only for answers that depend on the text alone and are never changed by those who read them.
 */
import { detached } from './plain-values';

export class TextMemo<V> {
  private readonly known = new Map<string, V>();

  constructor(
    private readonly work: (text: string) => V,
    private readonly maxEntries: number,
    private readonly maxLength: number,
  ) {}

  get size(): number {
    return this.known.size;
  }

  /** `work(text)`, remembered. */
  get(text: string): V {
    if (text.length > this.maxLength) return this.work(text);
    if (this.known.has(text)) return this.known.get(text) as V;
    const value = this.work(text);
    if (this.known.size >= this.maxEntries) this.known.clear();
    // The text is most often a slice of a document: kept as it is, it would keep the whole document.
    this.known.set(detached(text), value);
    return value;
  }
}
