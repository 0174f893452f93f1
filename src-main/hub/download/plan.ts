// From a listing to download work: each selected file's expected hashes (listing, or the catalog's pinned
// hub etags when ModelScope fills the hub cache), its blob name, and which blobs the cache already holds.
import { createHash } from 'node:crypto';
import { BugError, StudioError } from '../../../src-shared/errors.js';
import { blobSize, isFile } from '../cache/cache.js';
import { snapshotDir } from '../cache/cache-paths.js';
import type { BlobTask } from './download.js';
import type { RemoteFile } from '../types.js';
import path from 'node:path';

export interface PinnedFile {
  size: number;
  etag: string;
}

export interface PlannedFile extends BlobTask {
  /** Final blob name when known before downloading (the hub etag). */
  blobName?: string;
  /** Already in the snapshot, or its blob is cached: nothing to fetch. */
  state: 'snapshot' | 'blob' | 'fetch';
}

/** Expected hashes and the blob name for one file; pins (catalog etags) beat the listing and must agree with it. */
export function expectationFor(f: RemoteFile, pin?: PinnedFile): Omit<PlannedFile, 'state'> {
  const lfs = pin ? pin.etag.length === 64 : f.lfs;
  const expect: BlobTask['expect'] = {};
  if (lfs) {
    expect.sha256 = pin?.etag ?? f.sha256;
    if (pin && f.sha256 && f.sha256 !== pin.etag) {
      throw new StudioError('hub/pin-mismatch', `"${f.path}" has SHA-256 ${f.sha256} on the mirror but the catalog pins ${pin.etag}: the mirror holds a different version. Use the hub or a mirror of the pinned commit.`, { path: f.path });
    }
  } else {
    expect.gitSha1 = pin?.etag ?? f.gitSha1;
    if (f.sha256) expect.sha256 = f.sha256; // ModelScope hashes every file: check that too
  }
  const size = pin?.size ?? f.size;
  if (size === undefined) throw new BugError(`size of ${f.path} unknown at planning time`);
  if (pin && f.size !== undefined && f.size !== pin.size) {
    throw new StudioError('hub/pin-mismatch', `"${f.path}" is ${f.size} bytes on the mirror but the catalog pins ${pin.size}.`, { path: f.path });
  }
  const blobName = lfs ? expect.sha256 : expect.gitSha1;
  const key = blobName ?? expect.sha256 ?? `u${createHash('sha1').update(f.path).digest('hex')}`;
  return { key, path: f.path, size, lfs, expect, blobName };
}

/** Decides per file: already in the snapshot, blob cached (link only), or to fetch. */
export async function planFiles(cacheDir: string, repo: string, commit: string, files: RemoteFile[], pins?: Map<string, PinnedFile>): Promise<PlannedFile[]> {
  const snap = snapshotDir(cacheDir, repo, commit);
  const out: PlannedFile[] = [];
  for (const f of files) {
    const e = expectationFor(f, pins?.get(f.path));
    let state: PlannedFile['state'] = 'fetch';
    if (await isFile(path.join(snap, ...f.path.split('/')))) state = 'snapshot';
    else if (e.blobName && (await blobSize(cacheDir, repo, e.blobName)) === e.size) state = 'blob';
    out.push({ ...e, state });
  }
  return out;
}

/** One download per blob: files with identical content share it. */
export function uniqueTasks(files: PlannedFile[]): PlannedFile[] {
  const byKey = new Map<string, PlannedFile>();
  for (const f of files) if (f.state === 'fetch' && !byKey.has(f.key)) byKey.set(f.key, f);
  return [...byKey.values()].sort((a, b) => a.size - b.size);
}
