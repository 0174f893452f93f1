// A blob being downloaded: the preallocated sparse `blobs/<etag>.ls-<id>.incomplete` plus its
// `….incomplete.json` block map (a CRC-32 per finished block, and how far unfinished ones got), found again
// and re-checked after a restart; and how the missing blocks are grouped into ranged requests. Content is
// verified elsewhere (verify.ts).
// NOTE: never the bare `<etag>.incomplete`: huggingface_hub <1.18 would take our preallocated size for "done".
// NOTE: block checks are CRC-32, not SHA-256 as in Draw Things: they only catch blocks a crash lost (the
// whole file is checked against its SHA-256 / git SHA-1 before it is published), and a second SHA-256
// pass cost a third of the unthrottled throughput (docs/bench-download.md).
import { randomBytes } from 'node:crypto';
import { mkdir, open, readFile, readdir, rename, rm, writeFile, type FileHandle } from 'node:fs/promises';
import path from 'node:path';
import { crc32 } from 'node:zlib';
import { throwIfAborted } from '../../src-shared/errors.js';

const MAP_VERSION = 2;
const MIB = 1 << 20;
/** Longest ranged request: long enough that per-request costs vanish, short enough to balance connections. */
const MAX_SPAN = 8 * MIB;
/** Written bytes after which a background fdatasync starts, so the one before publishing finds little to do. */
const SYNC_EVERY = 64 * MIB;

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
  blocks: (string | null)[];
  /** Unfinished blocks: bytes already written from the block's start, and the CRC-32 of those bytes. */
  partial?: Record<string, [number, string]>;
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
  /** CRC-32 (hex) of each finished block, for the map. */
  private readonly hashes = new Map<number, string>();
  /** Running CRC-32 of blocks being written this run. */
  private readonly running = new Map<number, number>();
  private unsynced = 0;
  private syncing?: Promise<void>;
  private saveTimer?: NodeJS.Timeout;
  private saving: Promise<void> = Promise.resolve();
  private closed = false;

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
    for (const b of this.blocks) if (!b.done) return b.start + b.written;
    return this.size;
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
    const buf = Buffer.allocUnsafe(MIB);
    try {
      // Re-check on restart: bytes the map names but the disk lost (a crash before write-back) are fetched again.
      for (const b of p.blocks) {
        throwIfAborted(signal, 'download');
        const want = map.blocks[b.index];
        if (typeof want === 'string') {
          b.done = (await crcRange(p.fh, b.start, b.end, buf)) === want;
          if (b.done) p.hashes.set(b.index, want);
          continue;
        }
        const part = map.partial?.[String(b.index)];
        if (!Array.isArray(part) || !Number.isSafeInteger(part[0]) || part[0] <= 0 || part[0] >= b.end - b.start) continue;
        if ((await crcRange(p.fh, b.start, b.start + part[0], buf)) !== part[1]) continue;
        b.written = part[0];
        p.running.set(b.index, Number.parseInt(part[1], 16));
      }
    } catch (err) {
      await p.fh.close();
      throw err;
    }
    return p;
  }

  /**
   * Accounts for bytes just written at `pos`: each block's running CRC-32 and `written`; the map follows
   * (written soon after, batched). Writes into a block must continue where it stands.
   */
  record(pos: number, bufs: readonly Buffer[]): void {
    this.syncSoon(bufs.reduce((n, b) => n + b.length, 0));
    this.scheduleSave(); // progress inside unfinished blocks counts too (slow lines, big blocks)
    let p = pos;
    for (const buf of bufs) {
      let off = 0;
      while (off < buf.length) {
        const b = this.blocks[Math.floor(p / this.blockSize)];
        const n = Math.min(buf.length - off, b.end - p);
        if (!b.done) {
          if (p !== b.start + b.written) throw new Error(`BUG: write at ${p} is not contiguous with block ${b.index}`);
          const crc = crc32(buf.subarray(off, off + n), this.running.get(b.index) ?? 0);
          b.written += n;
          if (b.written === b.end - b.start) {
            this.running.delete(b.index);
            this.markDone(b, crcHex(crc));
          } else this.running.set(b.index, crc);
        }
        p += n;
        off += n;
      }
    }
  }

  private syncSoon(written: number): void {
    this.unsynced += written;
    if (!this.mapped || this.syncing || this.closed || this.unsynced < SYNC_EVERY) return;
    this.unsynced = 0;
    this.syncing = this.fh.datasync().then(
      () => {
        this.syncing = undefined;
      },
      () => {
        // NOTE: a failed early flush loses nothing: publish() syncs again and reports that failure.
        this.syncing = undefined;
      },
    );
  }

  /** Forgets this run's progress on every block (a whole-file restart). */
  restart(): void {
    for (const b of this.blocks) Object.assign(b, { done: false, written: 0 });
    this.running.clear();
    this.hashes.clear();
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

  private markDone(block: Block, crcHexValue: string): void {
    block.done = true;
    block.written = block.end - block.start;
    this.hashes.set(block.index, crcHexValue);
  }

  private scheduleSave(): void {
    if (!this.mapped || this.saveTimer || this.closed) return;
    this.saveTimer = setTimeout(() => {
      this.saveTimer = undefined;
      void this.saveNow();
    }, 250);
  }

  /** Writes the map atomically (temp + rename). Finished blocks it names are re-hashed on restart anyway. */
  saveNow(): Promise<void> {
    if (!this.mapped) return Promise.resolve();
    this.saving = this.saving.then(async () => {
      const json: BlockMapJson = {
        version: MAP_VERSION,
        key: this.key,
        size: this.size,
        blockSize: this.blockSize,
        blocks: this.blocks.map((b) => (b.done ? this.hashes.get(b.index) ?? null : null)),
        partial: Object.fromEntries([...this.running].map(([i, crc]) => [String(i), [this.blocks[i].written, crcHex(crc)]])),
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
    if (this.saveTimer) clearTimeout(this.saveTimer);
    this.saveTimer = undefined;
    if (this.mapped) await this.saveNow();
    await this.syncing;
    this.closed = true;
    await this.fh.close();
  }

  /** Verified: fsync, close, and rename into place as the final blob. The map goes. */
  async publish(dest: string): Promise<void> {
    if (this.saveTimer) clearTimeout(this.saveTimer);
    this.saveTimer = undefined;
    await this.saving;
    await this.syncing;
    this.closed = true;
    await this.fh.sync();
    await this.fh.close();
    await rename(this.file, dest);
    await rm(this.mapFile, { force: true });
  }

  /** Throws everything away (a hash mismatch: nothing of it can be trusted). */
  async discard(): Promise<void> {
    if (this.saveTimer) clearTimeout(this.saveTimer);
    this.saveTimer = undefined;
    await this.saving;
    await this.syncing;
    if (!this.closed) {
      this.closed = true;
      await this.fh.close();
    }
    await rm(this.file, { force: true });
    await rm(this.mapFile, { force: true });
  }
}

async function removeAll(dir: string, names: string[]): Promise<void> {
  for (const n of names) await rm(path.join(dir, n), { force: true });
}

const crcHex = (crc: number) => (crc >>> 0).toString(16).padStart(8, '0');

/** CRC-32 (hex) of one byte range of an open file. */
async function crcRange(fh: FileHandle, start: number, end: number, buf: Buffer): Promise<string> {
  let crc = 0;
  let pos = start;
  while (pos < end) {
    const { bytesRead } = await fh.read(buf, 0, Math.min(buf.length, end - pos), pos);
    if (bytesRead === 0) break;
    crc = crc32(buf.subarray(0, bytesRead), crc);
    pos += bytesRead;
  }
  return crcHex(crc);
}
