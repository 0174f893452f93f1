// ModelScope's own API (hub-protocol.md §4): the recursive file list with a SHA-256 for every file,
// `Code == 200 && Success` required besides HTTP 200. ModelScope has no "revision → commit" call, so the
// snapshot commit is the newest file's `Revision`, or a commit the catalog pins.
import { createHash } from 'node:crypto';
import { StudioError } from '../../../src-shared/errors.js';
import { errorContext, getJson, repoUrlPath, type CallContext } from './api.js';
import { isCommitHash, safeRepoPath } from '../cache/cache-paths.js';
import { TransientError } from './retry.js';
import type { Listing, RemoteFile } from '../types.js';

interface MsFile {
  Name?: unknown;
  Path?: unknown;
  Type?: unknown;
  Size?: unknown;
  IsLFS?: unknown;
  Sha256?: unknown;
  Revision?: unknown;
  CommittedDate?: unknown;
}

function unwrap(ctx: CallContext, repo: string, revision: string, json: unknown): Record<string, unknown> {
  const body = json as { Code?: unknown; Success?: unknown; Message?: unknown; Data?: unknown };
  if (body?.Code === 200 && body.Success === true && body.Data && typeof body.Data === 'object') return body.Data as Record<string, unknown>;
  const message = typeof body?.Message === 'string' ? body.Message : 'no message';
  if (body?.Code === 404 || /not\s*(found|exist)/i.test(message)) {
    const isRevision = /revision|branch|tag/i.test(message);
    return fail(
      isRevision ? 'hub/revision-not-found' : 'hub/repo-not-found',
      isRevision
        ? `Revision "${revision}" of "${repo}" was not found on ${ctx.endpoint.label} (${message}).`
        : `Repository "${repo}" was not found on ${ctx.endpoint.label} (${message}). ModelScope names differ from the hub's: check the catalog's ModelScope id.`,
      { repo, revision, endpoint: ctx.endpoint.label },
    );
  }
  throw new TransientError('protocol', `${ctx.endpoint.label} refused the request for ${repo}: Code ${String(body?.Code)}, ${message}`);
}

function fail(code: string, message: string, params: Record<string, string>): never {
  throw new StudioError(code, message, params);
}

/** Pins: the catalog's HF commit for a ModelScope mirror of an HF repository. */
export interface ModelscopePins {
  commit?: string;
}

/** `GET /api/v1/models/{owner}/{name}/repo/files?Revision=…&Recursive=True`. */
export async function listModelscopeRepo(ctx: CallContext, repo: string, revision: string, pins: ModelscopePins = {}): Promise<Listing> {
  const q = new URLSearchParams({ Revision: revision, Recursive: 'True' });
  const url = `${ctx.endpoint.url}/api/v1/models/${repoUrlPath(repo)}/repo/files?${q.toString()}`;
  const { json } = await getJson(ctx, url, errorContext(ctx, repo, revision));
  const data = unwrap(ctx, repo, revision, json);
  if (!Array.isArray(data.Files)) throw new TransientError('protocol', `${ctx.endpoint.label} listed ${repo} without a Files array`);
  const files: RemoteFile[] = [];
  let newest: { date: number; rev: string } | undefined;
  for (const f of data.Files as MsFile[]) {
    if (f?.Type === 'tree') continue;
    const p = typeof f.Path === 'string' ? safeRepoPath(f.Path) : undefined;
    if (!p) fail('hub/unsafe-path', `The ModelScope listing of "${repo}" names a file path that could escape the model folder: ${JSON.stringify(f.Path)}.`, { repo });
    const sha = typeof f.Sha256 === 'string' && /^[0-9a-f]{64}$/i.test(f.Sha256) ? f.Sha256.toLowerCase() : undefined;
    const size = typeof f.Size === 'number' && Number.isSafeInteger(f.Size) && f.Size >= 0 ? f.Size : undefined;
    files.push({ path: p, size, lfs: f.IsLFS === true, sha256: sha });
    const date = typeof f.CommittedDate === 'number' ? f.CommittedDate : -1;
    if (typeof f.Revision === 'string' && isCommitHash(f.Revision) && (!newest || date > newest.date)) newest = { date, rev: f.Revision };
  }
  const commit = pins.commit ?? (isCommitHash(revision) ? revision : newest?.rev ?? pseudoCommit(files));
  return { repo, commit, files, endpoint: ctx.endpoint };
}

/** A stable stand-in commit when ModelScope gives none: the SHA-1 of the sorted (path, sha256) list. */
function pseudoCommit(files: RemoteFile[]): string {
  const h = createHash('sha1');
  for (const f of [...files].sort((a, b) => (a.path < b.path ? -1 : 1))) h.update(`${f.path}\0${f.sha256 ?? ''}\0${f.size ?? ''}\n`);
  return h.digest('hex');
}
