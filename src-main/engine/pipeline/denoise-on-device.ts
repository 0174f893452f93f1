// The denoising loop with the latents kept on the device (WebGPU): the U-Net's output goes straight into
// the step graph (guidance + scheduler step + next input), whose outputs feed the next U-Net call. Only
// the per-step scalars, the timestep and an ancestral sampler's fresh noise go up; the latents come down
// once after step 1 (the NaN check) and once at the end (see runtime/device-copy.ts for how).
import { performance } from 'node:perf_hooks';
import * as ort from 'onnxruntime-node';
import { StudioError, throwIfAborted } from '../../../src-shared/errors.js';
import type { Scheduler } from '../schedulers/index.js';
import { firstNonFinite, readFloat32 } from '../runtime/tensors.js';
import type { DeviceStepper } from './device-step.js';
import type { LoadedModel } from './loaded-model.js';
import type { GenerateHooks } from './types.js';
import type { UnetRunner } from './unet-runner.js';

export interface DeviceLoopInput {
  model: LoadedModel;
  runner: UnetRunner;
  scheduler: Scheduler;
  stepper: DeviceStepper;
  latents: Float32Array;
  shape: readonly [number, number, number, number];
  guidance: number;
  randn: (shape: readonly number[]) => Float32Array;
  hooks: GenerateHooks;
  startedAt: number;
}

export async function denoiseOnDevice(a: DeviceLoopInput): Promise<{ latents: Float32Array; stepsMs: number[] }> {
  const { scheduler, runner, stepper, shape, hooks } = a;
  const download = (t: ort.Tensor) => a.model.download(t);
  const timesteps = scheduler.timesteps;
  const stepsMs: number[] = [];
  const owned = new Set<ort.Tensor>(); // device tensors this loop made and must free
  const drop = (t: ort.Tensor) => {
    if (owned.delete(t)) t.dispose();
  };
  let x: ort.Tensor = new ort.Tensor('float32', a.latents, shape);
  // A multistep sampler's carried states; zeros before the first step, which gives them no weight.
  let states: ort.Tensor[] = Array.from({ length: stepper.variant.history }, () => new ort.Tensor('float32', new Float32Array(a.latents.length), shape));
  let sample = runner.sampleTensor(scheduler.scaleModelInput(a.latents, timesteps[0]));
  try {
    for (let i = 0; i < timesteps.length; i++) {
      throwIfAborted(hooks.signal, 'generation');
      const ts = performance.now();
      const t = timesteps[i];
      const pred = await runner.predictRaw(sample, t);
      owned.add(pred);
      const lin = scheduler.linearStep!(t, { shape, randn: a.randn });
      const noise = lin.noise ? new ort.Tensor('float32', lin.noise, shape) : undefined;
      const out = await stepper.run(pred, x, { ...lin, guidance: a.guidance, inputScale: lin.nextInputScale }, { noise, states });
      for (const t of [out.latents, out.nextSample, ...out.states]) owned.add(t);
      for (const t of [pred, x, sample, ...states]) drop(t);
      x = out.latents;
      sample = out.nextSample;
      states = out.states;
      // NOTE: on the GPU a run returns once its work is queued and a readback waits for it. The latents are
      // read after step 1 (NaN check) and after the last (the result), so the step times add up to the loop's.
      const last = i === timesteps.length - 1;
      const read = i === 0 || last ? await readFloat32(x, 'The denoising step', download) : undefined;
      if (i === 0 && firstNonFinite(read!) >= 0) {
        throw new StudioError('engine/non-finite', `The U-Net produced NaN or infinite values on ${a.model.ep} (a float16 overflow or a broken export).`, { ep: a.model.ep });
      }
      const stepMs = performance.now() - ts;
      stepsMs.push(stepMs);
      // NOTE: the guidance strength would need a readback that makes the step wait; the device loop leaves it out.
      hooks.onStep?.({ step: i + 1, total: timesteps.length, timestep: t, sigma: scheduler.sigmaAt(t), elapsedMs: performance.now() - a.startedAt, stepMs, guidanceStrength: null });
      if (last) return { latents: Float32Array.from(read!), stepsMs };
    }
    throw new Error('BUG: no denoising steps');
  } finally {
    for (const t of owned) t.dispose();
  }
}
