// The engine's behaviour around the loop: bad model folders, bad requests, cancellation,
// batches, low-memory mode and provider choice — each with the real onnxruntime on the fixture model.
import { cp, mkdtemp, mkdir, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CancelledError, StudioError } from '../../src-shared/errors.js';
import { Engine, LoadedModel, txt2img } from '../../src-main/engine/pipeline/index.js';
import { fixture } from '../helpers/fixtures.js';

const MODEL = fixture('diffusers-tiny', 'model');
const base = { prompt: 'a dog wearing hat', steps: 3, guidance: 7.5, seed: 3n, width: 64, height: 64, scheduler: 'euler' };
let tmp: string;
let model: LoadedModel;

beforeAll(async () => {
  tmp = await mkdtemp(path.join(os.tmpdir(), 'ls-engine-'));
  model = await LoadedModel.load(MODEL, { ep: 'cpu' });
});
afterAll(async () => {
  await model?.release();
  await rm(tmp, { recursive: true, force: true });
});

async function copyModel(name: string): Promise<string> {
  const dir = path.join(tmp, name);
  await cp(MODEL, dir, { recursive: true });
  return dir;
}

async function expectStudioError(p: Promise<unknown>, code: string, message: RegExp): Promise<StudioError> {
  const err = await p.then(() => undefined, (e: unknown) => e);
  expect(err).toBeInstanceOf(StudioError);
  expect((err as StudioError).code).toBe(code);
  expect((err as StudioError).message).toMatch(message);
  return err as StudioError;
}

describe('model folders', () => {
  it('detects the diffusers ONNX layout and its settings from the files', () => {
    expect(model.folder.layout.id).toBe('diffusers-onnx');
    expect(model.folder.defaults).toMatchObject({ family: 'sd1', size: 512, steps: 50, guidance: 7.5 });
    expect(model.textIo.ids.type).toBe('int32');
    expect(model.unetIo.timestep.type).toBe('float32');
  });

  it('lists what is missing from an incomplete folder', async () => {
    const dir = await copyModel('incomplete');
    await rm(path.join(dir, 'vae_decoder'), { recursive: true });
    await rm(path.join(dir, 'tokenizer/merges.txt'));
    await expectStudioError(LoadedModel.load(dir, { ep: 'cpu' }), 'engine/model-incomplete', /missing tokenizer\/merges\.txt, vae_decoder\/model\.onnx/);
  });

  it('names a corrupt graph file', async () => {
    const dir = await copyModel('corrupt');
    await writeFile(path.join(dir, 'unet/model.onnx'), Buffer.from('this is not a protobuf'));
    await expectStudioError(LoadedModel.load(dir, { ep: 'cpu' }), 'engine/session-failed', /unet[/\\]model\.onnx/);
  });

  it('names a corrupt scheduler config', async () => {
    const dir = await copyModel('bad-json');
    await writeFile(path.join(dir, 'scheduler/scheduler_config.json'), '{"beta_schedule": ');
    await expectStudioError(LoadedModel.load(dir, { ep: 'cpu' }), 'engine/corrupt-json', /scheduler_config\.json/);
  });

  it('explains a PyTorch folder and an SDXL folder instead of failing obscurely', async () => {
    const pt = path.join(tmp, 'pytorch');
    await mkdir(path.join(pt, 'unet'), { recursive: true });
    await writeFile(path.join(pt, 'unet/diffusion_pytorch_model.safetensors'), '');
    await expectStudioError(LoadedModel.load(pt, { ep: 'cpu' }), 'engine/not-onnx', /PyTorch weights/);
    const xl = await copyModel('sdxl');
    await mkdir(path.join(xl, 'text_encoder_2'));
    await writeFile(path.join(xl, 'text_encoder_2/model.onnx'), '');
    await expectStudioError(LoadedModel.load(xl, { ep: 'cpu' }), 'engine/unsupported-model', /XL/);
  });

  it('refuses a provider that is not available, naming it', async () => {
    await expectStudioError(LoadedModel.load(MODEL, { ep: 'coreml' }), 'engine/ep-unavailable', /coreml/);
  });
});

describe('requests', () => {
  const cases: Array<[string, object, string, RegExp]> = [
    ['a width that is not a multiple of 8', { width: 100 }, 'engine/bad-width', /multiple of 8/],
    ['a height above 2048', { height: 2056 }, 'engine/bad-height', /2048/],
    ['steps < 1', { steps: 0 }, 'engine/bad-steps', /Steps/],
    ['a NaN guidance', { guidance: Number.NaN }, 'engine/bad-guidance', /finite/],
    ['batch 0', { batchSize: 0 }, 'engine/bad-batch', /batch/],
    ['an unknown scheduler', { scheduler: 'dpm3' }, 'engine/unknown-scheduler', /Choose one of/],
  ];
  for (const [what, patch, code, message] of cases) {
    it(`refuses ${what}`, async () => {
      await expectStudioError(txt2img(model, { ...base, ...patch }), code, message);
    });
  }

  it('cancels between steps and reports a CancelledError', async () => {
    const controller = new AbortController();
    const seen: number[] = [];
    const err = await txt2img(model, { ...base, steps: 10 }, {
      signal: controller.signal,
      onStep: (e) => {
        seen.push(e.step);
        if (e.step === 2) controller.abort();
      },
    }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(CancelledError);
    expect(seen).toEqual([1, 2]);
  });

  it('skips the unconditional pass when guidance ≤ 1', async () => {
    model.unet.resetTimer();
    await txt2img(model, { ...base, guidance: 1 });
    const runsUnguided = model.unet.runs;
    await txt2img(model, { ...base, guidance: 7.5 });
    expect(runsUnguided).toBe(3);
    expect(model.unet.runs).toBe(3); // reset at the start of each generation: one batched call per step
  });

  it("gives a batch whose first image equals the single image for the same seed", async () => {
    const one = await txt2img(model, base);
    const two = await txt2img(model, { ...base, batchSize: 2 });
    expect(two.images).toHaveLength(2);
    let d = 0;
    for (let i = 0; i < one.images[0].float.length; i++) d = Math.max(d, Math.abs(one.images[0].float[i] - two.images[0].float[i]));
    expect(d).toBeLessThan(1e-4);
    expect(Buffer.compare(Buffer.from(two.images[0].rgb), Buffer.from(two.images[1].rgb))).not.toBe(0);
  });
});

describe('Engine', () => {
  it('reuses sessions across generations and gives identical images in low-memory mode', async () => {
    const engine = new Engine({ ep: 'cpu' });
    const a = await engine.generate(MODEL, base);
    const b = await engine.generate(MODEL, base);
    expect(b.model).toBe(a.model);
    await engine.unload();
    const low = new Engine({ ep: 'cpu', lowMemory: true });
    const c = await low.generate(MODEL, base);
    await low.unload();
    expect(Buffer.compare(Buffer.from(a.images[0].rgb), Buffer.from(c.images[0].rgb))).toBe(0);
    expect(c.timings.ortMs).toBeGreaterThan(0);
  });

  it('picks a provider under auto and says why others were skipped', async () => {
    const engine = new Engine({ ep: 'auto' });
    const r = await engine.generate(MODEL, { ...base, steps: 1 });
    await engine.unload();
    expect(['cpu', 'webgpu', 'cuda']).toContain(r.ep);
    expect(r.skipped.find((s) => s.ep === 'cuda')?.reason).toMatch(/CUDA/);
  });
});

