// `latent-studio lab …` as scripts use it: latents written as diffusers' img2img feeds them, decoding
// as the reference pipeline did, noise frames and one step as files, the token view with its limit.
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseNpy } from '../../src-main/engine/npy.js';
import { runCli } from '../helpers/cli.js';
import { fixture } from '../helpers/fixtures.js';

const MODEL = fixture('diffusers-tiny', 'model');
const IMG2IMG = fixture('diffusers-tiny', 'reference', 'img2img');
const IMAGE = path.join(IMG2IMG, 'init_image.png');
let tmp: string;
let env: NodeJS.ProcessEnv;
beforeAll(async () => {
  tmp = await mkdtemp(path.join(os.tmpdir(), 'ls-cli-lab-'));
  env = { LATENT_STUDIO_HOME: path.join(tmp, 'home') };
});
afterAll(async () => {
  await rm(tmp, { recursive: true, force: true });
});

const npy = async (file: string) => {
  const a = parseNpy(await readFile(file), file);
  return { shape: a.shape, data: a.data as Float32Array };
};

function maxAbsDiff(a: ArrayLike<number>, b: ArrayLike<number>): number {
  expect(a.length).toBe(b.length);
  let m = 0;
  for (let i = 0; i < a.length; i++) m = Math.max(m, Math.abs(a[i] - b[i]));
  return m;
}

describe('latent-studio lab encode/decode', () => {
  it("writes scaling_factor · posterior mean, diffusers' latent_dist.mean", async () => {
    const out = path.join(tmp, 'mean.npy');
    const decoded = path.join(tmp, 'mean.png');
    const r = await runCli(['lab', 'encode', IMAGE, '--model', MODEL, '--ep', 'cpu', '--out', out, '--decoded', decoded], { env });
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toContain(out);
    expect(r.stdout).toMatch(/latents 1×4×8×8 from 64×64×3: 48× fewer values \(posterior mean, × 0\.18215\)/);
    const got = await npy(out);
    expect(got.shape).toEqual([1, 4, 8, 8]);
    const mean = await npy(path.join(IMG2IMG, 'pndm', 'posterior_mean.npy'));
    expect(maxAbsDiff(got.data, mean.data.map((v) => Math.fround(0.18215 * v)))).toBeLessThan(1e-5);
    expect((await sharp(decoded).metadata()).width).toBe(64);
  });

  it("with --sample --seed writes img2img's sampled latents (init_latents_clean)", async () => {
    const out = path.join(tmp, 'sampled.npy');
    const r = await runCli(['lab', 'encode', IMAGE, '--model', MODEL, '--ep', 'cpu', '--out', out, '--sample', '--seed', '100', '--json'], { env });
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout)).toMatchObject({ shape: [1, 4, 8, 8], compression: 48, sampled: true, seed: '100', scalingFactor: 0.18215 });
    const ref = await npy(path.join(IMG2IMG, 'pndm', 'init_latents_clean.npy'));
    expect(maxAbsDiff((await npy(out)).data, ref.data)).toBeLessThan(1e-5);
  });

  it("decodes latents as diffusers' pipeline did (the img2img result, within one level)", async () => {
    const out = path.join(tmp, 'final.png');
    const r = await runCli(['lab', 'decode', path.join(IMG2IMG, 'euler', 'final_latents.npy'), '--model', MODEL, '--ep', 'cpu', '--out', out], { env });
    expect(r.code).toBe(0);
    expect(r.stdout.trim()).toBe(out);
    const mine = await sharp(out).removeAlpha().raw().toBuffer();
    const ref = await sharp(path.join(IMG2IMG, 'euler', 'image.png')).removeAlpha().raw().toBuffer();
    expect(maxAbsDiff(mine, ref)).toBeLessThanOrEqual(1);
  });

  it('refuses bad input with one line and exit 1', async () => {
    const noSeed = await runCli(['lab', 'encode', IMAGE, '--model', MODEL, '--ep', 'cpu', '--out', path.join(tmp, 'x.npy'), '--sample'], { env });
    expect([noSeed.code, noSeed.stderr.trim()]).toEqual([1, 'latent-studio: --sample needs --seed N (the generator seed). [cli/bad-argument]']);
    const notNpy = await runCli(['lab', 'decode', IMAGE, '--model', MODEL, '--ep', 'cpu', '--out', path.join(tmp, 'x.png')], { env });
    expect(notNpy.code).toBe(1);
    expect(notNpy.stderr).toMatch(/is not a usable \.npy file.*\[engine\/bad-npy\]/);
    expect(existsSync(path.join(tmp, 'x.png'))).toBe(false);
  });
});

describe('latent-studio lab noise/step', () => {
  it('writes one decoded frame per step and lists them with timestep and sigma', async () => {
    const dir = path.join(tmp, 'frames');
    const r = await runCli(['lab', 'noise', path.join(IMG2IMG, 'pndm', 'init_latents_clean.npy'), '--model', MODEL, '--ep', 'cpu',
      '--scheduler', 'euler', '--num-steps', '12', '--steps', '0,5,11', '--seed', '3', '--out-dir', dir, '--json'], { env });
    expect(r.code).toBe(0);
    const j = JSON.parse(r.stdout);
    expect([j.scheduler, j.numSteps, j.timesteps.length]).toEqual(['euler', 12, 12]);
    expect(j.frames.map((f: { step: number; timestep: number }) => [f.step, f.timestep])).toEqual([[0, 914], [5, 499], [11, 1]]);
    expect(j.frames[1].sigma).toBeCloseTo(1.6128870248794556, 5);
    for (const f of j.frames) expect((await sharp(f.file).metadata()).width).toBe(64);
  });

  it('writes the noisy input, the prediction and the predicted noise of one U-Net step', async () => {
    const dir = path.join(tmp, 'step');
    const r = await runCli(['lab', 'step', path.join(IMG2IMG, 'pndm', 'init_latents_clean.npy'), '--model', MODEL, '--ep', 'cpu',
      '--timestep', '500', '--prompt', 'a dog wearing hat', '--seed', '1', '--out-dir', dir, '--json'], { env });
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout)).toMatchObject({ timestep: 500, predictionType: 'epsilon' });
    for (const f of ['noisy.png', 'predicted.png']) expect((await sharp(path.join(dir, f)).metadata()).height).toBe(64);
    for (const f of ['noise.npy', 'predicted-latents.npy']) {
      const a = await npy(path.join(dir, f));
      expect(a.shape).toEqual([1, 4, 8, 8]);
      expect(a.data.every(Number.isFinite)).toBe(true);
    }
  });
});

describe('latent-studio lab tokens', () => {
  it("prints ids and pieces as the walkthrough does, and the count against 75", async () => {
    const r = await runCli(['lab', 'tokens', 'a dog wearing hat'], { env });
    expect(r.code).toBe(0);
    expect(r.stdout).toBe('49406 <|startoftext|>\n320 a</w>\n1929 dog</w>\n3309 wearing</w>\n3801 hat</w>\n49407 <|endoftext|>\n4/75\n');
  });

  it('marks the 75-token limit where a long prompt is cut', async () => {
    const goldens = JSON.parse(await readFile(fixture('clip-tokenizer', 'goldens.json'), 'utf8')).entries as Array<{ prompt: string; ids_untruncated: number[]; truncated: boolean }>;
    const long = goldens.find((g) => g.truncated)!;
    const r = await runCli(['lab', 'tokens', long.prompt], { env });
    expect(r.code).toBe(0);
    const lines = r.stdout.trim().split('\n');
    const mark = lines.findIndex((l) => l.includes('75-token limit'));
    expect(mark).toBe(76); // bos + 75 content tokens above it
    const ids = lines.filter((_, i) => i !== mark).slice(0, -1).map((l) => Number(l.split(' ')[0]));
    expect(ids).toEqual(long.ids_untruncated);
    const content = long.ids_untruncated.length - 2;
    expect(lines.at(-1)).toBe(`${content}/75 (${content - 75} over)`);
  });
});
