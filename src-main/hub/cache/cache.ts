// Writing into the Hugging Face hub cache (hub-protocol.md §3): relative symlinks from
// snapshots/<commit>/<path> to ../../blobs/<etag> (depth varies), or real files where symlinks are not
// allowed or HF_HUB_DISABLE_SYMLINKS is set; plus the disk-space check before a download starts.
import { randomBytes } from 'node:crypto';
import { copyFile, lstat, mkdir, mkdtemp, readdir, rename, rm, stat, statfs, symlink, unlink } from 'node:fs/promises';
import path from 'node:path';
import { StudioError } from '../../../src-shared/errors.js';
import { blobsDir, snapshotDir } from './cache-paths.js';

const probed = new Map<string, boolean>();

/** Can this cache folder hold relative symlinks? Probed once per folder, as huggingface_hub does. */
export async function symlinksSupported(cacheDir: string): Promise<boolean> {
  const known = probed.get(cacheDir);
  if (known !== undefined) return known;
  await mkdir(cacheDir, { recursive: true });
  const dir = await mkdtemp(path.join(cacheDir, '.ls-symlink-probe-'));
  let ok = false;
  try {
    await mkdir(path.join(dir, 'a'));
    await symlink(path.join('..', 'target'), path.join(dir, 'a', 'link'));
    ok = true;
  } catch {
    // NOTE: EPERM on Windows without Developer Mode: copy mode, as huggingface_hub falls back.
    ok = false;
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
  probed.set(cacheDir, ok);
  return ok;
}

/** True when the path exists and (following links) is a regular file. */
export async function isFile(p: string): Promise<boolean> {
  try {
    return (await stat(p)).isFile();
  } catch {
    return false;
  }
}

/** Size of `blobs/<name>` when present. */
export async function blobSize(cacheDir: string, repo: string, blobName: string): Promise<number | undefined> {
  try {
    const st = await stat(path.join(blobsDir(cacheDir, repo), blobName));
    return st.isFile() ? st.size : undefined;
  } catch {
    return undefined;
  }
}

export interface SnapshotLink {
  /** Repository path inside the snapshot. */
  path: string;
  blobName: string;
  /** Downloaded by this pull (copy mode may move it instead of copying). */
  fresh: boolean;
}

async function replaceWith(dest: string, make: (tmp: string) => Promise<void>): Promise<void> {
  const tmp = `${dest}.${randomBytes(4).toString('hex')}.tmp`;
  try {
    await make(tmp);
    await rename(tmp, dest);
  } catch (err) {
    await rm(tmp, { force: true });
    throw err;
  }
}

/**
 * Makes every path of the snapshot point at its verified blob. Paths already present are left alone
 * (huggingface_hub: "exists → done"); a dangling link is replaced. In copy mode a new blob is moved
 * into the snapshot (copied first for every other path that shares it), an existing one copied.
 */
export async function publishSnapshot(cacheDir: string, repo: string, commit: string, links: SnapshotLink[], copyMode: boolean): Promise<void> {
  const snap = snapshotDir(cacheDir, repo, commit);
  const blobs = blobsDir(cacheDir, repo);
  const remaining = new Map<string, number>();
  for (const l of links) remaining.set(l.blobName, (remaining.get(l.blobName) ?? 0) + 1);
  for (const l of links) {
    const dest = path.join(snap, ...l.path.split('/'));
    const blob = path.join(blobs, l.blobName);
    const left = (remaining.get(l.blobName) ?? 1) - 1;
    remaining.set(l.blobName, left);
    if (await isFile(dest)) continue;
    await mkdir(path.dirname(dest), { recursive: true });
    await removeDangling(dest);
    if (!copyMode) {
      const rel = path.relative(path.dirname(dest), blob);
      await replaceWith(dest, (tmp) => symlink(rel, tmp));
    } else if (left === 0 && l.fresh) {
      await rename(blob, dest);
    } else {
      await replaceWith(dest, (tmp) => copyFile(blob, tmp));
    }
  }
}

async function removeDangling(p: string): Promise<void> {
  try {
    const st = await lstat(p);
    if (st.isSymbolicLink()) await unlink(p);
  } catch {
    // NOTE: nothing there is the usual case.
  }
}

/** Bytes a sparse partial already occupies (they need no new space). */
export async function allocatedPartialBytes(blobs: string, key: string): Promise<number> {
  let total = 0;
  try {
    for (const n of await readdir(blobs)) {
      if (!n.startsWith(`${key}.ls-`) || !n.endsWith('.incomplete')) continue;
      const st = await stat(path.join(blobs, n));
      total += Math.min(st.size, st.blocks * 512);
    }
  } catch {
    // NOTE: no blobs folder yet: nothing allocated.
  }
  return total;
}

export function formatBytes(n: number): string {
  const units = ['B', 'KB', 'MB', 'GB', 'TB'];
  let v = n;
  let i = 0;
  while (v >= 1000 && i < units.length - 1) {
    v /= 1000;
    i++;
  }
  return `${i === 0 ? v : v.toFixed(1)} ${units[i]}`;
}

/** Refuses to start when the volume of `dir` lacks `needed` bytes (plus a 1% / 64 MB margin). */
export async function checkDiskSpace(dir: string, needed: number): Promise<void> {
  if (needed <= 0) return;
  let probe = path.resolve(dir);
  for (;;) {
    try {
      await stat(probe);
      break;
    } catch {
      const up = path.dirname(probe);
      if (up === probe) return;
      probe = up;
    }
  }
  const s = await statfs(probe);
  const free = Number(s.bavail) * Number(s.bsize);
  const margin = Math.min(64e6, Math.ceil(needed * 0.01));
  if (free < needed + margin) {
    throw new StudioError(
      'hub/disk-full',
      `Not enough disk space in ${dir}: the download needs ${formatBytes(needed)}, ${formatBytes(free)} is free. Free some space or choose another cache folder (--cache-dir or HF_HUB_CACHE).`,
      { dir, needed, free },
    );
  }
}
