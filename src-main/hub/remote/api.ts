// The Hugging Face hub's JSON API (hub-protocol.md §2.1–2.2): repo info (revision → commit, gated),
// refs, and the recursive tree with LFS sizes and SHA-256, following `Link: rel="next"` pages verbatim.
import { StudioError } from '../../../src-shared/errors.js';
import { safeRepoPath } from '../cache/cache-paths.js';
import { hubFailure, type ErrorContext } from './errors.js';
import { headerValue, readText, type AuthScope, type HubHttp } from './http.js';
import { TransientError, retrying, type ResolvedRetry } from './retry.js';
import type { Endpoint, Listing, RemoteFile } from '../types.js';

export interface CallContext {
  http: HubHttp;
  endpoint: Endpoint;
  auth?: AuthScope;
  tokenSent: boolean;
  policy: ResolvedRetry;
  attempts: number;
  quickFailover: boolean;
  signal?: AbortSignal;
  onRetry?: (err: TransientError, waitMs: number) => void;
}

const MAX_PAGES = 1000;

/** `org/name` with each segment encoded, as the hub's URLs want it. */
export function repoUrlPath(repo: string): string {
  return repo.split('/').map(encodeURIComponent).join('/');
}

/** A file path encoded per segment, keeping the slashes. */
export function filePathUrl(p: string): string {
  return p.split('/').map(encodeURIComponent).join('/');
}

export function errorContext(ctx: CallContext, repo: string, revision?: string, path?: string): ErrorContext {
  return { repo, revision, path, endpoint: ctx.endpoint.label, tokenSent: ctx.tokenSent, maxRetryAfterMs: ctx.policy.maxRetryAfterMs };
}

/** GET a JSON document with retries; non-200 answers become hub errors. */
export async function getJson(ctx: CallContext, url: string, errCtx: ErrorContext): Promise<{ json: unknown; link?: string; url: string }> {
  return retrying(async () => {
    const res = await ctx.http.follow({ method: 'GET', url, auth: ctx.auth, signal: ctx.signal, headers: { accept: 'application/json' } }, 'all');
    if (res.status !== 200) throw await hubFailure(res, errCtx);
    const text = await readText(res);
    try {
      return { json: JSON.parse(text) as unknown, link: headerValue(res.headers, 'link'), url: res.url };
    } catch {
      throw new TransientError('protocol', `${ctx.endpoint.label} answered ${url} with something that is not JSON (a captive portal or a broken mirror?)`);
    }
  }, ctx);
}

/** The `rel="next"` target of a Link header, resolved against the page it came with. */
export function nextLink(link: string | undefined, base: string): string | undefined {
  if (!link) return undefined;
  for (const part of link.split(/,(?=\s*<)/)) {
    const m = part.match(/<([^>]*)>\s*;(.*)$/);
    if (m && /\brel\s*=\s*"?next"?/i.test(m[2])) return new URL(m[1], base).toString();
  }
  return undefined;
}

export interface RepoInfo {
  id?: string;
  sha: string;
  gated: false | string;
  siblings?: RemoteFile[];
}

function checkPath(repo: string, p: unknown): string {
  const safe = typeof p === 'string' ? safeRepoPath(p) : undefined;
  if (!safe) throw new StudioError('hub/unsafe-path', `The listing of "${repo}" names a file path that could escape the model folder: ${JSON.stringify(p)}. Refusing to download it.`, { repo, path: String(p) });
  return safe;
}

const hex = (v: unknown, len: number): string | undefined => (typeof v === 'string' && new RegExp(`^[0-9a-f]{${len}}$`).test(v.toLowerCase()) ? v.toLowerCase() : undefined);
const num = (v: unknown): number | undefined => (typeof v === 'number' && Number.isSafeInteger(v) && v >= 0 ? v : undefined);

function siblingToFile(repo: string, s: Record<string, unknown>): RemoteFile {
  const lfs = s.lfs as Record<string, unknown> | undefined;
  return {
    path: checkPath(repo, s.rfilename),
    size: num(lfs?.size) ?? num(s.size),
    lfs: !!lfs,
    sha256: hex(lfs?.sha256 ?? lfs?.oid, 64),
    gitSha1: lfs ? undefined : hex(s.blobId, 40),
  };
}

/** `GET /api/models/{repo}/revision/{rev}`: the commit a revision points to, and whether the repo is gated. */
export async function fetchRepoInfo(ctx: CallContext, repo: string, revision: string, blobs = false): Promise<RepoInfo> {
  const url = `${ctx.endpoint.url}/api/models/${repoUrlPath(repo)}/revision/${encodeURIComponent(revision)}${blobs ? '?blobs=true' : ''}`;
  const { json } = await getJson(ctx, url, errorContext(ctx, repo, revision));
  const info = json as Record<string, unknown>;
  const sha = hex(info?.sha, 40);
  if (!sha) throw new TransientError('protocol', `${ctx.endpoint.label} gave no commit ("sha") for ${repo}@${revision}`);
  const gated = info.gated === undefined || info.gated === false || info.gated === null ? false : String(info.gated);
  const siblings = Array.isArray(info.siblings) ? (info.siblings as Record<string, unknown>[]).map((s) => siblingToFile(repo, s)) : undefined;
  return { id: typeof info.id === 'string' ? info.id : undefined, sha, gated, siblings };
}

/** `GET /api/models/{repo}/tree/{commit}?recursive=true`, all pages. */
export async function fetchTree(ctx: CallContext, repo: string, commit: string): Promise<RemoteFile[]> {
  let url: string | undefined = `${ctx.endpoint.url}/api/models/${repoUrlPath(repo)}/tree/${encodeURIComponent(commit)}?recursive=true&expand=false`;
  const files: RemoteFile[] = [];
  for (let page = 0; url; page++) {
    if (page >= MAX_PAGES) throw new TransientError('protocol', `the tree of ${repo} did not end after ${MAX_PAGES} pages`);
    const got: { json: unknown; link?: string; url: string } = await getJson(ctx, url, errorContext(ctx, repo, commit));
    if (!Array.isArray(got.json)) throw new TransientError('protocol', `${ctx.endpoint.label} answered the tree of ${repo} with something that is not a list`);
    for (const e of got.json as Record<string, unknown>[]) {
      if (e?.type !== 'file') continue;
      const lfs = e.lfs as Record<string, unknown> | undefined;
      files.push({
        path: checkPath(repo, e.path),
        size: num(lfs?.size) ?? num(e.size),
        lfs: !!lfs,
        sha256: hex(lfs?.oid ?? lfs?.sha256, 64),
        gitSha1: lfs ? undefined : hex(e.oid, 40),
      });
    }
    url = nextLink(got.link, got.url);
  }
  return files;
}

/** Branch and tag names (`GET /api/models/{repo}/refs`), for "did you mean" messages. */
export async function fetchRefs(ctx: CallContext, repo: string): Promise<{ branches: string[]; tags: string[] }> {
  const { json } = await getJson(ctx, `${ctx.endpoint.url}/api/models/${repoUrlPath(repo)}/refs`, errorContext(ctx, repo));
  const names = (v: unknown) => (Array.isArray(v) ? v.map((r) => (r as { name?: unknown })?.name).filter((n): n is string => typeof n === 'string') : []);
  const refs = json as Record<string, unknown>;
  return { branches: names(refs?.branches), tags: names(refs?.tags) };
}

/**
 * Lists a repository at a revision: info pins the commit, then the tree at that commit. A hub or mirror
 * without the tree API falls back to the info's siblings (`?blobs=true`).
 */
export async function listHfRepo(ctx: CallContext, repo: string, revision: string): Promise<Listing & { gated: false | string }> {
  const info = await fetchRepoInfo(ctx, repo, revision);
  let files: RemoteFile[];
  try {
    files = await fetchTree(ctx, repo, info.sha);
  } catch (err) {
    if (!(err instanceof StudioError) || !['hub/repo-not-found', 'hub/entry-not-found', 'hub/http-error'].includes(err.code)) {
      if (!(err instanceof TransientError && err.kind === 'protocol')) throw err;
    }
    const withBlobs = await fetchRepoInfo(ctx, repo, info.sha, true);
    files = withBlobs.siblings ?? info.siblings ?? [];
  }
  return { repo, commit: info.sha, files, endpoint: ctx.endpoint, gated: info.gated };
}
