// Outbound HTTP for the hub: undici dispatchers (direct, or through HTTPS_PROXY / HTTP_PROXY /
// ALL_PROXY with NO_PROXY, or a configured proxy), fixed headers (Accept-Encoding: identity, never a
// Referer), redirects followed by hand, and the token attached only to the origin it belongs to.
import { Agent, EnvHttpProxyAgent, request, type Dispatcher } from 'undici';
import type { IncomingHttpHeaders } from 'node:http';
import { StudioError } from '../../../src-shared/errors.js';
import { DirectGetClient, type DirectGetRequest, type DirectGetResult } from './direct-get.js';
import { TransientError, networkFailure } from './retry.js';
import type { TimeoutOptions } from '../types.js';

export interface ResolvedTimeouts {
  connectMs: number;
  headersMs: number;
  bodyIdleMs: number;
  probeMs: number;
}

export function resolveTimeouts(t: TimeoutOptions | undefined): ResolvedTimeouts {
  return {
    connectMs: t?.connectMs ?? 10_000,
    headersMs: t?.headersMs ?? 30_000,
    bodyIdleMs: t?.bodyIdleMs ?? 30_000,
    probeMs: t?.probeMs ?? 4_000,
  };
}

/** Credentials for one origin: sent only to URLs of exactly that origin (dropped on cross-host redirects). */
export interface AuthScope {
  origin: string;
  headers: Record<string, string>;
}

export interface HttpRequest {
  method: 'GET' | 'HEAD';
  url: string;
  headers?: Record<string, string>;
  auth?: AuthScope;
  signal?: AbortSignal;
  /** Overrides the client's headers timeout (probes use a short one). */
  headersTimeoutMs?: number;
}

export interface HttpResponse {
  status: number;
  headers: IncomingHttpHeaders;
  body: Dispatcher.ResponseData['body'];
  /** The URL this response came from (after any hops taken by hand). */
  url: string;
}

const REDIRECTS = new Set([301, 302, 303, 307, 308]);
const MAX_HOPS = 10;

/** The proxy settings in force, for messages: userinfo is removed so passwords never reach a log. */
export function redactUrl(url: string): string {
  try {
    const u = new URL(url);
    if (u.username || u.password) {
      u.username = '***';
      u.password = '';
    }
    return u.toString();
  } catch {
    return '(invalid URL)';
  }
}

export interface ProxyChoice {
  http?: string;
  https?: string;
  noProxy: string;
}

/**
 * Proxy resolution, flag > environment > settings: an explicit proxy beats HTTPS_PROXY / HTTP_PROXY /
 * ALL_PROXY (either case), which beat the fallback (the app's settings or the system proxy).
 * Each variable covers its own scheme only, as in curl and huggingface_hub (httpx).
 */
export function chooseProxy(env: NodeJS.ProcessEnv, proxy?: string, fallbackProxy?: string): ProxyChoice | undefined {
  const noProxy = env.no_proxy ?? env.NO_PROXY ?? '';
  if (proxy) return { http: proxy, https: proxy, noProxy };
  const all = env.all_proxy || env.ALL_PROXY || undefined;
  const http = env.http_proxy || env.HTTP_PROXY || all;
  const https = env.https_proxy || env.HTTPS_PROXY || all;
  if (http || https) return { http, https, noProxy };
  if (fallbackProxy) return { http: fallbackProxy, https: fallbackProxy, noProxy };
  return undefined;
}

export interface HubHttpOptions {
  env: NodeJS.ProcessEnv;
  proxy?: string;
  fallbackProxy?: string;
  dispatcher?: Dispatcher;
  timeouts?: TimeoutOptions;
  /** Connections per origin (default 8). */
  connections?: number;
  /** The app's version, for the user agent (the host knows it; the hub does not). */
  appVersion: string;
  /** Large bodies through the lean reader of direct-get.ts when no proxy or dispatcher is in play (default true). */
  directGet?: boolean;
}

export class HubHttp {
  readonly dispatcher: Dispatcher;
  /** For https URLs when only an http proxy is set (undici's EnvHttpProxyAgent would use that proxy for both). */
  private readonly httpsDirect?: Dispatcher;
  readonly timeouts: ResolvedTimeouts;
  readonly proxy?: ProxyChoice;
  private readonly owned: boolean;
  /** Set when downloads may bypass undici: no proxy and no caller's dispatcher (direct-get.ts). */
  private readonly direct?: DirectGetClient;
  private readonly userAgent: string;

  constructor(opts: HubHttpOptions) {
    this.timeouts = resolveTimeouts(opts.timeouts);
    this.userAgent = `latent-studio/${opts.appVersion}; hf-hub-compatible`;
    this.proxy = chooseProxy(opts.env, opts.proxy, opts.fallbackProxy);
    if (!opts.dispatcher && !this.proxy && opts.directGet !== false && opts.env.LATENT_STUDIO_DIRECT_GET !== '0') this.direct = new DirectGetClient(this.timeouts, Math.max(2, opts.connections ?? 8));
    if (opts.dispatcher) {
      this.dispatcher = opts.dispatcher;
      this.owned = false;
      return;
    }
    const agentOpts = {
      connections: Math.max(2, opts.connections ?? 8),
      keepAliveTimeout: 10_000,
      connect: { timeout: this.timeouts.connectMs },
    };
    // NOTE: empty strings (not undefined) stop EnvHttpProxyAgent from re-reading process.env behind our back.
    this.dispatcher = this.proxy
      ? new EnvHttpProxyAgent({ ...agentOpts, httpProxy: this.proxy.http ?? '', httpsProxy: this.proxy.https ?? '', noProxy: this.proxy.noProxy })
      : new Agent(agentOpts);
    if (this.proxy && !this.proxy.https) this.httpsDirect = new Agent(agentOpts);
    this.owned = true;
  }

  /** One request, no redirects. Network failures come back as TransientError. */
  async send(req: HttpRequest): Promise<HttpResponse> {
    const headers: Record<string, string> = { 'user-agent': this.userAgent, 'accept-encoding': 'identity', ...req.headers };
    if (req.auth && sameOrigin(req.url, req.auth.origin)) Object.assign(headers, req.auth.headers);
    try {
      const res = await request(req.url, {
        method: req.method,
        headers,
        dispatcher: this.httpsDirect && req.url.startsWith('https:') ? this.httpsDirect : this.dispatcher,
        signal: req.signal,
        headersTimeout: req.headersTimeoutMs ?? this.timeouts.headersMs,
        bodyTimeout: this.timeouts.bodyIdleMs,
      });
      return { status: res.statusCode, headers: res.headers, body: res.body, url: req.url };
    } catch (err) {
      const used = req.url.startsWith('https:') ? this.proxy?.https : this.proxy?.http;
      const via = used ? ` via proxy ${redactUrl(used)}` : '';
      if (!req.signal?.aborted && used) throwIfProxyRefused(err, used, `${req.method} ${hostOf(req.url)}${via}`);
      throw networkFailure(err, `${req.method} ${hostOf(req.url)}${via}`) ?? err;
    }
  }

  /**
   * A GET whose body goes straight to `onBody` (direct-get.ts), with the same fixed headers and token rule
   * as send(). Undefined when this client cannot take that path (a proxy or a caller's dispatcher).
   */
  directGet(req: Omit<DirectGetRequest, 'headers'> & { headers: Record<string, string>; auth?: AuthScope }): Promise<DirectGetResult> | undefined {
    if (!this.direct || !DirectGetClient.handles(req.url)) return undefined;
    const headers: Record<string, string> = { 'user-agent': this.userAgent, 'accept-encoding': 'identity', ...req.headers };
    if (req.auth && sameOrigin(req.url, req.auth.origin)) Object.assign(headers, req.auth.headers);
    return this.direct.get({ ...req, headers }).catch((err: unknown) => {
      throw networkFailure(err, `GET ${hostOf(req.url)}`) ?? err;
    });
  }

  /**
   * Follows redirects by hand. `relative` (huggingface_hub's HEAD rule) follows only relative Locations
   * and returns an absolute redirect as the answer; `all` follows every hop (GET from a CDN).
   */
  async follow(req: HttpRequest, mode: 'relative' | 'all'): Promise<HttpResponse> {
    let current = req;
    for (let hop = 0; ; hop++) {
      const res = await this.send(current);
      const location = headerValue(res.headers, 'location');
      if (!REDIRECTS.has(res.status) || !location) return res;
      const absolute = isAbsoluteLocation(location);
      if (mode === 'relative' && absolute) return res;
      await discard(res);
      if (hop >= MAX_HOPS) throw new TransientError('protocol', `${hostOf(req.url)} redirected more than ${MAX_HOPS} times (a redirect loop)`);
      current = { ...current, url: new URL(location, current.url).toString() };
    }
  }

  async close(): Promise<void> {
    this.direct?.close();
    if (this.owned) await Promise.all([this.dispatcher.close(), this.httpsDirect?.close()]);
  }
}

/**
 * undici reports a proxy that answers CONNECT with anything but 200 as an *abort* (UND_ERR_ABORTED), which
 * would read as "cancelled": turn it into what it is. 407 needs the user; other refusals are transient.
 */
function throwIfProxyRefused(err: unknown, proxy: string, where: string): void {
  const m = (err as Error)?.message?.match(/^Proxy response \((\d+)\) !== 200/);
  if (!m) return;
  const status = Number(m[1]);
  if (status === 407) {
    throw new StudioError('hub/proxy-auth', `The proxy ${redactUrl(proxy)} asks for credentials (407 Proxy Authentication Required). Put them in the proxy URL (http://user:password@host:port) in HTTPS_PROXY / HTTP_PROXY or the settings.`, { proxy: redactUrl(proxy), status });
  }
  throw new TransientError('network', `${where}: the proxy refused the connection (${status})`, { status, endpointDown: true, cause: err });
}

export function headerValue(headers: IncomingHttpHeaders, name: string): string | undefined {
  const v = headers[name];
  return Array.isArray(v) ? v[0] : v;
}

/** Location values with a scheme or a leading `//` point elsewhere; anything else is relative to the request. */
export function isAbsoluteLocation(location: string): boolean {
  return /^[a-z][a-z0-9+.-]*:/i.test(location) || location.startsWith('//');
}

export function sameOrigin(url: string, origin: string): boolean {
  try {
    return new URL(url).origin === origin;
  } catch {
    return false;
  }
}

export function hostOf(url: string): string {
  try {
    return new URL(url).host;
  } catch {
    return url;
  }
}

/** Drains and drops a response body so the connection can be reused. */
export async function discard(res: HttpResponse): Promise<void> {
  try {
    await res.body.dump({ limit: 64 * 1024 });
  } catch {
    // NOTE: a body that fails while being thrown away loses nothing; the connection is simply not reused.
  }
}

/** Abandons a body without reading it (the connection closes). */
export function abandon(res: HttpResponse): void {
  // NOTE: undici reports a destroyed body as an AbortError 'error' event; nobody waits on it here.
  res.body.once('error', () => undefined);
  res.body.destroy();
}

/** Reads a small body (error pages, JSON) with a size cap. */
export async function readText(res: HttpResponse, limit = 16 * 1024 * 1024): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of res.body) {
    size += (chunk as Buffer).length;
    if (size > limit) {
      res.body.destroy();
      throw new Error(`Response from ${hostOf(res.url)} is larger than ${limit} bytes`);
    }
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks).toString('utf8');
}
