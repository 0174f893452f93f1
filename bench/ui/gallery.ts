// The Gallery screen over 100,000 images in Chromium through the web host: the index filled through the
// store's API (as bench/gallery.ts does), every PNG and thumbnail a hard link to a few small shared files;
// then browse the first 10,000 thumbnails page by page (renderer heap after), and scroll the whole grid
// (p95 of requestAnimationFrame deltas). `LS_BENCH_ROWS` changes the size.
import { link, mkdir, mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import sharp from 'sharp';
import { chromium } from 'playwright-core';
import { build } from 'vite';
import { GalleryIndex, type IndexEntry } from '../../src-main/gallery/index.js';
import { startWebHost } from '../../src-main/server/index.js';
import { Studio } from '../../src-main/services/studio.js';

const ROWS = Number(process.env.LS_BENCH_ROWS ?? 100_000);
const BROWSE = Math.min(10_000, ROWS);
const REPO = path.resolve(path.dirname(new URL(import.meta.url).pathname), '../..');
const CHROMIUM = process.env.LATENT_STUDIO_CHROMIUM ?? '/usr/bin/chromium';
const WORDS = ['fox', 'castle', 'robot', 'owl', 'ship', 'forest', 'city', 'dragon', 'flower', 'mountain', 'watercolor', 'oil painting', 'neon', 'at dusk'];
const SAMPLERS = [['euler-a', 'Euler a'], ['dpmpp-2m', 'DPM++ 2M'], ['ddim', 'DDIM']] as const;

function entry(i: number): IndexEntry {
  const id = `row-${String(i).padStart(6, '0')}`;
  const [scheduler, sampler] = SAMPLERS[i % 3];
  const prompt = `a ${WORDS[i % 14]} ${WORDS[(i * 7) % 14]} ${WORDS[(i * 11) % 14]}, number ${i}`;
  return {
    id, file: `${id}.png`, createdMs: Date.UTC(2025, 0, 1) + i * 60_000, source: 'generated', prompt, negativePrompt: 'blurry', seed: String(i),
    rngSource: 'torch-cpu', scheduler, sampler, steps: 20, guidance: 7.5, width: 512, height: 512, model: { name: `model-${i % 5}`, hash: null, id: null },
    timingsMs: null, watermark: { status: 'marked', method: 'dwtDctSvd', type: 'bytes', message: 'LStdio' }, favourite: i % 20 === 0, tags: [], trashed: false,
    params: null, fileSize: 1000,
  };
}

async function linkAll(source: string, targets: string[]): Promise<void> {
  for (let i = 0; i < targets.length; i += 500) await Promise.all(targets.slice(i, i + 500).map((t) => link(source, t)));
}

/** A 100,000-image gallery in seconds: rows through the index API, files as hard links to 8 small images. */
async function makeGallery(dir: string): Promise<number> {
  const t0 = performance.now();
  await mkdir(path.join(dir, 'thumbs'), { recursive: true });
  const index = GalleryIndex.open(dir);
  for (let i = 0; i < ROWS; i += 5000) index.upsert(Array.from({ length: Math.min(5000, ROWS - i) }, (_, k) => entry(i + k)));
  index.close();
  for (let v = 0; v < 8; v++) {
    const img = sharp({ create: { width: 64, height: 64, channels: 3, background: { r: 30 * v, g: 200 - 20 * v, b: 90 + 15 * v } } });
    await img.clone().png().toFile(path.join(dir, `.shared-${v}.png`));
    await img.clone().webp({ quality: 80 }).toFile(path.join(dir, `.shared-${v}.webp`));
    const ids = Array.from({ length: Math.ceil((ROWS - v) / 8) }, (_, k) => entry(v + 8 * k).id);
    await linkAll(path.join(dir, `.shared-${v}.png`), ids.map((id) => path.join(dir, `${id}.png`)));
    await linkAll(path.join(dir, `.shared-${v}.webp`), ids.map((id) => path.join(dir, 'thumbs', `${id}.webp`)));
  }
  return (performance.now() - t0) / 1000;
}

// In-page code, as source text (main's TypeScript has no DOM types).
/** Pages down through the first `limit` thumbnails, each screen's images decoded before moving on. */
const BROWSE_IN_PAGE = `async (limit) => {
  const el = document.querySelector('[data-testid="gallery-grid"]');
  const seen = new Set();
  while (seen.size < limit) {
    await new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)));
    const imgs = [...el.querySelectorAll('[role="option"] img')];
    await Promise.all(imgs.map((i) => i.decode().catch(() => undefined)));
    for (const i of imgs) if (i.complete && i.naturalWidth > 0) seen.add(i.src);
    const before = el.scrollTop;
    el.scrollTop += el.clientHeight;
    if (el.scrollTop === before) break;
  }
  return seen.size;
}`;

/** Scrolls from the top at a steady speed (`pxPerFrame`, 0: the whole grid in ~1,500 frames) to `endPx`, timing every frame. */
const SCROLL_IN_PAGE = `async (pxPerFrame, endPx) => {
  const el = document.querySelector('[data-testid="gallery-grid"]');
  el.scrollTop = 0;
  await new Promise((r) => setTimeout(r, 1000));
  await new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)));
  const deltas = [];
  let last = performance.now();
  const started = last;
  const end = Math.min(endPx, el.scrollHeight - el.clientHeight);
  const step = pxPerFrame || Math.max(400, end / 1500);
  await new Promise((resolve) => {
    const frame = (now) => {
      deltas.push(now - last);
      last = now;
      if (el.scrollTop >= end - 1) return resolve();
      el.scrollTop += step;
      requestAnimationFrame(frame);
    };
    requestAnimationFrame(frame);
  });
  return { deltas: deltas.slice(1), ms: performance.now() - started, pxPerFrame: step, height: el.scrollHeight };
}`;

const sorted = (xs: number[]) => [...xs].sort((a, b) => a - b);
const p95 = (xs: number[]) => sorted(xs)[Math.floor(0.95 * (xs.length - 1))];
const median = (xs: number[]) => sorted(xs)[xs.length >> 1];

export async function run(): Promise<Record<string, number | string>> {
  const tmp = await mkdtemp(path.join(os.tmpdir(), 'ls-bench-ui-'));
  const galleryDir = path.join(tmp, 'home', 'gallery');
  const fillS = await makeGallery(galleryDir);
  const rendererDir = path.join(tmp, 'renderer');
  await build({ configFile: path.join(REPO, 'src-renderer', 'vite.config.ts'), logLevel: 'warn', build: { outDir: rendererDir, emptyOutDir: true } });
  const studio = new Studio({ host: 'web', scanHubCache: false, galleryDir, log: () => {} });
  const openT0 = performance.now();
  await studio.gallery.open();
  const openS = (performance.now() - openT0) / 1000;
  const indexed = (await studio.gallery.open()).count();
  if (indexed !== ROWS) throw new Error(`The bench gallery has ${indexed} images after opening, not ${ROWS}.`);
  const host = await startWebHost({ studio, port: 0, rendererDir });
  const browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: ['--enable-precise-memory-info'] });
  try {
    const page = await (await browser.newContext({ viewport: { width: 1400, height: 900 } })).newPage();
    const cdp = await page.context().newCDPSession(page);
    await cdp.send('Performance.enable');
    page.on('pageerror', (e) => process.stderr.write(`page error: ${e.message}\n`));
    page.on('console', (m) => m.type() === 'error' && process.stderr.write(`console: ${m.text()}\n`));
    const t0 = performance.now();
    await page.goto(`${host.url}#/gallery`);
    await page.getByRole('listbox', { name: 'Images' }).getByRole('option').first().locator('img').evaluate('(img) => img.decode()');
    const firstPaintMs = performance.now() - t0;

    // Browse: page down through the first BROWSE thumbnails, each screen's images loaded before moving on.
    const browsed = await page.evaluate<number>(`(${BROWSE_IN_PAGE})(${BROWSE})`);
    const heap = async () => Object.fromEntries((await cdp.send('Performance.getMetrics')).metrics.map((m) => [m.name, m.value]));
    const afterBrowse = await heap();
    await cdp.send('HeapProfiler.collectGarbage');
    const afterGc = await heap();

    // Scroll the whole grid top to bottom at a steady speed, timing every frame.
    type Scroll = { deltas: number[]; ms: number; pxPerFrame: number; height: number };
    const scroll = await page.evaluate<Scroll>(`(${SCROLL_IN_PAGE})(0, 1e9)`);
    // A person's fast wheel/trackpad scroll: one row (168 px) per frame over the first 10,000 images.
    const human = await page.evaluate<Scroll>(`(${SCROLL_IN_PAGE})(168, ${Math.ceil(BROWSE / 8) * 168})`);
    // The same frame timing on an empty page of the same browser: what this machine gives with no work at all.
    await page.goto(`${host.url}favicon-none`).catch(() => undefined);
    const idle = await page.evaluate<number[]>(`new Promise((resolve) => { const d = []; let last = performance.now();
      const f = (now) => { d.push(now - last); last = now; if (d.length > 300) resolve(d.slice(1)); else requestAnimationFrame(f); }; requestAnimationFrame(f); })`);
    await page.goto(`${host.url}#/gallery`);
    await page.getByRole('listbox', { name: 'Images' }).waitFor();
    await page.evaluate(`document.querySelector('[data-testid="gallery-grid"]').scrollTop = 1e9`);
    const lastT0 = performance.now();
    await page.locator(`[role="option"][aria-posinset="${ROWS}"] img`).evaluate('(img) => img.decode()');
    const lastMs = performance.now() - lastT0;
    const mb = (b: number) => Math.round((b / 1e6) * 10) / 10;
    return {
      images: ROWS,
      'gallery made (index + hard links), s': Math.round(fillS * 10) / 10,
      'gallery open (reconcile), s': Math.round(openS * 100) / 100,
      'first thumbnail shown, ms': Math.round(firstPaintMs),
      'thumbnails browsed': browsed,
      'JS heap used after browsing, MB': mb(afterBrowse.JSHeapUsedSize),
      'JS heap used after browsing + GC, MB': mb(afterGc.JSHeapUsedSize),
      'DOM nodes after browsing': afterBrowse.Nodes,
      'whole-grid scroll: frames': scroll.deltas.length,
      'whole-grid scroll: px per frame': Math.round(scroll.pxPerFrame),
      'whole-grid scroll: time, s': Math.round(scroll.ms / 100) / 10,
      'whole-grid scroll: p95 frame, ms': Math.round(p95(scroll.deltas) * 10) / 10,
      'whole-grid scroll: median frame, ms': Math.round(median(scroll.deltas) * 10) / 10,
      'whole-grid scroll: max frame, ms': Math.round(Math.max(...scroll.deltas) * 10) / 10,
      'empty page, same browser: p95 frame, ms': Math.round(p95(idle) * 10) / 10,
      'empty page, same browser: median frame, ms': Math.round(median(idle) * 10) / 10,
      'row-per-frame scroll over 10,000 images: p95 frame, ms': Math.round(p95(human.deltas) * 10) / 10,
      'row-per-frame scroll over 10,000 images: median frame, ms': Math.round(median(human.deltas) * 10) / 10,
      'jump to the last image: its thumbnail shown, ms': Math.round(lastMs),
      'grid height, px': scroll.height,
    };
  } finally {
    await browser.close();
    await host.close();
    await studio.close();
    await rm(tmp, { recursive: true, force: true });
  }
}
