// One benchmark measurement in its own process: either the full pipeline, or bare onnxruntime
// sessions (same session options) doing the same calls: text encoder, U-Net per step, VAE decoder.
import { performance } from 'node:perf_hooks';
import * as ort from 'onnxruntime-node';
import { Engine } from '../src-main/engine/pipeline/index.js';
import { inspectModelFolder } from '../src-main/engine/models/index.js';
import { parseEp, type EpName } from '../src-main/engine/runtime/index.js';
import { sessionOptionsFor } from '../src-main/engine/runtime/index.js';
import { createGenerator } from '../src-main/engine/rng/index.js';
import { float32ToFloat16 } from '../src-main/engine/float16.js';
import { ClipTokenizer } from '../src-main/engine/tokenizer/index.js';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { TimelineRecorder } from '../src-main/timeline/index.js';

interface ChildArgs { model: string; ep: string; size: number; steps: number; lowMemory: boolean }

// Both modes feed the same kind of data: the same prompts, and latents drawn as the pipeline draws them
// (onnxruntime's CPU kernels run measurably faster on constant inputs than on noise).
const PROMPT = 'a photo of an astronaut riding a horse on mars';
const NEGATIVE = 'blurry';

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

export async function runChild(mode: 'bare' | 'pipeline' | 'timeline', a: ChildArgs): Promise<void> {
  const res = mode === 'bare' ? await bare(a) : await pipeline(a, mode === 'timeline');
  const peakRssBytes = process.resourceUsage().maxRSS * 1024;
  process.stdout.write(`${JSON.stringify({ ...res, peakRssBytes })}\n`);
}

/** The pipeline; with `timeline`, every step captured and the timeline folder written (its time counts in totalMs). */
async function pipeline(a: ChildArgs, timeline = false) {
  const engine = new Engine({ ep: parseEp(a.ep), lowMemory: a.lowMemory });
  const req = { prompt: PROMPT, negativePrompt: NEGATIVE, guidance: 7.5, seed: 42n, width: a.size, height: a.size, scheduler: 'euler' };
  await engine.generate(a.model, { ...req, steps: 1 }); // warm-up: one call per resolution settles the arena
  const h8 = a.size / 8;
  const recorder = timeline ? new TimelineRecorder({ shape: [1, 4, h8, h8], scheduler: 'euler', family: 'sd1', parameters: {} }) : null;
  const t0 = performance.now();
  const r = await engine.generate(a.model, { ...req, steps: a.steps }, recorder ? { captureLatents: true, onStep: (e) => recorder.record(e) } : {});
  let writeMs = 0;
  if (recorder) {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'ls-bench-timeline-'));
    const w0 = performance.now();
    await recorder.finish(path.join(dir, 'timeline'));
    writeMs = performance.now() - w0;
    rmSync(dir, { recursive: true, force: true });
  }
  const wallMs = performance.now() - t0;
  await engine.unload();
  // NOTE: with the latents on the GPU a step returns once queued and the readbacks wait (after the first
  // and the last step), so only the mean over the steps is a step's time; elsewhere the median.
  const stepMs = r.latentsOnDevice ? r.timings.unetStepsMs.reduce((x, y) => x + y, 0) / r.timings.unetStepsMs.length : median(r.timings.unetStepsMs);
  return { unetStepMs: stepMs, latentsOnDevice: r.latentsOnDevice, totalMs: r.timings.totalMs + writeMs, ortMs: r.timings.ortMs, wallMs, writeMs };
}

async function bare(a: ChildArgs) {
  const folder = await inspectModelFolder(a.model);
  const ep = a.ep === 'auto' ? 'cpu' : (a.ep as EpName);
  const so = sessionOptionsFor(ep, { lowMemory: a.lowMemory });
  const text = await ort.InferenceSession.create(folder.components.text_encoder, so);
  const unet = await ort.InferenceSession.create(folder.components.unet, so);
  const vae = await ort.InferenceSession.create(folder.components.vae_decoder, so);
  const f16 = unet.inputMetadata[0].isTensor && unet.inputMetadata[0].type === 'float16';
  const noise = (n: number) => createGenerator('torch-cpu', 42n).randn([n]);
  const floatT = (n: number, dims: number[]) => {
    const v = noise(n);
    return f16 ? new ort.Tensor('float16', float32ToFloat16(v), dims) : new ort.Tensor('float32', v, dims);
  };
  const idsMeta = text.inputMetadata[0] as ort.InferenceSession.TensorValueMetadata;
  const tok = await ClipTokenizer.fromDir(folder.tokenizerDir);
  const idList = [NEGATIVE, PROMPT].flatMap((t) => tok.encode(t, 77).inputIds);
  const ids = idsMeta.type === 'int64' ? new ort.Tensor('int64', BigInt64Array.from(idList, BigInt), [2, 77]) : new ort.Tensor('int32', Int32Array.from(idList), [2, 77]);
  const tsMeta = unet.inputMetadata[1] as ort.InferenceSession.TensorValueMetadata;
  const ts = tsMeta.type === 'int64' ? new ort.Tensor('int64', new BigInt64Array(2).fill(500n), [2]) : tsMeta.type === 'float16' ? new ort.Tensor('float16', new Uint16Array(2).fill(0x5fd0), [2]) : new ort.Tensor('float32', new Float32Array(2).fill(500), [2]);
  const h8 = a.size / 8;
  const sample = floatT(2 * 4 * h8 * h8, [2, 4, h8, h8]);
  const runUnet = async (ctx: ort.Tensor) => unet.run({ [unet.inputNames[0]]: sample, [unet.inputNames[1]]: ts, [unet.inputNames[2]]: ctx });
  // warm-up, as the pipeline does
  const ctx0 = (await text.run({ [text.inputNames[0]]: ids }))[text.outputNames[0]];
  await runUnet(ctx0);
  await vae.run({ [vae.inputNames[0]]: floatT(4 * h8 * h8, [1, 4, h8, h8]) });

  const t0 = performance.now();
  const ctx = (await text.run({ [text.inputNames[0]]: ids }))[text.outputNames[0]];
  const steps: number[] = [];
  for (let i = 0; i < a.steps; i++) {
    const s = performance.now();
    await runUnet(ctx);
    steps.push(performance.now() - s);
  }
  await vae.run({ [vae.inputNames[0]]: floatT(4 * h8 * h8, [1, 4, h8, h8]) });
  const totalMs = performance.now() - t0;
  return { unetStepMs: median(steps), totalMs, ortMs: totalMs };
}
