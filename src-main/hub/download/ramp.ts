// How many connections one file's download uses: it starts with one and adds more, up to the configured
// number, while the process mostly waits for the network (two looks in a row, 50 ms apart); it stops
// adding once it is the bottleneck itself. Extra connections pay where the line limits each connection's
// speed (the usual case with the hub's CDN); where one connection already brings bytes as fast as we can
// take them (a fast LAN, loopback), more of them only split the CPU further and deliver the file out of
// order, so the in-order hash (hash-worker.ts) waits on gaps instead of running beside the download
// (docs/bench-download.md). The signal is the main thread's event-loop utilisation: every byte of every
// connection passes through it.
import { performance, type EventLoopUtilization } from 'node:perf_hooks';

/** How often the ramp looks. */
const RAMP_MS = 50;
/** Below this share of busy time in the last look, the downloader is waiting on the network: add connections. */
const IDLE_BELOW = 0.5;

export interface RampOptions {
  /** The most connections (the pull's `connections`). */
  max: number;
  /** Connections at the start (default 1). */
  start?: number;
  /** How often to look, in milliseconds (default 50). */
  everyMs?: number;
  /** Utilisation below which more connections are added (default 0.5). */
  idleBelow?: number;
  /** The busy share of the last interval (default: the main thread's event-loop utilisation). */
  sample?: () => number;
  /** Whether to add nothing for now (a paused download is idle for another reason). */
  hold?: () => boolean;
}

/** Calls `grow(n)` with the number of connections to add whenever the downloader is network-bound. */
export class ConnectionRamp {
  private current: number;
  private timer?: NodeJS.Timeout;
  private readonly max: number;

  constructor(private readonly opts: RampOptions, private readonly grow: (add: number) => void) {
    this.max = Math.max(1, opts.max);
    this.current = Math.min(this.max, Math.max(1, opts.start ?? 1));
  }

  /** Connections in use now. */
  get connections(): number {
    return this.current;
  }

  /** Starts looking (the first `connections` are the caller's to start). */
  start(): void {
    if (this.current >= this.max) return;
    const sample = this.opts.sample ?? eventLoopSampler();
    const idleBelow = this.opts.idleBelow ?? IDLE_BELOW;
    /** The busy share of the previous look when it was idle too. */
    let previous: number | undefined;
    this.timer = setInterval(() => {
      const u = sample();
      if (u >= idleBelow || this.opts.hold?.()) {
        previous = undefined;
        return;
      }
      // NOTE: two idle looks in a row: a sender that stalls for a moment (its GC, the scheduler) is not a slow line.
      if (previous === undefined) {
        previous = u;
        return;
      }
      const busy = Math.max(u, previous);
      previous = undefined;
      // As many as would bring the busy share up to the threshold if each added as much as one does now.
      const want = Math.ceil((this.current * idleBelow) / Math.max(busy, 0.01));
      const add = Math.min(this.max, Math.max(this.current + 1, want)) - this.current;
      this.current += add;
      if (this.current >= this.max) this.stop();
      this.grow(add);
    }, this.opts.everyMs ?? RAMP_MS);
    this.timer.unref();
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
  }
}

/** The main thread's event-loop utilisation since the previous call. */
function eventLoopSampler(): () => number {
  let last: EventLoopUtilization = performance.eventLoopUtilization();
  return () => {
    const now = performance.eventLoopUtilization();
    const u = performance.eventLoopUtilization(now, last).utilization;
    last = now;
    return u;
  };
}
