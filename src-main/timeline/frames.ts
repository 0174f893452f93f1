// One timeline frame as a small picture: the latents (x_t) or the predicted final latents (x0) through
// the family's preview map, the four latent channels as grayscale, or the change from the step before.
// Pixels only; encoding to PNG and exporting are elsewhere.
import { StudioError } from '../../src-shared/errors.js';
import { latentPreview, toByte, type RawImage } from '../engine/preview/index.js';
import { float16ToFloat32 } from '../engine/float16.js';
import type { TimelineArrays } from './format.js';

export type FrameView = 'xt' | 'x0' | 'channels' | 'diff';
export const FRAME_VIEWS: readonly FrameView[] = Object.freeze(['xt', 'x0', 'channels', 'diff']);

export interface FrameOptions {
  /** Row of the arrays' batch axis (0 in a gallery image's own timeline). */
  batchIndex?: number;
  /** channels view: one channel 0–3 alone instead of the 2×2 grid. */
  channel?: number;
  /** channels view: one min/max over the channels shown ('shared', default) or each its own ('per-channel'). */
  scale?: 'shared' | 'per-channel';
}

/** The latents [4, h, w] of one image at one step, widened to float32. */
export function stepLatents(t: TimelineArrays, step: number, which: 'xt' | 'x0', batchIndex = 0): Float32Array {
  const [steps, batch, c, h, w] = t.meta.shape;
  checkStep(step, steps);
  if (!Number.isInteger(batchIndex) || batchIndex < 0 || batchIndex >= batch) {
    throw new StudioError('timeline/bad-batch-index', `Image ${batchIndex} is not in this timeline's batch of ${batch}; choose 0 to ${batch - 1}.`, { batchIndex, batch });
  }
  const per = c * h * w;
  const start = (step * batch + batchIndex) * per;
  return float16ToFloat32((which === 'xt' ? t.xt : t.x0).subarray(start, start + per));
}

export function checkStep(step: number, steps: number): void {
  if (!Number.isInteger(step) || step < 0 || step >= steps) {
    throw new StudioError('timeline/bad-step', `Step ${step} is not in this timeline; it has steps 0 to ${steps - 1}.`, { step, steps });
  }
}

/** The frame of `step` in `view`. */
export function renderFrame(t: TimelineArrays, step: number, view: FrameView, opts: FrameOptions = {}): RawImage {
  const [, , c, h, w] = t.meta.shape;
  const b = opts.batchIndex ?? 0;
  switch (view) {
    case 'xt':
    case 'x0': {
      const p = latentPreview(stepLatents(t, step, view, b), 0, [1, c, h, w], t.meta.family);
      return { width: p.width, height: p.height, data: p.rgb, channels: 3 };
    }
    case 'channels':
      return channelsFrame(stepLatents(t, step, 'xt', b), c, h, w, opts);
    case 'diff': {
      if (step === 0) {
        throw new StudioError('timeline/no-previous-step', 'Step 0 has no step before it to compare with; the diff view starts at step 1.', { step });
      }
      return diffFrame(stepLatents(t, step, 'xt', b), stepLatents(t, step - 1, 'xt', b), c, h, w);
    }
  }
}

/** Channels as grayscale: one channel, or all four in a 2×2 grid (0 1 / 2 3), min → black, max → white. */
function channelsFrame(lat: Float32Array, c: number, h: number, w: number, opts: FrameOptions): RawImage {
  const plane = h * w;
  const shown = opts.channel === undefined ? Array.from({ length: c }, (_, k) => k) : [opts.channel];
  if (opts.channel !== undefined && (!Number.isInteger(opts.channel) || opts.channel < 0 || opts.channel >= c)) {
    throw new StudioError('timeline/bad-channel', `Channel ${opts.channel} does not exist; latents have channels 0 to ${c - 1}.`, { channel: opts.channel });
  }
  const range = (ks: number[]) => {
    let lo = Infinity;
    let hi = -Infinity;
    for (const k of ks) for (let p = 0; p < plane; p++) {
      const v = lat[k * plane + p];
      if (v < lo) lo = v;
      if (v > hi) hi = v;
    }
    return { lo, span: hi > lo ? hi - lo : 1 };
  };
  const shared = range(shown);
  const across = shown.length === 1 ? 1 : 2;
  const down = Math.ceil(shown.length / across);
  const W = across * w;
  const data = new Uint8Array(W * down * h);
  shown.forEach((k, slot) => {
    const { lo, span } = opts.scale === 'per-channel' ? range([k]) : shared;
    const ox = (slot % across) * w;
    const oy = Math.floor(slot / across) * h;
    for (let y = 0; y < h; y++) for (let x = 0; x < w; x++) data[(oy + y) * W + ox + x] = toByte((lat[k * plane + y * w + x] - lo) / span);
  });
  return { width: W, height: down * h, data, channels: 1 };
}

/** Mean |x_t[i] − x_t[i−1]| over the channels per pixel, scaled so the frame's largest change is white. */
function diffFrame(cur: Float32Array, prev: Float32Array, c: number, h: number, w: number): RawImage {
  const plane = h * w;
  const mag = new Float32Array(plane);
  let max = 0;
  for (let p = 0; p < plane; p++) {
    let s = 0;
    for (let k = 0; k < c; k++) s += Math.abs(cur[k * plane + p] - prev[k * plane + p]);
    mag[p] = s / c;
    if (mag[p] > max) max = mag[p];
  }
  const data = new Uint8Array(plane);
  for (let p = 0; p < plane; p++) data[p] = toByte(max > 0 ? mag[p] / max : 0);
  return { width: w, height: h, data, channels: 1 };
}
