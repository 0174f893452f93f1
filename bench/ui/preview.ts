// Generate screen timings in Chromium through the web host: host start → interactive UI (Generate enabled),
// and job.progress → live preview painted (p50/p95 over a 60-step 64×64 run on the tiny model). Shape for
// bench/ui.ts: `run()` resolves to named figures. While the job service sends no previews, the bench adds
// one 8×8 preview per real step event (the size a 64×64 latent gives) and says so in `previewSource`.
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { pathToFileURL } from 'node:url';
import { chromium } from 'playwright-core';
import sharp from 'sharp';
import { build } from 'vite';
import { startWebHost } from '../../src-main/server/index.js';
import { Studio } from '../../src-main/services/studio.js';
import type { AnyEvent } from '../../src-shared/contract/index.js';
import { REPO_ROOT, fixture } from '../../test/helpers/fixtures.js';

const CHROMIUM = process.env.LATENT_STUDIO_CHROMIUM ?? '/usr/bin/chromium';
const STEPS = 60;
const RUNS = 2;

/** The page's own listener: when each preview arrived on /events, and when its <img> was painted. */
const PAGE_PROBE = `(() => {
  const arrived = new Map(); const painted = new Map();
  const ws = new WebSocket(location.origin.replace(/^http/, 'ws') + '/events');
  ws.onmessage = (m) => { const e = JSON.parse(m.data); if (e.event === 'job.progress' && e.payload.preview && !arrived.has(e.payload.preview)) arrived.set(e.payload.preview, performance.now()); };
  document.addEventListener('load', (e) => {
    const img = e.target;
    if (!(img instanceof HTMLImageElement) || !img.closest('.live-preview')) return;
    const src = img.getAttribute('src');
    requestAnimationFrame(() => { if (!painted.has(src)) painted.set(src, performance.now()); });
  }, true);
  window.__previewsArrived = () => arrived.size;
  window.__previewLatencies = () => [...arrived].filter(([src]) => painted.has(src)).map(([src, t]) => painted.get(src) - t);
  return new Promise((r) => { ws.onopen = r; });
})()`;

function quantile(sorted: number[], q: number): number {
  if (!sorted.length) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)];
}

export async function run(): Promise<Record<string, number | string>> {
  const tmp = await mkdtemp(path.join(os.tmpdir(), 'ls-bench-ui-'));
  const rendererDir = path.join(tmp, 'renderer');
  await build({ configFile: path.join(REPO_ROOT, 'src-renderer', 'vite.config.ts'), logLevel: 'warn', build: { outDir: rendererDir, emptyOutDir: true } });
  const browser = await chromium.launch({ executablePath: CHROMIUM, headless: true });
  let studio: Studio | undefined;
  let host: Awaited<ReturnType<typeof startWebHost>> | undefined;
  try {
    const page = await (await browser.newContext({ viewport: { width: 1400, height: 900 } })).newPage();
    // 1. Host start → interactive: services and host up, page loaded, model list in, Generate enabled.
    // NOTE: timed in the page (epoch ms), not by polling from here: the host runs in this process, and work
    // that blocks its event loop (the first tokenizer load) would delay the poll, not the page.
    await page.addInitScript(`(() => {
      const look = () => document.querySelector('button.primary:not([disabled])') ? (window.__interactiveAt = performance.timeOrigin + performance.now()) : requestAnimationFrame(look);
      requestAnimationFrame(look);
    })()`);
    const t0 = performance.now();
    studio = new Studio({ host: 'web', modelFolders: [fixture('diffusers-tiny', 'model')], scanHubCache: false, galleryDir: path.join(tmp, 'gallery'), ep: 'cpu', log: () => {} });
    host = await startWebHost({ studio, port: 0, rendererDir });
    const hostUpMs = performance.now() - t0;
    await page.goto(`${host.url}#/generate`);
    const pageLoadedMs = performance.now() - t0;
    await page.getByRole('button', { name: 'Generate', exact: true }).and(page.locator(':enabled')).waitFor({ timeout: 30_000 });
    const interactiveMs = (await page.evaluate('window.__interactiveAt') as number) - (performance.timeOrigin + t0);

    // 2. Step event → preview painted.
    let synthetic = false;
    let shown = 0;
    const studioRef = studio;
    studio.events.subscribe((e: AnyEvent) => {
      if (e.event !== 'job.progress' || e.payload.step === 0) return;
      if (e.payload.preview) return;
      synthetic = true;
      // One distinct 8×8 image per step event, emitted right after the real one, as the job service would.
      const shade = (shown++ * 37) % 256;
      void sharp({ create: { width: 8, height: 8, channels: 3, background: { r: shade, g: 255 - shade, b: (shade * 7) % 256 } } }).png().toBuffer()
        .then((png) => studioRef.events.emit('job.progress', { ...e.payload, preview: `data:image/png;base64,${png.toString('base64')}` }));
    });
    await page.evaluate(PAGE_PROBE);
    await page.getByRole('textbox', { name: 'Prompt', exact: true }).fill('a lighthouse at dusk');
    await page.getByRole('spinbutton', { name: 'Steps', exact: true }).fill(String(STEPS));
    await page.getByRole('spinbutton', { name: 'Width', exact: true }).fill('64');
    await page.getByRole('spinbutton', { name: 'Height', exact: true }).fill('64');
    for (let i = 0; i < RUNS; i++) {
      await page.getByRole('button', { name: 'Generate', exact: true }).click();
      await page.getByRole('status', { name: 'Run status' }).filter({ hasText: /^Done$/ }).waitFor({ timeout: 120_000 });
    }
    const latencies = (await page.evaluate('window.__previewLatencies()') as number[]).sort((a, b) => a - b);
    const sent = await page.evaluate('window.__previewsArrived()') as number;
    return {
      hostUpMs: Math.round(hostUpMs),
      pageLoadedMs: Math.round(pageLoadedMs),
      interactiveMs: Math.round(interactiveMs),
      previewSamples: latencies.length,
      /** Previews that arrived but were replaced by a newer one before a frame painted them. */
      previewsNotPainted: sent - latencies.length,
      previewP50Ms: Number(quantile(latencies, 0.5).toFixed(1)),
      previewP95Ms: Number(quantile(latencies, 0.95).toFixed(1)),
      previewSource: synthetic ? 'synthetic 8x8 (job.progress carries none yet)' : 'job.progress',
    };
  } finally {
    await browser.close();
    await host?.close();
    await studio?.close();
    await rm(tmp, { recursive: true, force: true });
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) console.log(await run());
