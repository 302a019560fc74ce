/** Waiting on the event loop: for queued messages, for a while, or for an answer that may never come. */

export function afterQueuedMessages(): Promise<void> {
  // Incoming messages are dispatched from an immediate scheduled when their bytes are read; two hops let those
  // that arrived during the last synchronous stretch run first.
  return new Promise((resolve) => setImmediate(() => setImmediate(resolve)));
}

export function delay(milliseconds: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, milliseconds));
}

export const TIMED_OUT = Symbol('timed out');

export function withTimeout<T>(promise: Promise<T>, milliseconds: number): Promise<T | typeof TIMED_OUT> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<typeof TIMED_OUT>((resolve) => {
    timer = setTimeout(() => resolve(TIMED_OUT), milliseconds);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}
