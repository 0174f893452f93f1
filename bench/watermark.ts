// Benchmark of the invisible watermark: embed/detect time (512² and 1024², both methods, medians of
// warm runs) and bit accuracy after JPEG q90/q75 (sharp, 4:2:0 and 4:4:4) and a 90 % resize and back.
// `npm run bench:watermark [-- --runs N]`; prints Markdown tables for docs/bench-watermark.md.
import os from 'node:os';
import sharp, { type Sharp } from 'sharp';
import {
  DEFAULT_MARK, compareBits, detectWatermark, embedWatermark, embedWatermarkFloat, readRgb, type RgbImage, type WatermarkMethod,
} from '../src-main/gallery/watermark/index.js';
import { fixture } from '../test/helpers/fixtures.js';

const METHODS: WatermarkMethod[] = ['dwtDct', 'dwtDctSvd'];
const runsArg = process.argv.indexOf('--runs');
const RUNS = runsArg > 0 ? Number(process.argv[runsArg + 1]) : 15;

/** Deterministic PRNG (mulberry32). */
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

/** Photo-like synthetic image: smooth colour fields, soft discs, an edge, grain (no downloaded images). */
function photoLike(width: number, height: number, seed: number): RgbImage {
  const rand = rng(seed);
  const waves = Array.from({ length: 9 }, () => ({ fx: rand() * 0.03, fy: rand() * 0.03, ph: rand() * 6.3, amp: 20 + rand() * 40 }));
  const discs = Array.from({ length: 8 }, () => ({
    x: rand() * width, y: rand() * height, r: 10 + rand() * Math.min(width, height) * 0.3, rgb: [rand() * 255, rand() * 255, rand() * 255],
  }));
  const data = new Uint8Array(width * height * 3);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      for (let c = 0; c < 3; c++) {
        let v = 128 + (x > width * 0.7 ? 30 : 0);
        for (let k = c; k < 9; k += 3) v += waves[k].amp * Math.sin(waves[k].fx * x + waves[k].fy * y + waves[k].ph);
        for (const d of discs) {
          const t = Math.min(1, Math.max(0, (d.r - Math.hypot(x - d.x, y - d.y)) / 6));
          v = v * (1 - t) + d.rgb[c] * t;
        }
        data[(y * width + x) * 3 + c] = Math.max(0, Math.min(255, Math.round(v + (rand() - 0.5) * 12)));
      }
    }
  }
  return { data, width, height };
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[s.length >> 1] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
}

function time(fn: () => unknown, runs: number): { first: number; median: number } {
  let t = performance.now();
  fn();
  const first = performance.now() - t;
  for (let i = 0; i < 3; i++) fn(); // warm-up
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    t = performance.now();
    fn();
    times.push(performance.now() - t);
  }
  return { first, median: median(times) };
}

const raw = (img: RgbImage) => sharp(img.data, { raw: { width: img.width, height: img.height, channels: 3 } });
async function fromSharp(p: Sharp): Promise<RgbImage> {
  const { data, info } = await p.removeAlpha().raw().toBuffer({ resolveWithObject: true });
  return { data: new Uint8Array(data), width: info.width, height: info.height };
}

const ATTACKS: Record<string, (img: RgbImage) => Promise<RgbImage>> = {
  'none': async (img) => img,
  'JPEG q90 4:2:0': async (img) => fromSharp(sharp(await raw(img).jpeg({ quality: 90 }).toBuffer())),
  'JPEG q75 4:2:0': async (img) => fromSharp(sharp(await raw(img).jpeg({ quality: 75 }).toBuffer())),
  'JPEG q90 4:4:4': async (img) => fromSharp(sharp(await raw(img).jpeg({ quality: 90, chromaSubsampling: '4:4:4' }).toBuffer())),
  'JPEG q75 4:4:4': async (img) => fromSharp(sharp(await raw(img).jpeg({ quality: 75, chromaSubsampling: '4:4:4' }).toBuffer())),
  'resize 90 % and back': async (img) => {
    const w = Math.round(img.width * 0.9), h = Math.round(img.height * 0.9);
    const small = await fromSharp(raw(img).resize(w, h, { fit: 'fill' }));
    return fromSharp(raw(small).resize(img.width, img.height, { fit: 'fill' }));
  },
};

async function speed(): Promise<string[]> {
  const rows = ['| size | method | embed (median, warm) | detect (median, warm) | embed, first call |', '| --- | --- | --- | --- | --- |'];
  for (const size of [512, 1024]) {
    const img = photoLike(size, size, size);
    for (const method of METHODS) {
      const e = time(() => embedWatermark(img, DEFAULT_MARK.bits, method), size === 512 ? RUNS : Math.max(5, RUNS >> 1));
      const marked = embedWatermark(img, DEFAULT_MARK.bits, method);
      const d = time(() => detectWatermark(marked, DEFAULT_MARK.bits.length, method), size === 512 ? RUNS : Math.max(5, RUNS >> 1));
      rows.push(`| ${size}×${size} | ${method} | ${e.median.toFixed(1)} ms | ${d.median.toFixed(1)} ms | ${e.first.toFixed(1)} ms |`);
    }
    const f = Float32Array.from(img.data);
    const fl = time(() => embedWatermarkFloat(f, size, size, DEFAULT_MARK.bits), Math.max(5, RUNS >> 1));
    rows.push(`| ${size}×${size} | dwtDct, float32 path (SDXL) | ${fl.median.toFixed(1)} ms | — | ${fl.first.toFixed(1)} ms |`);
  }
  return rows;
}

async function accuracy(): Promise<string[]> {
  const covers: Array<[string, RgbImage]> = [];
  for (const name of ['cover_512x512_s11.png', 'cover_640x480_s13.png', 'cover_517x389_s14.png', 'cover_256x256_s12.png']) {
    covers.push([name, await readRgb(fixture('watermark', name))]);
  }
  covers.push(['photo-like 512²', photoLike(512, 512, 21)], ['photo-like 1024²', photoLike(1024, 1024, 22)], ['photo-like 768×432', photoLike(768, 432, 23)]);
  const bits = DEFAULT_MARK.bits;
  const rows = [
    `| attack | ${METHODS.map((m) => `${m}: exact / mean bits right / worst`).join(' | ')} |`,
    `| --- | ${METHODS.map(() => '---').join(' | ')} |`,
  ];
  for (const [attack, apply] of Object.entries(ATTACKS)) {
    const cells: string[] = [];
    for (const method of METHODS) {
      let exact = 0, sum = 0, worst = bits.length;
      for (const [, cover] of covers) {
        const attacked = await apply(embedWatermark(cover, bits, method));
        const { matching } = compareBits(bits, detectWatermark(attacked, bits.length, method));
        if (matching === bits.length) exact++;
        sum += matching / bits.length;
        worst = Math.min(worst, matching);
      }
      cells.push(`${exact}/${covers.length} / ${((100 * sum) / covers.length).toFixed(1)} % / ${worst}/${bits.length}`);
    }
    rows.push(`| ${attack} | ${cells.join(' | ')} |`);
  }
  rows.push('', `Images: ${covers.map(([n]) => n).join(', ')}. Payload: the default 48-bit mark for both methods.`);
  return rows;
}

console.log(`# Watermark benchmark\n\nnode ${process.version}, sharp ${sharp.versions.sharp}, ${os.cpus().length} × ${os.cpus()[0]?.model ?? 'cpu'}, ${RUNS} timed runs\n`);
console.log(['## Speed', '', ...(await speed()), '', '## Bit accuracy after attacks (sharp)', '', ...(await accuracy())].join('\n'));
