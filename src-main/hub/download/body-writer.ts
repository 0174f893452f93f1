// Writes a body that arrives in a reused read buffer (direct-get.ts) at its offsets in the partial file.
// While the disk keeps up, each chunk is written synchronously: the kernel copies it straight from the read
// buffer into the page cache, the cheapest path there is (a 384 MiB download costs 0.2 CPU-s less than
// going through the thread pool). When one write holds the event loop (Electron's main process, in the
// app) for longer than `slowMs` — a disk that makes writers wait — every writer sharing the `disk` state
// switches to staging: chunks are copied into recycled 1 MiB buffers that the thread pool writes in order.
// Staging costs more CPU and time than writing in line (up to 2x the wall time of a fast pull on a 2-core
// VM, docs/bench-download.md), so it lasts only while the disk is slow: after `quickRun` staged writes in a
// row that each took under `quickMs`, the writers go back to writing in line, each once its own staged
// bytes are on disk (so that `onWritten` stays in file order).
import { write, writeSync } from 'node:fs';
import type { FileHandle } from 'node:fs/promises';
import { performance } from 'node:perf_hooks';

const STAGE = 1 << 20;
/** A write that holds the event loop this long means the disk makes writers wait. */
const SLOW_WRITE_MS = 100;
/** A staged write of up to 1 MiB this quick means it no longer does… */
const QUICK_WRITE_MS = 10;
/** …once this many in a row are. */
const QUICK_RUN = 8;

/** Shared by the writers of one file. */
export interface DiskState {
  /** Writes are staged on the thread pool. */
  slow: boolean;
  /** Staged writes in a row that were quick (while slow). */
  quick?: number;
}

export interface BodyWriterOptions {
  slowMs?: number;
  quickMs?: number;
  quickRun?: number;
  /** Staged bytes waiting for the disk above which the reader should pause (default 4 MiB). */
  backlogLimit?: number;
}

export class BodyWriter {
  /** File offset of the next byte pushed. */
  private pos: number;
  private stage?: Buffer;
  /** Bytes in `stage`, which holds [pos - fill, pos). */
  private fill = 0;
  private chain: Promise<void> = Promise.resolve();
  private readonly spare: Buffer[] = [];
  private failure?: unknown;
  private drained?: () => void;
  /** Bytes staged (copied, in `stage` or queued) but not yet written. */
  private backlog = 0;

  /** `onWritten(pos, length)` runs after each write, in file order. */
  constructor(
    private readonly fh: FileHandle,
    start: number,
    private readonly disk: DiskState,
    private readonly onWritten: (pos: number, length: number) => void,
    private readonly opts: BodyWriterOptions = {},
  ) {
    this.pos = start;
  }

  /** Writes or stages `chunk` (valid only during the call); throws the first write error. */
  push(chunk: Buffer): void {
    if (this.failure) throw this.failure;
    if (this.disk.slow || this.backlog > 0) {
      this.stageChunk(chunk);
      return;
    }
    const t0 = performance.now();
    for (let done = 0; done < chunk.length; ) done += writeSync(this.fh.fd, chunk, done, chunk.length - done, this.pos + done);
    if (performance.now() - t0 > (this.opts.slowMs ?? SLOW_WRITE_MS)) {
      this.disk.slow = true;
      this.disk.quick = 0;
    }
    const at = this.pos;
    this.pos += chunk.length;
    this.onWritten(at, chunk.length);
  }

  private stageChunk(chunk: Buffer): void {
    for (let off = 0; off < chunk.length; ) {
      this.stage ??= this.spare.pop() ?? Buffer.allocUnsafe(STAGE);
      const n = chunk.copy(this.stage, this.fill, off);
      this.fill += n;
      this.pos += n;
      off += n;
      this.backlog += n;
      if (this.fill === STAGE) this.flush();
    }
    // The disk is quick again: hand over what is staged as soon as the pool is free, so that the backlog
    // empties and writes go in line again.
    if (!this.disk.slow && this.poolIdle()) this.flush();
  }

  /** No stage is waiting for the thread pool (all that is staged sits in `stage`). */
  private poolIdle(): boolean {
    return this.backlog === this.fill;
  }

  /** Too much waits for the disk: the reader should pause until `resume` is called. */
  full(resume: () => void): boolean {
    if (this.backlog < (this.opts.backlogLimit ?? 4 * STAGE)) return false;
    this.drained = resume;
    return true;
  }

  private flush(): void {
    if (!this.stage || this.fill === 0) return;
    const buf = this.stage;
    const len = this.fill;
    const pos = this.pos - len;
    this.stage = undefined;
    this.fill = 0;
    this.chain = this.chain.then(async () => {
      if (this.failure) return;
      try {
        const t0 = performance.now();
        for (let done = 0; done < len; ) done += await writeAt(this.fh.fd, buf, done, len - done, pos + done);
        this.noteStaged(performance.now() - t0);
        this.onWritten(pos, len);
      } catch (err) {
        this.failure = err;
      } finally {
        this.backlog -= len;
        this.spare.push(buf);
        if (!this.disk.slow && this.poolIdle() && !this.failure) this.flush();
        if (this.drained && (this.backlog < (this.opts.backlogLimit ?? 4 * STAGE) / 2 || this.failure)) {
          const go = this.drained;
          this.drained = undefined;
          go();
        }
      }
    });
  }

  /** Counts quick staged writes; enough in a row end the slow state. */
  private noteStaged(ms: number): void {
    if (!this.disk.slow) return;
    if (ms >= (this.opts.quickMs ?? QUICK_WRITE_MS)) {
      this.disk.quick = 0;
      return;
    }
    this.disk.quick = (this.disk.quick ?? 0) + 1;
    if (this.disk.quick >= (this.opts.quickRun ?? QUICK_RUN)) this.disk.slow = false;
  }

  /** Writes what is staged and waits for every write; throws the first write error. */
  async finish(): Promise<void> {
    this.flush();
    await this.chain;
    if (this.failure) throw this.failure;
  }
}

function writeAt(fd: number, buf: Buffer, offset: number, length: number, position: number): Promise<number> {
  return new Promise((resolve, reject) => write(fd, buf, offset, length, position, (err, n) => (err ? reject(err) : resolve(n))));
}
