// Text to image, step for step as diffusers' StableDiffusionPipeline.__call__ (0.24):
// encode prompts → initial noise → for each timestep: scale, U-Net [uncond, cond], guidance, step → decode.
import { performance } from 'node:perf_hooks';
import { StudioError, throwIfAborted } from '../../../src-shared/errors.js';
import { createGenerator } from '../rng/index.js';
import { createScheduler, schedulerIdForConfig, type Scheduler } from '../schedulers/index.js';
import { firstNonFinite } from '../runtime/index.js';
import type { LoadedModel } from './loaded-model.js';
import { encodePrompts } from './prompt-encoder.js';
import type { GenerateHooks, GenerateRequest, GenerateResult } from './types.js';
import { UnetRunner } from './unet-runner.js';
import { checkRequest } from './validate.js';
import { decodeLatents } from './vae-decode.js';
import { denoiseOnDevice } from './denoise-on-device.js';
import type { DeviceStepper } from './device-step.js';

export async function txt2img(model: LoadedModel, request: GenerateRequest, hooks: GenerateHooks = {}): Promise<GenerateResult> {
  const { signal } = hooks;
  const t0 = performance.now();
  model.resetTimers();
  // 0. Check inputs; pick the scheduler (the model's own unless asked otherwise).
  const req = checkRequest(request, defaultSize(model));
  const schedulerId = request.scheduler ?? schedulerIdForConfig(model.folder.schedulerConfig);
  const scheduler = createScheduler(schedulerId, { ...model.folder.schedulerConfig, ...request.schedulerOverrides });
  checkFixedSpatial(model, req.width, req.height);
  const h8 = req.height / 8;
  const w8 = req.width / 8;
  const shape = [req.batchSize, 4, h8, w8] as const;
  const n = req.batchSize * 4 * h8 * w8;
  throwIfAborted(signal, 'generation');

  // 1. Encode the prompt and the negative prompt (guidance > 1 only, as diffusers).
  const guided = req.guidance > 1;
  const prompts = await encodePrompts(model, req.prompt, req.negativePrompt, req.batchSize, guided);
  throwIfAborted(signal, 'generation');

  // 2. Timesteps.
  scheduler.setTimesteps(req.steps);

  // 3. Initial latents: randn from a fresh seeded generator (or given), times init_noise_sigma.
  const generator = createGenerator(request.rngSource ?? 'torch-cpu', request.seed);
  let latents: Float32Array;
  if (request.initialLatents) {
    if (request.initialLatents.length !== n) {
      throw new StudioError('engine/bad-latents', `The initial latents hold ${request.initialLatents.length} values; ${shape.join('×')} = ${n} are needed for this size and batch.`, { expected: shape.join('x') });
    }
    latents = Float32Array.from(request.initialLatents);
  } else {
    latents = generator.randn(shape);
  }
  const sigma0 = Math.fround(scheduler.initNoiseSigma);
  if (sigma0 !== 1) for (let i = 0; i < n; i++) latents[i] = Math.fround(latents[i] * sigma0);

  // 4. Denoising loop: on the device where the provider, the scheduler and the export allow, else through the CPU.
  const runner = new UnetRunner(model, prompts, req.batchSize, [4, h8, w8], req.guidance, await model.deviceUploader());
  const randn = (s: readonly number[]) => generator.randn(s);
  const stepper = await deviceStepperFor(model, scheduler, runner, hooks);
  let stepsMs: number[];
  try {
    ({ latents, stepsMs } = stepper
      ? await denoiseOnDevice({ model, runner, scheduler, stepper, latents, shape, guidance: req.guidance, randn, hooks, startedAt: t0 })
      : await denoiseOnCpu(model, runner, scheduler, latents, shape, randn, hooks, t0));
  } finally {
    runner.dispose();
  }
  throwIfAborted(signal, 'generation');

  // 5. Decode.
  const decoded = await decodeLatents(model, latents, req.batchSize, h8, w8);
  const totalMs = performance.now() - t0;
  return {
    images: decoded.images,
    seed: request.seed,
    scheduler: schedulerId,
    schedulerConfig: { ...scheduler.config },
    steps: req.steps,
    guidance: req.guidance,
    width: req.width,
    height: req.height,
    ep: model.ep,
    latentsOnDevice: !!stepper,
    latents,
    timings: {
      tokenizeMs: prompts.tokenizeMs,
      textEncoderMs: prompts.textEncoderMs,
      unetStepsMs: stepsMs,
      vaeDecodeMs: decoded.ms,
      totalMs,
      ortMs: model.ortMs(),
    },
  };
}

type FloatType = 'float32' | 'float16';
const isFloat = (t: string): t is FloatType => t === 'float32' || t === 'float16';

/** The step graph when this generation can keep its latents on the device (WebGPU), else null. */
async function deviceStepperFor(model: LoadedModel, scheduler: Scheduler, runner: UnetRunner, hooks: GenerateHooks): Promise<DeviceStepper | null> {
  const linear = scheduler.linearSteps?.();
  const { sample, outType } = model.unetIo;
  if (!linear || !runner.oneCallPerStep || !isFloat(sample.type) || !isFloat(outType)) return null;
  // With captureLatents (the timeline) the step graph also outputs x0 and the guidance strength.
  return model.deviceStepper({ guided: runner.guided, noise: linear.noise, history: linear.history, predType: outType, sampleType: sample.type, x0: !!hooks.captureLatents });
}

/** The loop as diffusers runs it: the U-Net's output comes to the CPU and the scheduler steps there. */
async function denoiseOnCpu(model: LoadedModel, runner: UnetRunner, scheduler: Scheduler, initial: Float32Array, shape: readonly number[], randn: (s: readonly number[]) => Float32Array, hooks: GenerateHooks, t0: number): Promise<{ latents: Float32Array; stepsMs: number[] }> {
  const timesteps = scheduler.timesteps;
  const stepsMs: number[] = [];
  let latents = initial;
  for (let i = 0; i < timesteps.length; i++) {
    throwIfAborted(hooks.signal, 'generation');
    const ts = performance.now();
    const t = timesteps[i];
    const scaled = scheduler.scaleModelInput(latents, t);
    const noise = await runner.predict(scaled, t);
    const out = scheduler.step(noise, t, latents, { shape, randn });
    latents = out.prevSample;
    const stepMs = performance.now() - ts;
    stepsMs.push(stepMs);
    if (i === 0 && firstNonFinite(latents) >= 0) {
      throw new StudioError('engine/non-finite', `The U-Net produced NaN or infinite values on ${model.ep} (a float16 overflow or a broken export).`, { ep: model.ep });
    }
    hooks.onStep?.({
      step: i + 1,
      total: timesteps.length,
      timestep: t,
      sigma: scheduler.sigmaAt(t),
      elapsedMs: performance.now() - t0,
      stepMs,
      guidanceStrength: runner.guidanceStrength,
      // NOTE: every scheduler returns x0 (PNDM derives it; see pndm.ts); the step never reuses these arrays.
      ...(hooks.captureLatents ? { latents: Float32Array.from(latents), predOriginal: out.predOriginalSample && Float32Array.from(out.predOriginalSample), latentShape: shape4(shape) } : {}),
    });
  }
  return { latents, stepsMs };
}

const shape4 = (s: readonly number[]) => [s[0], s[1], s[2], s[3]] as const;

/** diffusers' default size: unet sample_size × 8 (512 for SD 1.x, 768 for SD 2.x 768-v). */
function defaultSize(model: LoadedModel): { width: number; height: number } {
  const s = model.unetIo.sample.shape;
  const h = typeof s[2] === 'number' ? s[2] * 8 : undefined;
  const w = typeof s[3] === 'number' ? s[3] * 8 : undefined;
  if (h && w) return { width: w, height: h };
  const size = model.folder.defaults.size;
  return { width: size, height: size };
}

function checkFixedSpatial(model: LoadedModel, width: number, height: number): void {
  const s = model.unetIo.sample.shape;
  if ((typeof s[2] === 'number' && s[2] * 8 !== height) || (typeof s[3] === 'number' && s[3] * 8 !== width)) {
    throw new StudioError('engine/fixed-size', `This model's U-Net only takes ${Number(s[3]) * 8}×${Number(s[2]) * 8} images; asked for ${width}×${height}.`, { width, height });
  }
}
