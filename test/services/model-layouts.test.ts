// One layout table for "can the engine load it" and "will `models import` / the cache listing accept it":
// every layout the engine detects imports, and a folder the engine refuses is refused with the same words.
import { cp, mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LAYOUTS } from '../../src-shared/model-layouts/index.js';
import { StudioError } from '../../src-shared/errors.js';
import { inspectModelFolder } from '../../src-main/engine/models/index.js';
import { ModelService } from '../../src-main/services/models.js';
import { type SyntheticOptions, writeSyntheticModel } from '../../tools/synthetic/index.js';

/** A synthetic export per layout id of the table (the engine runs each: test/engine/layouts.test.ts). */
const EXPORTS: Record<string, SyntheticOptions> = {
  'diffusers-onnx': { config: 'tiny', layout: 'diffusers' },
  optimum: { config: 'tiny', layout: 'optimum' },
  onnx: { config: 'turbo-tiny', layout: 'ort-turbo' },
};

let tmp: string;
let service: ModelService;
beforeAll(async () => {
  tmp = await mkdtemp(path.join(os.tmpdir(), 'ls-layouts-import-'));
  service = new ModelService({ appVersion: 'test', dataDir: path.join(tmp, 'data'), cacheDir: path.join(tmp, 'hub'), env: {} });
});
afterAll(() => rm(tmp, { recursive: true, force: true }));

async function refusal(p: Promise<unknown>): Promise<StudioError> {
  const err = await p.then(() => undefined, (e: unknown) => e);
  expect(err).toBeInstanceOf(StudioError);
  return err as StudioError;
}

describe('models import accepts what the engine loads', () => {
  it('has an export for every layout in the table', () => {
    expect(Object.keys(EXPORTS).sort()).toEqual(LAYOUTS.map((l) => l.id).sort());
  });

  for (const [id, options] of Object.entries(EXPORTS)) {
    it(`imports a ${id} folder and lists it as complete, with the engine's layout`, async () => {
      const dir = path.join(tmp, id);
      await writeSyntheticModel(dir, options);
      expect((await inspectModelFolder(dir)).layout.id).toBe(id);
      const local = await service.importFolder(dir);
      const listed = (await service.list()).find((m) => m.repo === local.id);
      expect(listed?.revisions[0]).toMatchObject({ onnx: true, missing: [] });
      const installed = (await service.installed()).models.find((m) => m.id === local.id);
      expect(installed).toMatchObject({ layout: id, source: 'imported' });
    });
  }

  it('refuses a folder the engine refuses, with the same missing-file message', async () => {
    const dir = path.join(tmp, 'broken');
    await cp(path.join(tmp, 'diffusers-onnx'), dir, { recursive: true });
    await rm(path.join(dir, 'tokenizer', 'merges.txt'));
    await rm(path.join(dir, 'vae_decoder'), { recursive: true });
    const engine = await refusal(inspectModelFolder(dir));
    const hub = await refusal(service.importFolder(dir));
    expect(engine.code).toBe('engine/model-incomplete');
    expect(hub.code).toBe('hub/not-onnx-sd');
    expect(hub.message).toBe(engine.message);
    expect(hub.message).toMatch(/missing tokenizer\/merges\.txt, vae_decoder\/model\.onnx\./);
  });

  it('refuses an SDXL folder for the engine\'s reason', async () => {
    const dir = path.join(tmp, 'sdxl');
    await cp(path.join(tmp, 'diffusers-onnx'), dir, { recursive: true });
    await cp(path.join(dir, 'text_encoder'), path.join(dir, 'text_encoder_2'), { recursive: true });
    const engine = await refusal(inspectModelFolder(dir));
    const hub = await refusal(service.importFolder(dir));
    expect(hub.message).toBe(engine.message);
    expect(hub.message).toMatch(/Stable Diffusion XL/);
  });
});
