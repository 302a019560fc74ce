/**
 * When the plan panel plans again, and what it says about the plan it shows meanwhile. A change while typing waits
 * for a pause; a save, a changed setting or Refresh plans at once. One plan runs at a time: changes that arrive
 * while it runs are gathered into one more plan after it. From the first change until a plan succeeds, the plan
 * shown is stale, and the listener is told why; a plan that failed leaves it stale with the failure. Pure apart
 * from the timer it is given.
 */

/** How long typing must pause before a document's change is planned: longer than a keystroke's gap. */
export const TYPING_PAUSE_MS = 700;
/**
 * A save also reaches the file watcher, and a setting written at two scopes fires twice: events this close
 * together make one plan.
 */
export const SETTLE_MS = 50;

export type Freshness = { state: 'fresh' } | { state: 'stale'; why: string } | { state: 'failed'; why: string; error: string };

export interface Timer {
  set(callback: () => void, ms: number): unknown;
  clear(handle: unknown): void;
}

/** Plans again; resolves to undefined when the plan is shown, else why it could not be made. */
export type Replan = () => Promise<string | undefined>;

export class ReplanSchedule {
  private handle: unknown;
  private running = false;
  /** The reasons gathered since the last plan started, first first. */
  private reasons: string[] = [];
  /** Changes arrived while a plan ran: plan once more after it, waiting `waitAfter` ms. */
  private waitAfter: number | undefined;
  private disposed = false;

  constructor(
    private readonly replan: Replan,
    private readonly tell: (freshness: Freshness) => void,
    private readonly timer: Timer = { set: (callback, ms) => setTimeout(callback, ms), clear: (handle) => clearTimeout(handle as NodeJS.Timeout) },
  ) {}

  /** A source is being edited: plan once typing pauses. */
  edited(why: string): void {
    this.changed(why, TYPING_PAUSE_MS);
  }

  /** A source was saved or a setting changed: plan now (after events of the same moment have arrived). */
  changedNow(why: string): void {
    this.changed(why, SETTLE_MS);
  }

  /** The plan shown was replaced by another request: nothing gathered so far applies to it. */
  reset(): void {
    this.cancel();
    this.reasons = [];
    this.waitAfter = undefined;
  }

  dispose(): void {
    this.disposed = true;
    this.reset();
  }

  private changed(why: string, wait: number): void {
    if (this.disposed) return;
    if (!this.reasons.includes(why)) this.reasons.push(why);
    this.tell({ state: 'stale', why: this.why() });
    if (this.running) {
      // A save during a plan still plans right after it; typing still waits for its pause.
      this.waitAfter = Math.min(this.waitAfter ?? wait, wait);
      return;
    }
    this.cancel();
    this.handle = this.timer.set(() => void this.run(), wait);
  }

  private async run(): Promise<void> {
    this.handle = undefined;
    const why = this.why();
    this.reasons = [];
    this.running = true;
    let failure: string | undefined;
    try {
      failure = await this.replan();
    } catch (error) {
      failure = error instanceof Error ? error.message : String(error);
    } finally {
      this.running = false;
    }
    if (this.disposed) return;
    const again = this.waitAfter;
    this.waitAfter = undefined;
    if (again !== undefined) {
      // Newer changes are waiting: the plan just made is already out of date.
      this.tell({ state: 'stale', why: this.why() });
      this.handle = this.timer.set(() => void this.run(), again);
    } else if (failure === undefined) {
      this.tell({ state: 'fresh' });
    } else {
      this.tell({ state: 'failed', why, error: failure });
    }
  }

  private why(): string {
    return this.reasons.join('; ');
  }

  private cancel(): void {
    if (this.handle !== undefined) this.timer.clear(this.handle);
    this.handle = undefined;
  }
}
