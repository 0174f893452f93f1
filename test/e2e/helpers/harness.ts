// One studio in real Chromium for an e2e file: the renderer built with Vite into a scratch folder, the
// web host over real services with a scratch LATENT_STUDIO_HOME, and a 1400×900 page. Fails (never skips)
// when Chromium is missing: apt-get install chromium.
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { build } from 'vite';
import { startWebHost, type WebHost } from '../../../src-main/server/index.js';
import { Studio, type StudioOptions } from '../../../src-main/services/studio.js';
import { REPO_ROOT, fixture } from '../../helpers/fixtures.js';

export const CHROMIUM = process.env.LATENT_STUDIO_CHROMIUM ?? '/usr/bin/chromium';
export const TINY_MODEL = fixture('diffusers-tiny', 'model');

export interface Harness {
  tmp: string;
  home: string;
  studio: Studio;
  host: WebHost;
  browser: Browser;
  page: Page;
  /** Page errors and console errors seen so far (a test asserts it stays empty). */
  pageErrors: string[];
  close(): Promise<void>;
}

export async function startHarness(options: Partial<StudioOptions> = {}): Promise<Harness> {
  if (!existsSync(CHROMIUM)) throw new Error(`Chromium not found at ${CHROMIUM}: install it (apt-get install -y chromium) or set LATENT_STUDIO_CHROMIUM.`);
  const tmp = await mkdtemp(path.join(os.tmpdir(), 'ls-e2e-'));
  const home = path.join(tmp, 'home');
  const rendererDir = path.join(tmp, 'renderer');
  await build({ configFile: path.join(REPO_ROOT, 'src-renderer', 'vite.config.ts'), logLevel: 'warn', build: { outDir: rendererDir, emptyOutDir: true } });
  process.env.VK_ICD_FILENAMES = '/usr/lib/chromium/vk_swiftshader_icd.json';
  const studio = new Studio({ host: 'web', modelFolders: [TINY_MODEL], scanHubCache: false, dataDir: home, log: () => {}, ...options });
  const host = await startWebHost({ studio, port: 0, rendererDir });
  const browser = await chromium.launch({ executablePath: CHROMIUM, headless: true });
  // NOTE: a page of an explicit context: axe-core's runner needs one to open its own frames.
  const context = await browser.newContext({ viewport: { width: 1400, height: 900 } });
  const page = await context.newPage();
  const pageErrors: string[] = [];
  page.on('pageerror', (e) => pageErrors.push(e.message));
  page.on('console', (m) => {
    if (m.type() === 'error') pageErrors.push(`${m.text()} (${m.location().url})`);
  });
  return {
    tmp, home, studio, host, browser, page, pageErrors,
    async close() {
      await browser.close();
      await host.close();
      await studio.close();
      await rm(tmp, { recursive: true, force: true });
    },
  };
}
