// Turns a hub's error response into either a final StudioError that says what to do (not found, gated,
// unauthorised, disabled) or a TransientError worth retrying, following huggingface_hub's order of checks
// (X-Error-Code, then X-Error-Message, then the status).
import { StudioError } from '../../../src-shared/errors.js';
import { headerValue, hostOf, readText, type HttpResponse } from './http.js';
import { TRANSIENT_STATUSES, TransientError, retryAfterMs } from './retry.js';

export interface ErrorContext {
  repo: string;
  revision?: string;
  path?: string;
  /** Endpoint label for messages. */
  endpoint: string;
  /** Whether a token went with the request (changes the advice). */
  tokenSent: boolean;
  /** The model page to send users to for gated repositories. */
  modelPage?: string;
  maxRetryAfterMs: number;
}

const INVALID_CREDENTIALS = 'Invalid credentials in Authorization header';

/** Reads the body (bounded) and classifies the failure. Never returns for a 2xx/3xx. */
export async function hubFailure(res: HttpResponse, ctx: ErrorContext): Promise<StudioError | TransientError> {
  let bodyText = '';
  try {
    bodyText = res.status >= 400 ? await readText(res, 64 * 1024) : '';
  } catch {
    // NOTE: the status and headers carry the classification; an unreadable error body loses only detail.
  }
  return classifyFailure(res.status, (n) => headerValue(res.headers, n), bodyText, res.url, ctx, res.headers);
}

export function classifyFailure(
  status: number,
  header: (name: string) => string | undefined,
  bodyText: string,
  url: string,
  ctx: ErrorContext,
  rawHeaders: Record<string, string | string[] | undefined> = {},
): StudioError | TransientError {
  const code = header('x-error-code');
  const message = header('x-error-message') ?? jsonError(bodyText);
  const params = { repo: ctx.repo, revision: ctx.revision, path: ctx.path, endpoint: ctx.endpoint, status };
  const where = `on ${ctx.endpoint}`;
  const page = ctx.modelPage ?? `https://huggingface.co/${ctx.repo}`;

  if (code === 'RevisionNotFound') {
    return new StudioError('hub/revision-not-found', `Revision "${ctx.revision}" of "${ctx.repo}" was not found ${where}. Use a branch, tag or commit that exists (e.g. main) with --revision.`, params);
  }
  if (code === 'EntryNotFound') {
    return new StudioError('hub/entry-not-found', `"${ctx.path ?? '(file)'}" is not in "${ctx.repo}" at ${ctx.revision ?? 'this revision'} ${where}.`, params);
  }
  if (code === 'GatedRepo') {
    const advice = ctx.tokenSent
      ? `Your token does not have access yet: open ${page}, accept the terms with the account that owns the token, then try again.`
      : `Open ${page}, sign in and accept the terms, then set a token with access (HF_TOKEN, or --token).`;
    return new StudioError('hub/gated', `"${ctx.repo}" is a gated model ${where}. ${advice}`, { ...params, page });
  }
  if (message === 'Access to this resource is disabled.') {
    return new StudioError('hub/repo-disabled', `"${ctx.repo}" has been disabled by the hub ${where}; it cannot be downloaded. Pick another model from the catalog.`, params);
  }
  if (code === 'RepoNotFound' || (status === 401 && message !== INVALID_CREDENTIALS)) {
    const tokenHint = ctx.tokenSent ? '' : ' If it is private, set a token (HF_TOKEN or --token).';
    return new StudioError('hub/repo-not-found', `Repository "${ctx.repo}" was not found ${where}: it does not exist, is private, or was deleted. Check the id (org/name).${tokenHint}`, params);
  }
  if (status === 401) {
    return new StudioError('hub/unauthorized', `The hub rejected the token ${where} (401: ${INVALID_CREDENTIALS}). Check HF_TOKEN / --token, or unset it for public models.`, params);
  }
  if (status === 403) {
    return new StudioError('hub/forbidden', `Access to "${ctx.repo}" was refused ${where} (403${message ? `: ${message}` : ''}). Use a token with read access to it (HF_TOKEN or --token).`, params);
  }
  if (status === 404) {
    // A 404 without an error code: a mirror or proxy that does not speak the hub's headers.
    if (ctx.path) return new StudioError('hub/entry-not-found', `"${ctx.path}" of "${ctx.repo}" was not found ${where} (404).`, params);
    return new StudioError('hub/repo-not-found', `Repository "${ctx.repo}"${ctx.revision ? ` at "${ctx.revision}"` : ''} was not found ${where} (404). Check the id and the revision.`, params);
  }
  if (TRANSIENT_STATUSES.has(status)) {
    const wait = status === 429 || status === 503 ? retryAfterMs(rawHeaders, ctx.maxRetryAfterMs) : undefined;
    return new TransientError('status', `${hostOf(url)} answered ${status}${message ? ` (${message})` : ''}`, { status, retryAfterMs: wait });
  }
  return new StudioError('hub/http-error', `${hostOf(url)} answered ${status}${message ? ` (${message})` : ''} for "${ctx.repo}"${ctx.path ? ` file "${ctx.path}"` : ''}.`, params);
}

function jsonError(text: string): string | undefined {
  if (!text || text.length > 4096) return undefined;
  try {
    const v = JSON.parse(text) as { error?: unknown; Message?: unknown };
    if (typeof v.error === 'string') return v.error;
    if (typeof v.Message === 'string') return v.Message;
  } catch {
    // NOTE: non-JSON error pages (HTML from a proxy) carry nothing we can show in one line.
  }
  return undefined;
}

/** True when failing over to another endpoint cannot help (a mirror proxies the same hub). */
export function isFinalForMirrors(err: unknown): boolean {
  return err instanceof StudioError && ['hub/revision-not-found', 'hub/entry-not-found', 'hub/unauthorized'].includes(err.code);
}
