// Frames and exports of a timeline with known previews: the animations and the contact sheet are decoded
// again and checked for frame count, size and order; the latent preview against its formula.
import path from 'node:path';
import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { latentPreview, latentPreviewDataUrl } from '../../src-main/engine/preview/index.js';
import { exportTimeline, readTimeline, renderFrame } from '../../src-main/timeline/index.js';
import { tempDir } from '../gallery/helpers/temp.js';
import { H, STEPS, W, red, syntheticRecorder } from './helpers/synthetic.js';

async function timeline() {
  const dir = path.join(await tempDir('ls-timeline-'), 'tl');
  await syntheticRecorder().finish(dir);
  return readTimeline(dir);
}

describe('latent preview', () => {
  it("maps latents through WebUI's cheap factors, (x+1)/2 clamped, per batch image", () => {
    const lat = new Float32Array(2 * 4 * 1 * 2);
    // image 1, pixel 0: [1, 1, 1, 1]; pixel 1: [10, 0, 0, 0] (clamps to white on R, G, B).
    for (let c = 0; c < 4; c++) lat[8 + c * 2] = 1;
    lat[8 + 1] = 10;
    const p = latentPreview(lat, 1, [2, 4, 1, 2], 'sd2');
    const sum = [0.298 + 0.187 - 0.158 - 0.184, 0.207 + 0.286 + 0.189 - 0.271, 0.208 + 0.173 + 0.264 - 0.473];
    expect(Array.from(p.rgb.subarray(0, 3))).toEqual(sum.map((v) => Math.round(((v + 1) / 2) * 255)));
    expect(Array.from(p.rgb.subarray(3))).toEqual([255, 255, 255]);
    expect(latentPreview(new Float32Array(8), 0, [2, 4, 1, 1], 'sd1').rgb).toEqual(new Uint8Array([128, 128, 128]));
  });

  it('encodes the live preview as a PNG data URL of latent size', async () => {
    const url = await latentPreviewDataUrl(new Float32Array(2 * 4 * 3 * 5), 1, [2, 4, 3, 5], 'sd1');
    const png = Buffer.from(url.replace(/^data:image\/png;base64,/, ''), 'base64');
    const { data, info } = await sharp(png).raw().toBuffer({ resolveWithObject: true });
    expect([info.width, info.height, info.channels]).toEqual([5, 3, 3]);
    expect(Array.from(data.subarray(0, 3))).toEqual([128, 128, 128]);
  });

  it('refuses an unknown model family instead of borrowing a relative', () => {
    expect(() => latentPreview(new Float32Array(4), 0, [1, 4, 1, 1], 'sdxl')).toThrow(expect.objectContaining({ code: 'engine/unknown-family' }));
  });
});

describe('frames', () => {
  it('draws x_t, x0, the four channels and the step-to-step change', async () => {
    const t = await timeline();
    const xt = renderFrame(t, 2, 'xt');
    expect([xt.width, xt.height, xt.channels]).toEqual([W, H, 3]);
    expect(xt.data[0]).toBe(red(2));
    expect(renderFrame(t, 2, 'x0').data[0]).toBe(red(STEPS - 1 - 2)); // x0 is −a
    const ch = renderFrame(t, 1, 'channels');
    expect([ch.width, ch.height, ch.channels]).toEqual([2 * W, 2 * H, 1]);
    const one = renderFrame(t, 1, 'channels', { channel: 0, scale: 'per-channel' });
    expect([one.width, one.height]).toEqual([W, H]);
    const diff = renderFrame(t, 3, 'diff');
    expect([diff.width, diff.height, diff.channels]).toEqual([W, H, 1]);
    expect(() => renderFrame(t, 0, 'diff')).toThrow(expect.objectContaining({ code: 'timeline/no-previous-step' }));
    expect(() => renderFrame(t, STEPS, 'xt')).toThrow(expect.objectContaining({ code: 'timeline/bad-step' }));
  });
});

describe('exports', () => {
  for (const format of ['webp', 'gif'] as const) {
    it(`writes an animated ${format} with one frame per step, in step order`, async () => {
      const t = await timeline();
      const out = path.join(await tempDir('ls-timeline-'), `t.${format}`);
      const r = await exportTimeline(t, out, { format, scale: 3 });
      expect(r).toMatchObject({ frames: STEPS, width: W * 3, height: H * 3 });
      const meta = await sharp(out, { animated: true }).metadata();
      expect(meta.format).toBe(format);
      expect(meta.pages).toBe(STEPS);
      expect(meta.pageHeight).toBe(H * 3);
      expect(meta.width).toBe(W * 3);
      const raw = await sharp(out, { animated: true }).removeAlpha().raw().toBuffer();
      const frameBytes = W * 3 * H * 3 * 3;
      const reds = Array.from({ length: STEPS }, (_, s) => raw[s * frameBytes]);
      for (let s = 0; s < STEPS; s++) expect(Math.abs(reds[s] - red(s))).toBeLessThanOrEqual(format === 'gif' ? 8 : 0);
      for (let s = 1; s < STEPS; s++) expect(reds[s]).toBeGreaterThan(reds[s - 1]);
    });
  }

  it('writes a contact sheet: steps left to right, top to bottom, 2 px apart', async () => {
    const t = await timeline();
    const out = path.join(await tempDir('ls-timeline-'), 'sheet.png');
    await exportTimeline(t, out, { format: 'sheet', view: 'x0', scale: 2 });
    const cols = Math.ceil(Math.sqrt(STEPS));
    const rows = Math.ceil(STEPS / cols);
    const { data, info } = await sharp(out).raw().toBuffer({ resolveWithObject: true });
    expect([info.width, info.height]).toEqual([cols * W * 2 + (cols + 1) * 2, rows * H * 2 + (rows + 1) * 2]);
    for (let s = 0; s < STEPS; s++) {
      const x = 2 + (s % cols) * (W * 2 + 2);
      const y = 2 + Math.floor(s / cols) * (H * 2 + 2);
      expect(data[(y * info.width + x) * info.channels]).toBe(red(STEPS - 1 - s));
    }
  });
});
