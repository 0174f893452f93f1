// The Lab's engine side on diffusers' tiny export: the VAE encoder cut before its unseeded draw must give
// diffusers' posterior (img2img references), seeded sampling its latents, forward noise the scheduler
// formulas, and one U-Net step well-formed, deterministic results.
import { cp, mkdtemp, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import * as ort from 'onnxruntime-node';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { denoiseStep } from '../../src-main/engine/lab/denoise-step.js';
import { forwardNoise } from '../../src-main/engine/lab/forward-noise.js';
import { loadVaeImage } from '../../src-main/engine/lab/image-input.js';
import { findPosterior, posteriorModel } from '../../src-main/engine/lab/vae-encoder-graph.js';
import { encodeImage } from '../../src-main/engine/lab/vae-encode.js';
import { readNpyFloat32 } from '../../src-main/engine/npy.js';
import { readOnnxModel } from '../../src-main/engine/onnx/index.js';
import { LoadedModel } from '../../src-main/engine/pipeline/index.js';
import { TorchGenerator } from '../../src-main/engine/rng/index.js';
import { fixture } from '../helpers/fixtures.js';

const MODEL = fixture('diffusers-tiny', 'model');
const IMG2IMG = fixture('diffusers-tiny', 'reference', 'img2img');
const manifest = JSON.parse(await readFile(fixture('diffusers-tiny', 'reference', 'manifest.json'), 'utf8'));
const SEED = BigInt(manifest.params.seed);
const SHAPE = [1, 4, 8, 8] as const;

const ref = async (name: string) => (await readNpyFloat32(path.join(IMG2IMG, 'pndm', `${name}.npy`))).data;

function maxAbsDiff(a: ArrayLike<number>, b: ArrayLike<number>): number {
  expect(a.length).toBe(b.length);
  let m = 0;
  for (let i = 0; i < a.length; i++) m = Math.max(m, Math.abs(a[i] - b[i]));
  return m;
}

let model: LoadedModel;
beforeAll(async () => {
  model = await LoadedModel.load(MODEL, { ep: 'cpu' });
});
afterAll(async () => {
  await model?.release();
});

describe('VAE encoder', () => {
  it("prepares the image as diffusers' VaeImageProcessor (bit for bit)", async () => {
    const img = await loadVaeImage(await readFile(path.join(IMG2IMG, 'init_image.png')));
    expect([img.width, img.height, img.resizedFrom]).toEqual([64, 64, undefined]);
    expect(maxAbsDiff(img.chw, await ref('init_image_tensor'))).toBe(0);
  });

  it('takes gray and 16-bit images as RGB, 8 bits, as PIL convert("RGB") does', async () => {
    const gray = await sharp(new Uint8Array(16 * 8).fill(200), { raw: { width: 16, height: 8, channels: 1 } }).toColourspace('b-w').png().toBuffer();
    const g = await loadVaeImage(gray);
    expect([g.rgb.length, g.rgb[0], g.rgb[1], g.rgb[2], g.chw[0]]).toEqual([16 * 8 * 3, 200, 200, 200, Math.fround(Math.fround(200 / 255) * 2 - 1)]);
    const deep = await sharp(new Uint8Array(8 * 8 * 3).fill(100), { raw: { width: 8, height: 8, channels: 3 } }).toColourspace('rgb16').png().toBuffer();
    expect((await loadVaeImage(deep)).rgb[0]).toBe(100);
  });

  it('gives the posterior mean, and scaling_factor · mean as latents', async () => {
    const img = await loadVaeImage(await readFile(path.join(IMG2IMG, 'init_image.png')));
    const enc = await encodeImage(model, img.chw, 64, 64);
    expect(enc.shape).toEqual(SHAPE);
    expect(enc.noise).toBeUndefined();
    expect(maxAbsDiff(enc.mean, await ref('posterior_mean'))).toBeLessThan(1e-5);
    expect(maxAbsDiff(enc.std, await ref('posterior_std'))).toBeLessThan(1e-5);
    const mean = await ref('posterior_mean');
    expect(maxAbsDiff(enc.latents, mean.map((v) => Math.fround(0.18215 * v)))).toBeLessThan(1e-5);
  });

  it("samples with the seed as diffusers' img2img: mean + std·randn(generator), scaled", async () => {
    const img = await loadVaeImage(await readFile(path.join(IMG2IMG, 'init_image.png')));
    const enc = await encodeImage(model, img.chw, 64, 64, { sample: true, seed: SEED });
    expect(maxAbsDiff(enc.noise!, await ref('posterior_noise'))).toBe(0);
    expect(maxAbsDiff(enc.latents, await ref('init_latents_clean'))).toBeLessThan(1e-5);
    const again = await encodeImage(model, img.chw, 64, 64, { sample: true, seed: SEED });
    expect(again.latents).toEqual(enc.latents);
    const other = await encodeImage(model, img.chw, 64, 64, { sample: true, seed: SEED + 1n });
    expect(maxAbsDiff(other.latents, enc.latents)).toBeGreaterThan(0.01);
  });

  it('is deterministic where the exported graph is not (its own draw differs run to run)', async () => {
    const img = await loadVaeImage(await readFile(path.join(IMG2IMG, 'init_image.png')));
    const raw = await ort.InferenceSession.create(path.join(MODEL, 'vae_encoder', 'model.onnx'));
    const feeds = { sample: new ort.Tensor('float32', img.chw, [1, 3, 64, 64]) };
    const a = (await raw.run(feeds)).latent_sample.data as Float32Array;
    const b = (await raw.run(feeds)).latent_sample.data as Float32Array;
    await raw.release();
    expect(maxAbsDiff(a, b)).toBeGreaterThan(0.01);
    const m1 = await encodeImage(model, img.chw, 64, 64);
    const m2 = await encodeImage(model, img.chw, 64, 64);
    expect(m1.mean).toEqual(m2.mean);
  });

  it('finds the mean and std operands of the sampling, and cuts the random branch away', async () => {
    const file = path.join(MODEL, 'vae_encoder', 'model.onnx');
    const onnx = await readOnnxModel(file);
    const { mean, std } = findPosterior(onnx, file);
    expect([mean, std]).toEqual(['/Slice_output_0', '/Exp_output_0']);
    const cut = posteriorModel(onnx, file).model;
    expect(cut.graph.output.map((o: { name: string }) => o.name)).toEqual([mean, std]);
    expect(cut.graph.node.some((n: { opType: string }) => n.opType === 'RandomNormalLike')).toBe(false);
    expect(onnx.graph.node.some((n: { opType: string }) => n.opType === 'RandomNormalLike')).toBe(true);
  });

  it('says clearly when the encoder has no in-graph sampling to cut', async () => {
    const file = path.join(MODEL, 'vae_encoder', 'model.onnx');
    const onnx = await readOnnxModel(file);
    for (const n of onnx.graph.node) if (n.opType === 'RandomNormalLike') n.opType = 'Identity';
    expect(() => findPosterior(onnx, file)).toThrow(expect.objectContaining({ code: 'engine/vae-encoder-unsupported' }));
  });

  it('says clearly when the model has no VAE encoder', async () => {
    const tmp = await mkdtemp(path.join(os.tmpdir(), 'ls-lab-noenc-'));
    try {
      await cp(MODEL, tmp, { recursive: true, filter: (src) => !src.includes('vae_encoder') });
      const m = await LoadedModel.load(tmp, { ep: 'cpu' });
      try {
        await expect(encodeImage(m, new Float32Array(3 * 64 * 64), 64, 64)).rejects.toMatchObject({ code: 'engine/no-vae-encoder' });
      } finally {
        await m.release();
      }
    } finally {
      await rm(tmp, { recursive: true, force: true });
    }
  });

  it('refuses sampling without a seed', async () => {
    await expect(encodeImage(model, new Float32Array(3 * 64 * 64), 64, 64, { sample: true })).rejects.toMatchObject({ code: 'engine/seed-required' });
  });
});

describe('forward noise', () => {
  const x0 = Float32Array.from({ length: 256 }, (_, i) => Math.sin(i) * 0.8);
  const eps = new TorchGenerator(7n).randn(SHAPE);
  // ᾱ_t from the model's scheduler config in float64, independently of the schedulers' code.
  const cfg = manifest.img2img.pndm.scheduler.state_after_run.config;
  const alphaBar = (t: number) => {
    let acc = 1;
    const a = Math.sqrt(cfg.beta_start);
    const b = Math.sqrt(cfg.beta_end);
    for (let i = 0; i <= t; i++) acc *= 1 - (a + ((b - a) * i) / (cfg.num_train_timesteps - 1)) ** 2;
    return acc;
  };

  it('matches sqrt(ᾱ)x0 + sqrt(1−ᾱ)ε for PNDM at the reference timesteps', () => {
    const steps = [0, 1, 2, 6, 12];
    const run = forwardNoise(model.folder.schedulerConfig, x0, SHAPE, { scheduler: 'pndm', numSteps: 12, steps, seed: 7n });
    expect(run.timesteps).toEqual(manifest.img2img.pndm.scheduler.state_after_run.timesteps);
    for (const f of run.frames) {
      const a = alphaBar(f.timestep);
      const expected = x0.map((v, i) => Math.sqrt(a) * v + Math.sqrt(1 - a) * eps[i]);
      expect(maxAbsDiff(f.noisy, expected)).toBeLessThan(1e-5);
      expect(f.unetInput).toBe(f.noisy);
      expect(f.sigma).toBeCloseTo(Math.sqrt((1 - a) / a), 4);
    }
    expect(run.frames.map((f) => f.step)).toEqual(steps);
  });

  it("matches x0 + σε for Euler, with the reference's σ, and feeds the U-Net the same as PNDM", () => {
    const run = forwardNoise(model.folder.schedulerConfig, x0, SHAPE, { scheduler: 'euler', numSteps: 12, steps: [0, 5, 11], seed: 7n });
    const sigmas: number[] = manifest.img2img.euler.scheduler.state_after_run.sigmas;
    for (const f of run.frames) {
      expect(f.sigma).toBeCloseTo(sigmas[f.step], 5);
      expect(maxAbsDiff(f.noisy, x0.map((v, i) => v + f.sigma * eps[i]))).toBeLessThan(1e-5);
      const a = alphaBar(f.timestep);
      expect(maxAbsDiff(f.unetInput, x0.map((v, i) => Math.sqrt(a) * v + Math.sqrt(1 - a) * eps[i]))).toBeLessThan(1e-4);
    }
  });

  it('names the valid steps when one is outside the schedule', () => {
    expect(() => forwardNoise(model.folder.schedulerConfig, x0, SHAPE, { scheduler: 'euler', numSteps: 12, steps: [12], seed: 1n }))
      .toThrow(expect.objectContaining({ code: 'engine/bad-step-index', message: expect.stringContaining('0 to 11') }));
  });
});

describe('one denoising step', () => {
  it('gives finite, well-shaped predictions, the same for the same seed and prompt', async () => {
    const x0 = await ref('init_latents_clean');
    const a = await denoiseStep(model, x0, SHAPE, { timestep: 499, prompt: 'a dog wearing hat', seed: SEED });
    for (const t of [a.noise, a.noisy, a.modelOutput, a.predictedNoise, a.predictedOriginal]) {
      expect(t.length).toBe(256);
      expect(t.every(Number.isFinite)).toBe(true);
    }
    expect(a.predictionType).toBe('epsilon');
    expect(a.predictedNoise).toEqual(a.modelOutput);
    // x_t from ε, and x̂0 from ε̂, by the DDPM formulas.
    const s = Math.sqrt(a.alphaBar);
    const r = Math.sqrt(1 - a.alphaBar);
    expect(maxAbsDiff(a.noisy, x0.map((v, i) => s * v + r * a.noise[i]))).toBeLessThan(1e-5);
    expect(maxAbsDiff(a.predictedOriginal, a.noisy.map((v, i) => (v - r * a.predictedNoise[i]) / s))).toBeLessThan(1e-4);
    const b = await denoiseStep(model, x0, SHAPE, { timestep: 499, prompt: 'a dog wearing hat', seed: SEED });
    expect(b.modelOutput).toEqual(a.modelOutput);
    const other = await denoiseStep(model, x0, SHAPE, { timestep: 499, prompt: '', seed: SEED });
    expect(maxAbsDiff(other.modelOutput, a.modelOutput)).toBeGreaterThan(0);
  });

  it("runs the U-Net as diffusers' img2img did at its first step (the prompt's row)", async () => {
    // img2img pndm: U-Net call 0 took add_noise(init_latents_clean, noise, 582) unscaled; row 1 is the prompt's.
    const x0 = await ref('init_latents_clean');
    const res = await denoiseStep(model, x0, SHAPE, { timestep: 582, prompt: manifest.params.prompt, seed: 0n, noise: await ref('noise') });
    expect(maxAbsDiff(res.noisy, (await ref('unet_sample')).subarray(256, 512))).toBeLessThan(1e-5);
    expect(maxAbsDiff(res.modelOutput, (await ref('unet_noise_pred')).subarray(256, 512))).toBeLessThan(1e-4);
  });

  it('refuses a timestep outside the training schedule', async () => {
    await expect(denoiseStep(model, new Float32Array(256), SHAPE, { timestep: 1000, prompt: '', seed: 1n })).rejects.toMatchObject({ code: 'engine/bad-timestep' });
  });
});
