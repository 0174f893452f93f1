// The denoising loop with the latents kept on the device (WebGPU): the U-Net's output goes straight into
// the step graph (guidance + scheduler step + next input), whose outputs feed the next U-Net call. Only
// the per-step scalars, the timestep and an ancestral sampler's fresh noise go up; the latents come down
// once after step 1 (the NaN check) and once at the end (see runtime/device-copy.ts for how). With
// captureLatents (the timeline) each step's latents, x0 and guidance strength stay on the device too and
// come down in batches (capture.ts), so a step never waits for its own readback.
import { performance } from 'node:perf_hooks';
import * as ort from 'onnxruntime-node';
import { BugError, StudioError, throwIfAborted } from '../../../src-shared/errors.js';
import type { Scheduler } from '../schedulers/index.js';
import { firstNonFinite, readFloat32 } from '../runtime/index.js';
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

/**
 * Captured steps are read back every this many steps (and after the first and the last, where the loop
 * reads anyway): each readback waits for the queued GPU work, so fewer of them keep the GPU busy; the
 * timeline's step events arrive up to this many steps late.
 */
export const CAPTURE_BATCH_STEPS = 8;

interface Captured {
  step: number;
  timestep: number;
  stepMs: number;
  latents: ort.Tensor;
  x0: ort.Tensor;
  strength?: ort.Tensor;
}

export async function denoiseOnDevice(a: DeviceLoopInput): Promise<{ latents: Float32Array; stepsMs: number[] }> {
  const { scheduler, runner, stepper, shape, hooks } = a;
  const download = (t: ort.Tensor) => a.model.download(t);
  const read = (t: ort.Tensor) => readFloat32(t, 'The denoising step', download);
  const timesteps = scheduler.timesteps;
  const stepsMs: number[] = [];
  const owned = new Set<ort.Tensor>(); // device tensors this loop made and must free
  const held = new Set<ort.Tensor>(); // captured tensors waiting for their readback: not freed before it
  const drop = (t: ort.Tensor) => {
    if (!held.has(t) && owned.delete(t)) t.dispose();
  };
  const capture = hooks.captureLatents ? (stepper.variant.x0 ? ([] as Captured[]) : null) : undefined;
  if (capture === null) throw new Error('BUG: captureLatents needs a step graph that outputs x0');
  let x: ort.Tensor = new ort.Tensor('float32', a.latents, shape);
  // A multistep sampler's carried states; zeros before the first step, which gives them no weight.
  let states: ort.Tensor[] = Array.from({ length: stepper.variant.history }, () => new ort.Tensor('float32', new Float32Array(a.latents.length), shape));
  let sample = runner.sampleTensor(scheduler.scaleModelInput(a.latents, timesteps[0]));

  /** Reads the captured steps back in order and reports them; returns the last one's latents. */
  const flush = async (): Promise<Float32Array | undefined> => {
    let last: Float32Array | undefined;
    for (const c of capture!.splice(0)) {
      last = Float32Array.from(await read(c.latents));
      const predOriginal = Float32Array.from(await read(c.x0));
      const guidanceStrength = c.strength ? (await read(c.strength))[0] : null;
      for (const t of [c.latents, c.x0, ...(c.strength ? [c.strength] : [])]) {
        held.delete(t);
        if (t !== x) drop(t);
      }
      hooks.onStep?.({
        step: c.step, total: timesteps.length, timestep: c.timestep, sigma: scheduler.sigmaAt(c.timestep), elapsedMs: performance.now() - a.startedAt,
        stepMs: c.stepMs, guidanceStrength, latents: last, predOriginal, latentShape: shape,
      });
    }
    return last;
  };

  try {
    for (let i = 0; i < timesteps.length; i++) {
      throwIfAborted(hooks.signal, 'generation');
      const ts = performance.now();
      const t = timesteps[i];
      const pred = await runner.predictRaw(sample, t);
      owned.add(pred);
      const lin = scheduler.linearStep!(t, { shape, randn: a.randn });
      const noise = lin.noise ? new ort.Tensor('float32', lin.noise, shape) : undefined;
      const out = await stepper.run(pred, x, { ...lin, guidance: a.guidance, inputScale: lin.nextInputScale, x0: capture ? lin.x0 : undefined }, { noise, states });
      const made = [out.latents, out.nextSample, ...out.states, ...(out.x0 ? [out.x0] : []), ...(out.strength ? [out.strength] : [])];
      for (const t of made) owned.add(t);
      for (const t of [pred, x, sample, ...states]) drop(t);
      x = out.latents;
      sample = out.nextSample;
      states = out.states;
      const last = i === timesteps.length - 1;
      let latents: Float32Array | undefined;
      if (capture) {
        // The event's stepMs is the step's queuing time; a flush's wait counts in this step's stepsMs entry,
        // so the timings still add up to the loop's.
        const c: Captured = { step: i + 1, timestep: t, stepMs: performance.now() - ts, latents: out.latents, x0: out.x0!, strength: out.strength };
        for (const t of [c.latents, c.x0, ...(c.strength ? [c.strength] : [])]) held.add(t);
        capture.push(c);
        if (i === 0 || last || capture.length >= CAPTURE_BATCH_STEPS) latents = await flush();
      } else if (i === 0 || last) {
        // NOTE: on the GPU a run returns once its work is queued and a readback waits for it. The latents are
        // read after step 1 (NaN check) and after the last (the result), so the step times add up to the loop's.
        latents = await read(x);
      }
      if (i === 0 && firstNonFinite(latents!) >= 0) {
        throw new StudioError('engine/non-finite', `The U-Net produced NaN or infinite values on ${a.model.ep} (a float16 overflow or a broken export).`, { ep: a.model.ep });
      }
      const stepMs = performance.now() - ts;
      stepsMs.push(stepMs);
      if (!capture) {
        // NOTE: the guidance strength would need a readback that makes the step wait; without capture it is left out.
        hooks.onStep?.({ step: i + 1, total: timesteps.length, timestep: t, sigma: scheduler.sigmaAt(t), elapsedMs: performance.now() - a.startedAt, stepMs, guidanceStrength: null });
      }
      if (last) return { latents: Float32Array.from(latents!), stepsMs };
    }
    throw new BugError('no denoising steps');
  } finally {
    held.clear();
    for (const t of owned) t.dispose();
  }
}
