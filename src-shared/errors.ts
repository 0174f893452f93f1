// The one error type every layer throws and the renderer translates by `code` + `params`.
// Pure TypeScript: no Node, DOM or Vue imports, so the renderer can share it.

export type StudioErrorParams = Record<string, string | number | boolean | null | undefined>;

/** A failure the user can act on. `code` is a stable `area/slug`; `message` is the English fallback. */
export class StudioError extends Error {
  readonly code: string;
  readonly params?: StudioErrorParams;

  constructor(code: string, message: string, params?: StudioErrorParams, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'StudioError';
    this.code = code;
    this.params = params;
  }

  toJSON(): { code: string; message: string; params?: StudioErrorParams } {
    return { code: this.code, message: this.message, params: this.params };
  }
}

/** Thrown when an AbortSignal stops work. Cancelling is not failing: callers never toast it. */
export class CancelledError extends StudioError {
  constructor(what = 'operation') {
    super('cancelled', `The ${what} was cancelled.`, { what });
    this.name = 'CancelledError';
  }
}

export function isCancelled(err: unknown): err is CancelledError {
  return err instanceof CancelledError || (err instanceof Error && err.name === 'AbortError');
}

/** Throws CancelledError if the signal has fired; call between units of work. */
export function throwIfAborted(signal: AbortSignal | undefined, what?: string): void {
  if (signal?.aborted) throw new CancelledError(what);
}

/**
 * A state that cannot happen unless our own code is wrong (a broken invariant, a missing argument between
 * our modules). Not a StudioError: the user cannot act on it, so it carries no code and reaches the wire
 * as `internal`; hosts log its stack. Throw StudioError for anything a user, a file or the network causes.
 */
export class BugError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(`BUG: ${message}`, options);
    this.name = 'BugError';
  }
}
