// Flow control for downloads: a pause gate (transfers stop taking bytes until resumed) and the
// connection pool that caps concurrent requests across all files. Cancelling is the AbortSignal's job.
import { CancelledError } from '../../../src-shared/errors.js';

/** Pause and resume a running pull in place. While paused no request starts and bodies are not read. */
export class PauseGate {
  private waiters: (() => void)[] = [];
  private pausedNow = false;

  get paused(): boolean {
    return this.pausedNow;
  }

  pause(): void {
    this.pausedNow = true;
  }

  resume(): void {
    this.pausedNow = false;
    const w = this.waiters;
    this.waiters = [];
    for (const f of w) f();
  }

  /** Resolves at once when running, else when resumed; rejects with CancelledError on abort. */
  wait(signal?: AbortSignal): Promise<void> {
    if (signal?.aborted) return Promise.reject(new CancelledError('download'));
    if (!this.pausedNow) return Promise.resolve();
    return new Promise((resolve, reject) => {
      const onAbort = () => {
        this.waiters = this.waiters.filter((w) => w !== done);
        reject(new CancelledError('download'));
      };
      const done = () => {
        signal?.removeEventListener('abort', onAbort);
        resolve();
      };
      this.waiters.push(done);
      signal?.addEventListener('abort', onAbort, { once: true });
    });
  }
}

/** A FIFO counting semaphore: at most `size` requests in flight. */
export class ConnectionPool {
  private free: number;
  private queue: { grant: () => void; reject: (e: unknown) => void }[] = [];

  constructor(readonly size: number) {
    this.free = Math.max(1, size);
  }

  async run<T>(fn: () => Promise<T>, signal?: AbortSignal): Promise<T> {
    await this.acquire(signal);
    try {
      return await fn();
    } finally {
      this.release();
    }
  }

  private acquire(signal?: AbortSignal): Promise<void> {
    if (signal?.aborted) return Promise.reject(new CancelledError('download'));
    if (this.free > 0) {
      this.free--;
      return Promise.resolve();
    }
    return new Promise((resolve, reject) => {
      const entry = {
        grant: () => {
          signal?.removeEventListener('abort', onAbort);
          resolve();
        },
        reject,
      };
      const onAbort = () => {
        this.queue = this.queue.filter((q) => q !== entry);
        reject(new CancelledError('download'));
      };
      this.queue.push(entry);
      signal?.addEventListener('abort', onAbort, { once: true });
    });
  }

  private release(): void {
    const next = this.queue.shift();
    if (next) next.grant();
    else this.free++;
  }
}
