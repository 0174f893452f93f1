// File metadata from a HEAD on the resolve URL, as huggingface_hub's get_hf_file_metadata reads it:
// relative Locations followed by hand, an absolute one is the download URL; commit from X-Repo-Commit,
// etag from X-Linked-Etag else ETag, size from X-Linked-Size else a non-redirect Content-Length.
import { filePathUrl, repoUrlPath, errorContext, type CallContext } from './api.js';
import { hubFailure } from './errors.js';
import { discard, headerValue } from './http.js';
import { retrying } from './retry.js';
import type { ResolvedFile } from '../types.js';
import { normaliseEtag } from '../cache/verify.js';

const REDIRECT = (s: number) => s >= 300 && s < 400;

export function hfResolveUrl(endpointUrl: string, repo: string, revision: string, path: string): string {
  return `${endpointUrl}/${repoUrlPath(repo)}/resolve/${encodeURIComponent(revision)}/${filePathUrl(path)}`;
}

/** HEAD `{endpoint}/{repo}/resolve/{rev}/{path}`. */
export async function resolveHfFile(ctx: CallContext, repo: string, revision: string, path: string): Promise<ResolvedFile> {
  const url = hfResolveUrl(ctx.endpoint.url, repo, revision, path);
  return retrying(async () => {
    const res = await ctx.http.follow({ method: 'HEAD', url, auth: ctx.auth, signal: ctx.signal }, 'relative');
    await discard(res);
    const redirected = REDIRECT(res.status);
    if (!(res.status >= 200 && res.status < 300) && !redirected) throw await hubFailure(res, errorContext(ctx, repo, revision, path));
    const h = (n: string) => headerValue(res.headers, n);
    const linkedSize = h('x-linked-size');
    const length = redirected ? undefined : h('content-length');
    const sizeText = linkedSize ?? length;
    const size = sizeText !== undefined && /^\d+$/.test(sizeText) ? Number(sizeText) : undefined;
    const location = h('location');
    return {
      url: redirected && location ? new URL(location, res.url).toString() : res.url,
      etag: normaliseEtag(h('x-linked-etag') ?? h('etag')),
      size,
      commit: h('x-repo-commit')?.trim() || undefined,
    };
  }, ctx);
}

/** ModelScope's download URL for one file: `/api/v1/models/{owner}/{name}/repo?Revision=…&FilePath=…`. */
export function modelscopeFileUrl(endpointUrl: string, repo: string, revision: string, path: string): string {
  const q = new URLSearchParams({ Revision: revision, FilePath: path });
  return `${endpointUrl}/api/v1/models/${repoUrlPath(repo)}/repo?${q.toString()}`;
}

/**
 * HEAD without redirects gives ModelScope's pre-signed OSS URL in Location. Servers that refuse HEAD
 * (405/501) get the API URL itself: the GET then follows the redirect by hand.
 */
export async function resolveModelscopeFile(ctx: CallContext, repo: string, revision: string, path: string): Promise<ResolvedFile> {
  const url = modelscopeFileUrl(ctx.endpoint.url, repo, revision, path);
  return retrying(async () => {
    const res = await ctx.http.send({ method: 'HEAD', url, auth: ctx.auth, signal: ctx.signal });
    await discard(res);
    if (res.status === 405 || res.status === 501) return { url };
    const location = headerValue(res.headers, 'location');
    if (REDIRECT(res.status) && location) return { url: new URL(location, url).toString() };
    if (res.status >= 200 && res.status < 300) {
      const len = headerValue(res.headers, 'content-length');
      return { url, size: len && /^\d+$/.test(len) ? Number(len) : undefined };
    }
    throw await hubFailure(res, errorContext(ctx, repo, revision, path));
  }, ctx);
}
