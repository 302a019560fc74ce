/** When the plan panel plans again, and what it says meanwhile: the schedule under a hand-driven timer. */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { ReplanSchedule, SETTLE_MS, TYPING_PAUSE_MS, type Freshness, type Timer } from '../../../client/src/plan/replan-schedule';

/** A timer whose time moves only when the test says so. */
class ManualTimer implements Timer {
  now = 0;
  private next = 1;
  private readonly pending = new Map<number, { at: number; callback: () => void }>();

  set(callback: () => void, ms: number): number {
    const handle = this.next++;
    this.pending.set(handle, { at: this.now + ms, callback });
    return handle;
  }

  clear(handle: unknown): void {
    this.pending.delete(handle as number);
  }

  /** Moves time on by ms, running what falls due in order. */
  advance(ms: number): void {
    const until = this.now + ms;
    for (;;) {
      const due = [...this.pending.entries()].filter(([, entry]) => entry.at <= until).sort((a, b) => a[1].at - b[1].at)[0];
      if (!due) break;
      this.pending.delete(due[0]);
      this.now = due[1].at;
      due[1].callback();
    }
    this.now = until;
  }
}

/** A plan the test finishes by hand: each call waits for `finish`, with a failure message or nothing. */
class HeldPlans {
  calls = 0;
  private finishers: ((failure: string | undefined) => void)[] = [];
  readonly replan = (): Promise<string | undefined> => {
    this.calls++;
    return new Promise((resolve) => this.finishers.push(resolve));
  };

  async finish(failure?: string): Promise<void> {
    this.finishers.shift()!(failure);
    // Lets the schedule's continuation after the plan run.
    await new Promise((resolve) => setImmediate(resolve));
  }
}

function schedule() {
  const timer = new ManualTimer();
  const plans = new HeldPlans();
  const told: Freshness[] = [];
  const replans = new ReplanSchedule(plans.replan, (freshness) => told.push(freshness), timer);
  return { timer, plans, told, replans };
}

test('an edit is planned once typing has paused for the pause, not before', () => {
  const { timer, plans, replans } = schedule();
  replans.edited('web.yaml was edited');
  timer.advance(TYPING_PAUSE_MS - 1);
  assert.equal(plans.calls, 0);
  timer.advance(1);
  assert.equal(plans.calls, 1);
});

test('each keystroke restarts the pause: a burst of edits makes one plan', () => {
  const { timer, plans, replans } = schedule();
  for (let keystroke = 0; keystroke < 5; keystroke++) {
    replans.edited('web.yaml was edited');
    timer.advance(TYPING_PAUSE_MS / 2);
  }
  assert.equal(plans.calls, 0);
  timer.advance(TYPING_PAUSE_MS);
  assert.equal(plans.calls, 1);
});

test('a save plans without waiting for the typing pause', () => {
  const { timer, plans, replans } = schedule();
  replans.edited('web.yaml was edited');
  replans.changedNow('web.yaml was saved');
  timer.advance(SETTLE_MS);
  assert.equal(plans.calls, 1);
});

test('the plan is said to be out of date from the first change, with every reason once', () => {
  const { told, replans } = schedule();
  replans.edited('web.yaml was edited');
  replans.edited('web.yaml was edited');
  replans.changedNow('web.yaml was saved');
  assert.deepEqual(told.at(-1), { state: 'stale', why: 'web.yaml was edited; web.yaml was saved' });
});

test('a plan that succeeds makes the page current again', async () => {
  const { timer, plans, told, replans } = schedule();
  replans.changedNow('Refresh');
  timer.advance(SETTLE_MS);
  await plans.finish();
  assert.deepEqual(told.at(-1), { state: 'fresh' });
});

test('a plan that fails leaves the page out of date, with the reason and the failure', async () => {
  const { timer, plans, told, replans } = schedule();
  replans.changedNow('the Kubernetes version changed');
  timer.advance(SETTLE_MS);
  await plans.finish('the language server is not running');
  assert.deepEqual(told.at(-1), { state: 'failed', why: 'the Kubernetes version changed', error: 'the language server is not running' });
});

test('a plan that throws is a failure with its message', async () => {
  const timer = new ManualTimer();
  const told: Freshness[] = [];
  const replans = new ReplanSchedule(
    () => Promise.reject(new Error('Pending response rejected since connection got disposed')),
    (freshness) => told.push(freshness),
    timer,
  );
  replans.changedNow('Refresh');
  timer.advance(SETTLE_MS);
  await new Promise((resolve) => setImmediate(resolve));
  assert.deepEqual(told.at(-1), { state: 'failed', why: 'Refresh', error: 'Pending response rejected since connection got disposed' });
});

test('changes during a plan make exactly one more plan after it, never two at once', async () => {
  const { timer, plans, told, replans } = schedule();
  replans.changedNow('web.yaml was saved');
  timer.advance(SETTLE_MS);
  replans.changedNow('web.yaml was saved');
  replans.edited('api.yaml was edited');
  timer.advance(TYPING_PAUSE_MS * 2);
  assert.equal(plans.calls, 1, 'no second plan while the first runs');
  await plans.finish();
  assert.deepEqual(told.at(-1), { state: 'stale', why: 'web.yaml was saved; api.yaml was edited' }, 'the plan just made is already out of date');
  timer.advance(SETTLE_MS);
  assert.equal(plans.calls, 2);
  await plans.finish();
  assert.deepEqual(told.at(-1), { state: 'fresh' });
});

test('a reset forgets the changes waiting for a plan', () => {
  const { timer, plans, replans } = schedule();
  replans.edited('web.yaml was edited');
  replans.reset();
  timer.advance(TYPING_PAUSE_MS * 2);
  assert.equal(plans.calls, 0);
});
