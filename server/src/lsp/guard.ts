/**
 * The one guard every handler runs in: an exception is logged and the handler gives its fallback answer, so that
 * one bad document or request never takes the server down nor leaves a client waiting.
 */

export type LogError = (what: string, error: unknown) => void;

export class Guard {
  constructor(private readonly console: { error(message: string): void }) {}

  /** Logs a failure without the file contents an error message may quote. */
  readonly logError: LogError = (what, error) => this.console.error(`${what} failed: ${describeError(error)}`);

  /** A handler that answers nothing (a notification, a timer): a failure is logged and goes no further. */
  wrap<A extends unknown[]>(what: string, handler: (...args: A) => void): (...args: A) => void;
  /** A handler that answers: a failure, thrown or a rejection, is logged and the handler answers `fallback`. */
  wrap<A extends unknown[], R>(what: string, fallback: Awaited<R>, handler: (...args: A) => R): (...args: A) => R;
  wrap<A extends unknown[], R>(what: string, ...rest: [(...args: A) => R] | [Awaited<R>, (...args: A) => R]): (...args: A) => R {
    const [fallback, handler] = rest.length === 1 ? [undefined, rest[0]] : rest;
    const failed = (error: unknown) => {
      this.logError(what, error);
      return fallback;
    };
    return (...args: A): R => {
      try {
        const answer = handler(...args);
        return (answer instanceof Promise ? answer.catch(failed) : answer) as R;
      } catch (error) {
        return failed(error) as R;
      }
    };
  }
}

/**
 * Error messages from parsers can quote the text they failed on, which may hold Secret values; only errors about
 * the program itself (type, reference and range errors) keep their message.
 */
function describeError(error: unknown): string {
  if (!(error instanceof Error)) return typeof error;
  const keepsMessage = error instanceof TypeError || error instanceof ReferenceError || error instanceof RangeError;
  const frames = (error.stack ?? '').split('\n').filter((line) => line.trimStart().startsWith('at '));
  return [keepsMessage ? `${error.name}: ${error.message}` : error.name, ...frames].join('\n');
}
