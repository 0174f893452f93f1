// The whole-file hash of a large download on its own thread: it reads the partial back (from the page
// cache) as far as the bytes are contiguous, so SHA-256 runs beside the network instead of after it.
// Same interface as PrefixHasher (verify.ts), which small files and Worker-less hosts keep using.
// NOTE: the worker is plain JavaScript passed with `eval: true`, so it runs the same under tsx, in the
// built app and in Electron's main process (a .ts worker file would need the loader in every thread).
import { Worker } from 'node:worker_threads';
import type { HashAlgo } from '../cache/verify.js';

const WORKER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
const { createHash } = require('node:crypto');
const { openSync, readSync, closeSync } = require('node:fs');
const { file, algos, size } = workerData;
const hashes = algos.map((a) => {
  const h = createHash(a === 'sha256' ? 'sha256' : 'sha1');
  if (a === 'git-sha1') h.update('blob ' + size + '\\0');
  return h;
});
const fd = openSync(file, 'r');
const buf = Buffer.allocUnsafe(4 << 20);
let pos = 0;
function hashTo(end) {
  while (pos < end) {
    const n = readSync(fd, buf, 0, Math.min(buf.length, end - pos), pos);
    if (n === 0) throw new Error('unexpected end of partial file at byte ' + pos);
    const chunk = buf.subarray(0, n);
    for (const h of hashes) h.update(chunk);
    pos += n;
  }
}
parentPort.on('message', (m) => {
  try {
    if (m.end !== undefined) hashTo(Math.min(m.end, size));
    if (m.digest) {
      hashTo(size);
      parentPort.postMessage({ digests: algos.map((a, i) => [a, hashes[i].digest('hex')]) });
    }
    if (m.close) {
      closeSync(fd);
      parentPort.close();
    }
  } catch (err) {
    parentPort.postMessage({ error: String(err && err.message || err) });
  }
});
`;

/** Hashes `file` front to back on a worker thread as `advance` says how far its bytes are final. */
export class ThreadHasher {
  private readonly worker: Worker;
  private target = 0;
  private failure?: Error;
  private result?: { resolve: (d: Partial<Record<HashAlgo, string>>) => void; reject: (e: Error) => void };
  private readonly exited: Promise<void>;

  constructor(file: string, algos: readonly HashAlgo[], private readonly size: number) {
    this.worker = new Worker(WORKER_SOURCE, { eval: true, workerData: { file, algos: [...algos], size } });
    this.worker.on('message', (m: { digests?: [HashAlgo, string][]; error?: string }) => {
      if (m.error) this.fail(new Error(`hashing failed: ${m.error}`));
      else if (m.digests) this.result?.resolve(Object.fromEntries(m.digests));
    });
    this.worker.on('error', (err) => this.fail(err));
    this.exited = new Promise((resolve) => this.worker.once('exit', () => resolve()));
  }

  private fail(err: Error): void {
    this.failure ??= err;
    this.result?.reject(err);
  }

  /** Bytes [0, end) are final on disk. */
  advance(end: number): void {
    if (end <= this.target || this.failure) return;
    this.target = Math.min(end, this.size);
    this.worker.postMessage({ end: this.target });
  }

  /** The hex digest of each algorithm over the whole file; the worker then ends. */
  async digest(): Promise<Partial<Record<HashAlgo, string>>> {
    try {
      if (this.failure) throw this.failure;
      return await new Promise((resolve, reject) => {
        this.result = { resolve, reject };
        this.worker.postMessage({ digest: true });
      });
    } finally {
      await this.settle();
    }
  }

  /** Stops the worker and closes its file handle (before the partial is moved or removed). */
  async settle(): Promise<void> {
    this.worker.postMessage({ close: true });
    const timer = setTimeout(() => void this.worker.terminate(), 5000);
    await this.exited;
    clearTimeout(timer);
  }
}
