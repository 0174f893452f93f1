// Names and places in the Hugging Face hub cache, exactly as huggingface_hub spells them: the cache root
// (HF_HUB_CACHE / HUGGINGFACE_HUB_CACHE / HF_HOME / XDG_CACHE_HOME / ~), `models--org--name`, refs read
// raw and written without a trailing newline. No downloading here.
import { randomBytes } from 'node:crypto';
import { mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { StudioError } from '../../../src-shared/errors.js';

/** `~`, `$VAR` and `${VAR}` expanded as Python's expanduser + expandvars do (unknown variables stay as written). */
export function expandPath(p: string, env: NodeJS.ProcessEnv = process.env): string {
  let out = p.replace(/\$\{([A-Za-z_][A-Za-z0-9_]*)\}|\$([A-Za-z_][A-Za-z0-9_]*)/g, (m, a: string | undefined, b: string | undefined) => env[(a ?? b) as string] ?? m);
  if (out === '~' || out.startsWith('~/') || out.startsWith('~\\')) out = path.join(env.HOME || os.homedir(), out.slice(1));
  return out;
}

/** HF_HOME, else $XDG_CACHE_HOME/huggingface, else ~/.cache/huggingface (Windows too). */
export function resolveHfHome(env: NodeJS.ProcessEnv = process.env): string {
  if (env.HF_HOME?.trim()) return path.resolve(expandPath(env.HF_HOME.trim(), env));
  const xdg = env.XDG_CACHE_HOME?.trim();
  const base = xdg ? expandPath(xdg, env) : path.join(env.HOME || os.homedir(), '.cache');
  return path.resolve(base, 'huggingface');
}

/** The hub cache: HF_HUB_CACHE, else the legacy HUGGINGFACE_HUB_CACHE, else $HF_HOME/hub. */
export function resolveHubCacheDir(env: NodeJS.ProcessEnv = process.env): string {
  const v = env.HF_HUB_CACHE?.trim() || env.HUGGINGFACE_HUB_CACHE?.trim();
  if (v) return path.resolve(expandPath(v, env));
  return path.join(resolveHfHome(env), 'hub');
}

const REPO_ID = /^(?:[A-Za-z0-9][A-Za-z0-9._-]*\/)?[A-Za-z0-9][A-Za-z0-9._-]*$/;

/** Accepts `org/name` (or a legacy bare `name`); refuses anything that could escape the cache folder. */
export function validateRepoId(repo: string): string {
  const r = repo.trim();
  if (!REPO_ID.test(r) || r.includes('..') || r.includes('--') || r.length > 200) {
    throw new StudioError('hub/bad-repo-id', `Invalid repository id "${repo}". Use "org/name", e.g. "stabilityai/sd-turbo" (letters, digits, ".", "_", "-"; no "--" or "..").`, { repo });
  }
  return r;
}

/** `models--org--name` (case kept, "/" → "--"). */
export function repoFolderName(repo: string): string {
  return `models--${repo.split('/').join('--')}`;
}

/** The inverse of repoFolderName for model folders; undefined for anything else. */
export function repoIdFromFolder(folder: string): string | undefined {
  if (!folder.startsWith('models--')) return undefined;
  const rest = folder.slice('models--'.length);
  if (!rest) return undefined;
  return rest.split('--').join('/');
}

export function isCommitHash(rev: string): boolean {
  return /^[0-9a-f]{40}$/.test(rev);
}

/** A revision is a branch, tag or commit; refs may nest (`refs/pr/1`) but never climb out. */
export function validateRevision(rev: string): string {
  const r = rev.trim();
  if (!r || r.length > 255 || r.split('/').some((s) => s === '' || s === '.' || s === '..') || /[\\\0:*?"<>|\s]/.test(r)) {
    throw new StudioError('hub/bad-revision', `Invalid revision "${rev}". Use a branch (main), a tag, or a 40-character commit hash.`, { revision: rev });
  }
  return r;
}

export function repoDir(cacheDir: string, repo: string): string {
  return path.join(cacheDir, repoFolderName(repo));
}

export function snapshotDir(cacheDir: string, repo: string, commit: string): string {
  return path.join(repoDir(cacheDir, repo), 'snapshots', commit);
}

export function blobsDir(cacheDir: string, repo: string): string {
  return path.join(repoDir(cacheDir, repo), 'blobs');
}

/** Reads `refs/<rev>` raw (no trimming: a trailing newline is a corrupt ref for huggingface_hub too). */
export async function readRef(cacheDir: string, repo: string, rev: string): Promise<string | undefined> {
  try {
    const v = await readFile(path.join(repoDir(cacheDir, repo), 'refs', ...rev.split('/')), 'utf8');
    return isCommitHash(v) ? v : undefined;
  } catch {
    // NOTE: a missing ref means "not cached under that name", which callers handle.
    return undefined;
  }
}

/** revision → commit: a 40-hex revision is itself, anything else goes through refs/. */
export async function revisionToCommit(cacheDir: string, repo: string, rev: string): Promise<string | undefined> {
  return isCommitHash(rev) ? rev : readRef(cacheDir, repo, rev);
}

/** Writes `refs/<rev>` atomically (temp + rename), exactly 40 hex characters, no newline. */
export async function writeRef(cacheDir: string, repo: string, rev: string, commit: string): Promise<void> {
  if (isCommitHash(rev)) return;
  if (!isCommitHash(commit)) throw new StudioError('hub/bad-commit', `Refusing to write ref "${rev}" → "${commit}": not a 40-hex commit.`, { rev, commit });
  const file = path.join(repoDir(cacheDir, repo), 'refs', ...rev.split('/'));
  await mkdir(path.dirname(file), { recursive: true });
  const tmp = `${file}.${randomBytes(4).toString('hex')}.tmp`;
  try {
    await writeFile(tmp, commit, 'utf8');
    await rename(tmp, file);
  } catch (err) {
    await rm(tmp, { force: true });
    throw err;
  }
}

/** A repository-relative path from a listing, refused if it could land outside the snapshot. */
export function safeRepoPath(p: string): string | undefined {
  if (!p || p.startsWith('/') || p.includes('\\') || p.includes('\0') || /^[A-Za-z]:/.test(p)) return undefined;
  const parts = p.split('/');
  if (parts.some((s) => s === '' || s === '.' || s === '..')) return undefined;
  return p;
}
