// One denoising step laid open: noise clean latents to a training timestep (DDPM's forward process
// with the model's ᾱ), run the U-Net once with a prompt (no guidance: one row), and read its output
// as predicted noise ε̂ and predicted clean latents x̂0 = (x_t − sqrt(1−ᾱ)·ε̂) / sqrt(ᾱ).
// Not here: a scheduler's step to t−1 (the generation pipeline does that) or decoding.
import { StudioError } from '../../../src-shared/errors.js';
import type { RngSource } from '../../../src-shared/generation-params.js';
import { UnetRunner, encodePrompts, type LoadedModel } from '../pipeline/index.js';
import { createGenerator } from '../rng/index.js';
import { DdimScheduler } from '../schedulers/index.js';
import { firstNonFinite } from '../runtime/index.js';

export interface DenoiseStepOptions {
  /** A training timestep, 0 to num_train_timesteps − 1. */
  timestep: number;
  prompt: string;
  /** Seeds the noise ε added to the clean latents (its first draw). */
  seed: bigint;
  rngSource?: RngSource;
  /** The ε to add instead of a draw (replaying a pipeline's step); `seed` is then unused. */
  noise?: Float32Array;
}

export interface DenoiseStepResult {
  timestep: number;
  /** ᾱ at the timestep, and σ = sqrt((1−ᾱ)/ᾱ). */
  alphaBar: number;
  sigma: number;
  predictionType: string;
  /** The noise ε that was added. */
  noise: Float32Array;
  /** x_t = sqrt(ᾱ)·x0 + sqrt(1−ᾱ)·ε: the U-Net's input. */
  noisy: Float32Array;
  /** The U-Net's raw output (ε̂, v̂ or x̂0 by the model's prediction_type). */
  modelOutput: Float32Array;
  /** ε̂, the predicted noise, whatever the prediction type. */
  predictedNoise: Float32Array;
  /** x̂0, the predicted clean latents. */
  predictedOriginal: Float32Array;
}

const f32 = Math.fround;

export async function denoiseStep(model: LoadedModel, x0: Float32Array, shape: readonly [number, number, number, number], opts: DenoiseStepOptions): Promise<DenoiseStepResult> {
  // NOTE: DDIM is used for its table only: every scheduler of a model shares the model's betas and ᾱ.
  const table = new DdimScheduler(model.folder.schedulerConfig);
  const t = opts.timestep;
  if (!Number.isInteger(t) || t < 0 || t >= table.trainSteps) {
    throw new StudioError('engine/bad-timestep', `Timestep ${t} is outside this model's training schedule: use a whole number from 0 to ${table.trainSteps - 1}.`, { timestep: t, max: table.trainSteps - 1 });
  }
  const n = shape[0] * shape[1] * shape[2] * shape[3];
  if (x0.length !== n || shape[0] !== 1) {
    throw new StudioError('engine/bad-latents', `The latents hold ${x0.length} values; one image of ${shape.join('×')} = ${n} was expected.`, { expected: shape.join('x') });
  }
  if (opts.noise && opts.noise.length !== n) {
    throw new StudioError('engine/bad-latents', `The given noise holds ${opts.noise.length} values; ${n} (the latents' shape) are needed.`, { expected: shape.join('x') });
  }
  const noise = opts.noise ?? createGenerator(opts.rngSource ?? 'torch-cpu', opts.seed).randn(shape);
  const noisy = table.addNoise(x0, noise, t);
  const prompts = await encodePrompts(model, opts.prompt, '', 1, false);
  const runner = new UnetRunner(model, prompts, 1, [shape[1], shape[2], shape[3]], 1);
  let modelOutput: Float32Array;
  try {
    modelOutput = Float32Array.from(await runner.predict(noisy, t));
  } finally {
    runner.dispose();
  }
  if (firstNonFinite(modelOutput) >= 0) {
    throw new StudioError('engine/non-finite', `The U-Net produced NaN or infinite values on ${model.ep} (a float16 overflow or a broken export).`, { ep: model.ep });
  }
  const a = table.alphasCumprod[t];
  const sa = Math.sqrt(a);
  const sb = Math.sqrt(1 - a);
  const predictionType = String(table.config.prediction_type);
  const predictedNoise = new Float32Array(n);
  const predictedOriginal = new Float32Array(n);
  for (let i = 0; i < n; i++) {
    const x = noisy[i];
    const o = modelOutput[i];
    switch (predictionType) {
      case 'v_prediction':
        predictedOriginal[i] = f32(sa * x - sb * o);
        predictedNoise[i] = f32(sa * o + sb * x);
        break;
      case 'sample':
        predictedOriginal[i] = o;
        predictedNoise[i] = f32((x - sa * o) / sb);
        break;
      default:
        predictedNoise[i] = o;
        predictedOriginal[i] = f32((x - sb * o) / sa);
    }
  }
  return { timestep: t, alphaBar: a, sigma: Math.sqrt((1 - a) / a), predictionType, noise, noisy, modelOutput, predictedNoise, predictedOriginal };
}
