// `node bin/run-ts.js bench/make-synthetic.ts --config sd15 [--dtype float16] [--layout diffusers]
//   [--seed N] [--components unet,text_encoder] [--out DIR | --cache] [--check]`
// Writes a synthetic Stable Diffusion model (to DIR, or into the cache) and reports the time, the
// size on disk and the peak RSS; --check then loads each component in onnxruntime (CPU) and runs one
// call (U-Net on a 64×64 latent, the VAE at 256×256) to show the files are a working model.
import { performance } from 'node:perf_hooks';
import path from 'node:path';
import { parseArgs } from 'node:util';
import * as ort from 'onnxruntime-node';
import {
  type ComponentName, type SyntheticModelInfo, type SyntheticOptions, ensureSyntheticModel, writeSyntheticModel,
} from '../tools/synthetic/index.js';
import { float32ToFloat16 } from '../src-main/engine/float16.js';

const { values: args } = parseArgs({
  options: {
    config: { type: 'string', default: 'tiny' },
    dtype: { type: 'string' },
    layout: { type: 'string' },
    seed: { type: 'string' },
    components: { type: 'string' },
    out: { type: 'string' },
    cache: { type: 'boolean', default: false },
    check: { type: 'boolean', default: false },
  },
});

if (!args.out && !args.cache) {
  console.error('usage: make-synthetic.ts --config tiny|sd15|sd2|sd2-tiny|turbo-tiny [--dtype float32|float16] [--layout L] (--out DIR | --cache) [--check]');
  process.exit(2);
}

const options: SyntheticOptions = {
  config: args.config as SyntheticOptions['config'],
  dtype: args.dtype as SyntheticOptions['dtype'],
  layout: args.layout as SyntheticOptions['layout'],
  seed: args.seed === undefined ? undefined : Number(args.seed),
  components: args.components?.split(',') as ComponentName[] | undefined,
};

let peakRss = process.memoryUsage().rss;
const sampler = setInterval(() => (peakRss = Math.max(peakRss, process.memoryUsage().rss)), 100);
const t0 = performance.now();
const info = args.cache ? await ensureSyntheticModel(options) : await writeSyntheticModel(path.resolve(args.out!), options);
const writeSeconds = (performance.now() - t0) / 1000;
clearInterval(sampler);
peakRss = Math.max(peakRss, process.memoryUsage().rss);

const report: Record<string, unknown> = {
  dir: info.dir,
  options: info.options,
  parameters: info.parameters,
  bytes: info.bytes,
  writeSeconds: Number(writeSeconds.toFixed(2)),
  peakRssMiB: Math.round(peakRss / 2 ** 20),
};
if (args.check) report.check = await check(info);
console.log(JSON.stringify(report, null, 2));

/** Loads every written component on the CPU and runs it once; returns load and run times. */
async function check(model: SyntheticModelInfo): Promise<Record<string, unknown>> {
  const out: Record<string, unknown> = {};
  const batch = model.options.batch === 'dynamic' ? 2 : model.options.batch;
  for (const component of Object.keys(model.parameters)) {
    const t = performance.now();
    const session = await ort.InferenceSession.create(path.join(model.dir, component, 'model.onnx'), { intraOpNumThreads: 2, enableMemPattern: false });
    const loadSeconds = (performance.now() - t) / 1000;
    const feeds: Record<string, ort.Tensor> = {};
    for (const meta of session.inputMetadata) {
      if (!meta.isTensor) continue;
      const dims = (meta.shape as Array<number | string>).map((d, i) => (typeof d === 'number' ? d : i === 0 ? batch : sizeFor(component, meta.name, i)));
      feeds[meta.name] = tensorFor(meta.type, dims, meta.name);
    }
    const r0 = performance.now();
    const result = await session.run(feeds);
    const runSeconds = (performance.now() - r0) / 1000;
    const first = result[session.outputNames[0]];
    out[component] = { loadSeconds: round(loadSeconds), runSeconds: round(runSeconds), output: first.dims, finite: allFinite(first) };
    await session.release();
  }
  return out;
}

/** Text: 77 tokens; U-Net: a 64×64 latent (512×512); the VAE halves at 256×256 to keep the check short. */
function sizeFor(component: string, input: string, axis: number): number {
  if (input === 'input_ids' || input === 'encoder_hidden_states') return 77;
  if (component === 'vae_encoder') return axis === 1 ? 3 : 256;
  if (component === 'vae_decoder') return axis === 1 ? 4 : 32;
  return axis === 1 ? 4 : 64;
}

function tensorFor(type: string, dims: number[], name: string): ort.Tensor {
  const n = dims.reduce((a, b) => a * b, 1);
  if (name === 'input_ids') {
    const ids = Array.from({ length: n }, (_, i) => (i % 77 === 0 ? 49406 : i % 77 < 5 ? 320 + (i % 77) : 49407));
    return type === 'int64' ? new ort.Tensor('int64', BigInt64Array.from(ids, BigInt), dims) : new ort.Tensor('int32', Int32Array.from(ids), dims);
  }
  if (type === 'int64') return new ort.Tensor('int64', new BigInt64Array(n).fill(981n), dims);
  const values = Float32Array.from({ length: n }, (_, i) => (name === 'timestep' ? 981 : Math.sin(i * 0.7)));
  return type === 'float16' ? new ort.Tensor('float16', float32ToFloat16(values), dims) : new ort.Tensor('float32', values, dims);
}

function allFinite(t: ort.Tensor): boolean {
  if (t.type === 'float32') return (t.data as Float32Array).every(Number.isFinite);
  if (t.type === 'float16') return (t.data as Uint16Array).every((h) => (h & 0x7c00) !== 0x7c00);
  return true;
}

function round(x: number): number {
  return Number(x.toFixed(2));
}
