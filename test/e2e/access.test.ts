// The web host's access rules in real Chromium: with an access token, the printed URL opens the studio
// and the page's own fetch and WebSocket calls carry the token (cookie) with no renderer code; without
// it the page is refused; and another site (another port on the same machine: same site, so the cookie
// would go along) cannot frame the studio.
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { chromium, type Browser } from 'playwright-core';
import { build } from 'vite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startWebHost, type WebHost } from '../../src-main/server/index.js';
import { Studio } from '../../src-main/services/studio.js';
import { REPO_ROOT, fixture } from '../helpers/fixtures.js';
import { StudioPage } from './pages/studio-page.js';

const CHROMIUM = process.env.LATENT_STUDIO_CHROMIUM ?? '/usr/bin/chromium';
const MODEL = fixture('diffusers-tiny', 'model');

let tmp: string;
let studio: Studio;
let host: WebHost;
let browser: Browser;
let framer: Server;

beforeAll(async () => {
  if (!existsSync(CHROMIUM)) throw new Error(`Chromium not found at ${CHROMIUM}: install it (apt-get install -y chromium) or set LATENT_STUDIO_CHROMIUM.`);
  tmp = await mkdtemp(path.join(os.tmpdir(), 'ls-e2e-access-'));
  const rendererDir = path.join(tmp, 'renderer');
  await build({ configFile: path.join(REPO_ROOT, 'src-renderer', 'vite.config.ts'), logLevel: 'warn', build: { outDir: rendererDir, emptyOutDir: true } });
  studio = new Studio({ host: 'web', modelFolders: [MODEL], scanHubCache: false, dataDir: path.join(tmp, 'home'), ep: 'cpu', log: () => {} });
  host = await startWebHost({ studio, port: 0, rendererDir, requireToken: true });
  browser = await chromium.launch({ executablePath: CHROMIUM, headless: true });
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await new Promise<void>((resolve) => (framer ? framer.close(() => resolve()) : resolve()));
  await host?.close();
  await studio?.close();
  if (tmp) await rm(tmp, { recursive: true, force: true });
});

describe('web host access in the browser', () => {
  it('the printed URL (with its token) opens a working studio: requests and events carry the token', async () => {
    expect(host.url).toMatch(/\?token=/);
    const page = await browser.newPage();
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    page.on('console', (m) => m.type() === 'error' && errors.push(m.text()));
    const ui = new StudioPage(page);
    await ui.open(host.url);
    await ui.fill({ prompt: 'a key under a mat', steps: 2, width: 64, height: 64, seed: '7' });
    await ui.generate();
    // The image appears only after job.done arrives over the WebSocket.
    await ui.resultImages().first().waitFor({ state: 'visible', timeout: 30_000 });
    await expect.poll(() => ui.naturalWidth(ui.resultImages().first()), { timeout: 10_000 }).toBe(64);
    expect(errors).toEqual([]);
    await page.close();
  });

  it('without the token the page is refused', async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    const res = await page.goto(host.url.replace(/\?.*$/, ''));
    expect(res?.status()).toBe(401);
    await context.close();
  });

  it('another site cannot frame the studio, even with the token in its cookie jar', async () => {
    framer = createServer((_req, res) => {
      res.writeHead(200, { 'Content-Type': 'text/html' });
      res.end(`<!doctype html><title>evil</title><iframe id="f" src="${host.url}"></iframe>`);
    });
    await new Promise<void>((resolve) => framer.listen(0, '127.0.0.1', () => resolve()));
    const context = await browser.newContext();
    const page = await context.newPage();
    await page.goto(host.url); // the cookie is set, as for a user who opened the studio before
    const messages: string[] = [];
    page.on('console', (m) => messages.push(m.text()));
    await page.goto(`http://127.0.0.1:${(framer.address() as AddressInfo).port}/`);
    const frame = page.frames().find((f) => f !== page.mainFrame());
    expect(frame).toBeDefined();
    await expect.poll(() => messages.join('\n'), { timeout: 10_000 }).toMatch(/frame-ancestors 'none'[\s\S]*has been blocked|X-Frame-Options' to 'deny'/);
    expect(await frame!.locator('[data-testid="generate"]').count()).toBe(0);
    await context.close();
  });
});
