// The web host: serves the built renderer, the contract over HTTP (POST /api/<op>, JSON in and out),
// contract events over one WebSocket (/events) and gallery files, on loopback by default.
// It owns no logic: requests go through the shared ipc router, files through services/app-files.
import { createReadStream, existsSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { WebSocketServer, type WebSocket } from 'ws';
import { toWireError, type WireError } from '../../src-shared/contract/index.js';
import { StudioError } from '../../src-shared/errors.js';
import { createRouter, type Router } from '../ipc/router.js';
import { resolveAppFile } from '../services/app-files.js';
import type { Studio } from '../services/studio.js';
import { checkRequestOrigin } from './guard.js';

export const DEFAULT_PORT = 7860;
export const DEFAULT_HOST = '127.0.0.1';
const BODY_MAX = 1024 * 1024;

export interface WebHostOptions {
  studio: Studio;
  /** Default 7860; 0 picks a free port. */
  port?: number;
  /** Default 127.0.0.1. Anything else exposes the studio to the network: the caller must ask for it. */
  host?: string;
  /** Folder of the built renderer (index.html + assets/); default: defaultRendererDir(). */
  rendererDir?: string;
}

export interface WebHost {
  url: string;
  port: number;
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
  const rendererDir = options.rendererDir ?? defaultRendererDir();
  const router = createRouter(options.studio);
  const server = createServer((req, res) => {
    handle(req, res, { router, studio: options.studio, host, rendererDir }).catch((err: unknown) => sendError(res, err));
  });
  const sockets = new WebSocketServer({ noServer: true, maxPayload: 64 * 1024 });
  server.on('upgrade', (req, socket, head) => {
    try {
      checkRequestOrigin(req, host);
      if (new URL(req.url ?? '/', 'http://x').pathname !== '/events') throw new StudioError('server/not-found', 'Only /events takes WebSocket connections.');
    } catch (err) {
      const status = statusFor(toWireError(err));
      socket.end(`HTTP/1.1 ${status} ${status === 403 ? 'Forbidden' : 'Not Found'}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`);
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
  const shownHost = host.includes(':') ? `[${host}]` : host;
  return { url: `http://${shownHost}:${port}/`, port, close: () => closeServer(server, sockets) };
}

interface Context { router: Router; studio: Studio; host: string; rendererDir: string }

async function handle(req: IncomingMessage, res: ServerResponse, ctx: Context): Promise<void> {
  checkRequestOrigin(req, ctx.host);
  const url = new URL(req.url ?? '/', 'http://x');
  res.setHeader('X-Content-Type-Options', 'nosniff');
  if (url.pathname.startsWith('/api/')) {
    if (req.method !== 'POST') throw new StudioError('server/method-not-allowed', `Use POST for ${url.pathname}.`, { method: req.method ?? '' });
    const body = await readJsonBody(req);
    const result = await ctx.router.handle(decodeURIComponent(url.pathname.slice('/api/'.length)), body);
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
    ...(found.contentType.startsWith('text/html') ? { 'Content-Security-Policy': CSP } : {}),
  });
  if (req.method === 'HEAD') return void res.end();
  await new Promise<void>((resolve, reject) => createReadStream(found.file).on('error', reject).on('end', resolve).pipe(res));
}

/** The page may load only its own scripts and talk only to its own host (ws: for /events). */
const CSP = "default-src 'self'; img-src 'self' data: blob:; style-src 'self' 'unsafe-inline'; connect-src 'self' ws: wss:; object-src 'none'; base-uri 'self'";

async function readJsonBody(req: IncomingMessage): Promise<unknown> {
  const type = req.headers['content-type'] ?? '';
  if (!/^application\/json\b/i.test(type)) throw new StudioError('server/bad-content-type', `Send the request as JSON (Content-Type: application/json), got "${type}".`, { contentType: type });
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > BODY_MAX) throw new StudioError('server/body-too-large', `The request body is over ${BODY_MAX} bytes.`, { max: BODY_MAX });
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
  if (error.code === 'server/not-found' || error.code === 'contract/unknown-op' || error.code === 'gallery/unknown-id') return 404;
  if (error.code === 'server/method-not-allowed') return 405;
  if (error.code === 'server/body-too-large') return 413;
  if (error.code === 'server/bad-content-type') return 415;
  return 400;
}

function sendJson(res: ServerResponse, status: number, value: unknown): void {
  const body = JSON.stringify(value);
  res.writeHead(status, { 'Content-Type': 'application/json; charset=utf-8', 'Cache-Control': 'no-store', 'Content-Length': Buffer.byteLength(body) });
  res.end(body);
}

function sendError(res: ServerResponse, err: unknown): void {
  const error = toWireError(err);
  if (error.code === 'internal') process.stderr.write(`latent-studio serve: ${(err as Error)?.stack ?? String(err)}\n`);
  if (res.headersSent) return void res.destroy();
  sendJson(res, statusFor(error), { error });
}

async function closeServer(server: Server, sockets: WebSocketServer): Promise<void> {
  for (const ws of sockets.clients) ws.terminate();
  await new Promise<void>((resolve) => sockets.close(() => resolve()));
  server.closeAllConnections();
  await new Promise<void>((resolve) => server.close(() => resolve()));
}
