// Progress bookkeeping for a pull: bytes done per file and in total, speed over a sliding window,
// ETA, and throttled events (state changes go out at once, byte counts at most every interval).
import type { FileProgress, FileState, PullPhase, PullProgress } from '../types.js';

const WINDOW_MS = 4000;

/** Bytes-per-second over the last few seconds of samples. */
class SpeedMeter {
  private samples: { t: number; bytes: number }[] = [];

  add(t: number, bytes: number): void {
    const last = this.samples[this.samples.length - 1];
    if (last && t - last.t < 50) last.bytes = bytes;
    else this.samples.push({ t, bytes });
    while (this.samples.length > 2 && t - this.samples[0].t > WINDOW_MS) this.samples.shift();
  }

  speed(now: number): number {
    const first = this.samples[0];
    const last = this.samples[this.samples.length - 1];
    if (!first || !last || last === first) return 0;
    const dt = (Math.max(now, last.t) - first.t) / 1000;
    return dt > 0 ? (last.bytes - first.bytes) / dt : 0;
  }
}

interface FileEntry {
  path: string;
  state: FileState;
  bytes: number;
  totalBytes: number;
  /** Bytes moved over the network this run (speed counts only these). */
  transferred: number;
  meter: SpeedMeter;
}

function eta(remaining: number, speed: number): number | null {
  if (remaining <= 0) return 0;
  return speed > 0 ? remaining / speed : null;
}

export class ProgressTracker {
  private readonly files = new Map<string, FileEntry>();
  private readonly total = new SpeedMeter();
  private currentPhase: PullPhase = 'endpoints';
  private transferredAll = 0;
  private lastEmit = 0;
  private endpoint?: string;

  constructor(private readonly onProgress?: (e: PullProgress) => void, private readonly intervalMs = 200, private readonly clock: () => number = Date.now) {}

  /** Bytes moved over the network by this pull. */
  get transferred(): number {
    return this.transferredAll;
  }

  phase(phase: PullPhase, message?: string): void {
    this.currentPhase = phase;
    this.emit(undefined, message);
  }

  addFile(path: string, totalBytes: number, state: FileState = 'queued'): void {
    const done = state === 'cached' || state === 'done';
    this.files.set(path, { path, state, bytes: done ? totalBytes : 0, totalBytes, transferred: 0, meter: new SpeedMeter() });
  }

  setTotal(path: string, totalBytes: number): void {
    const f = this.files.get(path);
    if (f) f.totalBytes = totalBytes;
  }

  setState(path: string, state: FileState): void {
    const f = this.files.get(path);
    if (!f || f.state === state) return;
    f.state = state;
    if (state === 'done' || state === 'cached') f.bytes = f.totalBytes;
    this.emit(f);
  }

  /** Bytes already on disk from an earlier run (count towards done, not towards speed). */
  resumed(path: string, bytes: number): void {
    const f = this.files.get(path);
    if (f) f.bytes = Math.min(f.totalBytes, bytes);
  }

  /** Bytes were lost (a partial thrown away): count them again. */
  reset(path: string): void {
    const f = this.files.get(path);
    if (f) f.bytes = 0;
  }

  advance(path: string, bytes: number): void {
    const f = this.files.get(path);
    if (!f) return;
    const now = this.clock();
    f.bytes += bytes;
    f.transferred += bytes;
    f.meter.add(now, f.transferred);
    this.transferredAll += bytes;
    this.total.add(now, this.transferredAll);
    if (now - this.lastEmit >= this.intervalMs) this.emit(f);
  }

  /** A failover, a retry after a wait, a fallback: said once, in words. */
  note(message: string, endpoint?: string): void {
    if (endpoint) this.endpoint = endpoint;
    this.emit(undefined, message);
  }

  snapshot(file?: FileEntry, message?: string): PullProgress {
    const now = this.clock();
    let bytes = 0;
    let totalBytes = 0;
    let filesDone = 0;
    for (const f of this.files.values()) {
      bytes += f.bytes;
      totalBytes += f.totalBytes;
      if (f.state === 'done' || f.state === 'cached') filesDone++;
    }
    const speed = this.total.speed(now);
    const out: PullProgress = {
      phase: this.currentPhase,
      bytes,
      totalBytes,
      speed,
      eta: eta(totalBytes - bytes, speed),
      filesDone,
      filesTotal: this.files.size,
    };
    if (file) out.file = this.fileProgress(file, now);
    if (this.endpoint) out.endpoint = this.endpoint;
    if (message) out.message = message;
    return out;
  }

  private fileProgress(f: FileEntry, now: number): FileProgress {
    const speed = f.meter.speed(now);
    return { path: f.path, state: f.state, bytes: f.bytes, totalBytes: f.totalBytes, speed, eta: eta(f.totalBytes - f.bytes, speed) };
  }

  private emit(file?: FileEntry, message?: string): void {
    if (!this.onProgress) return;
    this.lastEmit = this.clock();
    try {
      this.onProgress(this.snapshot(file, message));
    } catch {
      // NOTE: a failing progress listener must not break the download; the listener owns its errors.
    }
  }
}
