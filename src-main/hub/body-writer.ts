// Writes a body that arrives in a reused read buffer (direct-get.ts) at its offsets in the partial file.
// While the disk keeps up, each chunk is written synchronously: the kernel copies it straight from the read
// buffer into the page cache, the cheapest path there is (a 384 MiB download costs 0.2 CPU-s less than
// going through the thread pool). Once one write takes longer than `slowMs` — a disk that makes writers
// wait — every writer sharing the `disk` flag switches to staging: chunks are copied into recycled 1 MiB
// buffers that the thread pool writes in order, so the event loop (Electron's main process, in the app)
// is never held up by the disk for longer than that one write.
import { write, writeSync } from 'node:fs';
import type { FileHandle } from 'node:fs/promises';
import { performance } from 'node:perf_hooks';

const STAGE = 1 << 20;
const SLOW_WRITE_MS = 20;

/** Shared by the writers of one file: once slow, always staged. */
export interface DiskState {
  slow: boolean;
}

export class BodyWriter {
  private pos: number;
  private stage?: Buffer;
  private fill = 0;
  /** File offset of the stage's first byte. */
  private stageAt = 0;
  private chain: Promise<void> = Promise.resolve();
  private readonly spare: Buffer[] = [];
  private failure?: unknown;
  private drained?: () => void;
  /** Bytes copied into stages but not yet written. */
  private backlog = 0;

  /** `onWritten(pos, length)` runs after each write, in file order. */
  constructor(
    private readonly fh: FileHandle,
    start: number,
    private readonly disk: DiskState,
    private readonly onWritten: (pos: number, length: number) => void,
    private readonly opts: { slowMs?: number; backlogLimit?: number } = {},
  ) {
    this.pos = start;
  }

  /** Writes or stages `chunk` (valid only during the call); throws the first write error. */
  push(chunk: Buffer): void {
    if (this.failure) throw this.failure;
    if (!this.disk.slow && !this.stage) {
      const t0 = performance.now();
      for (let done = 0; done < chunk.length; ) done += writeSync(this.fh.fd, chunk, done, chunk.length - done, this.pos + done);
      if (performance.now() - t0 > (this.opts.slowMs ?? SLOW_WRITE_MS)) this.disk.slow = true;
      const at = this.pos;
      this.pos += chunk.length;
      this.onWritten(at, chunk.length);
      return;
    }
    if (!this.stage) {
      this.stage = Buffer.allocUnsafe(STAGE);
      this.stageAt = this.pos;
    }
    for (let off = 0; off < chunk.length; ) {
      const n = chunk.copy(this.stage, this.fill, off);
      this.fill += n;
      off += n;
      this.backlog += n;
      if (this.fill === STAGE) this.flush();
    }
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
    const pos = this.stageAt;
    this.stage = this.spare.pop() ?? Buffer.allocUnsafe(STAGE);
    this.fill = 0;
    this.stageAt += len;
    this.pos = this.stageAt;
    this.chain = this.chain.then(async () => {
      if (this.failure) return;
      try {
        for (let done = 0; done < len; ) done += await writeAt(this.fh.fd, buf, done, len - done, pos + done);
        this.onWritten(pos, len);
      } catch (err) {
        this.failure = err;
      } finally {
        this.backlog -= len;
        this.spare.push(buf);
        if (this.drained && (this.backlog < (this.opts.backlogLimit ?? 4 * STAGE) / 2 || this.failure)) {
          const go = this.drained;
          this.drained = undefined;
          go();
        }
      }
    });
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
