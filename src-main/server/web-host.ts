// The web host: serves the built renderer, the contract over HTTP (POST /api/<op>, JSON in and out),
// contract events over one WebSocket (/events) and gallery files, on loopback by default.
// It owns no logic: requests go through the shared ipc router, files through services/app-files; it only
// guards access (guard.ts), counts each client's jobs (job-quota.ts) and sets the page's headers.
import { createReadStream, existsSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { WebSocketServer, type WebSocket } from 'ws';
import { JOBS_PER_CLIENT_MAX, PNG_DROP_MAX_BYTES, toWireError, type WireError, type WireResult } from '../../src-shared/contract/index.js';
import { StudioError } from '../../src-shared/errors.js';
import { createRouter, type Router } from '../ipc/router.js';
import { resolveAppFile } from '../services/app-files.js';
import { SECURITY_HEADERS, contentSecurityPolicy } from '../services/csp.js';
import type { Studio } from '../services/studio.js';
import {
  acceptedHostNames, checkAccess, checkTokenShape, generateToken, isLoopbackHost, isWildcardHost, machineAddresses, tokenCookie, urlHost,
  type AccessPolicy,
} from './guard.js';
import { JobQuota } from './job-quota.js';

export const DEFAULT_PORT = 7860;
export const DEFAULT_HOST = '127.0.0.1';
const BODY_MAX = 1024 * 1024;
/** image.parameters carries a dropped PNG as a data: URL (base64, up to PNG_DROP_MAX_BYTES before encoding). */
const BODY_MAX_BY_OP: Readonly<Record<string, number>> = Object.freeze({ 'image.parameters': Math.ceil(PNG_DROP_MAX_BYTES / 3) * 4 + 4096 });

export interface WebHostOptions {
  studio: Studio;
  /** Default 7860; 0 picks a free port. */
  port?: number;
  /** Default 127.0.0.1. Anything else exposes the studio to the network: the caller must ask for it. */
  host?: string;
  /** Folder of the built renderer (index.html + assets/); default: defaultRendererDir(). */
  rendererDir?: string;
  /**
   * Require an access token on every request. Default: true off loopback, where it cannot be turned off;
   * false on loopback unless `token` is given.
   */
  requireToken?: boolean;
  /** The token to require (16+ URL-safe characters); default: a generated one when a token is required. */
  token?: string;
  /** More Host names to answer to (a DNS name or address the browser uses to reach this machine). */
  allowedHosts?: readonly string[];
  /** Generations one client may have queued or running; default JOBS_PER_CLIENT_MAX. */
  maxJobsPerClient?: number;
  /** Where internal errors (bugs, not user errors) are reported with their stack; default stderr. */
  onInternalError?: (where: string, err: unknown) => void;
}

export interface WebHost {
  /** A URL a browser opens, with ?token=… when a token is required. */
  url: string;
  port: number;
  /** The access token, when one is required. */
  token?: string;
  close(): Promise<void>;
}

/** dist/renderer beside the sources (checkout) or beside the compiled main (dist/src-main/server → dist/renderer). */
export function defaultRendererDir(): string {
  const here = path.dirname(fileURLToPath(import.meta.url));
  const candidates = [path.resolve(here, '../../dist/renderer'), path.resolve(here, '../../renderer')];
  return candidates.find((c) => existsSync(path.join(c, 'index.html'))) ?? candidates[0];
}

export async function startWebHost(options: WebHostOptions): Promise<WebHost> {
  const host = options.host ?? DEFAULT_HOST;
  const token = accessToken(host, options);
  const rendererDir = options.rendererDir ?? defaultRendererDir();
  const onInternalError = options.onInternalError ?? ((where, err) => process.stderr.write(`latent-studio serve: ${where}: ${(err as Error)?.stack ?? String(err)}\n`));
  const router = createRouter(options.studio, onInternalError);
  const quota = new JobQuota(options.maxJobsPerClient ?? JOBS_PER_CLIENT_MAX);
  const unsubscribeQuota = options.studio.events.subscribe((message) => quota.onEvent(message));
  // The cookie name needs the port, known once listening; requests only arrive after that.
  const policy: AccessPolicy = { hosts: acceptedHostNames(host, options.allowedHosts), token, cookieName: 'latent-studio-token' };
  const ctx: Context = { router, studio: options.studio, rendererDir, policy, quota };
  const server = createServer((req, res) => {
    handle(req, res, ctx).catch((err: unknown) => sendError(res, err, onInternalError));
  });
  const sockets = new WebSocketServer({ noServer: true, maxPayload: 64 * 1024 });
  server.on('upgrade', (req, socket, head) => {
    try {
      checkAccess(req, policy);
      if (new URL(req.url ?? '/', 'http://x').pathname !== '/events') throw new StudioError('server/not-found', 'Only /events takes WebSocket connections.');
    } catch (err) {
      const status = statusFor(toWireError(err));
      socket.end(`HTTP/1.1 ${status} ${STATUS_TEXT[status] ?? 'Error'}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`);
      return;
    }
    sockets.handleUpgrade(req, socket, head, (ws) => attachEvents(ws, options.studio));
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', (err: NodeJS.ErrnoException) => {
      reject(err.code === 'EADDRINUSE'
        ? new StudioError('server/port-in-use', `Port ${options.port ?? DEFAULT_PORT} on ${host} is in use. Pick another with --port N (0 = any free port).`, { port: options.port ?? DEFAULT_PORT, host }, { cause: err })
        : new StudioError('server/listen-failed', `Cannot listen on ${host}:${options.port ?? DEFAULT_PORT}: ${err.message}`, { host }, { cause: err }));
    });
    server.listen(options.port ?? DEFAULT_PORT, host, () => resolve());
  });
  const port = (server.address() as AddressInfo).port;
  policy.cookieName = `latent-studio-token-${port}`;
  return {
    url: browserUrl(host, port, token),
    port,
    token,
    close: async () => {
      unsubscribeQuota();
      await closeServer(server, sockets);
    },
  };
}

/** The token to require, or undefined; off loopback one is always required. */
function accessToken(host: string, options: WebHostOptions): string | undefined {
  const required = options.requireToken ?? (!isLoopbackHost(host) || options.token !== undefined);
  if (!required && !isLoopbackHost(host)) {
    throw new StudioError('server/token-off', `Refused to serve on ${host} without an access token: anyone on the network could use the studio. Keep the token, or serve on 127.0.0.1.`, { host });
  }
  if (!required) return undefined;
  if (options.token === undefined) return generateToken();
  checkTokenShape(options.token);
  return options.token;
}

/**
 * A URL a browser can open: a wildcard bind (0.0.0.0, ::) is shown as this machine's first non-loopback
 * IPv4 address (127.0.0.1 when it has none), since a browser cannot open 0.0.0.0.
 */
export function browserUrl(host: string, port: number, token: string | undefined): string {
  const shown = isWildcardHost(host) ? (machineAddresses().find((a) => /^\d+\.\d+\.\d+\.\d+$/.test(a) && !isLoopbackHost(a)) ?? '127.0.0.1') : urlHost(host);
  return `http://${shown}:${port}/${token === undefined ? '' : `?token=${token}`}`;
}

interface Context { router: Router; studio: Studio; rendererDir: string; policy: AccessPolicy; quota: JobQuota }

async function handle(req: IncomingMessage, res: ServerResponse, ctx: Context): Promise<void> {
  for (const [name, value] of Object.entries(SECURITY_HEADERS)) res.setHeader(name, value);
  const access = checkAccess(req, ctx.policy);
  if (access.setCookie) res.setHeader('Set-Cookie', tokenCookie(ctx.policy));
  const url = new URL(req.url ?? '/', 'http://x');
  if (url.pathname.startsWith('/api/')) {
    if (req.method !== 'POST') throw new StudioError('server/method-not-allowed', `Use POST for ${url.pathname}.`, { method: req.method ?? '' });
    const op = decodeURIComponent(url.pathname.slice('/api/'.length));
    const body = await readJsonBody(req, BODY_MAX_BY_OP[op] ?? BODY_MAX);
    const result = op === 'generate.start' ? await startCounted(req, body, ctx) : await ctx.router.handle(op, body);
    if (result.ok) sendJson(res, 200, result.value);
    else sendJson(res, statusFor(result.error), { error: result.error });
    return;
  }
  if (req.method !== 'GET' && req.method !== 'HEAD') throw new StudioError('server/method-not-allowed', `Use GET for ${url.pathname}.`, { method: req.method ?? '' });
  const found = await resolveAppFile(url.pathname, ctx.rendererDir, ctx.studio.gallery, ctx.studio.timeline);
  if (!found) {
    const missingUi = !existsSync(path.join(ctx.rendererDir, 'index.html'));
    throw new StudioError('server/not-found', missingUi ? `The UI is not built (no ${ctx.rendererDir}/index.html): run "npm run build".` : `Nothing at ${url.pathname}.`, { path: url.pathname });
  }
  res.writeHead(200, {
    'Content-Type': found.contentType,
    'Cache-Control': found.immutable ? 'public, max-age=31536000, immutable' : 'no-cache',
    ...(found.contentType.startsWith('text/html') ? { 'Content-Security-Policy': contentSecurityPolicy(`ws://${req.headers.host ?? ''}`) } : {}),
  });
  if (req.method === 'HEAD') return void res.end();
  await new Promise<void>((resolve, reject) => createReadStream(found.file).on('error', reject).on('end', resolve).pipe(res));
}

/**
 * generate.start within the client's quota. A client is its remote address: every browser given the same
 * token still gets its own count, and a client without a token (loopback) has one.
 */
async function startCounted(req: IncomingMessage, body: unknown, ctx: Context): Promise<WireResult> {
  const settle = ctx.quota.reserve(req.socket.remoteAddress ?? 'unknown');
  let jobId: string | undefined;
  try {
    const result = await ctx.router.handle('generate.start', body);
    if (result.ok) jobId = (result.value as { jobId: string }).jobId;
    return result;
  } finally {
    settle(jobId);
  }
}

async function readJsonBody(req: IncomingMessage, max: number): Promise<unknown> {
  const type = req.headers['content-type'] ?? '';
  if (!/^application\/json\b/i.test(type)) throw new StudioError('server/bad-content-type', `Send the request as JSON (Content-Type: application/json), got "${type}".`, { contentType: type });
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > max) throw new StudioError('server/body-too-large', `The request body is over ${max} bytes.`, { max });
    chunks.push(chunk as Buffer);
  }
  const text = Buffer.concat(chunks).toString('utf8');
  if (!text.trim()) return {};
  try {
    return JSON.parse(text) as unknown;
  } catch (err) {
    throw new StudioError('server/bad-json', `The request body is not valid JSON: ${(err as Error).message}.`);
  }
}

function attachEvents(ws: WebSocket, studio: Studio): void {
  const unsubscribe = studio.events.subscribe((message) => {
    if (ws.readyState === ws.OPEN) ws.send(JSON.stringify(message));
  });
  ws.on('close', unsubscribe);
  ws.on('error', unsubscribe);
  // NOTE: clients never send on /events; anything they do send is ignored.
}

function statusFor(error: WireError): number {
  if (error.code === 'internal') return 500;
  if (error.code.startsWith('server/forbidden')) return 403;
  if (error.code === 'server/token-required') return 401;
  if (error.code === 'server/too-many-jobs') return 429;
  if (error.code === 'server/not-found' || error.code === 'contract/unknown-op' || error.code === 'gallery/unknown-id') return 404;
  if (error.code === 'server/method-not-allowed') return 405;
  if (error.code === 'server/body-too-large') return 413;
  if (error.code === 'server/bad-content-type') return 415;
  return 400;
}

const STATUS_TEXT: Readonly<Record<number, string>> = { 401: 'Unauthorized', 403: 'Forbidden', 404: 'Not Found' };

function sendJson(res: ServerResponse, status: number, value: unknown): void {
  const body = JSON.stringify(value);
  res.writeHead(status, { 'Content-Type': 'application/json; charset=utf-8', 'Cache-Control': 'no-store', 'Content-Length': Buffer.byteLength(body) });
  res.end(body);
}

function sendError(res: ServerResponse, err: unknown, onInternalError: (where: string, err: unknown) => void): void {
  const error = toWireError(err);
  if (error.code === 'internal') onInternalError('HTTP request', err);
  if (res.headersSent) return void res.destroy();
  sendJson(res, statusFor(error), { error });
}

async function closeServer(server: Server, sockets: WebSocketServer): Promise<void> {
  for (const ws of sockets.clients) ws.terminate();
  await new Promise<void>((resolve) => sockets.close(() => resolve()));
  server.closeAllConnections();
  await new Promise<void>((resolve) => server.close(() => resolve()));
}
