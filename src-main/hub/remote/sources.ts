// One endpoint bound to one repository and revision: how to list it, resolve a file's download URL and
// probe it, whatever protocol it speaks (the hub's or ModelScope's). Credentials are scoped here: the
// HF token only to hub endpoints allowed to see it, the ModelScope token only to ModelScope.
import { listHfRepo, type CallContext } from './api.js';
import type { AuthScope, HubHttp } from './http.js';
import { discard } from './http.js';
import { listModelscopeRepo, type ModelscopePins } from './modelscope.js';
import { resolveHfFile, resolveModelscopeFile } from './resolve.js';
import type { ResolvedRetry, TransientError } from './retry.js';
import type { Endpoint, Listing, ResolvedFile } from '../types.js';
import type { ProbeResult } from './endpoints.js';
import { repoUrlPath } from './api.js';

export interface SourceSetup {
  http: HubHttp;
  policy: ResolvedRetry;
  hfToken?: string;
  modelscopeToken?: string;
  signal?: AbortSignal;
  onRetry?: (source: Source, err: TransientError, waitMs: number) => void;
}

export class Source {
  /** Times this source answered a Range request with the whole file. */
  rangeIgnored = 0;
  readonly auth?: AuthScope;

  constructor(
    readonly endpoint: Endpoint,
    /** The repository id on this endpoint. */
    readonly repo: string,
    /** Revision to resolve files at: the pinned commit once a hub listing gave one. */
    public revision: string,
    private readonly setup: SourceSetup,
    /** Other endpoints exist: fail over after a few tries instead of exhausting them here. */
    public multiple: boolean,
    private readonly pins: ModelscopePins = {},
  ) {
    const origin = new URL(endpoint.url).origin;
    if (endpoint.kind === 'hf' && endpoint.sendToken && setup.hfToken) {
      this.auth = { origin, headers: { authorization: `Bearer ${setup.hfToken}` } };
    } else if (endpoint.kind === 'modelscope' && setup.modelscopeToken) {
      this.auth = { origin, headers: { cookie: `m_session_id=${setup.modelscopeToken}` } };
    }
  }

  get label(): string {
    return this.endpoint.label;
  }

  context(signal?: AbortSignal): CallContext {
    return {
      http: this.setup.http,
      endpoint: this.endpoint,
      auth: this.auth,
      tokenSent: !!this.auth,
      policy: this.setup.policy,
      attempts: this.multiple ? this.setup.policy.failoverAfter : this.setup.policy.tries,
      quickFailover: this.multiple,
      signal: signal ?? this.setup.signal,
      onRetry: (err, wait) => this.setup.onRetry?.(this, err, wait),
    };
  }

  async list(): Promise<Listing & { gated?: false | string }> {
    const ctx = this.context();
    return this.endpoint.kind === 'hf' ? listHfRepo(ctx, this.repo, this.revision) : listModelscopeRepo(ctx, this.repo, this.revision, this.pins);
  }

  async resolve(path: string, signal?: AbortSignal): Promise<ResolvedFile> {
    const ctx = this.context(signal);
    return this.endpoint.kind === 'hf' ? resolveHfFile(ctx, this.repo, this.revision, path) : resolveModelscopeFile(ctx, this.repo, this.revision, path);
  }

  /** Healthy = answers the repository's API URL below 500 within the probe timeout. */
  async probe(): Promise<ProbeResult> {
    const url =
      this.endpoint.kind === 'hf'
        ? `${this.endpoint.url}/api/models/${repoUrlPath(this.repo)}/revision/${encodeURIComponent(this.revision)}`
        : `${this.endpoint.url}/api/v1/models/${repoUrlPath(this.repo)}/revisions`;
    const timeout = AbortSignal.timeout(this.setup.http.timeouts.probeMs);
    const signal = this.setup.signal ? AbortSignal.any([this.setup.signal, timeout]) : timeout;
    try {
      const res = await this.setup.http.send({ method: 'GET', url, auth: this.auth, signal, headersTimeoutMs: this.setup.http.timeouts.probeMs });
      await discard(res);
      return res.status < 500 ? { ok: true } : { ok: false, reason: `HTTP ${res.status}` };
    } catch (err) {
      if (this.setup.signal?.aborted) throw err;
      return { ok: false, reason: timeout.aborted ? `no answer within ${this.setup.http.timeouts.probeMs} ms` : ((err as Error)?.message ?? String(err)) };
    }
  }
}
