// A web host on loopback over a temp data folder, and small HTTP/WebSocket clients for it.
import { mkdtemp, mkdir, rm, writeFile } from 'node:fs/promises';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import WebSocket from 'ws';
import type { AnyEvent } from '../../src-shared/contract/index.js';
import { startWebHost, type WebHost, type WebHostOptions } from '../../src-main/server/index.js';
import { Studio } from '../../src-main/services/studio.js';
import { fixture } from '../helpers/fixtures.js';

export const MODEL_DIR = fixture('diffusers-tiny', 'model');

export interface TestHost { host: WebHost; studio: Studio; tmp: string; close(): Promise<void> }

/** `options`: more web host options (host, token, quota…) over a loopback host on a free port. */
export async function startTestHost(options: Partial<WebHostOptions> = {}): Promise<TestHost> {
  const tmp = await mkdtemp(path.join(os.tmpdir(), 'ls-server-'));
  const rendererDir = path.join(tmp, 'renderer');
  await mkdir(rendererDir, { recursive: true });
  await writeFile(path.join(rendererDir, 'index.html'), '<!doctype html><title>Latent Studio</title>');
  const studio = new Studio({ host: 'web', modelFolders: [MODEL_DIR], scanHubCache: false, dataDir: path.join(tmp, 'home'), ep: 'cpu', log: () => {} });
  const host = await startWebHost({ studio, port: 0, rendererDir, ...options });
  return {
    host, studio, tmp,
    async close() {
      await host.close();
      await studio.close();
      await rm(tmp, { recursive: true, force: true });
    },
  };
}

export async function post(base: string, op: string, body: unknown, headers: Record<string, string> = {}): Promise<{ status: number; json: any }> {
  const res = await fetch(new URL(`/api/${op}`, base), { method: 'POST', headers: { 'Content-Type': 'application/json', ...headers }, body: JSON.stringify(body) });
  return { status: res.status, json: await res.json() };
}

/** A raw request, for headers fetch will not let us set (Host). */
export function rawRequest(base: string, opts: { method: string; path: string; headers?: Record<string, string>; body?: string }): Promise<{ status: number; body: string; headers: http.IncomingHttpHeaders }> {
  const u = new URL(base);
  return new Promise((resolve, reject) => {
    const req = http.request({ host: u.hostname, port: u.port, method: opts.method, path: opts.path, headers: opts.headers }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (c: string) => (body += c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body, headers: res.headers }));
    });
    req.on('error', reject);
    req.end(opts.body);
  });
}

/** The status a WebSocket upgrade to /events gets (101 when it opens). */
export function upgradeStatus(base: string, headers: Record<string, string> = {}): Promise<number> {
  const ws = new WebSocket(new URL('/events', base.replace(/^http/, 'ws')), { headers });
  return new Promise<number>((resolve) => {
    ws.on('unexpected-response', (_req, res) => resolve(res.statusCode ?? 0));
    ws.on('open', () => { ws.close(); resolve(101); });
    ws.on('error', () => {}); // the refusal is asserted through the status
  });
}

/** Opens /events and records every event; `next` waits for the first one matching. */
export async function openEvents(base: string, headers: Record<string, string> = {}) {
  const ws = new WebSocket(new URL('/events', base.replace(/^http/, 'ws')), { headers });
  const seen: AnyEvent[] = [];
  const waiters: Array<{ match: (e: AnyEvent) => boolean; resolve: (e: AnyEvent) => void }> = [];
  ws.on('message', (data) => {
    const e = JSON.parse(String(data)) as AnyEvent;
    seen.push(e);
    for (const w of [...waiters]) if (w.match(e)) { waiters.splice(waiters.indexOf(w), 1); w.resolve(e); }
  });
  await new Promise<void>((resolve, reject) => { ws.once('open', () => resolve()); ws.once('error', reject); });
  return {
    seen,
    next(match: (e: AnyEvent) => boolean, timeoutMs = 60_000): Promise<AnyEvent> {
      const already = seen.find(match);
      if (already) return Promise.resolve(already);
      return new Promise((resolve, reject) => {
        const t = setTimeout(() => reject(new Error(`no matching event in ${timeoutMs} ms; seen: ${seen.map((s) => s.event).join(', ')}`)), timeoutMs);
        waiters.push({ match, resolve: (e) => { clearTimeout(t); resolve(e); } });
      });
    },
    close: () => ws.close(),
  };
}
