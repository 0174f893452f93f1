// The lab.* ops through the router on the tiny fixture model: the VAE round trip with its pictures and
// PSNR, latents kept under ids for forward noise and one U-Net step, and the errors a screen can meet.
import { readFile, mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LAB_LATENTS_KEPT, type OpResponse } from '../../src-shared/contract/index.js';
import { createRouter, type Router } from '../../src-main/ipc/router.js';
import { LoadedModel } from '../../src-main/engine/pipeline/index.js';
import { decodeLatents } from '../../src-main/engine/pipeline/vae-decode.js';
import { readNpyFloat32 } from '../../src-main/engine/npy.js';
import { Studio } from '../../src-main/services/studio.js';
import { fixture } from '../helpers/fixtures.js';

const MODEL = fixture('diffusers-tiny', 'model');
const IMG2IMG = fixture('diffusers-tiny', 'reference', 'img2img');

let studio: Studio;
let router: Router;
let tmp: string;
let imageUrl: string;

beforeAll(async () => {
  tmp = await mkdtemp(path.join(os.tmpdir(), 'ls-lab-'));
  studio = new Studio({ host: 'web', modelFolders: [MODEL], scanHubCache: false, dataDir: tmp, ep: 'cpu', log: () => {} });
  router = createRouter(studio);
  imageUrl = `data:image/png;base64,${(await readFile(path.join(IMG2IMG, 'init_image.png'))).toString('base64')}`;
});
afterAll(async () => {
  await studio.close();
  await rm(tmp, { recursive: true, force: true });
});

async function call<T>(op: string, req: unknown): Promise<T> {
  const r = await router.handle(op, req);
  if (!r.ok) throw Object.assign(new Error(r.error.message), r.error);
  return r.value as T;
}

async function pngInfo(url: string): Promise<{ width: number; height: number; channels: number; data: Buffer }> {
  expect(url.startsWith('data:image/png;base64,')).toBe(true);
  const png = Buffer.from(url.split(',')[1], 'base64');
  const { data, info } = await sharp(png).raw().toBuffer({ resolveWithObject: true });
  return { width: info.width, height: info.height, channels: (await sharp(png).metadata()).channels, data };
}

describe('lab.encode', () => {
  it('round-trips the image: 4 latent channels, 48× compression, decoded image, difference and PSNR', async () => {
    const r = await call<OpResponse<'lab.encode'>>('lab.encode', { model: 'model', image: imageUrl });
    expect(r.latentId).toMatch(/^lat-/);
    expect(r.shape).toEqual([1, 4, 8, 8]);
    expect([r.width, r.height, r.compression, r.scalingFactor, r.sampled, r.seed]).toEqual([64, 64, 48, 0.18215, false, null]);
    expect(r.channels).toHaveLength(4);
    for (const c of r.channels) expect(await pngInfo(c)).toMatchObject({ width: 8, height: 8, channels: 1 });
    // Each channel is stretched over its own range: its extremes are black and white.
    const first = await pngInfo(r.channels[0]);
    expect([Math.min(...first.data), Math.max(...first.data)]).toEqual([0, 255]);
    const mean = (await readNpyFloat32(path.join(IMG2IMG, 'pndm', 'posterior_mean.npy'))).data;
    const scaled = mean.slice(0, 64).map((v) => 0.18215 * v);
    expect(r.channelRanges[0].min).toBeCloseTo(Math.min(...scaled), 5);
    expect(r.channelRanges[0].max).toBeCloseTo(Math.max(...scaled), 5);

    const decoded = await pngInfo(r.decodedUrl);
    expect(decoded).toMatchObject({ width: 64, height: 64, channels: 3 });
    const original = await sharp(path.join(IMG2IMG, 'init_image.png')).removeAlpha().raw().toBuffer();
    let sq = 0;
    const diff = await pngInfo(r.diffUrl);
    for (let i = 0; i < original.length; i++) {
      const d = original[i] - decoded.data[i];
      sq += d * d;
      expect(diff.data[i]).toBe(Math.min(255, Math.abs(d) * r.diffGain));
    }
    expect(r.psnr).toBeCloseTo(10 * Math.log10((255 * 255) / (sq / original.length)), 6);
  });

  it('decodes as the engine does: the VAE decoder of latents / scaling_factor', async () => {
    const r = await call<OpResponse<'lab.encode'>>('lab.encode', { model: 'model', image: imageUrl });
    const model = await LoadedModel.load(MODEL, { ep: 'cpu' });
    try {
      const mean = (await readNpyFloat32(path.join(IMG2IMG, 'pndm', 'posterior_mean.npy'))).data;
      const own = (await decodeLatents(model, mean.map((v) => Math.fround(0.18215 * v)), 1, 8, 8)).images[0];
      const decoded = await pngInfo(r.decodedUrl);
      let worst = 0;
      for (let i = 0; i < own.rgb.length; i++) worst = Math.max(worst, Math.abs(own.rgb[i] - decoded.data[i]));
      expect(worst).toBeLessThanOrEqual(1);
    } finally {
      await model.release();
    }
  });

  it('samples with a seed (reported back), and draws one when none is given', async () => {
    const a = await call<OpResponse<'lab.encode'>>('lab.encode', { model: 'model', image: imageUrl, sample: true, seed: 100 });
    expect([a.sampled, a.seed]).toEqual([true, '100']);
    const ref = (await readNpyFloat32(path.join(IMG2IMG, 'pndm', 'init_latents_clean.npy'))).data;
    const ch0 = ref.slice(0, 64);
    expect(a.channelRanges[0].min).toBeCloseTo(Math.min(...ch0), 5);
    expect(a.channelRanges[0].max).toBeCloseTo(Math.max(...ch0), 5);
    const b = await call<OpResponse<'lab.encode'>>('lab.encode', { model: 'model', image: imageUrl, sample: true });
    expect(b.seed).toMatch(/^\d+$/);
  });

  it('refuses what it cannot use, saying why', async () => {
    await expect(call('lab.encode', { model: 'model', image: 'data:text/plain;base64,aGk=' })).rejects.toMatchObject({ code: 'contract/bad-request', message: expect.stringContaining('image') });
    await expect(call('lab.encode', { model: 'model', image: 'data:image/png;base64,aGVsbG8=' })).rejects.toMatchObject({ code: 'engine/bad-image' });
    await expect(call('lab.encode', { model: 'model', image: 'no-such-image' })).rejects.toMatchObject({ code: 'gallery/unknown-id' });
    await expect(call('lab.encode', { model: 'nope', image: imageUrl })).rejects.toMatchObject({ code: 'models/unknown-model' });
    const tiny = `data:image/png;base64,${(await sharp({ create: { width: 7, height: 30, channels: 3, background: '#808080' } }).png().toBuffer()).toString('base64')}`;
    await expect(call('lab.encode', { model: 'model', image: tiny })).rejects.toMatchObject({ code: 'engine/bad-image-size' });
  });

  it('cuts sides down to multiples of 8 and says so', async () => {
    const odd = await sharp({ create: { width: 70, height: 45, channels: 4, background: { r: 200, g: 30, b: 90, alpha: 0.5 } } }).png().toBuffer();
    const r = await call<OpResponse<'lab.encode'>>('lab.encode', { model: 'model', image: `data:image/png;base64,${odd.toString('base64')}` });
    expect([r.width, r.height, r.resizedFrom, r.shape]).toEqual([64, 40, { width: 70, height: 45 }, [1, 4, 5, 8]]);
  });
});

describe('lab.noise and lab.denoiseStep', () => {
  it('noises kept latents to steps of a schedule and decodes each frame', async () => {
    const enc = await call<OpResponse<'lab.encode'>>('lab.encode', { model: 'model', image: imageUrl });
    const r = await call<OpResponse<'lab.noise'>>('lab.noise', { model: 'model', latentId: enc.latentId, scheduler: 'euler', numSteps: 12, steps: [0, 5, 11], seed: 3 });
    expect([r.scheduler, r.numSteps, r.seed]).toEqual(['euler', 12, '3']);
    expect(r.timesteps).toEqual([914, 831, 748, 665, 582, 499, 416, 333, 250, 167, 84, 1]);
    expect(r.frames.map((f) => [f.step, f.timestep])).toEqual([[0, 914], [5, 499], [11, 1]]);
    expect(r.frames[0].sigma).toBeGreaterThan(r.frames[1].sigma);
    for (const f of r.frames) expect(await pngInfo(f.decodedUrl)).toMatchObject({ width: 64, height: 64 });
    const same = await call<OpResponse<'lab.noise'>>('lab.noise', { model: 'model', latentId: enc.latentId, scheduler: 'euler', numSteps: 12, steps: [5], seed: 3 });
    expect(same.frames[0].decodedUrl).toBe(r.frames[1].decodedUrl);
    const own = await call<OpResponse<'lab.noise'>>('lab.noise', { model: 'model', latentId: enc.latentId, steps: [0] });
    expect(own.scheduler).toBe('pndm'); // the model's own scheduler and step count (PNDM repeats a timestep)
    expect(own.timesteps).toHaveLength(own.numSteps + 1);
  });

  it('runs one U-Net step on kept latents: noisy input, predicted and true noise, predicted image', async () => {
    const enc = await call<OpResponse<'lab.encode'>>('lab.encode', { model: 'model', image: imageUrl });
    const req = { model: 'model', latentId: enc.latentId, timestep: 500, prompt: 'a dog wearing hat', seed: 5 };
    const r = await call<OpResponse<'lab.denoiseStep'>>('lab.denoiseStep', req);
    expect([r.timestep, r.predictionType, r.seed, r.noiseRange]).toEqual([500, 'epsilon', '5', 3]);
    expect(r.alphaBar).toBeGreaterThan(0);
    expect(r.sigma).toBeCloseTo(Math.sqrt((1 - r.alphaBar) / r.alphaBar), 10);
    expect(Number.isFinite(r.noiseError) && r.noiseError > 0).toBe(true);
    for (const u of [r.noisyUrl, r.predictedUrl]) expect(await pngInfo(u)).toMatchObject({ width: 64, height: 64, channels: 3 });
    for (const u of [r.noiseUrl, r.trueNoiseUrl]) expect(await pngInfo(u)).toMatchObject({ width: 4 * 8 + 3, height: 8, channels: 1 });
    const again = await call<OpResponse<'lab.denoiseStep'>>('lab.denoiseStep', req);
    expect([again.noiseUrl, again.predictedUrl, again.noiseError]).toEqual([r.noiseUrl, r.predictedUrl, r.noiseError]);
  });

  it('refuses bad steps, timesteps and unknown or forgotten latents', async () => {
    const enc = await call<OpResponse<'lab.encode'>>('lab.encode', { model: 'model', image: imageUrl });
    await expect(call('lab.noise', { model: 'model', latentId: enc.latentId, steps: [] })).rejects.toMatchObject({ code: 'contract/bad-request', message: expect.stringContaining('steps') });
    await expect(call('lab.noise', { model: 'model', latentId: enc.latentId, steps: [0], scheduler: 'nope' })).rejects.toMatchObject({ code: 'engine/unknown-scheduler' });
    await expect(call('lab.noise', { model: 'model', latentId: enc.latentId, scheduler: 'euler', numSteps: 5, steps: [5] })).rejects.toMatchObject({ code: 'engine/bad-step-index' });
    await expect(call('lab.denoiseStep', { model: 'model', latentId: enc.latentId, timestep: 1000 })).rejects.toMatchObject({ code: 'contract/bad-request' });
    await expect(call('lab.denoiseStep', { model: 'model', latentId: 'lat-0', timestep: 10 })).rejects.toMatchObject({ code: 'lab/unknown-latents' });
    for (let i = 0; i < LAB_LATENTS_KEPT; i++) await call('lab.encode', { model: 'model', image: imageUrl });
    await expect(call('lab.noise', { model: 'model', latentId: enc.latentId, steps: [0] })).rejects.toMatchObject({ code: 'lab/unknown-latents' });
  });
});

describe('prompt.tokenize is served beside the lab', () => {
  it('is in the router', async () => {
    expect(router.ops).toEqual(expect.arrayContaining(['prompt.tokenize', 'lab.encode', 'lab.noise', 'lab.denoiseStep']));
  });
});
