// End to end in real Chromium: the renderer built with Vite, served by the web host over the real
// services and the tiny diffusers model; type a prompt, generate 64×64 in a few steps, see the image,
// find it in the gallery. Fails (never skips) when Chromium is missing: apt-get install chromium.
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
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
let page: Page;
const pageErrors: string[] = [];

beforeAll(async () => {
  if (!existsSync(CHROMIUM)) throw new Error(`Chromium not found at ${CHROMIUM}: install it (apt-get install -y chromium) or set LATENT_STUDIO_CHROMIUM.`);
  tmp = await mkdtemp(path.join(os.tmpdir(), 'ls-e2e-'));
  const rendererDir = path.join(tmp, 'renderer');
  await build({ configFile: path.join(REPO_ROOT, 'src-renderer', 'vite.config.ts'), logLevel: 'warn', build: { outDir: rendererDir, emptyOutDir: true } });
  // The app's default provider choice: on this GPU-less machine `auto` passes over CUDA (not installed) and
  // WebGPU on the software Vulkan driver, runs on the CPU, and says why.
  process.env.VK_ICD_FILENAMES = '/usr/lib/chromium/vk_swiftshader_icd.json';
  studio = new Studio({ host: 'web', modelFolders: [MODEL], scanHubCache: false, galleryDir: path.join(tmp, 'home', 'gallery'), ep: 'auto', log: () => {} });
  host = await startWebHost({ studio, port: 0, rendererDir });
  browser = await chromium.launch({ executablePath: CHROMIUM, headless: true });
  page = await browser.newPage();
  page.on('pageerror', (e) => pageErrors.push(e.message));
  page.on('console', (m) => {
    if (m.type() === 'error') pageErrors.push(`${m.text()} (${m.location().url})`);
  });
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await host?.close();
  await studio?.close();
  if (tmp) await rm(tmp, { recursive: true, force: true });
});

describe('studio in the browser', () => {
  it('generates a 64×64 image from a typed prompt and shows it', async () => {
    const ui = new StudioPage(page);
    await ui.open(host.url);
    await ui.fillGenerate({ prompt: 'a lighthouse at dusk', negative: 'blurry', steps: 3, width: 64, height: 64, seed: '1234', scheduler: 'euler' });
    await ui.generate();
    const img = ui.resultImages().first();
    await img.waitFor({ state: 'visible', timeout: 30_000 });
    await expect.poll(() => ui.naturalWidth(img), { timeout: 10_000 }).toBe(64);
    expect(await ui.resultImages().count()).toBe(1);
    expect(await ui.progressLabel().textContent()).toBe('Done: 3/3 steps');
    expect(await ui.resultInfo().textContent()).toMatch(/^seed 1234 · euler · cpu · /);
    expect(await ui.providerNote().textContent()).toMatch(/webgpu skipped: the Vulkan driver is a software renderer/);
    expect(pageErrors).toEqual([]);
  });

  it('lists the new image in the gallery and finds it by its prompt', async () => {
    const ui = new StudioPage(page);
    await ui.openGallery();
    await expect.poll(() => ui.galleryItems().count(), { timeout: 10_000 }).toBe(1);
    const thumb = ui.galleryItems().first().locator('img');
    expect(await thumb.getAttribute('alt')).toBe('a lighthouse at dusk');
    await expect.poll(() => ui.naturalWidth(thumb), { timeout: 10_000 }).toBeGreaterThan(0);
    await ui.searchGallery('lighthouse');
    await expect.poll(() => ui.galleryItems().count()).toBe(1);
    await ui.searchGallery('submarine');
    await expect.poll(() => ui.galleryItems().count()).toBe(0);
    expect(pageErrors).toEqual([]);
  });
});
