// The synthetic model generator: every layout/dtype/I-O variant of the tiny configurations loads in
// onnxruntime with exactly the asked contract and computes finite, input-dependent outputs; files are
// byte-identical per seed; weights sit where each layout puts them; parameter counts of the full-size
// configurations match the real models (counted, never written).
import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, readdir, rm, stat } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import * as ort from 'onnxruntime-node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { StudioError } from '../../src-shared/errors.js';
import { float16ToFloat32, float32ToFloat16 } from '../../src-main/engine/float16.js';
import {
  type SyntheticModelInfo, type SyntheticOptions, countParameters, ensureSyntheticModel, writeSyntheticModel,
} from '../../tools/synthetic/index.js';
import { decodeModel } from '../../src-main/engine/onnx/onnx-proto.js';

type Dims = Array<number | string>;
interface Expect {
  ids: string; ts: string; tsDims: Dims; float: string; batch: number | string; seq: string; ch: string; out: Dims; width: number;
  files: string[]; indexClass: string;
  /** scheduler_config.json: _class_name, prediction_type, timestep_spacing; and the tokenizer's pad token. */
  scheduler?: [string, string, string, string];
}

const SD1_SCHEDULER: Expect['scheduler'] = ['PNDMScheduler', 'epsilon', 'leading', '<|endoftext|>'];
const SD2_SCHEDULER: Expect['scheduler'] = ['DDIMScheduler', 'v_prediction', 'leading', '!'];
const TURBO_SCHEDULER: Expect['scheduler'] = ['EulerAncestralDiscreteScheduler', 'epsilon', 'trailing', '!'];

const D = (name: 'diffusers' | 'optimum', batch: number | string) =>
  name === 'diffusers' ? { batch: batch, seq: 'sequence', ch: 'channels' } : { batch: batch === 'batch' ? 'batch_size' : batch, seq: 'sequence_length', ch: 'num_channels' };

// What each variant must look like, written out by hand (not derived from the generator).
const VARIANTS: Array<{ label: string; options: SyntheticOptions; expect: Expect }> = [
  {
    label: 'tiny, diffusers layout, float32 (defaults)',
    options: { config: 'tiny' },
    expect: { ids: 'int32', ts: 'float32', tsDims: ['batch'], float: 'float32', ...D('diffusers', 'batch'), out: ['batch', 4, 'height', 'width'], width: 32, files: ['unet/weights.pb'], indexClass: 'OnnxStableDiffusionPipeline', scheduler: SD1_SCHEDULER },
  },
  {
    label: 'tiny, diffusers layout, float16',
    options: { config: 'tiny', dtype: 'float16' },
    expect: { ids: 'int32', ts: 'float16', tsDims: ['batch'], float: 'float16', ...D('diffusers', 'batch'), out: ['batch', 4, 'height', 'width'], width: 32, files: ['unet/weights.pb'], indexClass: 'OnnxStableDiffusionPipeline' },
  },
  {
    label: 'tiny, optimum layout, float32',
    options: { config: 'tiny', layout: 'optimum' },
    expect: { ids: 'int32', ts: 'int64', tsDims: ['steps'], float: 'float32', ...D('optimum', 'batch'), out: ['batch_size', 4, 'height', 'width'], width: 32, files: ['text_encoder/model.onnx_data', 'unet/model.onnx_data', 'unet/config.json', 'vae_decoder/model.onnx_data', 'vae_decoder/config.json', 'text_encoder/config.json'], indexClass: 'ORTStableDiffusionPipeline', scheduler: SD1_SCHEDULER },
  },
  {
    label: 'tiny, optimum layout, float16, int64 ids',
    options: { config: 'tiny', layout: 'optimum', dtype: 'float16', idsType: 'int64' },
    expect: { ids: 'int64', ts: 'int64', tsDims: ['steps'], float: 'float16', ...D('optimum', 'batch'), out: ['batch_size', 4, 'height', 'width'], width: 32, files: ['unet/model.onnx_data'], indexClass: 'ORTStableDiffusionPipeline' },
  },
  {
    label: 'turbo-tiny, ort-turbo layout (float16, int64 timestep)',
    options: { config: 'turbo-tiny' },
    expect: { ids: 'int32', ts: 'int64', tsDims: ['steps'], float: 'float16', ...D('optimum', 'batch'), out: ['batch_size', 4, 'height', 'width'], width: 64, files: [], indexClass: 'StableDiffusionPipeline', scheduler: TURBO_SCHEDULER },
  },
  {
    label: 'turbo-tiny, ort-turbo layout, float32',
    options: { config: 'turbo-tiny', dtype: 'float32' },
    expect: { ids: 'int32', ts: 'int64', tsDims: ['steps'], float: 'float32', ...D('optimum', 'batch'), out: ['batch_size', 4, 'height', 'width'], width: 64, files: [], indexClass: 'StableDiffusionPipeline' },
  },
  {
    label: 'sd2-tiny, sd2 layout (1024-wide-style text encoder, v_prediction)',
    options: { config: 'sd2-tiny' },
    expect: { ids: 'int32', ts: 'float32', tsDims: ['batch'], float: 'float32', ...D('diffusers', 'batch'), out: ['batch', 4, 'height', 'width'], width: 64, files: ['unet/weights.pb', 'unet/config.json'], indexClass: 'OnnxStableDiffusionPipeline', scheduler: SD2_SCHEDULER },
  },
  {
    label: 'sd2-tiny, sd2 layout, float16',
    options: { config: 'sd2-tiny', dtype: 'float16' },
    expect: { ids: 'int32', ts: 'float16', tsDims: ['batch'], float: 'float16', ...D('diffusers', 'batch'), out: ['batch', 4, 'height', 'width'], width: 64, files: ['unet/weights.pb', 'vae_decoder/config.json'], indexClass: 'OnnxStableDiffusionPipeline' },
  },
  {
    label: 'tiny, fixed batch 2, int64 ids, scalar int64 timestep',
    options: { config: 'tiny', batch: 2, idsType: 'int64', timestepType: 'int64', timestepShape: 'scalar' },
    expect: { ids: 'int64', ts: 'int64', tsDims: [], float: 'float32', ...D('diffusers', 2), out: [2, 4, 'height', 'width'], width: 32, files: ['unet/weights.pb'], indexClass: 'OnnxStableDiffusionPipeline' },
  },
  {
    label: 'tiny, fixed batch 1, float16 timestep on a float32 model',
    options: { config: 'tiny', batch: 1, timestepType: 'float16' },
    expect: { ids: 'int32', ts: 'float16', tsDims: [1], float: 'float32', ...D('diffusers', 1), out: [1, 4, 'height', 'width'], width: 32, files: ['unet/weights.pb'], indexClass: 'OnnxStableDiffusionPipeline' },
  },
];

let root: string;
beforeAll(async () => {
  root = await mkdtemp(path.join(os.tmpdir(), 'ls-synthetic-'));
});
afterAll(async () => {
  await rm(root, { recursive: true, force: true });
});

function meta(list: readonly ort.InferenceSession.ValueMetadata[], name: string): { type: string; shape: Dims } {
  const m = list.find((x) => x.name === name);
  if (!m || !m.isTensor) throw new Error(`no tensor ${name} in ${list.map((x) => x.name).join(', ')}`);
  return { type: m.type, shape: [...m.shape] };
}

function floats(t: ort.Tensor): Float32Array {
  return t.type === 'float16' ? float16ToFloat32(t.data as Uint16Array) : (t.data as Float32Array);
}

function floatTensor(type: string, values: Float32Array, dims: number[]): ort.Tensor {
  return type === 'float16' ? new ort.Tensor('float16', float32ToFloat16(values), dims) : new ort.Tensor('float32', values, dims);
}

function wave(n: number, phase: number): Float32Array {
  return Float32Array.from({ length: n }, (_, i) => Math.sin(i * 0.37 + phase) * 1.2);
}

function expectFiniteAndVaried(t: ort.Tensor): void {
  const v = floats(t);
  expect(v.every(Number.isFinite)).toBe(true);
  let min = Infinity, max = -Infinity;
  for (const x of v) { min = Math.min(min, x); max = Math.max(max, x); }
  expect(max - min).toBeGreaterThan(0.1);
}

function ids(type: string, rows: number[][]): ort.Tensor {
  const flat = rows.flatMap((content) => {
    const r = new Array(77).fill(49407);
    r[0] = 49406;
    content.forEach((id, i) => (r[i + 1] = id));
    return r;
  });
  return type === 'int64' ? new ort.Tensor('int64', BigInt64Array.from(flat, BigInt), [rows.length, 77]) : new ort.Tensor('int32', Int32Array.from(flat), [rows.length, 77]);
}

describe.each(VARIANTS)('$label', ({ options, expect: e }) => {
  let info: SyntheticModelInfo;
  const sessions: Record<string, ort.InferenceSession> = {};
  const rows = typeof e.batch === 'number' ? e.batch : 2;
  beforeAll(async () => {
    info = await writeSyntheticModel(path.join(root, Object.values(options).join('-')), options);
    for (const c of ['text_encoder', 'unet', 'vae_decoder', 'vae_encoder']) {
      sessions[c] = await ort.InferenceSession.create(path.join(info.dir, c, 'model.onnx'), { intraOpNumThreads: 1 });
    }
  });
  afterAll(async () => {
    for (const s of Object.values(sessions)) await s.release();
  });

  it('writes the layout files', async () => {
    for (const f of ['model_index.json', 'scheduler/scheduler_config.json', 'tokenizer/vocab.json', 'tokenizer/merges.txt', ...e.files]) {
      expect(existsSync(path.join(info.dir, f)), f).toBe(true);
    }
    const index = JSON.parse(await readFile(path.join(info.dir, 'model_index.json'), 'utf8'));
    expect(index._class_name).toBe(e.indexClass);
    expect(info.bytes).toBeGreaterThan(1e6);
    if (e.scheduler) {
      const s = JSON.parse(await readFile(path.join(info.dir, 'scheduler', 'scheduler_config.json'), 'utf8'));
      const pad = JSON.parse(await readFile(path.join(info.dir, 'tokenizer', 'special_tokens_map.json'), 'utf8')).pad_token;
      expect([s._class_name, s.prediction_type, s.timestep_spacing, pad]).toEqual(e.scheduler);
    }
    if (options.config === 'sd2-tiny') {
      const unet = JSON.parse(await readFile(path.join(info.dir, 'unet', 'config.json'), 'utf8'));
      expect([unet.sample_size, unet.use_linear_projection, unet.cross_attention_dim]).toEqual([96, true, 64]);
    }
  });

  it('has the asked I/O names, element types and dims', () => {
    const te = sessions.text_encoder;
    expect(meta(te.inputMetadata, 'input_ids')).toEqual({ type: e.ids, shape: [e.batch, e.seq] });
    expect(meta(te.outputMetadata, 'last_hidden_state')).toEqual({ type: e.float, shape: [e.batch, e.seq, e.width] });
    expect(meta(te.outputMetadata, 'pooler_output')).toEqual({ type: e.float, shape: [e.batch, e.width] });
    const un = sessions.unet;
    expect(un.inputNames).toEqual(['sample', 'timestep', 'encoder_hidden_states']);
    expect(meta(un.inputMetadata, 'sample')).toEqual({ type: e.float, shape: [e.batch, e.ch, 'height', 'width'] });
    expect(meta(un.inputMetadata, 'timestep')).toEqual({ type: e.ts, shape: e.tsDims });
    expect(meta(un.inputMetadata, 'encoder_hidden_states')).toEqual({ type: e.float, shape: [e.batch, e.seq, e.width] });
    expect(meta(un.outputMetadata, 'out_sample')).toEqual({ type: e.float, shape: e.out });
    expect(meta(sessions.vae_decoder.inputMetadata, 'latent_sample').type).toBe(e.float);
    expect(meta(sessions.vae_decoder.outputMetadata, 'sample').shape.slice(0, 2)).toEqual([e.batch, 3]);
    expect(meta(sessions.vae_encoder.inputMetadata, 'sample').type).toBe(e.float);
    expect(meta(sessions.vae_encoder.outputMetadata, 'latent_sample').shape.slice(0, 2)).toEqual([e.batch, 4]);
  });

  it('text encoder: embeddings depend on the prompt; pooler_output is the EOS row', async () => {
    const prompts = [[320, 1929, 3309, 3801], [320, 2368]];
    const feeds = (p: number[][]) => ({ input_ids: ids(e.ids, p) });
    const a = await sessions.text_encoder.run(feeds(rows === 1 ? [prompts[0]] : [prompts[0], prompts[1]]));
    const b = await sessions.text_encoder.run(feeds(rows === 1 ? [prompts[1]] : [prompts[1], prompts[0]]));
    const ha = floats(a.last_hidden_state), hb = floats(b.last_hidden_state);
    expect(a.last_hidden_state.dims).toEqual([rows, 77, e.width]);
    expectFiniteAndVaried(a.last_hidden_state);
    expect(ha.subarray(0, 77 * e.width).some((v, i) => v !== hb[i])).toBe(true);
    // Row 0 of prompt "a dog wearing hat": EOS at position 5.
    const pooled = floats(a.pooler_output).subarray(0, e.width);
    expect(Array.from(pooled)).toEqual(Array.from(ha.subarray(5 * e.width, 6 * e.width)));
  });

  it('U-Net: a 64×64 image (8×8 latent) call gives a finite, input-dependent output of the right shape', async () => {
    const n = e.tsDims.length === 0 ? 1 : rows;
    const ts = (t: number) => (e.ts === 'int64' ? new ort.Tensor('int64', new BigInt64Array(n).fill(BigInt(t)), e.tsDims.length ? [n] : []) : floatTensor(e.ts, new Float32Array(n).fill(t), e.tsDims.length ? [n] : []));
    const context = floatTensor(e.float, wave(rows * 77 * e.width, 0), [rows, 77, e.width]);
    const run = async (t: number, phase: number) =>
      (await sessions.unet.run({ sample: floatTensor(e.float, wave(rows * 4 * 64, phase), [rows, 4, 8, 8]), timestep: ts(t), encoder_hidden_states: context })).out_sample;
    const out = await run(981, 0);
    expect(out.type).toBe(e.float);
    expect(out.dims).toEqual([rows, 4, 8, 8]);
    expectFiniteAndVaried(out);
    const otherTime = floats(await run(1, 0));
    const otherSample = floats(await run(981, 1));
    expect(floats(out).some((v, i) => v !== otherTime[i])).toBe(true);
    expect(floats(out).some((v, i) => v !== otherSample[i])).toBe(true);
    // Odd, non-square latents (72×56 px) work too: upsampling targets each skip's size, as diffusers does.
    const odd = await sessions.unet.run({ sample: floatTensor(e.float, wave(rows * 4 * 63, 3), [rows, 4, 9, 7]), timestep: ts(500), encoder_hidden_states: context });
    expect(odd.out_sample.dims).toEqual([rows, 4, 9, 7]);
    expectFiniteAndVaried(odd.out_sample);
  });

  it('VAE decoder maps an 8×8 latent to a 64×64 image; the encoder maps it back to 8×8', async () => {
    const dec = await sessions.vae_decoder.run({ latent_sample: floatTensor(e.float, wave(rows * 4 * 64, 2), [rows, 4, 8, 8]) });
    expect(dec.sample.dims).toEqual([rows, 3, 64, 64]);
    expectFiniteAndVaried(dec.sample);
    const enc = await sessions.vae_encoder.run({ sample: dec.sample });
    expect(enc.latent_sample.dims).toEqual([rows, 4, 8, 8]);
    expectFiniteAndVaried(enc.latent_sample);
  });
});

async function fileHashes(dir: string, rel = ''): Promise<Record<string, string>> {
  const out: Record<string, string> = {};
  for (const entry of await readdir(path.join(dir, rel), { withFileTypes: true })) {
    const p = path.join(rel, entry.name);
    if (entry.isDirectory()) Object.assign(out, await fileHashes(dir, p));
    else out[p] = createHash('sha256').update(await readFile(path.join(dir, p))).digest('hex');
  }
  return out;
}

describe('determinism and weight placement', () => {
  it('gives byte-identical files for the same options and seed, different weights for another seed', async () => {
    const a = await fileHashes((await writeSyntheticModel(path.join(root, 'det-a'), { config: 'tiny', seed: 7 })).dir);
    const b = await fileHashes((await writeSyntheticModel(path.join(root, 'det-b'), { config: 'tiny', seed: 7 })).dir);
    const c = await fileHashes((await writeSyntheticModel(path.join(root, 'det-c'), { config: 'tiny', seed: 8 })).dir);
    expect(Object.keys(a).length).toBeGreaterThan(10);
    expect(b).toEqual(a);
    expect(c['unet/weights.pb']).not.toBe(a['unet/weights.pb']);
    expect(c['unet/model.onnx']).toBe(a['unet/model.onnx']); // the graph itself does not depend on the seed
  });

  it('puts every U-Net parameter in weights.pb (diffusers) with contiguous offsets covering the file', async () => {
    const info = await writeSyntheticModel(path.join(root, 'ext'), { config: 'tiny', components: ['unet', 'text_encoder'] });
    const model = decodeModel(await readFile(path.join(info.dir, 'unet', 'model.onnx')));
    expect(model.opsetImport).toEqual([{ version: 17 }]);
    let offset = 0;
    let parameters = 0;
    for (const t of model.graph.initializer) {
      if (t.dataLocation !== 1) continue;
      const kv = Object.fromEntries(t.externalData.map((e: { key: string; value: string }) => [e.key, e.value]));
      expect(kv.location).toBe('weights.pb');
      expect(Number(kv.offset)).toBe(offset);
      offset += Number(kv.length);
      parameters += t.dims.reduce((a: number, b: number) => a * b, 1);
    }
    expect(parameters).toBe(info.parameters.unet);
    expect((await stat(path.join(info.dir, 'unet', 'weights.pb'))).size).toBe(offset);
    // The text encoder keeps its weights inline, as diffusers' export does.
    const text = decodeModel(await readFile(path.join(info.dir, 'text_encoder', 'model.onnx')));
    expect(text.graph.initializer.every((t: { dataLocation?: number }) => t.dataLocation !== 1)).toBe(true);
    expect(existsSync(path.join(info.dir, 'vae_decoder'))).toBe(false);
  });

  it('has the real block structure: 11 transformer blocks, 9 skip concatenations, GroupNorm as InstanceNormalization', async () => {
    const info = await writeSyntheticModel(path.join(root, 'structure'), { config: 'tiny', components: ['unet'] });
    const nodes = decodeModel(await readFile(path.join(info.dir, 'unet', 'model.onnx'))).graph.node as Array<{ opType: string; name: string }>;
    const count = (op: string, re: RegExp = /./) => nodes.filter((n) => n.opType === op && re.test(n.name)).length;
    // tiny: 2 cross-attention down blocks × 2 layers + mid + 2 cross-attention up blocks × 3 layers = 11 blocks, 2 attentions each.
    expect(count('Softmax')).toBe(22);
    expect(count('Concat', /^\/up_blocks\.\d+\/Concat(_\d+)?$/)).toBe(9);
    expect(count('Resize')).toBe(2);
    expect(count('InstanceNormalization')).toBe(count('Conv', /\/conv1\/Conv$/) * 2 + 11 + 1);
    expect(count('Sin') + count('Cos')).toBe(2);
  });
});

describe('parameter counts of the full-size configurations (counted from the graphs, not written)', () => {
  const within = (actual: number, real: number) => expect(Math.abs(actual - real) / real).toBeLessThan(0.01);
  it('SD 1.5: U-Net 859.52M, text encoder 123.06M, VAE decoder 49.49M', () => {
    const p = countParameters('sd15');
    within(p.unet, 859.52e6);
    within(p.text_encoder, 123.06e6);
    within(p.vae_decoder, 49.49e6);
    within(p.vae_encoder, 34.16e6);
  });
  it('SD 2.x: U-Net 865.91M, text encoder 340.39M', () => {
    const p = countParameters('sd2');
    within(p.unet, 865.91e6);
    within(p.text_encoder, 340.39e6);
  });
});

describe('options and the cache', () => {
  it('refuses unknown values with the allowed ones in the message', async () => {
    const bad = (o: unknown) => writeSyntheticModel(path.join(root, 'bad'), o as SyntheticOptions);
    await expect(bad({ config: 'sd3' })).rejects.toThrow(/config = "sd3" is not supported\. Choose one of: "tiny", "sd15"/);
    await expect(bad({ config: 'tiny', dtype: 'bfloat16' })).rejects.toMatchObject({ code: 'synthetic/bad-option' });
    await expect(bad({ config: 'tiny', batch: 3 })).rejects.toThrow(StudioError);
    await expect(bad({ config: 'tiny', components: ['safety_checker'] })).rejects.toThrow(/components/);
    expect(existsSync(path.join(root, 'bad'))).toBe(false);
  });

  it('builds once into the cache under concurrent callers, then reuses it', async () => {
    const before = process.env.LATENT_STUDIO_CACHE;
    process.env.LATENT_STUDIO_CACHE = path.join(root, 'cache');
    try {
      const options: SyntheticOptions = { config: 'tiny', seed: 3, components: ['unet', 'vae_decoder'] };
      const [a, b, c] = await Promise.all([ensureSyntheticModel(options), ensureSyntheticModel(options), ensureSyntheticModel(options)]);
      expect(b.dir).toBe(a.dir);
      expect(c.dir).toBe(a.dir);
      expect(a.dir.startsWith(path.join(root, 'cache', 'synthetic'))).toBe(true);
      expect(await readdir(path.join(root, 'cache', 'synthetic'))).toEqual([path.basename(a.dir)]);
      const mtime = (await stat(path.join(a.dir, 'unet', 'weights.pb'))).mtimeMs;
      const again = await ensureSyntheticModel(options);
      expect(again).toEqual(a);
      expect((await stat(path.join(a.dir, 'unet', 'weights.pb'))).mtimeMs).toBe(mtime);
      const other = await ensureSyntheticModel({ ...options, seed: 4 });
      expect(other.dir).not.toBe(a.dir);
    } finally {
      if (before === undefined) delete process.env.LATENT_STUDIO_CACHE;
      else process.env.LATENT_STUDIO_CACHE = before;
    }
  });
});
