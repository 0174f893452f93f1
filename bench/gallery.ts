// Benchmark of the gallery: a 100,000-row index filled through the store's index API (rows point at
// files that do not exist; no reconcile runs), then "query + first page" medians for an infinite-scroll
// grid (FTS, filters, sorts, a deep keyset page), and with real 512×512 PNGs: save and thumbnails/sec.
// `npm run bench:gallery [-- --rows N --runs N --images N]`; prints Markdown for docs/bench-gallery.md.
import { randomBytes } from 'node:crypto';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { Gallery, GalleryIndex, type GalleryQuery, type IndexEntry } from '../src-main/gallery/index.js';
import { samplerName } from '../src-main/gallery/infotext.js';
import type { GenerationParams } from '../src-shared/generation-params.js';

function arg(name: string, fallback: number): number {
  const i = process.argv.indexOf(name);
  return i > 0 ? Number(process.argv[i + 1]) : fallback;
}
const ROWS = arg('--rows', 100_000);
const RUNS = arg('--runs', 25);
const IMAGES = arg('--images', 24);

function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
const rand = rng(2026);
const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)];

// Prompt vocabulary shaped like SD prompts: subject, setting, style, quality boilerplate.
const SUBJECTS = ['fox', 'cat', 'dragon', 'astronaut', 'knight', 'robot', 'lighthouse', 'castle', 'girl', 'old man', 'owl', 'ship', 'city', 'forest', 'mountain', 'tiger', 'samurai', 'witch', 'car', 'flower'];
const SETTINGS = ['in a snowy forest', 'at sunset', 'on the moon', 'under the sea', 'in a cyberpunk street', 'in a misty valley', 'at night', 'in the desert', 'by the lake', 'in a library'];
const STYLES = ['watercolor', 'oil painting', 'digital art', 'photograph', 'concept art', 'anime', 'pixel art', 'ink sketch', 'studio ghibli style', '3d render', 'low poly', 'ukiyo-e'];
const EXTRAS = ['highly detailed', 'sharp focus', 'volumetric lighting', 'cinematic', '8k', 'trending on artstation', 'bokeh', 'soft light', 'masterpiece', 'best quality', 'intricate', 'golden hour', '(dramatic sky:1.2)', 'wide angle', 'portrait'];
const NEGATIVES = ['blurry, lowres', 'ugly, deformed, bad anatomy', 'watermark, text', '(worst quality:1.4), jpeg artifacts', ''];
const MODELS = Array.from({ length: 8 }, (_, i) => ({ name: `model-${i}`, hash: randomBytes(32).toString('hex') }));
const SCHEDULERS = ['euler-a', 'euler', 'dpmpp-2m', 'dpmpp-2m-karras', 'ddim', 'pndm', 'lms'];
const TAGS = ['keep', 'print', 'wallpaper', 'reference', 'portfolio'];
const YEAR_MS = 365 * 24 * 3600_000;
const T0 = Date.UTC(2025, 10, 25);

function prompt(): string {
  const extras = Array.from({ length: 2 + Math.floor(rand() * 6) }, () => pick(EXTRAS));
  return [`a ${pick(STYLES)} of a ${pick(SUBJECTS)} ${pick(SETTINGS)}`, ...extras].join(', ');
}

function randomSeed(): string {
  const v = (BigInt(Math.floor(rand() * 2 ** 32)) << 32n) | BigInt(Math.floor(rand() * 2 ** 32));
  return rand() < 0.8 ? String(v >> 32n) : String(v); // most seeds are 32-bit, as WebUI draws them
}

function entry(i: number): IndexEntry {
  const model = pick(MODELS);
  const scheduler = pick(SCHEDULERS);
  const params: GenerationParams = {
    prompt: prompt(), negativePrompt: pick(NEGATIVES), steps: pick([20, 25, 30, 50]), guidance: pick([5, 7, 7.5, 9]), seed: randomSeed(),
    rngSource: 'torch-cpu', scheduler, schedulerConfig: { beta_start: 0.00085, beta_end: 0.012, beta_schedule: 'scaled_linear', timestep_spacing: 'leading' },
    width: 512, height: 512, batchSize: 1, batchIndex: 0, model: { name: model.name, id: `org/${model.name}`, revision: 'main', hash: model.hash },
    ep: 'cpu', timingsMs: { total: 9000 + rand() * 3000, unet: 8000 }, appVersion: '0.1.0',
  };
  const tags = rand() < 0.1 ? [pick(TAGS), ...(rand() < 0.3 ? [pick(TAGS)] : [])] : [];
  if (rand() < 0.0005) tags.push('rare');
  if (rand() < 0.001) params.prompt += ', zeppelin';
  const id = `row-${String(i).padStart(6, '0')}`;
  return {
    id, file: `${id}.png`, createdMs: T0 + Math.floor((i / ROWS) * YEAR_MS), source: 'generated', prompt: params.prompt, negativePrompt: params.negativePrompt,
    seed: params.seed, rngSource: params.rngSource, scheduler, sampler: samplerName(scheduler), steps: params.steps, guidance: params.guidance,
    width: 512, height: 512, model: { name: model.name, hash: model.hash, id: `org/${model.name}` }, timingsMs: params.timingsMs ?? null,
    watermark: { status: 'marked', method: 'dwtDctSvd', type: 'bytes', message: 'LStdio' }, favourite: rand() < 0.05, tags: [...new Set(tags)],
    trashed: false, params, fileSize: 400_000,
  };
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[s.length >> 1] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
}
function p95(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.ceil(0.95 * s.length) - 1)];
}
const ms = (x: number) => x.toFixed(x < 10 ? 2 : 1);

async function benchIndex(dir: string): Promise<string[]> {
  const out: string[] = [];
  await mkdir(dir, { recursive: true });
  let index = GalleryIndex.open(dir);
  let t = performance.now();
  for (let i = 0; i < ROWS; i += 5000) index.upsert(Array.from({ length: Math.min(5000, ROWS - i) }, (_, k) => entry(i + k)));
  const fillS = (performance.now() - t) / 1000;
  index.close();
  t = performance.now();
  index = GalleryIndex.open(dir);
  const openMs = performance.now() - t;
  t = performance.now();
  const integrity = index.integrityCheck();
  const integrityMs = performance.now() - t;
  out.push(`Index: ${ROWS.toLocaleString('en')} rows inserted in ${fillS.toFixed(1)} s (batches of 5,000); open (WAL, quick_check, migrations) ${ms(openMs)} ms; full integrity_check ${ms(integrityMs)} ms (${integrity}).`, '');

  const month = { since: T0 + 6 * (YEAR_MS / 12), until: T0 + 7 * (YEAR_MS / 12) };
  const cases: Array<[string, (i: number) => GalleryQuery]> = [
    ['newest first, no filter', () => ({})],
    ['FTS, common word (subject)', (i) => ({ text: SUBJECTS[i % SUBJECTS.length] })],
    ['FTS, boilerplate word (~25 % of rows)', (i) => ({ text: ['detailed', 'cinematic', 'masterpiece', 'intricate'][i % 4] })],
    ['FTS, two words + prefix', (i) => ({ text: `${STYLES[i % STYLES.length].split(' ')[0]} ${SUBJECTS[(i * 7) % SUBJECTS.length].slice(0, 3)}` })],
    ['FTS, no match', (i) => ({ text: `zzqx${i}` })],
    ['FTS + sort by seed', (i) => ({ text: SUBJECTS[i % SUBJECTS.length], sort: 'seed-asc' })],
    ['sort by seed, no filter', (i) => ({ sort: i % 2 ? 'seed-asc' : 'seed-desc' })],
    ['model', (i) => ({ model: MODELS[i % MODELS.length].name })],
    ['model by hash prefix', (i) => ({ model: MODELS[i % MODELS.length].hash.slice(0, 10) })],
    ['sampler (WebUI name)', (i) => ({ sampler: samplerName(SCHEDULERS[i % SCHEDULERS.length]) })],
    ['date range (one month)', () => month],
    ['favourites', () => ({ favourite: true })],
    ['tag', (i) => ({ tags: [TAGS[i % TAGS.length]] })],
    ['rare tag (0.05 %)', () => ({ tags: ['rare'] })],
    ['FTS, rare word (0.1 %)', () => ({ text: 'zeppelin' })],
    ['rare tag + sort by seed', () => ({ tags: ['rare'], sort: 'seed-asc' })],
    ['FTS + model + sampler + month', (i) => ({ text: SUBJECTS[i % SUBJECTS.length], model: MODELS[i % MODELS.length].name, sampler: SCHEDULERS[i % SCHEDULERS.length], ...month })],
    ['FTS + favourite + sort by seed', (i) => ({ text: EXTRAS[i % EXTRAS.length].replace(/[()]/g, ''), favourite: true, sort: 'seed-desc' })],
  ];
  out.push('| query (page of 60) | median ms | p95 ms | matches | median ms with total |', '| --- | ---: | ---: | ---: | ---: |');
  for (const [name, make] of cases) {
    for (let i = 0; i < 3; i++) index.search(make(i)); // warm the statement cache and the page cache
    const times: number[] = [];
    const withTotal: number[] = [];
    let matches = 0;
    for (let i = 0; i < RUNS; i++) {
      let s = performance.now();
      index.search({ ...make(i), limit: 60 });
      times.push(performance.now() - s);
      s = performance.now();
      matches = index.search({ ...make(i), limit: 60, withTotal: true }).total ?? 0;
      withTotal.push(performance.now() - s);
    }
    out.push(`| ${name} | ${ms(median(times))} | ${ms(p95(times))} | ${matches.toLocaleString('en')} | ${ms(median(withTotal))} |`);
  }
  // A deep page: scroll 100 pages in with keyset cursors; each page costs what the first costs.
  for (const [name, q] of [['page 100 via cursor, newest first', {}], ['page 100 via cursor, FTS + seed sort', { text: 'cinematic', sort: 'seed-asc' }]] as const) {
    let cursor: string | undefined;
    const times: number[] = [];
    for (let p = 0; p < 100; p++) {
      const s = performance.now();
      const page = index.search({ ...(q as GalleryQuery), limit: 60, cursor });
      times.push(performance.now() - s);
      cursor = page.nextCursor ?? undefined;
    }
    out.push(`| ${name} (pages 2–100) | ${ms(median(times.slice(1)))} | ${ms(p95(times.slice(1)))} | | |`);
  }
  index.close();
  out.push('', await benchStartup(dir));
  return out;
}

/** Start-up with every row's file present (empty placeholders: reconcile only compares names). */
async function benchStartup(dir: string): Promise<string> {
  const index = GalleryIndex.open(dir);
  const files = (index.db.prepare('SELECT file FROM images').pluck().all() as string[]);
  index.close();
  for (let i = 0; i < files.length; i += 1000) await Promise.all(files.slice(i, i + 1000).map((f) => writeFile(path.join(dir, f), '')));
  const times: number[] = [];
  let report = '';
  for (let i = 0; i < 3; i++) {
    const t = performance.now();
    const g = await Gallery.open({ dir });
    times.push(performance.now() - t);
    report = JSON.stringify({ added: g.startup.reconcile?.added, dropped: g.startup.reconcile?.dropped });
    g.close();
  }
  return `Start-up: Gallery.open on ${files.length.toLocaleString('en')} images (quick_check + reconcile of folder and index, files present): median ${ms(median(times))} ms of 3 (${report}).`;
}

function photoLike(seed: number): { data: Uint8Array; width: number; height: number } {
  const r = rng(seed);
  const w = 512;
  const data = new Uint8Array(w * w * 3);
  const ph = r() * 6;
  for (let y = 0; y < w; y++) for (let x = 0; x < w; x++) {
    const i = (y * w + x) * 3;
    data[i] = 128 + 90 * Math.sin(x / 37 + ph) + r() * 10;
    data[i + 1] = 128 + 90 * Math.cos(y / 29 + ph) + r() * 10;
    data[i + 2] = ((x * y) >> 10) + r() * 10;
  }
  return { data, width: w, height: w };
}

async function benchFiles(dir: string): Promise<string[]> {
  const g = await Gallery.open({ dir });
  const saves: number[] = [];
  const ids: string[] = [];
  for (let i = 0; i < IMAGES; i++) {
    const image = photoLike(i);
    const t = performance.now();
    const item = await g.save(image, { prompt: prompt(), negativePrompt: '', steps: 20, guidance: 7.5, seed: String(i), rngSource: 'torch-cpu', scheduler: 'euler-a', width: 512, height: 512, batchSize: 1, batchIndex: 0, model: { name: 'bench' }, appVersion: '0.1.0' });
    saves.push(performance.now() - t);
    ids.push(item.id);
  }
  let t = performance.now();
  for (const id of ids) await g.thumbnail(id);
  const coldS = (performance.now() - t) / 1000;
  t = performance.now();
  for (let k = 0; k < 10; k++) for (const id of ids) await g.thumbnail(id);
  const warmS = (performance.now() - t) / 1000;
  t = performance.now();
  const r = await g.rebuild();
  const rebuildMs = performance.now() - t;
  g.close();
  return [
    `| save 512×512 (watermark + PNG + chunks + fsync + row), median | ${ms(median(saves))} ms |`,
    `| thumbnails, first request (WebP 256 px from 512×512 PNG) | ${(IMAGES / coldS).toFixed(1)} / s |`,
    `| thumbnails, cached | ${((IMAGES * 10) / warmS).toFixed(0)} / s |`,
    `| rebuild from ${r.indexed} PNGs (chunks only) | ${ms(rebuildMs)} ms (${ms(rebuildMs / r.indexed)} ms / image) |`,
  ];
}

const root = await mkdtemp(path.join(os.tmpdir(), 'ls-bench-gallery-'));
try {
  const cpu = os.cpus()[0]?.model ?? 'unknown CPU';
  console.log(`# Gallery benchmark\n\n${new Date().toISOString().slice(0, 10)}, ${os.cpus().length} × ${cpu}, Node ${process.version}, ${os.platform()} ${os.arch()}; medians of ${RUNS} runs.\n`);
  console.log((await benchIndex(path.join(root, 'index'))).join('\n'));
  console.log(['', `Files (${IMAGES} images):`, '', '| operation | result |', '| --- | ---: |', ...(await benchFiles(path.join(root, 'files')))].join('\n'));
} finally {
  await rm(root, { recursive: true, force: true });
}
