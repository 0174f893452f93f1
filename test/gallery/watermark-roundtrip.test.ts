// The watermark beyond the fixture: other sizes and shapes, random payloads, our embed → our detect,
// what the mark may touch (only U inside the 4-aligned region), bad input, and reading files with sharp.
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  compareBits, detectWatermark, embedWatermark, embedWatermarkFloat, encodePayload, readRgb, type RgbImage, type WatermarkMethod,
} from '../../src-main/gallery/watermark/index.js';
import { rgbToYuv8, yuvToRgb8 } from '../../src-main/gallery/watermark/yuv.js';
import { StudioError } from '../../src-shared/errors.js';

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

/** A photo-like test image: smooth colour fields, soft-edged discs, a hard edge and mild grain. */
function naturalImage(width: number, height: number, seed: number): RgbImage {
  const rand = rng(seed);
  const waves = Array.from({ length: 9 }, () => ({ fx: rand() * 0.03, fy: rand() * 0.03, ph: rand() * 6.3, amp: 20 + rand() * 40 }));
  const discs = Array.from({ length: 6 }, () => ({
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

function randomBits(n: number, rand: () => number): Uint8Array {
  return Uint8Array.from({ length: n }, () => (rand() < 0.5 ? 0 : 1));
}

function codeOf(fn: () => unknown): string {
  try {
    fn();
  } catch (e) {
    expect(e).toBeInstanceOf(StudioError);
    return (e as StudioError).code;
  }
  throw new Error('expected a StudioError');
}

function colourRoundTrip(img: RgbImage): Uint8Array {
  const px = img.width * img.height;
  return yuvToRgb8(rgbToYuv8(img.data, px), px);
}

let tmp: string;
beforeAll(async () => {
  tmp = await mkdtemp(path.join(os.tmpdir(), 'ls-wm-'));
});
afterAll(async () => {
  await rm(tmp, { recursive: true, force: true });
});

describe('our embed → our detect', () => {
  const sizes: Array<[number, number, number]> = [[512, 512, 48], [300, 900, 136], [1024, 64, 64], [517, 389, 200], [768, 432, 256], [256, 256, 32]];
  for (const [w, h, len] of sizes) {
    it(`dwtDctSvd reads back a random ${len}-bit payload exactly on ${w}×${h}`, () => {
      const rand = rng(w * 7 + h);
      const img = naturalImage(w, h, w + h);
      const bits = randomBits(len, rand);
      const marked = embedWatermark(img, bits, 'dwtDctSvd');
      expect(detectWatermark(marked, len, 'dwtDctSvd')).toEqual(bits);
      // An unmarked image reads as chance, not as the payload.
      expect(compareBits(bits, detectWatermark(img, len, 'dwtDctSvd')).matching).toBeLessThan(len * 0.8);
    });
  }

  it('dwtDct reads back most of its own bits on a photo-like image (it misreads some, like the reference)', () => {
    const img = naturalImage(640, 480, 3);
    const bits = encodePayload('bytes', 'StableDiffusionV1');
    const { matching, total } = compareBits(bits, detectWatermark(embedWatermark(img, bits, 'dwtDct'), bits.length, 'dwtDct'));
    expect(matching / total).toBeGreaterThan(0.8);
  });

  it('dwtDctSvd survives JPEG q90 with 4:2:0 and q75 with 4:4:4 (sharp)', async () => {
    const img = naturalImage(512, 512, 9);
    const bits = encodePayload('b16', 'C0FFEE42C0DE');
    const marked = embedWatermark(img, bits, 'dwtDctSvd');
    for (const opts of [{ quality: 90 }, { quality: 75, chromaSubsampling: '4:4:4' }]) {
      const jpeg = await sharp(marked.data, { raw: { width: 512, height: 512, channels: 3 } }).jpeg(opts).toBuffer();
      const file = path.join(tmp, 'q.jpg');
      await writeFile(file, jpeg);
      const { matching } = compareBits(bits, detectWatermark(await readRgb(file), bits.length, 'dwtDctSvd'));
      expect(matching, JSON.stringify(opts)).toBeGreaterThanOrEqual(bits.length - 2);
    }
  });

  it('bits beyond the number of blocks get no block and read 0, as the reference (NaN > 127)', () => {
    const img = naturalImage(1024, 64, 4); // 8 × 128 = 1024 blocks
    const bits = randomBits(1100, rng(1)).fill(1, 1024);
    const got = detectWatermark(embedWatermark(img, bits, 'dwtDctSvd'), 1100, 'dwtDctSvd');
    // One block per bit, no vote: a few blocks at saturated colours misread, as in the reference.
    expect(compareBits(bits.subarray(0, 1024), got.subarray(0, 1024)).matching).toBeGreaterThan(1000);
    expect(got.subarray(1024).every((b) => b === 0)).toBe(true);
  });
});

describe('what embedding changes', () => {
  for (const method of ['dwtDct', 'dwtDctSvd'] as WatermarkMethod[]) {
    it(`${method}: only U moves (R is the colour round trip's), and nothing outside the 4-aligned region`, () => {
      const img = naturalImage(333, 270, 8); // region 332×268: one extra column and two rows only round-trip
      const out = embedWatermark(img, randomBits(40, rng(2)), method);
      const ref = colourRoundTrip(img);
      let changed = 0, redMoved = 0, outsideMoved = 0;
      for (let y = 0; y < img.height; y++) {
        for (let x = 0; x < img.width; x++) {
          const i = (y * img.width + x) * 3;
          if (out.data[i] !== ref[i]) redMoved++;
          if (x >= 332 || y >= 268) {
            if (out.data[i + 1] !== ref[i + 1] || out.data[i + 2] !== ref[i + 2]) outsideMoved++;
          } else if (out.data[i + 2] !== ref[i + 2]) changed++;
        }
      }
      expect([redMoved, outsideMoved]).toEqual([0, 0]);
      expect(changed).toBeGreaterThan(332 * 268 * 0.2); // and inside, B does move
      expect(Buffer.compare(embedWatermark(img, randomBits(40, rng(2)), method).data, out.data)).toBe(0); // deterministic
    });
  }

  it('accepts degenerate shapes with enough pixels: 65536×1 is only colour round-tripped and reads zeros', () => {
    const img = naturalImage(65536, 1, 5);
    expect(Buffer.compare(embedWatermark(img, encodePayload('bits', '1111'), 'dwtDctSvd').data, colourRoundTrip(img))).toBe(0);
    expect(detectWatermark(img, 4, 'dwtDct')).toEqual(new Uint8Array(4));
  });

  it('the float32 path only colour round-trips pixels outside the region', () => {
    const img = naturalImage(301, 250, 6);
    const input = Float32Array.from(img.data, (v) => v + 0.25);
    const out = embedWatermarkFloat(input, 301, 250, encodePayload('bits', '101100111110'));
    expect(out).toHaveLength(input.length);
    let maxOutside = 0, maxInside = 0;
    for (let y = 0; y < 250; y++) {
      for (let x = 0; x < 301; x++) {
        for (let c = 0; c < 3; c++) {
          const i = (y * 301 + x) * 3 + c;
          const d = Math.abs(out[i] - input[i]);
          if (x >= 300 || y >= 248) maxOutside = Math.max(maxOutside, d);
          else maxInside = Math.max(maxInside, d);
        }
      }
    }
    // NOTE: OpenCV's YUV coefficients are not exact inverses (0.492 · 2.032 = 0.999744): up to ~0.07 drift.
    expect(maxOutside).toBeLessThan(0.07);
    expect(maxInside).toBeGreaterThan(5);
  });
});

describe('bad input', () => {
  const img = naturalImage(256, 256, 1);
  it('refuses 256×255 and 255×256 but takes 512×128 and 1024×64', () => {
    expect(codeOf(() => embedWatermark(naturalImage(256, 255, 1), encodePayload('bits', '1'), 'dwtDct'))).toBe('watermark/image-too-small');
    expect(codeOf(() => detectWatermark(naturalImage(255, 256, 1), 1, 'dwtDctSvd'))).toBe('watermark/image-too-small');
    for (const [w, h] of [[512, 128], [1024, 64]]) expect(embedWatermark(naturalImage(w, h, 1), encodePayload('bits', '1'), 'dwtDct').width).toBe(w);
  });

  it('names empty messages, bad lengths, mismatched buffers and unknown methods', () => {
    expect(codeOf(() => embedWatermark(img, new Uint8Array(0), 'dwtDct'))).toBe('watermark/bad-message');
    expect(codeOf(() => detectWatermark(img, 0, 'dwtDct'))).toBe('watermark/bad-length');
    expect(codeOf(() => detectWatermark(img, 1.5, 'dwtDct'))).toBe('watermark/bad-length');
    expect(codeOf(() => embedWatermark({ ...img, data: img.data.subarray(1) }, encodePayload('bits', '1'), 'dwtDct'))).toBe('watermark/bad-image');
    expect(codeOf(() => embedWatermark(img, encodePayload('bits', '1'), 'rivaGan' as WatermarkMethod))).toBe('watermark/bad-method');
  });
});

describe('readRgb', () => {
  const img = naturalImage(256, 256, 1);
  it('gives 8-bit RGB for grey, RGBA and WebP files, and refuses what is not an image', async () => {
    const grey = path.join(tmp, 'grey.png');
    await sharp(Buffer.alloc(300 * 300, 77), { raw: { width: 300, height: 300, channels: 1 } }).png().toFile(grey);
    const g = await readRgb(grey);
    expect([g.width, g.height, g.data.length, g.data[0], g.data[2]]).toEqual([300, 300, 300 * 300 * 3, 77, 77]);

    const rgba = path.join(tmp, 'rgba.png');
    await sharp(Buffer.alloc(20 * 10 * 4, 200), { raw: { width: 20, height: 10, channels: 4 } }).png().toFile(rgba);
    expect((await readRgb(rgba)).data.length).toBe(20 * 10 * 3);

    const webp = path.join(tmp, 'x.webp');
    await sharp(img.data, { raw: { width: 256, height: 256, channels: 3 } }).webp({ lossless: true }).toFile(webp);
    expect(Buffer.compare((await readRgb(webp)).data, img.data)).toBe(0);

    const text = path.join(tmp, 'not-an-image.png');
    await writeFile(text, 'hello');
    await expect(readRgb(text)).rejects.toMatchObject({ code: 'watermark/unreadable-image' });
    await expect(readRgb(path.join(tmp, 'missing.png'))).rejects.toMatchObject({ code: 'watermark/unreadable-image' });
  });
});
