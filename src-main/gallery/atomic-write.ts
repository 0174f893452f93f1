// Crash-safe file writes for the gallery: temp file in the same folder, fsync, rename, fsync the
// folder; and the mapping of file-system failures to StudioErrors that say what to do.
import { randomBytes } from 'node:crypto';
import { constants } from 'node:fs';
import { open, readdir, rename, rm } from 'node:fs/promises';
import path from 'node:path';
import { StudioError } from '../../src-shared/errors.js';

/** Temp files are `.<final name>.<pid>.<random>.partial`: hidden, never `*.png`, owned by a known process. */
const TEMP_RE = /^\.(.+)\.(\d+)\.[0-9a-f]{8}\.partial$/;

export function tempNameFor(finalName: string): string {
  return `.${finalName}.${process.pid}.${randomBytes(4).toString('hex')}.partial`;
}

/** Turns a Node fs error into the StudioError a user can act on. Non-fs errors pass through. */
export function fsError(err: unknown, action: string, target: string): unknown {
  const code = (err as NodeJS.ErrnoException)?.code;
  if (!code || err instanceof StudioError) return err;
  const params = { path: target, errno: code };
  switch (code) {
    case 'ENOSPC':
    case 'EDQUOT':
    case 'EFBIG':
      return new StudioError('gallery/disk-full', `Cannot ${action} "${target}": the disk is full or the file size limit was reached (${code}). Free some space and try again; nothing already saved was changed.`, params, { cause: err });
    case 'EACCES':
    case 'EPERM':
    case 'EROFS':
      return new StudioError('gallery/read-only', `Cannot ${action} "${target}": the folder is not writable (${code}). Fix its permissions or choose another gallery folder (LATENT_STUDIO_HOME).`, params, { cause: err });
    case 'ENOENT':
      return new StudioError('gallery/not-found', `Cannot ${action} "${target}": it does not exist.`, params, { cause: err });
    default:
      return new StudioError('gallery/io-error', `Cannot ${action} "${target}": ${(err as Error).message}`, params, { cause: err });
  }
}

export async function fsyncDir(dir: string): Promise<void> {
  // NOTE: Windows cannot open a directory for fsync; NTFS orders the rename itself, so skipping is safe there.
  if (process.platform === 'win32') return;
  const fh = await open(dir, constants.O_RDONLY);
  try {
    await fh.sync();
  } finally {
    await fh.close();
  }
}

/**
 * Writes `data` to `file` so that a crash leaves either the old file or the complete new one, never a
 * torn one. `durable: false` skips the fsyncs (for caches that are rebuilt on demand).
 */
export async function writeFileAtomic(file: string, data: Uint8Array, opts: { durable?: boolean } = {}): Promise<void> {
  const durable = opts.durable ?? true;
  const dir = path.dirname(file);
  const temp = path.join(dir, tempNameFor(path.basename(file)));
  let fh;
  try {
    fh = await open(temp, 'wx', 0o644);
    await fh.writeFile(data);
    if (durable) await fh.sync();
    await fh.close();
    fh = undefined;
    await rename(temp, file);
    if (durable) await fsyncDir(dir);
  } catch (err) {
    await fh?.close().catch(() => undefined); // already failing: the first error is the one to report
    await rm(temp, { force: true }).catch(() => undefined); // best effort; a leftover temp is removed by the next reconcile
    throw fsError(err, 'write', file);
  }
}

/** Moves a file within one file system durably (rename + fsync of both folders). */
export async function moveDurably(from: string, to: string): Promise<void> {
  try {
    await rename(from, to);
    await fsyncDir(path.dirname(to));
    if (path.dirname(from) !== path.dirname(to)) await fsyncDir(path.dirname(from));
  } catch (err) {
    throw fsError(err, 'move', from);
  }
}

function isAlive(pid: number): boolean {
  if (pid === process.pid) return true;
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM'; // exists, owned by someone else
  }
}

/** Removes temp files in `dir` whose writer process is gone (killed mid-write). Returns how many. */
export async function removeDeadTemps(dir: string): Promise<number> {
  let removed = 0;
  for (const name of await readdir(dir)) {
    const m = TEMP_RE.exec(name);
    if (!m || isAlive(Number(m[2]))) continue;
    await rm(path.join(dir, name), { force: true });
    removed++;
  }
  return removed;
}
