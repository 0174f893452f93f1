// One download per blob at a time, across processes (the app, the CLI, a second pull): a lock file in
// `.locks/models--org--name/<etag>.ls.lock`, where huggingface_hub keeps its own locks (ours has its own name:
// theirs are flock()ed files that stay behind). A holder that died (its pid is gone) or stopped refreshing
// the file's mtime (30 s) no longer counts. Waiting ends when the holder releases or the signal fires.
import { hostname } from 'node:os';
import { mkdir, open, readFile, rm, stat, utimes } from 'node:fs/promises';
import path from 'node:path';
import { sleep } from './sleep.js';

const HEARTBEAT_MS = 5_000;
const STALE_MS = 30_000;
const POLL_MS = 250;

interface Holder {
  pid: number;
  host: string;
}

/** `<cache>/models--x/blobs` → `<cache>/.locks/models--x/<key>.ls.lock`. */
export function lockPathFor(blobsDir: string, key: string): string {
  const repoDir = path.dirname(blobsDir);
  return path.join(path.dirname(repoDir), '.locks', path.basename(repoDir), `${key}.ls.lock`);
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM'; // exists, owned by someone else
  }
}

async function isStale(file: string): Promise<boolean> {
  let mtime: number;
  try {
    mtime = (await stat(file)).mtimeMs;
  } catch {
    return false; // just released: try again
  }
  if (Date.now() - mtime > STALE_MS) return true;
  try {
    const h = JSON.parse(await readFile(file, 'utf8')) as Holder;
    return h.host === hostname() && Number.isSafeInteger(h.pid) && !alive(h.pid);
  } catch {
    return false; // being written by its creator, or not ours to judge: the mtime decides
  }
}

export class BlobLock {
  private constructor(private readonly file: string, private readonly timer: NodeJS.Timeout) {}

  /** Waits for the lock; `onWait` is called once if someone else holds it. */
  static async acquire(file: string, signal?: AbortSignal, onWait?: () => void): Promise<BlobLock> {
    await mkdir(path.dirname(file), { recursive: true });
    let waited = false;
    for (;;) {
      try {
        const fh = await open(file, 'wx');
        try {
          await fh.writeFile(JSON.stringify({ pid: process.pid, host: hostname() } satisfies Holder));
        } finally {
          await fh.close();
        }
        const timer = setInterval(() => {
          const now = new Date();
          // NOTE: a failed heartbeat only risks another process taking over after 30 s; both verify what they publish.
          utimes(file, now, now).catch(() => undefined);
        }, HEARTBEAT_MS);
        timer.unref();
        return new BlobLock(file, timer);
      } catch (err) {
        if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
      }
      if (await isStale(file)) {
        // NOTE: two waiters may both judge one stale lock; the later rm can then drop the earlier's fresh
        // lock and both download. That only wastes bandwidth: each verifies before it publishes.
        await rm(file, { force: true });
        continue;
      }
      if (!waited) onWait?.();
      waited = true;
      await sleep(POLL_MS, signal);
    }
  }

  async release(): Promise<void> {
    clearInterval(this.timer);
    await rm(this.file, { force: true });
  }
}

/** `blobs/<name>` when it is there with the expected size (another pull published it). */
export async function publishedBlob(blobsDir: string, name: string | undefined, size: number): Promise<{ blobName: string } | undefined> {
  if (!name) return undefined;
  try {
    return (await stat(path.join(blobsDir, name))).size === size ? { blobName: name } : undefined;
  } catch {
    return undefined; // not there: download it
  }
}
