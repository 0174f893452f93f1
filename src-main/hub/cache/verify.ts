// Content checks: LFS files by SHA-256, regular files by git blob SHA-1 (sha1("blob <len>\0" + bytes),
// what `git hash-object` prints). Also the in-order hasher that follows a file being written out of order.
import { createHash, type Hash } from 'node:crypto';
import { open, type FileHandle } from 'node:fs/promises';
import { throwIfAborted } from '../../../src-shared/errors.js';

export type HashAlgo = 'sha256' | 'git-sha1';

const READ_CHUNK = 1 << 20;

export function createContentHash(algo: HashAlgo, size: number): Hash {
  if (algo === 'sha256') return createHash('sha256');
  const h = createHash('sha1');
  h.update(`blob ${size}\0`);
  return h;
}

/** Which hash an etag is: 64 hex = SHA-256 (LFS/Xet), 40 hex = git blob SHA-1; anything else is no hash. */
export function algoOfEtag(etag: string | undefined): HashAlgo | undefined {
  if (!etag) return undefined;
  if (/^[0-9a-f]{64}$/.test(etag)) return 'sha256';
  if (/^[0-9a-f]{40}$/.test(etag)) return 'git-sha1';
  return undefined;
}

/** huggingface_hub's etag normalisation: drop a leading W/ and the quotes, lower-case hex. */
export function normaliseEtag(raw: string | undefined): string | undefined {
  if (!raw) return undefined;
  const v = raw.trim().replace(/^W\//, '').replace(/^"+|"+$/g, '');
  return v ? (/^[0-9a-fA-F]+$/.test(v) ? v.toLowerCase() : v) : undefined;
}

/** Hashes a whole file from disk. */
export async function hashFile(file: string, algo: HashAlgo, signal?: AbortSignal): Promise<{ hex: string; size: number }> {
  const fh = await open(file, 'r');
  try {
    const { size } = await fh.stat();
    const h = createContentHash(algo, size);
    const buf = Buffer.allocUnsafe(READ_CHUNK);
    let pos = 0;
    while (pos < size) {
      throwIfAborted(signal, 'verification');
      const { bytesRead } = await fh.read(buf, 0, Math.min(READ_CHUNK, size - pos), pos);
      if (bytesRead === 0) break;
      h.update(buf.subarray(0, bytesRead));
      pos += bytesRead;
    }
    return { hex: h.digest('hex'), size: pos };
  } finally {
    await fh.close();
  }
}

/**
 * Hashes a file front to back while it is still being written in parallel blocks: callers say how far
 * the bytes on disk are contiguous (`advance`), and this reads them back (from the page cache) in order.
 * Several algorithms at once when a file must be both checked (SHA-256) and named (git SHA-1).
 */
export class PrefixHasher {
  private readonly hashes: Map<HashAlgo, Hash>;
  private pos = 0;
  private target = 0;
  private pump?: Promise<void>;
  private failure?: unknown;
  private readonly buf = Buffer.allocUnsafe(READ_CHUNK);

  constructor(private readonly fh: FileHandle, algos: readonly HashAlgo[], private readonly size: number) {
    this.hashes = new Map(algos.map((a) => [a, createContentHash(a, size)]));
  }

  get position(): number {
    return this.pos;
  }

  /** Bytes [0, end) are final on disk: hash them in the background. */
  advance(end: number): void {
    if (end <= this.target) return;
    this.target = Math.min(end, this.size);
    if (!this.pump) this.pump = this.run();
  }

  private async run(): Promise<void> {
    try {
      while (this.pos < this.target) {
        const n = Math.min(this.buf.length, this.target - this.pos);
        const { bytesRead } = await this.fh.read(this.buf, 0, n, this.pos);
        if (bytesRead === 0) throw new Error(`unexpected end of partial file at byte ${this.pos}`);
        const chunk = this.buf.subarray(0, bytesRead);
        for (const h of this.hashes.values()) h.update(chunk);
        this.pos += bytesRead;
      }
    } catch (err) {
      this.failure = err;
    } finally {
      this.pump = undefined;
    }
  }

  /** Waits for the whole file to be hashed and returns the hex digest of each algorithm. */
  async digest(): Promise<Partial<Record<HashAlgo, string>>> {
    this.advance(this.size);
    while (this.pump) await this.pump;
    if (this.failure) throw this.failure;
    if (this.pos !== this.size) throw new Error(`hashed ${this.pos} of ${this.size} bytes`);
    const out: Partial<Record<HashAlgo, string>> = {};
    for (const [a, h] of this.hashes) out[a] = h.digest('hex');
    return out;
  }

  /** Waits for pending reads (before the file handle is closed). */
  async settle(): Promise<void> {
    while (this.pump) await this.pump;
  }
}
