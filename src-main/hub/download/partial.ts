// A blob being downloaded: the preallocated sparse `blobs/<etag>.ls-<id>.incomplete` plus its
// `….incomplete.json` block map (which blocks are finished, and how far unfinished ones got), found again
// after a restart; and how the missing blocks are grouped into ranged requests. Content is verified
// elsewhere (verify.ts).
// NOTE: never the bare `<etag>.incomplete`: huggingface_hub <1.18 would take our preallocated size for "done".
// NOTE: the map only names bytes an fdatasync has made durable (one runs every 64 MiB or second of writing),
// so after a crash or power loss it never claims bytes the disk lost, and a resume trusts it without reading
// the partial back. Earlier versions kept a CRC-32 per block instead; computing it cost 0.2 CPU-s per
// 384 MiB and re-checking it meant reading every finished byte again on resume (docs/bench-download.md).
// The whole file is still checked against its SHA-256 / git SHA-1 before it is published.
import { randomBytes } from 'node:crypto';
import { mkdir, open, readFile, readdir, rename, rm, writeFile, type FileHandle } from 'node:fs/promises';
import path from 'node:path';
import { BugError, throwIfAborted } from '../../../src-shared/errors.js';

const MAP_VERSION = 3;
const MIB = 1 << 20;
/** Longest ranged request: long enough that per-request costs vanish, short enough to balance connections. */
const MAX_SPAN = 8 * MIB;
/** Written bytes after which a background fdatasync starts (so the one before publishing finds little to do)… */
const SYNC_EVERY = 64 * MIB;
/** …or milliseconds, on slow lines, so the map can name recent progress. */
const SYNC_AFTER_MS = 1000;

export interface Block {
  index: number;
  start: number;
  /** Exclusive. */
  end: number;
  done: boolean;
  /** Bytes of this block already on disk, contiguous from `start` (this run only). */
  written: number;
}

interface BlockMapJson {
  version: number;
  key: string;
  size: number;
  blockSize: number;
  /** Finished blocks (durable on disk). */
  blocks: boolean[];
  /** Unfinished blocks: bytes durable on disk from the block's start. */
  partial?: Record<string, number>;
  /** The strong ETag of the object at the URL last used, for If-Range. */
  validator?: { origin: string; etag: string };
  updatedAt: string;
}

/** Draw Things' block sizes: 1/2/4/8 MiB for files under 128 MiB / 1 GiB / 8 GiB / larger. */
export function defaultBlockSize(size: number): number {
  if (size < 128 * MIB) return MIB;
  if (size < 1024 * MIB) return 2 * MIB;
  if (size < 8192 * MIB) return 4 * MIB;
  return 8 * MIB;
}

export class PartialBlob {
  readonly blocks: Block[];
  validator?: { origin: string; etag: string };
  /** Each block's progress as of the last completed fdatasync (-1: finished): what the map may claim. */
  private durable: number[];
  private unsynced = 0;
  private lastSyncAt = Date.now();
  /** Blocks before this index are finished (contiguousEnd's cursor; reset by restart()). */
  private firstOpen = 0;
  private syncTimer?: NodeJS.Timeout;
  private syncing?: Promise<void>;
  private saveTimer?: NodeJS.Timeout;
  private saving: Promise<void> = Promise.resolve();
  /** The fsync started by flushEarly(): true once it succeeded with nothing written since. */
  private flushing?: Promise<boolean>;
  /** The file handle is closed. */
  private closed = false;
  /** No more background syncs or map writes (closing). */
  private stopped = false;

  private constructor(
    readonly file: string,
    readonly fh: FileHandle,
    readonly key: string,
    readonly size: number,
    readonly blockSize: number,
    /** Keep a block map (resumable across processes). */
    private readonly mapped: boolean,
  ) {
    this.blocks = [];
    const count = Math.max(1, Math.ceil(size / blockSize));
    for (let i = 0; i < count; i++) {
      const start = i * blockSize;
      this.blocks.push({ index: i, start, end: Math.min(size, start + blockSize), done: false, written: 0 });
    }
    this.durable = this.progress();
  }

  /** Each block's progress now: -1 when finished, else bytes written from its start. */
  private progress(): number[] {
    return this.blocks.map((b) => (b.done ? -1 : b.written));
  }

  get mapFile(): string {
    return `${this.file}.json`;
  }

  /** Bytes in blocks already finished (resumed or done this run). */
  get doneBytes(): number {
    return this.blocks.reduce((n, b) => n + (b.done ? b.end - b.start : b.written), 0);
  }

  /** End of the bytes that are contiguous on disk from 0 (for the in-order whole-file hash). */
  contiguousEnd(): number {
    while (this.firstOpen < this.blocks.length && this.blocks[this.firstOpen].done) this.firstOpen++;
    const b = this.blocks[this.firstOpen];
    return b ? b.start + b.written : this.size;
  }

  /**
   * Opens the partial for `key` (the blob's etag) in `blobsDir`: an earlier one with a matching map is
   * reused after re-hashing its finished blocks; stale ones are removed; else a new sparse file.
   */
  static async open(blobsDir: string, key: string, size: number, blockSize: number, opts: { resumable: boolean; signal?: AbortSignal }): Promise<PartialBlob> {
    const prefix = `${key}.ls-`;
    let names: string[] = [];
    try {
      names = (await readdir(blobsDir)).filter((n) => n.startsWith(prefix));
    } catch {
      // NOTE: no blobs/ folder yet: nothing to resume.
    }
    const datas = names.filter((n) => n.endsWith('.incomplete'));
    for (const name of datas) {
      const file = path.join(blobsDir, name);
      const reused = opts.resumable ? await PartialBlob.tryResume(file, key, size, blockSize, opts.signal) : undefined;
      if (reused) {
        await removeAll(blobsDir, names.filter((n) => n !== name && n !== `${name}.json`));
        return reused;
      }
    }
    await removeAll(blobsDir, names);
    await mkdir(blobsDir, { recursive: true });
    const file = path.join(blobsDir, `${key}.ls-${randomBytes(4).toString('hex')}.incomplete`);
    const fh = await open(file, 'w+');
    try {
      await fh.truncate(size); // sparse preallocation: no bytes written yet
    } catch (err) {
      await fh.close();
      await rm(file, { force: true });
      throw err;
    }
    const p = new PartialBlob(file, fh, key, size, blockSize, opts.resumable);
    if (opts.resumable) await p.saveNow();
    return p;
  }

  private static async tryResume(file: string, key: string, size: number, blockSize: number, signal?: AbortSignal): Promise<PartialBlob | undefined> {
    let map: BlockMapJson;
    try {
      map = JSON.parse(await readFile(`${file}.json`, 'utf8')) as BlockMapJson;
    } catch {
      return undefined;
    }
    if (map.version !== MAP_VERSION || map.key !== key || map.size !== size || map.blockSize !== blockSize || !Array.isArray(map.blocks)) return undefined;
    const p = new PartialBlob(file, await open(file, 'r+'), key, size, blockSize, true);
    if (map.blocks.length !== p.blocks.length) {
      await p.fh.close();
      return undefined;
    }
    const st = await p.fh.stat();
    if (st.size !== size) await p.fh.truncate(size);
    p.validator = map.validator;
    // The map only ever names durable bytes (see the note at the top): trusted without reading them back.
    for (const b of p.blocks) {
      throwIfAborted(signal, 'download');
      if (map.blocks[b.index] === true) {
        b.done = true;
        b.written = b.end - b.start;
        continue;
      }
      const part = map.partial?.[String(b.index)];
      if (Number.isSafeInteger(part) && part! > 0 && part! < b.end - b.start) b.written = part!;
    }
    p.durable = p.progress();
    return p;
  }

  /**
   * Accounts for bytes just written at `pos`: each block's `written` and `done`; a background fdatasync and
   * the map follow (batched). Writes into a block must continue where it stands.
   */
  record(pos: number, length: number): void {
    if (this.flushing) this.flushing = this.flushing.then(() => false); // written since: publish() syncs again
    for (let p = pos, left = length; left > 0; ) {
      const b = this.blocks[Math.floor(p / this.blockSize)];
      const n = Math.min(left, b.end - p);
      if (!b.done) {
        if (p !== b.start + b.written) throw new BugError(`write at ${p} is not contiguous with block ${b.index}`);
        b.written += n;
        if (b.written === b.end - b.start) b.done = true;
      }
      p += n;
      left -= n;
    }
    this.syncSoon(length);
  }

  /**
   * A background fdatasync once 64 MiB are written, or a second after the last one while anything is
   * unsynced; when it completes, the map may claim the bytes it covered.
   */
  private syncSoon(written: number): void {
    this.unsynced += written;
    if (!this.mapped || this.stopped || this.syncing || this.unsynced === 0) return; // a running sync looks again when done
    const wait = this.unsynced >= SYNC_EVERY ? 0 : SYNC_AFTER_MS - (Date.now() - this.lastSyncAt);
    if (wait > 0) {
      this.syncTimer ??= setTimeout(() => {
        this.syncTimer = undefined;
        this.syncSoon(0);
      }, wait).unref();
      return;
    }
    this.stopSyncTimer();
    this.unsynced = 0;
    const covered = this.progress();
    this.syncing = this.fh.datasync().then(
      () => {
        this.syncing = undefined;
        this.lastSyncAt = Date.now();
        this.durable = covered;
        this.scheduleSave();
        this.syncSoon(0);
      },
      () => {
        // NOTE: a failed early flush loses nothing: the map keeps its older claims, and publish() syncs again.
        this.syncing = undefined;
      },
    );
  }

  private stopSyncTimer(): void {
    if (this.syncTimer) clearTimeout(this.syncTimer);
    this.syncTimer = undefined;
  }

  /** Forgets this run's progress on every block (a whole-file restart). */
  restart(): void {
    for (const b of this.blocks) Object.assign(b, { done: false, written: 0 });
    this.firstOpen = 0;
    this.durable = this.progress();
  }

  /**
   * The missing blocks grouped into runs of neighbours, each fetched with one ranged request: about
   * `connections` runs of up to 8 MiB per round, so every connection streams a long range instead of paying
   * a request per block, and the connections finish together.
   */
  pendingSpans(connections: number): Block[][] {
    const pending = this.blocks.filter((b) => !b.done);
    if (pending.length === 0) return [];
    const bytes = pending.reduce((n, b) => n + (b.end - b.start), 0);
    const rounds = Math.max(1, Math.ceil(bytes / (connections * MAX_SPAN)));
    const perSpan = Math.max(1, Math.ceil(pending.length / (connections * rounds)));
    const spans: Block[][] = [];
    let run: Block[] = [];
    for (const b of pending) {
      const last = run[run.length - 1];
      if (run.length === perSpan || (last && last.index + 1 !== b.index)) {
        spans.push(run);
        run = [];
      }
      run.push(b);
    }
    spans.push(run);
    return spans;
  }

  private scheduleSave(): void {
    if (!this.mapped || this.saveTimer || this.stopped) return;
    this.saveTimer = setTimeout(() => {
      this.saveTimer = undefined;
      void this.saveNow();
    }, 250);
  }

  /** Writes the map atomically (temp + rename), naming only what the last completed fdatasync covered. */
  saveNow(): Promise<void> {
    if (!this.mapped) return Promise.resolve();
    this.saving = this.saving.then(async () => {
      const json: BlockMapJson = {
        version: MAP_VERSION,
        key: this.key,
        size: this.size,
        blockSize: this.blockSize,
        blocks: this.durable.map((w) => w === -1),
        partial: Object.fromEntries(this.durable.flatMap((w, i) => (w > 0 ? [[String(i), w]] : []))),
        validator: this.validator,
        updatedAt: new Date().toISOString(),
      };
      const tmp = `${this.mapFile}.${randomBytes(3).toString('hex')}.tmp`;
      try {
        await writeFile(tmp, JSON.stringify(json));
        await rename(tmp, this.mapFile);
      } catch {
        // NOTE: a lost map write only costs re-downloading the blocks it would have recorded.
        await rm(tmp, { force: true });
      }
    });
    return this.saving;
  }

  /** Keeps the partial for a later run: flush the map, close the file. */
  async suspend(): Promise<void> {
    if (this.closed) return;
    await this.quiet();
    if (this.mapped) {
      try {
        await this.fh.datasync();
        this.durable = this.progress();
      } catch {
        // NOTE: the map keeps its older claims; the bytes after them are fetched again next time.
      }
      await this.saveNow();
    }
    this.closed = true;
    await this.fh.close();
  }

  /**
   * Every byte is written: start the fsync that publish() needs now, so that it runs while the hash
   * finishes instead of after it.
   */
  flushEarly(): void {
    if (this.closed || this.flushing) return;
    // NOTE: a failure here is not reported: publish() then syncs again, and that one throws.
    this.flushing = this.fh.sync().then(
      () => true,
      () => false,
    );
  }

  /** Verified: fsync (unless flushEarly's covered every byte), close, and rename into place as the final blob. The map goes. */
  async publish(dest: string): Promise<void> {
    await this.quiet();
    this.closed = true;
    if (!(await this.flushing)) await this.fh.sync();
    await this.fh.close();
    await rename(this.file, dest);
    await rm(this.mapFile, { force: true });
  }

  /** Throws everything away (a hash mismatch: nothing of it can be trusted). */
  async discard(): Promise<void> {
    await this.quiet();
    if (!this.closed) {
      this.closed = true;
      await this.fh.close();
    }
    await rm(this.file, { force: true });
    await rm(this.mapFile, { force: true });
  }

  /** Stops background syncs and map writes, and waits for those in flight. */
  private async quiet(): Promise<void> {
    this.stopped = true;
    if (this.saveTimer) clearTimeout(this.saveTimer);
    this.saveTimer = undefined;
    this.stopSyncTimer();
    await this.saving;
    await this.syncing;
    await this.flushing;
  }
}

async function removeAll(dir: string, names: string[]): Promise<void> {
  for (const n of names) await rm(path.join(dir, n), { force: true });
}
