// Parity with Python's invisible-watermark 0.2.0 on every fixture case: our encoder writes the reference's
// pixels, our decoder returns the reference decoder's bits (misreads included) on the watermarked file,
// the cover, both JPEGs, both crops and brightness +10, and refuses exactly where the reference refused.
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  MIN_WATERMARK_PIXELS, canWatermark, compareBits, decodePayload, detectWatermark, embedWatermark, embedWatermarkFloat, readRgb,
  type PayloadType, type RgbImage, type WatermarkMethod,
} from '../../src-main/gallery/watermark/index.js';
import { StudioError } from '../../src-shared/errors.js';
import { fixture } from '../helpers/fixtures.js';

interface Decode { ok: boolean; bits?: string; value?: string; matching_bits?: number; file?: string; error?: string; size?: [number, number] }
interface Case {
  id: string; cover: string; width: number; height: number; method: WatermarkMethod; input_path: 'uint8' | 'float32';
  payload_type: PayloadType; payload_bits: string; bit_length: number; decoder_args: { wm_type: PayloadType; length: number };
  watermarked: string; float_path?: { float_output_sha256: string };
  decodes: Record<string, Decode>;
}
interface Manifest { cases: Case[]; size_rule_checks: Array<{ width: number; height: number; encode: string }> }

const DIR = fixture('watermark');
const manifest = JSON.parse(readFileSync(fixture('watermark', 'manifest.json'), 'utf8')) as Manifest;
const file = (name: string) => `${DIR}/${name}`;
const toBits = (s: string) => Uint8Array.from(s, (c) => (c === '1' ? 1 : 0));
const bitString = (b: Uint8Array) => decodePayload('bits', b);

function crop(img: RgbImage, r0: number, r1: number, c0: number, c1: number): RgbImage {
  const w = c1 - c0;
  const data = new Uint8Array(w * (r1 - r0) * 3);
  for (let r = r0; r < r1; r++) data.set(img.data.subarray((r * img.width + c0) * 3, (r * img.width + c1) * 3), (r - r0) * w * 3);
  return { data, width: w, height: r1 - r0 };
}

/** The manifest's `attacks` recipes that are exactly reproducible. */
function attacks(wm: RgbImage): Record<string, RgbImage> {
  const { width: w, height: h } = wm;
  return {
    crop10_topleft: crop(wm, 0, Math.floor((h * 9) / 10), 0, Math.floor((w * 9) / 10)),
    crop10_center: crop(wm, Math.floor(h / 20), h - Math.floor(h / 20), Math.floor(w / 20), w - Math.floor(w / 20)),
    brightness_plus10: { data: wm.data.map((x) => Math.min(255, x + 10)), width: w, height: h },
  };
}

/**
 * cv2.resize(INTER_AREA) to ⌊w/2⌋×⌊h/2⌋, then INTER_LINEAR back, in float64 with OpenCV's pixel geometry
 * (not its fixed-point rounding, so a few pixels differ by 1: the fixture calls this attack informational).
 */
function resizeHalfAndBack(img: RgbImage): RgbImage {
  const sw = img.width, sh = img.height, dw = sw >> 1, dh = sh >> 1, sx = sw / dw, sy = sh / dh;
  const small = new Float64Array(dw * dh * 3);
  for (let y = 0; y < dh; y++) {
    for (let x = 0; x < dw; x++) {
      for (let c = 0; c < 3; c++) {
        let acc = 0;
        for (let yy = Math.floor(y * sy); yy < Math.min(sh, Math.ceil((y + 1) * sy)); yy++) {
          const wy = Math.min((y + 1) * sy, yy + 1) - Math.max(y * sy, yy);
          for (let xx = Math.floor(x * sx); xx < Math.min(sw, Math.ceil((x + 1) * sx)); xx++) {
            acc += wy * (Math.min((x + 1) * sx, xx + 1) - Math.max(x * sx, xx)) * img.data[(yy * sw + xx) * 3 + c];
          }
        }
        small[(y * dw + x) * 3 + c] = Math.round(acc / (sx * sy));
      }
    }
  }
  const at = (d: number, scale: number, n: number): [number, number, number] => {
    const fx = (d + 0.5) * scale - 0.5;
    const i = Math.floor(fx);
    if (i < 0) return [0, 0, 0];
    if (i >= n - 1) return [n - 1, n - 1, 0];
    return [i, i + 1, fx - i];
  };
  const out = new Uint8Array(sw * sh * 3);
  for (let y = 0; y < sh; y++) {
    const [y0, y1, fy] = at(y, dh / sh, dh);
    for (let x = 0; x < sw; x++) {
      const [x0, x1, fx] = at(x, dw / sw, dw);
      for (let c = 0; c < 3; c++) {
        const p = (r: number, q: number) => small[(r * dw + q) * 3 + c];
        out[(y * sw + x) * 3 + c] = Math.round((1 - fy) * ((1 - fx) * p(y0, x0) + fx * p(y0, x1)) + fy * ((1 - fx) * p(y1, x0) + fx * p(y1, x1)));
      }
    }
  }
  return { data: out, width: sw, height: sh };
}

function expectTooSmall(fn: () => unknown, width: number, height: number): void {
  let err: unknown;
  try {
    fn();
  } catch (e) {
    err = e;
  }
  expect(err).toBeInstanceOf(StudioError);
  expect((err as StudioError).code).toBe('watermark/image-too-small');
  expect((err as StudioError).message).toContain(`${width}×${height}`);
  expect((err as StudioError).message).toContain(String(MIN_WATERMARK_PIXELS));
}

const images = new Map<string, RgbImage>();
beforeAll(async () => {
  const names = new Set<string>();
  for (const c of manifest.cases) {
    names.add(c.cover).add(c.watermarked);
    for (const d of Object.values(c.decodes)) if (d.file) names.add(d.file);
  }
  for (const n of names) images.set(n, await readRgb(file(n)));
});

describe('fixture cases', () => {
  it('covers every case and method the fixture has', () => {
    expect(manifest.cases.length).toBe(14);
    expect(new Set(manifest.cases.map((c) => c.method))).toEqual(new Set(['dwtDct', 'dwtDctSvd']));
  });

  for (const c of manifest.cases.filter((k) => k.input_path === 'uint8')) {
    it(`${c.id}: our encoder writes the reference pixels`, () => {
      const cover = images.get(c.cover)!;
      const ref = images.get(c.watermarked)!;
      const coverCopy = cover.data.slice();
      const out = embedWatermark(cover, toBits(c.payload_bits), c.method);
      expect(Buffer.compare(cover.data, coverCopy)).toBe(0); // the input is left alone
      let differing = 0, maxDiff = 0;
      for (let i = 0; i < out.data.length; i++) {
        const d = Math.abs(out.data[i] - ref.data[i]);
        if (d) differing++;
        maxDiff = Math.max(maxDiff, d);
      }
      if (c.method === 'dwtDct') expect(differing).toBe(0);
      else {
        expect(differing).toBeLessThanOrEqual(Math.floor(out.data.length / 100_000));
        expect(maxDiff).toBeLessThanOrEqual(3);
      }
    });
  }

  for (const c of manifest.cases.filter((k) => k.input_path === 'float32')) {
    it(`${c.id}: the float32 (SDXL/diffusers) path rounds to the reference pixels`, () => {
      const cover = images.get(c.cover)!;
      const ref = images.get(c.watermarked)!;
      const out = embedWatermarkFloat(Float32Array.from(cover.data), c.width, c.height, toBits(c.payload_bits));
      let same = 0, maxDiff = 0;
      for (let i = 0; i < out.length; i++) {
        // numpy rint: round half to even, then clip.
        let v = Math.round(out[i]);
        if (v - out[i] === 0.5 && v % 2 !== 0) v -= 1;
        v = Math.min(255, Math.max(0, v));
        const d = Math.abs(v - ref.data[i]);
        if (!d) same++;
        maxDiff = Math.max(maxDiff, d);
      }
      expect(maxDiff).toBeLessThanOrEqual(1);
      expect(same / out.length).toBeGreaterThanOrEqual(0.999);
      if (c.width % 8 === 0) {
        // No row tail outside OpenCV's 8-lane SIMD loop: the unrounded float32 output is bit-identical.
        expect(createHash('sha256').update(out).digest('hex')).toBe(c.float_path!.float_output_sha256);
      }
    });
  }

  for (const c of manifest.cases) {
    it(`${c.id}: our decoder returns the reference bits on every stored and reproducible input`, () => {
      const wm = images.get(c.watermarked)!;
      const inputs: Record<string, RgbImage> = {
        watermarked: wm,
        cover: images.get(c.cover)!,
        jpeg90: images.get(c.decodes.jpeg90.file!)!,
        jpeg75: images.get(c.decodes.jpeg75.file!)!,
        ...attacks(wm),
      };
      for (const [name, img] of Object.entries(inputs)) {
        const ref = c.decodes[name];
        if (ref.size) expect([img.width, img.height], name).toEqual(ref.size);
        if (!ref.ok) {
          expectTooSmall(() => detectWatermark(img, c.decoder_args.length, c.method), img.width, img.height);
          continue;
        }
        const bits = detectWatermark(img, c.decoder_args.length, c.method);
        expect(bitString(bits), name).toBe(ref.bits);
        // `value` as the reference decoder returned it (hex for bytes).
        const value = c.decoder_args.wm_type === 'bytes' ? decodePayload('b16', bits).toLowerCase() : decodePayload(c.decoder_args.wm_type, bits);
        expect(value, name).toBe(ref.value);
        expect(compareBits(toBits(c.payload_bits), bits).matching, name).toBe(ref.matching_bits);
      }
    });
  }

  it('resize ½ and back (informational: another resampler): matching bits stay within 3 of the reference', () => {
    const rows: string[] = [];
    for (const c of manifest.cases) {
      const bits = detectWatermark(resizeHalfAndBack(images.get(c.watermarked)!), c.bit_length, c.method);
      const ours = compareBits(toBits(c.payload_bits), bits).matching;
      const ref = c.decodes.resize_half.matching_bits!;
      rows.push(`${c.id}: ours ${ours}/${c.bit_length}, reference ${ref}/${c.bit_length}${bitString(bits) === c.decodes.resize_half.bits ? ' (same bits)' : ''}`);
      expect(Math.abs(ours - ref), c.id).toBeLessThanOrEqual(3);
    }
    console.log(`resize_half:\n  ${rows.join('\n  ')}`);
  });
});

describe('size rule', () => {
  it("refuses exactly the manifest's small sizes, on the pixel count", () => {
    for (const s of manifest.size_rule_checks) {
      const accepted = s.encode === 'accepted';
      expect(canWatermark(s.width, s.height), `${s.width}x${s.height}`).toBe(accepted);
      const img = { data: new Uint8Array(s.width * s.height * 3).fill(128), width: s.width, height: s.height };
      if (accepted) {
        expect(embedWatermark(img, toBits('1011'), 'dwtDctSvd').data.length).toBe(img.data.length);
        expect(detectWatermark(img, 4, 'dwtDct')).toHaveLength(4);
      } else {
        expectTooSmall(() => embedWatermark(img, toBits('1011'), 'dwtDct'), s.width, s.height);
        expectTooSmall(() => detectWatermark(img, 4, 'dwtDctSvd'), s.width, s.height);
        expectTooSmall(() => embedWatermarkFloat(new Float32Array(img.data), s.width, s.height, toBits('1')), s.width, s.height);
      }
    }
  });
});
