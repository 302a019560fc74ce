/**
 * Names and uids the API server would generate, made deterministic.
 *
 * `metadata.generateName` (apiserver's SimpleNameGenerator): the base, cut to 58 characters, plus 5 characters from
 * the alphabet `bcdfghjklmnpqrstvwxz2456789` (no vowels, no 0/1/3, so no words and no look-alikes). Upstream picks
 * them at random; here the suffix is the n-th 5-character word over that alphabet, where n counts the names made
 * so far with that base (`agent-` → `agent-bbbbb`, `agent-bbbbc`, … in every run), as the ReplicaSet controller
 * names its pods. A name already taken takes the next n.
 *
 * uids: UUID-shaped, numbered in creation order (`00000000-0000-4000-8000-000000000001`).
 */
import { nameSuffix } from './controllers/replicaset/manage-replicas';

/** names.MaxGeneratedNameLength: how much of a generateName the API server keeps before the 5 characters. */
export const MAX_GENERATED_NAME_LENGTH = 63 - 5;

export class NameGenerator {
  private readonly madePerBase = new Map<string, number>();
  private uidCounter = 0;

  /** A name for `generateName: base` that `isTaken` does not already hold. */
  generate(base: string, isTaken: (name: string) => boolean): string {
    const prefix = base.length > MAX_GENERATED_NAME_LENGTH ? base.slice(0, MAX_GENERATED_NAME_LENGTH) : base;
    for (;;) {
      const made = this.madePerBase.get(prefix) ?? 0;
      this.madePerBase.set(prefix, made + 1);
      const name = prefix + nameSuffix(made);
      if (!isTaken(name)) return name;
    }
  }

  uid(): string {
    const n = ++this.uidCounter;
    return `00000000-0000-4000-8000-${n.toString(16).padStart(12, '0')}`;
  }
}
