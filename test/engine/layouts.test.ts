// Every real export layout people download, as the synthetic generator reproduces its I/O contract:
// the engine detects each from its files, reads names/types/batch rules from the sessions, and generates.
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LoadedModel, txt2img } from '../../src-main/engine/pipeline/index.js';
import { type SyntheticOptions, writeSyntheticModel } from '../../tools/synthetic/index.js';
import { StudioError } from '../../src-shared/errors.js';

let tmp: string;
beforeAll(async () => {
  tmp = await mkdtemp(path.join(os.tmpdir(), 'ls-layouts-'));
});
afterAll(async () => {
  await rm(tmp, { recursive: true, force: true });
});

interface Variant {
  name: string;
  options: SyntheticOptions;
  layout: string;
  family: string;
  io: { ids: string; timestep: string; sample: string; fixedBatch?: number };
}

const VARIANTS: Variant[] = [
  { name: "diffusers' own export (int32 ids, float timestep, weights.pb)", options: { config: 'tiny', layout: 'diffusers' }, layout: 'diffusers-onnx', family: 'sd1', io: { ids: 'int32', timestep: 'float32', sample: 'float32' } },
  { name: 'Optimum export (model.onnx_data, int64 timestep)', options: { config: 'tiny', layout: 'optimum' }, layout: 'optimum', family: 'sd1', io: { ids: 'int32', timestep: 'int64', sample: 'float32' } },
  { name: 'Optimum export, float16 parts, int64 ids', options: { config: 'tiny', layout: 'optimum', dtype: 'float16', idsType: 'int64' }, layout: 'optimum', family: 'sd1', io: { ids: 'int64', timestep: 'int64', sample: 'float16' } },
  { name: "onnxruntime's SD-Turbo export (float16, trailing Euler a)", options: { config: 'turbo-tiny', layout: 'ort-turbo' }, layout: 'onnx', family: 'sd-turbo', io: { ids: 'int32', timestep: 'int64', sample: 'float16' } },
  { name: 'Stable Diffusion 2.x (v_prediction, 1024-wide text encoder)', options: { config: 'sd2-tiny', layout: 'sd2' }, layout: 'diffusers-onnx', family: 'sd2-v', io: { ids: 'int32', timestep: 'float32', sample: 'float32' } },
  { name: 'fixed batch 2, scalar int64 timestep', options: { config: 'tiny', layout: 'diffusers', batch: 2, idsType: 'int64', timestepType: 'int64', timestepShape: 'scalar' }, layout: 'diffusers-onnx', family: 'sd1', io: { ids: 'int64', timestep: 'int64', sample: 'float32', fixedBatch: 2 } },
  { name: 'fixed batch 1, float16 timestep', options: { config: 'tiny', layout: 'diffusers', batch: 1, timestepType: 'float16' }, layout: 'diffusers-onnx', family: 'sd1', io: { ids: 'int32', timestep: 'float16', sample: 'float32', fixedBatch: 1 } },
];

describe('real model layouts (synthetic stand-ins)', () => {
  for (const v of VARIANTS) {
    it(`loads and generates: ${v.name}`, async () => {
      const dir = path.join(tmp, v.name.replace(/[^a-z0-9]+/gi, '-'));
      await writeSyntheticModel(dir, v.options);
      const model = await LoadedModel.load(dir, { ep: 'cpu' });
      try {
        expect(model.folder.layout.id).toBe(v.layout);
        expect(model.folder.defaults.family).toBe(v.family);
        expect(model.textIo.ids.type).toBe(v.io.ids);
        expect(model.unetIo.timestep.type).toBe(v.io.timestep);
        expect(model.unetIo.sample.type).toBe(v.io.sample);
        expect(model.unetIo.fixedBatch).toBe(v.io.fixedBatch);
        const r = await txt2img(model, { prompt: 'a lighthouse', steps: 2, guidance: 7.5, seed: 5n, width: 64, height: 64, batchSize: 2 });
        expect(r.images).toHaveLength(2);
        for (const img of r.images) {
          expect(img.float.every(Number.isFinite)).toBe(true);
          expect(new Set(img.rgb).size).toBeGreaterThan(8); // not a constant image
        }
      } finally {
        await model.release();
      }
    });
  }

  it('lists what is missing or unexpected in a folder that matches no layout', async () => {
    const dir = path.join(tmp, 'partial');
    await writeSyntheticModel(dir, { config: 'tiny', layout: 'diffusers', components: ['text_encoder'] });
    const err = await LoadedModel.load(dir, { ep: 'cpu' }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(StudioError);
    expect((err as StudioError).message).toMatch(/missing unet\/model\.onnx, vae_decoder\/model\.onnx/);
  });
});
