// The generate/tokenize/schedulers commands as scripts use them: flags, --json on stdout, files written,
// and one-line errors with a non-zero exit for bad input.
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { float16ToFloat32 } from '../../src-main/engine/float16.js';
import { parseNpy } from '../../src-main/engine/npy.js';
import { runCli } from '../helpers/cli.js';
import { fixture } from '../helpers/fixtures.js';

const MODEL = fixture('diffusers-tiny', 'model');
let tmp: string;
let env: NodeJS.ProcessEnv;
beforeAll(async () => {
  tmp = await mkdtemp(path.join(os.tmpdir(), 'ls-cli-'));
  env = { LATENT_STUDIO_HOME: path.join(tmp, 'home') };
});
afterAll(async () => {
  await rm(tmp, { recursive: true, force: true });
});

describe('latent-studio generate', () => {
  it('writes the PNG and raw floats and prints one JSON object with seed, outputs and timings', async () => {
    const out = path.join(tmp, 'dog.png');
    const raw = path.join(tmp, 'dog.npy');
    const r = await runCli(['generate', '--model', MODEL, '--prompt', 'a dog wearing hat', '--steps', '3', '--width', '80', '--height', '64',
      '--seed', '7', '--scheduler', 'euler-a', '--ep', 'cpu', '--out', out, '--raw', raw, '--json', '--no-gallery'], { env });
    expect(r.stderr).not.toMatch(/internal error/);
    expect(r.code).toBe(0);
    const lines = r.stdout.trim().split('\n');
    expect(lines).toHaveLength(1);
    const j = JSON.parse(lines[0]);
    expect(j.seed).toBe('7');
    expect(j.ep).toBe('cpu');
    expect(j.parameters).toMatchObject({ steps: 3, scheduler: 'euler-a', width: 80, height: 64, guidance: 7.5 });
    expect(j.outputs.png).toEqual([out]);
    expect(j.timings.unetSteps).toHaveLength(3);
    for (const k of ['tokenize', 'textEncoder', 'vaeDecode', 'total', 'onnxruntime']) expect(typeof j.timings[k]).toBe('number');
    expect(j.timings.onnxruntime).toBeLessThanOrEqual(j.timings.total);
    const meta = await sharp(out).metadata();
    expect([meta.width, meta.height]).toEqual([80, 64]);
    const arr = parseNpy(await readFile(raw));
    expect(arr.dtype).toBe('float32');
    expect(arr.shape).toEqual([1, 64, 80, 3]);
  });

  it('gives the same image for the same seed, and --latents reproduces a run from its initial noise', async () => {
    const a = path.join(tmp, 'a.npy');
    const b = path.join(tmp, 'b.npy');
    const base = ['generate', '--model', MODEL, '--prompt', 'a cat', '--steps', '2', '--width', '64', '--height', '64', '--ep', 'cpu', '--no-gallery', '--json'];
    const r1 = await runCli([...base, '--seed', '11', '--raw', a], { env });
    const r2 = await runCli([...base, '--seed', '11', '--raw', b], { env });
    expect(r1.code).toBe(0);
    expect(r2.code).toBe(0);
    expect(Buffer.compare(await readFile(a), await readFile(b))).toBe(0);
  });

  it('reports a random seed when none is given', async () => {
    const r = await runCli(['generate', '--model', MODEL, '--prompt', 'x', '--steps', '1', '--width', '64', '--height', '64', '--ep', 'cpu', '--no-gallery', '--json'], { env });
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout).seed).toMatch(/^\d+$/);
  });

  const bad: Array<[string, string[], RegExp]> = [
    ['a size that is not a multiple of 8', ['--width', '65'], /--width must be a multiple of 8/],
    ['steps < 1', ['--steps', '0'], /--steps must be from 1 to 1000, got 0/],
    ['a NaN guidance', ['--guidance', 'NaN'], /--guidance must be a finite number/],
    ['an unknown scheduler', ['--scheduler', 'dpm3'], /Unknown scheduler "dpm3"\. Choose one of: pndm, lms, ddim, euler, euler-a, dpmpp-2m, dpmpp-2m-karras/],
    ['a seed out of range', ['--seed', '18446744073709551616'], /seed/i],
    ['an unknown provider', ['--ep', 'tpu'], /tpu/],
  ];
  for (const [what, flags, message] of bad) {
    it(`refuses ${what} with a one-line reason`, async () => {
      const r = await runCli(['generate', '--model', MODEL, '--prompt', 'x', '--no-gallery', ...flags], { env });
      expect(r.code).not.toBe(0);
      expect(r.stderr).toMatch(message);
      expect(r.stdout).toBe('');
    });
  }

  it('a size the model cannot take: one readable line on the terminal, the native detail only in the log under the job id', async () => {
    const home = path.join(tmp, 'log-home');
    const r = await runCli(['generate', '--model', MODEL, '--prompt', 'x', '--steps', '2', '--width', '64', '--height', '72', '--ep', 'cpu', '--no-gallery'], { env: { LATENT_STUDIO_HOME: home } });
    expect(r.code).toBe(1);
    expect(r.stderr.trim().split('\n')).toEqual([expect.stringMatching(/cannot make 64×72 images.*Try 64×64.*\[engine\/unsupported-size\]$/)]);
    expect(r.stderr).not.toMatch(/onnxruntime|Concat/);
    const log = await readFile(path.join(home, 'logs', 'latent-studio.log'), 'utf8');
    const job = /(job-[a-z0-9-]+) queued/.exec(log)?.[1];
    expect(job).toBeDefined();
    expect(log).toMatch(new RegExp(`ERROR jobs ${job} failed: \\[engine/unsupported-size\\]`));
    expect(log).toMatch(new RegExp(`ERROR jobs ${job} .*Concat`));
  });

  it('--timeline writes every U-Net call as diffusers computed it (float16), and the gallery image links its own', async () => {
    const dir = path.join(tmp, 'timeline-pndm');
    const home = path.join(tmp, 'timeline-home');
    const r = await runCli(['generate', '--model', MODEL, '--prompt', 'a dog wearing hat', '--steps', '12', '--width', '64', '--height', '64', '--seed', '100',
      '--ep', 'cpu', '--timeline', dir, '--json'], { env: { LATENT_STUDIO_HOME: home } });
    expect(r.code).toBe(0);
    const j = JSON.parse(r.stdout);
    expect(j.outputs.timeline).toBe(dir);
    const xt = parseNpy(await readFile(path.join(dir, 'x_t.npy')));
    expect(xt.dtype).toBe('float16');
    expect(xt.shape).toEqual([13, 1, 4, 8, 8]); // PNDM: 12 steps are 13 U-Net calls
    const ref = parseNpy(await readFile(fixture('diffusers-tiny', 'reference', 'txt2img', 'pndm', 'step_latents.npy')));
    const got = float16ToFloat32(xt.data as Uint16Array);
    for (let i = 0; i < ref.data.length; i++) {
      const want = (ref.data as Float32Array)[i];
      expect(Math.abs(got[i] - want)).toBeLessThanOrEqual(1e-3 + Math.abs(want) * 2 ** -11);
    }
    const meta = JSON.parse(await readFile(path.join(dir, 'timeline.json'), 'utf8'));
    expect(meta.steps).toHaveLength(13);
    const again = await runCli(['generate', '--model', MODEL, '--prompt', 'x', '--steps', '1', '--width', '64', '--height', '64', '--ep', 'cpu', '--timeline', dir], { env: { LATENT_STUDIO_HOME: home } });
    expect(again.code).toBe(1);
    expect(again.stderr).toMatch(/--timeline .* already holds files/);
    const gallery = path.join(home, 'gallery');
    expect(existsSync(path.join(gallery, `${j.outputs.gallery[0]}.timeline`, 'x_t.npy'))).toBe(true);
  });

  it('names the folder when the model is missing', async () => {
    const r = await runCli(['generate', '--model', path.join(tmp, 'nope'), '--prompt', 'x', '--no-gallery'], { env });
    expect(r.code).toBe(1);
    expect(r.stderr).toContain(path.join(tmp, 'nope'));
    expect(r.stderr).toMatch(/does not exist/);
  });
});

describe('latent-studio generate and the gallery', () => {
  it('saves every image into the gallery, watermarked and with WebUI + JSON parameters; --out is the same file', async () => {
    const out = path.join(tmp, 'g.png');
    const r = await runCli(['generate', '--model', MODEL, '--prompt', 'a red fox', '--negative', 'blurry', '--steps', '2', '--width', '256', '--height', '256',
      '--seed', '42', '--ep', 'cpu', '--out', out, '--json'], { env });
    expect(r.code).toBe(0);
    const j = JSON.parse(r.stdout);
    expect(j.outputs.gallery).toHaveLength(1);
    const list = JSON.parse((await runCli(['gallery', 'list', '--query', 'fox', '--json'], { env })).stdout);
    const items = list.items ?? list;
    expect(items.map((i: { id: string }) => i.id)).toContain(j.outputs.gallery[0]);
    const info = await runCli(['gallery', 'info', out, '--json'], { env });
    expect(info.code).toBe(0);
    expect(info.stdout).toContain('Steps: 2, Sampler: PLMS, CFG scale: 7.5, Seed: 42, Size: 256x256');
    expect(info.stdout).toContain('Negative prompt: blurry');
    const detect = JSON.parse((await runCli(['watermark', 'detect', out, '--json'], { env })).stdout);
    expect(detect.match).toBe(true);
  });

  it('--no-watermark leaves the image unmarked', async () => {
    const out = path.join(tmp, 'plain.png');
    const r = await runCli(['generate', '--model', MODEL, '--prompt', 'a red fox', '--steps', '1', '--width', '256', '--height', '256',
      '--seed', '42', '--ep', 'cpu', '--out', out, '--no-gallery', '--no-watermark', '--json'], { env });
    expect(r.code).toBe(0);
    const detect = JSON.parse((await runCli(['watermark', 'detect', out, '--json'], { env })).stdout);
    expect(detect.match).toBe(false);
  });
});

describe('latent-studio tokenize and schedulers', () => {
  it('prints ids and pieces, and the JSON contract', async () => {
    const r = await runCli(['tokenize', 'a dog wearing hat']);
    expect(r.code).toBe(0);
    expect(r.stdout.split('\n').slice(0, 2)).toEqual(['49406 <|startoftext|>', '320 a</w>']);
    const j = JSON.parse((await runCli(['tokenize', '--json', '--model', MODEL, 'a dog wearing hat'])).stdout);
    expect(j.ids).toEqual([49406, 320, 1929, 3309, 3801, 49407]);
    expect(j.input_ids).toHaveLength(77);
    expect(j.tokens[1]).toBe('a</w>');
  });

  it('lists the schedulers', async () => {
    const r = await runCli(['schedulers', '--json']);
    expect(r.code).toBe(0);
    const ids = JSON.parse(r.stdout).map((s: { id: string }) => s.id);
    for (const id of ['pndm', 'lms', 'ddim', 'euler', 'euler-a', 'dpmpp-2m', 'dpmpp-2m-karras']) expect(ids).toContain(id);
  });
});

