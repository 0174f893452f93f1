// Reading the hub cache back: which models and snapshots it holds (ours, diffusers' and huggingface_hub's
// alike), finding a snapshot for a revision, re-hashing a snapshot against its blob names, and removing
// a model or one revision without touching blobs other snapshots still use.
import { lstat, readFile, readdir, readlink, rm, stat } from 'node:fs/promises';
import path from 'node:path';
import { StudioError } from '../../../src-shared/errors.js';
import { isCommitHash, repoDir, repoIdFromFolder, resolveHubCacheDir, revisionToCommit, validateRepoId } from './cache-paths.js';
import { listFolderFiles, listLocalModels, readManifest, removeLocalModel, type DataFolderOptions } from './records.js';
import { checkOnnxLayout } from './select.js';
import { algoOfEtag, hashFile } from './verify.js';

export interface CachedRevision {
  commit: string;
  /** Branch/tag names whose ref points at this commit. */
  refs: string[];
  path: string;
  files: number;
  bytes: number;
  /** All files an ONNX Stable Diffusion model needs are present. */
  onnx: boolean;
  missing: string[];
}

export interface CachedModel {
  kind: 'hf-cache' | 'local';
  /** `org/name`, or `local:<name>` for an imported folder. */
  repo: string;
  path: string;
  sizeOnDisk: number;
  /** Bytes held by partial downloads. */
  incompleteBytes: number;
  revisions: CachedRevision[];
}

export interface CachedSnapshot {
  repo: string;
  revision: string;
  commit: string;
  path: string;
  files: string[];
  /** Required ONNX SD files absent from the snapshot. */
  missing: string[];
}

async function readRefs(dir: string): Promise<Map<string, string>> {
  const refs = new Map<string, string>();
  for (const rel of await listFolderFiles(path.join(dir, 'refs'), 8)) {
    try {
      const v = await readFile(path.join(dir, 'refs', ...rel.split('/')), 'utf8');
      if (isCommitHash(v)) refs.set(rel, v);
    } catch {
      // NOTE: an unreadable ref is skipped, as scan_cache_dir would.
    }
  }
  return refs;
}

async function describeSnapshot(snapDir: string): Promise<{ files: string[]; bytes: number; missing: string[]; ok: boolean }> {
  const files = await listFolderFiles(snapDir, 8);
  let bytes = 0;
  for (const f of files) bytes += (await stat(path.join(snapDir, ...f.split('/')))).size;
  const check = checkOnnxLayout(files);
  return { files, bytes, missing: check.missing, ok: check.ok };
}

async function dirSize(dir: string, filter: (name: string) => boolean): Promise<number> {
  let total = 0;
  try {
    for (const n of await readdir(dir)) {
      if (!filter(n)) continue;
      const st = await lstat(path.join(dir, n));
      if (st.isFile()) total += Math.min(st.size, st.blocks * 512 || st.size);
    }
  } catch {
    // NOTE: no such folder: nothing stored there.
  }
  return total;
}

async function describeRepo(cacheDir: string, folder: string): Promise<CachedModel | undefined> {
  const repo = repoIdFromFolder(folder);
  if (!repo) return undefined;
  const dir = path.join(cacheDir, folder);
  const refs = await readRefs(dir);
  let commits: string[] = [];
  try {
    commits = (await readdir(path.join(dir, 'snapshots'))).filter((c) => !c.startsWith('.'));
  } catch {
    // NOTE: a repo folder without snapshots (all partial) still shows, with no revisions.
  }
  const revisions: CachedRevision[] = [];
  let copied = 0;
  for (const commit of commits.sort()) {
    const snap = path.join(dir, 'snapshots', commit);
    if (!(await stat(snap)).isDirectory()) continue;
    const d = await describeSnapshot(snap);
    for (const f of d.files) {
      const st = await lstat(path.join(snap, ...f.split('/')));
      if (st.isFile()) copied += st.size;
    }
    const names = [...refs].filter(([, c]) => c === commit).map(([n]) => n);
    revisions.push({ commit, refs: names, path: snap, files: d.files.length, bytes: d.bytes, onnx: d.ok, missing: d.missing });
  }
  const blobs = path.join(dir, 'blobs');
  const complete = await dirSize(blobs, (n) => !n.includes('.incomplete'));
  const incompleteBytes = await dirSize(blobs, (n) => n.endsWith('.incomplete'));
  return { kind: 'hf-cache', repo, path: dir, sizeOnDisk: complete + copied + incompleteBytes, incompleteBytes, revisions };
}

/** Every model in the hub cache (and, unless told otherwise, every imported local folder). */
export async function listCachedModels(cacheDir: string | undefined, opts: DataFolderOptions & { includeLocal?: boolean; env?: NodeJS.ProcessEnv }): Promise<CachedModel[]> {
  const dir = cacheDir ?? resolveHubCacheDir(opts.env ?? process.env);
  let folders: string[] = [];
  try {
    folders = (await readdir(dir)).filter((f) => f.startsWith('models--'));
  } catch {
    // NOTE: no cache folder yet: no cached models.
  }
  const out: CachedModel[] = [];
  for (const f of folders.sort()) {
    const m = await describeRepo(dir, f);
    if (m) out.push(m);
  }
  if (opts.includeLocal !== false) {
    for (const l of await listLocalModels(opts)) {
      const d = await describeSnapshot(l.path);
      out.push({ kind: 'local', repo: l.id, path: l.path, sizeOnDisk: d.bytes, incompleteBytes: 0, revisions: [{ commit: '', refs: [], path: l.path, files: d.files.length, bytes: d.bytes, onnx: d.ok, missing: d.missing }] });
    }
  }
  return out;
}

/** The snapshot a revision names in the cache (40-hex as-is, else through refs/), if its folder exists. */
export async function findCachedSnapshot(repo: string, revision = 'main', cacheDir?: string): Promise<CachedSnapshot | undefined> {
  const dir = cacheDir ?? resolveHubCacheDir();
  const commit = await revisionToCommit(dir, repo, revision);
  if (!commit) return undefined;
  const snap = path.join(repoDir(dir, repo), 'snapshots', commit);
  try {
    if (!(await stat(snap)).isDirectory()) return undefined;
  } catch {
    return undefined;
  }
  const d = await describeSnapshot(snap);
  return { repo, revision, commit, path: snap, files: d.files, missing: d.missing };
}

export type VerifyProblem = 'mismatch' | 'missing';

export interface VerifyReport {
  repo: string;
  commits: string[];
  files: number;
  bytes: number;
  ok: number;
  problems: { commit: string; path: string; problem: VerifyProblem; detail: string }[];
  /** Files with no known hash (copy mode without a manifest): size checked only. */
  unchecked: string[];
}

export interface CacheOpOptions extends DataFolderOptions {
  env?: NodeJS.ProcessEnv;
  revision?: string;
  cacheDir?: string;
  signal?: AbortSignal;
  onFile?: (path: string, done: number, total: number) => void;
}

async function commitsFor(dir: string, repo: string, revision?: string): Promise<string[]> {
  const base = repoDir(dir, repo);
  if (revision) {
    const c = await revisionToCommit(dir, repo, revision);
    if (!c) throw new StudioError('hub/not-cached', `"${repo}" at "${revision}" is not in the cache ${dir}.`, { repo, revision, cacheDir: dir });
    return [c];
  }
  try {
    const all = (await readdir(path.join(base, 'snapshots'))).filter((c) => !c.startsWith('.'));
    if (all.length > 0) return all.sort();
  } catch {
    // fall through
  }
  throw new StudioError('hub/not-cached', `"${repo}" is not in the cache ${dir}. Pull it first (latent-studio models pull ${repo}).`, { repo, cacheDir: dir });
}

/** Re-hashes what is on disk: each snapshot file against its blob name (SHA-256 / git SHA-1) or the copy-mode manifest. */
export async function verifyCachedModel(repoArg: string, opts: CacheOpOptions): Promise<VerifyReport> {
  const repo = validateRepoId(repoArg);
  const dir = opts.cacheDir ?? resolveHubCacheDir(opts.env ?? process.env);
  const commits = await commitsFor(dir, repo, opts.revision);
  const report: VerifyReport = { repo, commits, files: 0, bytes: 0, ok: 0, problems: [], unchecked: [] };
  for (const commit of commits) {
    const snap = path.join(repoDir(dir, repo), 'snapshots', commit);
    const manifest = await readManifest(opts, dir, repo, commit);
    const seen = new Set<string>();
    const entries = await listEntries(snap);
    for (const [i, rel] of entries.entries()) {
      opts.onFile?.(rel, i, entries.length);
      seen.add(rel);
      report.files++;
      const problem = await verifyEntry(snap, rel, manifest?.[rel], report, opts.signal);
      if (problem) report.problems.push({ commit, path: rel, ...problem });
      else report.ok++;
    }
    for (const rel of Object.keys(manifest ?? {})) {
      if (!seen.has(rel)) report.problems.push({ commit, path: rel, problem: 'missing', detail: 'recorded when pulled, now absent' });
    }
  }
  return report;
}

/** Snapshot entries, dangling links included (they are "missing", not absent). */
async function listEntries(snap: string): Promise<string[]> {
  const out: string[] = [];
  async function walk(rel: string): Promise<void> {
    for (const e of await readdir(path.join(snap, rel), { withFileTypes: true })) {
      const p = rel ? `${rel}/${e.name}` : e.name;
      if (e.isDirectory()) await walk(p);
      else out.push(p);
    }
  }
  await walk('');
  return out.sort();
}

async function verifyEntry(snap: string, rel: string, recorded: { size: number; sha256?: string; gitSha1?: string } | undefined, report: VerifyReport, signal?: AbortSignal): Promise<{ problem: VerifyProblem; detail: string } | undefined> {
  const p = path.join(snap, ...rel.split('/'));
  const lst = await lstat(p);
  let target = p;
  let expected: { algo: 'sha256' | 'git-sha1'; hex: string } | undefined;
  if (lst.isSymbolicLink()) {
    target = path.resolve(path.dirname(p), await readlink(p));
    const name = path.basename(target);
    const algo = algoOfEtag(name);
    if (algo) expected = { algo, hex: name };
  }
  if (!expected && recorded?.sha256) expected = { algo: 'sha256', hex: recorded.sha256 };
  if (!expected && recorded?.gitSha1) expected = { algo: 'git-sha1', hex: recorded.gitSha1 };
  let size: number;
  try {
    size = (await stat(target)).size;
  } catch {
    return { problem: 'missing', detail: 'the link points at a blob that is gone' };
  }
  report.bytes += size;
  if (recorded && recorded.size !== size) return { problem: 'mismatch', detail: `${size} bytes, expected ${recorded.size}` };
  if (!expected) {
    report.unchecked.push(rel);
    return undefined;
  }
  const got = await hashFile(target, expected.algo, signal);
  return got.hex === expected.hex ? undefined : { problem: 'mismatch', detail: `${expected.algo} ${got.hex}, expected ${expected.hex}` };
}

export interface RemoveReport {
  repo: string;
  removed: string[];
  freedBytes: number;
}

/** Removes a model (or one revision of it) from the cache, or forgets an imported `local:` folder. */
export async function removeCachedModel(repoArg: string, opts: CacheOpOptions): Promise<RemoveReport> {
  if (repoArg.startsWith('local:')) {
    const gone = await removeLocalModel(repoArg, opts);
    if (!gone) throw new StudioError('hub/not-cached', `No imported model "${repoArg}".`, { repo: repoArg });
    return { repo: repoArg, removed: [], freedBytes: 0 };
  }
  const repo = validateRepoId(repoArg);
  const dir = opts.cacheDir ?? resolveHubCacheDir(opts.env ?? process.env);
  const base = repoDir(dir, repo);
  const commits = await commitsFor(dir, repo, opts.revision);
  const all = (await describeRepo(dir, path.basename(base)))!;
  const remaining = all.revisions.filter((r) => !commits.includes(r.commit));
  if (!opts.revision || remaining.length === 0) {
    await rm(base, { recursive: true, force: true });
    return { repo, removed: [base], freedBytes: all.sizeOnDisk };
  }
  const blobsOf = async (commit: string) => {
    const snap = path.join(base, 'snapshots', commit);
    const names = new Set<string>();
    for (const rel of await listEntries(snap)) {
      const p = path.join(snap, ...rel.split('/'));
      if ((await lstat(p)).isSymbolicLink()) names.add(path.basename(await readlink(p)));
    }
    return names;
  };
  const keep = new Set<string>();
  for (const r of remaining) for (const b of await blobsOf(r.commit)) keep.add(b);
  const removed: string[] = [];
  let freed = 0;
  for (const commit of commits) {
    for (const b of await blobsOf(commit)) {
      if (keep.has(b)) continue;
      const file = path.join(base, 'blobs', b);
      freed += (await stat(file).catch(() => ({ size: 0 }))).size;
      await rm(file, { force: true });
      removed.push(file);
    }
    const snap = path.join(base, 'snapshots', commit);
    for (const rel of await listEntries(snap)) {
      const st = await lstat(path.join(snap, ...rel.split('/')));
      if (st.isFile()) freed += st.size; // copy mode: the snapshot holds the bytes itself
    }
    await rm(snap, { recursive: true, force: true });
    removed.push(snap);
    for (const [name, c] of await readRefs(base)) if (c === commit) await rm(path.join(base, 'refs', ...name.split('/')), { force: true });
  }
  return { repo, removed, freedBytes: freed };
}
