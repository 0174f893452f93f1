// Forward diffusion as a scheduler sees it: one seeded noise draw ε, and for chosen steps of a
// setTimesteps(n) schedule, scheduler.add_noise(x0, ε, t) and the U-Net's view of it. Pure: no sessions.
// Not here: decoding the frames (the caller runs the VAE decoder).
import { StudioError } from '../../../src-shared/errors.js';
import type { RngSource } from '../../../src-shared/generation-params.js';
import { createGenerator } from '../rng/index.js';
import { SigmaSchedule, createScheduler, type SchedulerConfig } from '../schedulers/index.js';

export interface ForwardNoiseOptions {
  scheduler: string;
  /** The n of setTimesteps(n). */
  numSteps: number;
  /** Indices into the resulting timesteps (0 = the noisiest, as the denoising loop starts). */
  steps: readonly number[];
  seed: bigint;
  rngSource?: RngSource;
}

export interface NoiseFrame {
  /** The index into the schedule's timesteps. */
  step: number;
  timestep: number;
  /** The noise level σ = sqrt((1 - ᾱ)/ᾱ) at this timestep. */
  sigma: number;
  /** scheduler.add_noise(x0, ε, timestep): x0 + σε for the σ-space schedulers, sqrt(ᾱ)x0 + sqrt(1-ᾱ)ε for the others. */
  noisy: Float32Array;
  /** What the U-Net is fed at this step (scale_model_input): the same sqrt(ᾱ)x0 + sqrt(1-ᾱ)ε for every scheduler. */
  unetInput: Float32Array;
}

const f32 = Math.fround;

export function forwardNoise(config: SchedulerConfig, x0: Float32Array, shape: readonly number[], opts: ForwardNoiseOptions): { timesteps: number[]; frames: NoiseFrame[] } {
  const scheduler = createScheduler(opts.scheduler, config);
  scheduler.setTimesteps(opts.numSteps);
  const timesteps = Array.from(scheduler.timesteps);
  for (const s of opts.steps) {
    if (!Number.isInteger(s) || s < 0 || s >= timesteps.length) {
      throw new StudioError(
        'engine/bad-step-index',
        `Step ${s} is not in this schedule: ${opts.scheduler} with ${opts.numSteps} steps has steps 0 to ${timesteps.length - 1} (0 = the noisiest).`,
        { step: s, max: timesteps.length - 1 },
      );
    }
  }
  // NOTE: one draw for every frame, so the frames show one image travelling through the noise levels.
  const noise = createGenerator(opts.rngSource ?? 'torch-cpu', opts.seed).randn(shape);
  const frames = opts.steps.map((step) => {
    const t = timesteps[step];
    const noisy = scheduler.addNoise(x0, noise, t);
    let unetInput = noisy;
    let sigma = scheduler.sigmaAt(t);
    if (scheduler instanceof SigmaSchedule) {
      sigma = scheduler.sigmas[timesteps.indexOf(t)]; // the σ add_noise used (the first step with this timestep)
      const d = f32(Math.sqrt(f32(f32(sigma * sigma) + 1)));
      unetInput = noisy.map((v) => f32(v / d));
    }
    return { step, timestep: t, sigma, noisy, unetInput };
  });
  return { timesteps, frames };
}
