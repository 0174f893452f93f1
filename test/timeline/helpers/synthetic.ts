// A recorder fed with made-up steps whose previews are known: at step s every pixel's latent is
// [a_s, 0, 0, 0] with a_s rising from −1 to 1, so the preview's red rises with the step (frame order is visible).
import type { StepEvent } from '../../../src-main/engine/pipeline/index.js';
import { TimelineRecorder } from '../../../src-main/timeline/index.js';

export const STEPS = 6;
export const H = 4;
export const W = 6;

/** a_s: the latent channel 0 value of step s. */
export const level = (s: number) => -1 + (2 * s) / (STEPS - 1);

/** The preview's red byte at step s: ((a·0.298) + 1)/2 · 255, rounded. */
export const red = (s: number) => Math.round(((level(s) * 0.298 + 1) / 2) * 255);

export function syntheticRecorder(batch = 1): TimelineRecorder {
  const rec = new TimelineRecorder({ shape: [batch, 4, H, W], scheduler: 'euler', family: 'sd1', parameters: { prompt: 'gradient', steps: STEPS } });
  const per = batch * 4 * H * W;
  for (let s = 0; s < STEPS; s++) {
    const latents = new Float32Array(per);
    const predOriginal = new Float32Array(per);
    for (let b = 0; b < batch; b++) {
      latents.fill(level(s), b * 4 * H * W, b * 4 * H * W + H * W);
      predOriginal.fill(-level(s), b * 4 * H * W, b * 4 * H * W + H * W);
    }
    const e: StepEvent = { step: s + 1, total: STEPS, timestep: 999 - s * 100, sigma: 14 - s, elapsedMs: s * 10, stepMs: 10 + s, guidanceStrength: 0.5 + s, latents, predOriginal };
    rec.record(e);
  }
  return rec;
}
