// The built-in demo model: built as `npm run build` builds it, copied into the data folder on first run
// (once; again only when the app ships another build), listed after every real model as `builtin`,
// loadable by the engine through the job path, and never deleted. A host without a build starts anyway.
import { mkdir, mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateStartSchema, type OpName, type OpRequest, type OpResponse } from '../../src-shared/contract/index.js';
import { createRouter } from '../../src-main/ipc/router.js';
import { DEFAULT_MODEL_NAME, findBundledDefaultModel, installDefaultModel } from '../../src-main/services/default-model.js';
import { Studio } from '../../src-main/services/studio.js';
import { buildDefaultModel } from '../../tools/build-default-model.js';
import { fixture } from '../helpers/fixtures.js';

let tmp: string;
let bundled: string;

beforeAll(async () => {
  tmp = await mkdtemp(path.join(os.tmpdir(), 'ls-demo-model-'));
  bundled = path.join(tmp, 'app', 'dist', 'default-model');
  expect(await buildDefaultModel(bundled)).toBe(true);
  expect(await buildDefaultModel(bundled)).toBe(false); // the build is skipped when up to date
  // …and redone when the folder holds a build of other options (here: without the VAE encoder).
  const markerFile = path.join(bundled, 'synthetic.json');
  const marker = JSON.parse(await readFile(markerFile, 'utf8')) as { components: string[] };
  await writeFile(markerFile, JSON.stringify({ ...marker, components: marker.components.filter((c) => c !== 'vae_encoder') }));
  expect(await buildDefaultModel(bundled)).toBe(true);
  expect(await buildDefaultModel(bundled)).toBe(false);
}, 60_000);
afterAll(async () => {
  await rm(tmp, { recursive: true, force: true });
});

describe('installDefaultModel', () => {
  it('copies the build into the data folder on first run, then leaves it alone', async () => {
    const home = path.join(tmp, 'home-first');
    const first = await installDefaultModel(home, bundled);
    const target = path.join(home, 'models', DEFAULT_MODEL_NAME);
    expect(first).toEqual({ dir: target, installed: true });
    for (const f of ['model_index.json', 'unet/model.onnx', 'unet/weights.pb', 'text_encoder/model.onnx', 'vae_decoder/model.onnx', 'vae_encoder/model.onnx', 'tokenizer/vocab.json']) {
      expect((await readFile(path.join(target, f))).equals(await readFile(path.join(bundled, f))), f).toBe(true);
    }
    const before = (await stat(path.join(target, 'unet', 'weights.pb'))).mtimeMs;
    expect(await installDefaultModel(home, bundled)).toEqual({ dir: target, installed: false });
    expect((await stat(path.join(target, 'unet', 'weights.pb'))).mtimeMs).toBe(before);
  });

  it('replaces a copy from another build, and repairs one whose marker is missing', async () => {
    const home = path.join(tmp, 'home-update');
    const target = (await installDefaultModel(home, bundled)).dir!;
    await writeFile(path.join(target, 'synthetic.json'), '{"generatorVersion":0}');
    await writeFile(path.join(target, 'stale.txt'), 'from the old build');
    expect(await installDefaultModel(home, bundled)).toEqual({ dir: target, installed: true });
    expect(await readFile(path.join(target, 'synthetic.json'), 'utf8')).toBe(await readFile(path.join(bundled, 'synthetic.json'), 'utf8'));
    await expect(stat(path.join(target, 'stale.txt'))).rejects.toThrow(/ENOENT/);
    await rm(path.join(target, 'synthetic.json'));
    expect(await installDefaultModel(home, bundled)).toEqual({ dir: target, installed: true });
  });

  it('says why, without throwing, when there is no build or the data folder cannot be written', async () => {
    expect(await installDefaultModel(path.join(tmp, 'home-none'), undefined)).toEqual({ dir: undefined, reason: expect.stringContaining('npm run build') });
    const blocked = path.join(tmp, 'a-file');
    await writeFile(blocked, 'not a folder');
    const r = await installDefaultModel(path.join(blocked, 'home'), bundled);
    expect(r).toEqual({ dir: undefined, reason: expect.stringMatching(/could not be copied to .*a-file.*ENOTDIR/) });
  });

  it('finds dist/default-model above the running module, and nothing where there is none', async () => {
    const deep = path.join(tmp, 'app', 'dist', 'src-main', 'services');
    await mkdir(deep, { recursive: true });
    expect(findBundledDefaultModel(deep)).toBe(bundled);
    expect(findBundledDefaultModel(os.tmpdir())).toBeUndefined();
  });
});

describe('a studio with the demo model', () => {
  let studio: Studio;
  beforeAll(async () => {
    const home = path.join(tmp, 'home-studio');
    const { dir } = await installDefaultModel(home, bundled);
    studio = new Studio({ host: 'web', dataDir: home, modelFolders: [fixture('diffusers-tiny', 'model')], builtinModel: dir, scanHubCache: false, log: () => {} });
  });
  afterAll(async () => studio?.close());

  it('lists it after the real models, as builtin, in models.list and models.installed', async () => {
    const router = createRouter(studio);
    const call = async <O extends OpName>(op: O, req: OpRequest<O>): Promise<OpResponse<O>> => {
      const r = await router.handle(op, req);
      if (!r.ok) throw Object.assign(new Error(r.error.message), r.error);
      return r.value as OpResponse<O>;
    };
    const list = await call('models.list', {});
    expect(list.models.map((m) => [m.id, m.source])).toEqual([['model', 'folder'], [DEFAULT_MODEL_NAME, 'builtin']]);
    const installed = await call('models.installed', {});
    expect(installed.models.at(-1)).toMatchObject({ id: DEFAULT_MODEL_NAME, source: 'builtin', layout: 'diffusers-onnx', precision: 'float32' });
    await expect(call('models.delete', { id: DEFAULT_MODEL_NAME })).rejects.toMatchObject({ code: 'models/not-deletable', message: expect.stringContaining('built-in demo model') });
  });

  it('generates through the job path, saved to the gallery with its timeline', async () => {
    const result = await studio.jobs.run(generateStartSchema.parse({ model: DEFAULT_MODEL_NAME, prompt: 'first run', steps: 3, width: 64, height: 64, seed: '5', scheduler: 'euler' }));
    expect(result.images).toHaveLength(1);
    const gallery = await studio.gallery.open();
    const item = gallery.get(result.images[0].id!)!;
    expect(item).toMatchObject({ prompt: 'first run', width: 64, height: 64, model: { name: DEFAULT_MODEL_NAME } });
    expect(item.timeline).toBeTruthy();
  }, 60_000);
});
