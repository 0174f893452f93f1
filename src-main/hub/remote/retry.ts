// Retry policy for hub traffic: which failures are worth another try, how long to wait (exponential
// backoff with jitter; 429 waits what RateLimit / Retry-After say), and cancellable sleeps.
// It decides nothing about endpoints: failover is download.ts's and pull.ts's business.
import { CancelledError } from '../../../src-shared/errors.js';
import type { RetryOptions } from '../types.js';

export type TransientKind = 'status' | 'network' | 'protocol' | 'integrity';

/**
 * A failure another try (or another endpoint) may fix: a 5xx/408/429, a dropped or refused connection,
 * a timeout, a protocol anomaly (200 to a Range request, a wrong Content-Range) or a hash mismatch.
 */
export class TransientError extends Error {
  readonly kind: TransientKind;
  readonly status?: number;
  /** Server-imposed wait (429 / 503 with Retry-After or RateLimit). */
  readonly retryAfterMs?: number;
  /** The endpoint looks unreachable (refused, DNS, connect timeout, TLS): fail over at once when possible. */
  readonly endpointDown: boolean;
  /** A pre-signed CDN URL was refused (403/410 from a redirect target): resolve the file again. */
  readonly urlExpired: boolean;

  constructor(kind: TransientKind, message: string, extra: { status?: number; retryAfterMs?: number; endpointDown?: boolean; urlExpired?: boolean; cause?: unknown } = {}) {
    super(message, { cause: extra.cause });
    this.name = 'TransientError';
    this.kind = kind;
    this.status = extra.status;
    this.retryAfterMs = extra.retryAfterMs;
    this.endpointDown = extra.endpointDown ?? false;
    this.urlExpired = extra.urlExpired ?? false;
  }
}

export const TRANSIENT_STATUSES: ReadonlySet<number> = new Set([408, 429, 500, 502, 503, 504]);

const DOWN_CODES = new Set([
  'ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'EHOSTUNREACH', 'ENETUNREACH', 'UND_ERR_CONNECT_TIMEOUT',
  'CERT_HAS_EXPIRED', 'DEPTH_ZERO_SELF_SIGNED_CERT', 'SELF_SIGNED_CERT_IN_CHAIN', 'UNABLE_TO_VERIFY_LEAF_SIGNATURE', 'ERR_TLS_CERT_ALTNAME_INVALID',
]);
const DROP_CODES = new Set([
  'ECONNRESET', 'EPIPE', 'ETIMEDOUT', 'ECONNABORTED', 'UND_ERR_SOCKET', 'UND_ERR_HEADERS_TIMEOUT', 'UND_ERR_BODY_TIMEOUT',
  'UND_ERR_CLOSED', 'UND_ERR_REQ_CONTENT_LENGTH_MISMATCH', 'UND_ERR_RES_CONTENT_LENGTH_MISMATCH', 'ERR_STREAM_PREMATURE_CLOSE',
]);

function errorCode(err: unknown): string | undefined {
  let e = err as { code?: unknown; cause?: unknown } | undefined;
  for (let depth = 0; e && depth < 4; depth++) {
    if (typeof e.code === 'string') return e.code;
    e = e.cause as typeof e;
  }
  return undefined;
}

/** Maps a low-level network error (undici, node:net, tls) to a TransientError, or undefined if it is not one. */
export function networkFailure(err: unknown, where: string): TransientError | undefined {
  if (err instanceof TransientError) return err;
  const code = errorCode(err);
  const message = (err as Error)?.message ?? String(err);
  if (code && DOWN_CODES.has(code)) return new TransientError('network', `${where}: ${code} (${message})`, { endpointDown: true, cause: err });
  if ((code && DROP_CODES.has(code)) || /socket|terminated|other side closed|premature/i.test(message)) {
    return new TransientError('network', `${where}: connection dropped (${code ?? message})`, { cause: err });
  }
  if (code?.startsWith('ERR_SSL') || code?.startsWith('ERR_TLS')) {
    return new TransientError('network', `${where}: TLS failure ${code}`, { endpointDown: true, cause: err });
  }
  return undefined;
}

/** True for an AbortSignal-caused rejection from undici, node or our own code. */
export function isAbort(err: unknown, signal?: AbortSignal): boolean {
  if (signal?.aborted) return true;
  const e = err as { name?: string; code?: string } | undefined;
  return e?.name === 'AbortError' || e?.code === 'UND_ERR_ABORTED' || err instanceof CancelledError;
}

type HeaderBag = Record<string, string | string[] | undefined>;

function header(headers: HeaderBag, name: string): string | undefined {
  const v = headers[name];
  return Array.isArray(v) ? v[0] : v;
}

/**
 * The wait a 429/503 asks for: `RateLimit: "resolvers";r=0;t=<s>` → t+1 s (huggingface_hub's rule),
 * else `Retry-After` in seconds or as an HTTP date. Capped at `maxMs`.
 */
export function retryAfterMs(headers: HeaderBag, maxMs: number, now = Date.now()): number | undefined {
  const rateLimit = header(headers, 'ratelimit');
  const t = rateLimit?.match(/(?:^|[;,\s])t=(\d+(?:\.\d+)?)/);
  let ms: number | undefined;
  if (t) ms = (Number(t[1]) + 1) * 1000;
  else {
    const ra = header(headers, 'retry-after')?.trim();
    if (ra) {
      if (/^\d+(\.\d+)?$/.test(ra)) ms = Number(ra) * 1000;
      else {
        const at = Date.parse(ra);
        if (Number.isFinite(at)) ms = Math.max(0, at - now);
      }
    }
  }
  return ms === undefined ? undefined : Math.min(ms, maxMs);
}

export interface ResolvedRetry {
  tries: number;
  baseMs: number;
  maxMs: number;
  failoverAfter: number;
  maxRetryAfterMs: number;
}

export function resolveRetry(opts: RetryOptions | undefined): ResolvedRetry {
  return {
    tries: Math.max(1, opts?.tries ?? 5),
    baseMs: Math.max(0, opts?.baseMs ?? 1000),
    maxMs: Math.max(0, opts?.maxMs ?? 10_000),
    failoverAfter: Math.max(1, opts?.failoverAfter ?? 2),
    maxRetryAfterMs: Math.max(0, opts?.maxRetryAfterMs ?? 120_000),
  };
}

/** Wait before retry number `attempt` (0-based): base·2^attempt capped at max, times a 0.5–1.0 jitter. */
export function backoffMs(attempt: number, policy: ResolvedRetry, random: () => number = Math.random): number {
  const raw = Math.min(policy.maxMs, policy.baseMs * 2 ** Math.min(attempt, 30));
  return Math.round(raw * (0.5 + 0.5 * random()));
}

/** The wait for a failure: the server's own (429) when it gave one, else backoff. */
export function waitFor(err: unknown, attempt: number, policy: ResolvedRetry): number {
  if (err instanceof TransientError && err.retryAfterMs !== undefined) return err.retryAfterMs;
  return backoffMs(attempt, policy);
}

import { sleep } from '../cache/sleep.js';

export { sleep };

export interface RetryingOptions {
  policy: ResolvedRetry;
  /** Attempts on this endpoint (failoverAfter when others remain, else tries). */
  attempts: number;
  /** Another endpoint is waiting: give up at once on an unreachable one. */
  quickFailover: boolean;
  signal?: AbortSignal;
  onRetry?: (err: TransientError, waitMs: number) => void;
}

/** Runs `fn` until it succeeds, a final error comes, or the attempts are spent. */
export async function retrying<T>(fn: () => Promise<T>, opts: RetryingOptions): Promise<T> {
  for (let attempt = 0; ; attempt++) {
    try {
      return await fn();
    } catch (err) {
      if (isAbort(err, opts.signal)) throw err instanceof CancelledError ? err : new CancelledError('download');
      if (!(err instanceof TransientError)) throw err;
      if (attempt + 1 >= opts.attempts || (err.endpointDown && opts.quickFailover)) throw err;
      const wait = waitFor(err, attempt, opts.policy);
      opts.onRetry?.(err, wait);
      await sleep(wait, opts.signal);
    }
  }
}
