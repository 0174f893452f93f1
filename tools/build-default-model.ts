// Builds the app's built-in demo model into dist/default-model (part of `npm run build`): the tiny
// synthetic model with every component the app uses (the VAE encoder too, for the Lab). The app copies it
// into the data folder on first run (src-main/services/default-model.ts). The generator itself stays
// tooling: only its output ships.
//   node bin/run-ts.js tools/build-default-model.ts [--out DIR]
import { rename, rm } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { isSyntheticModelBuilt, writeSyntheticModel, type SyntheticOptions } from './synthetic/index.js';

const DEFAULT_MODEL_OPTIONS: SyntheticOptions = {
  config: 'tiny',
  layout: 'diffusers',
  dtype: 'float32',
  seed: 0,
  components: ['text_encoder', 'unet', 'vae_decoder', 'vae_encoder'],
};

const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const DEFAULT_MODEL_OUT = path.join(REPO_ROOT, 'dist', 'default-model');

/** Writes the model into `out` unless this generator already built it there with these options; returns whether it wrote. */
export async function buildDefaultModel(out = DEFAULT_MODEL_OUT): Promise<boolean> {
  if (await isSyntheticModelBuilt(out, DEFAULT_MODEL_OPTIONS)) return false;
  const tmp = `${out}.tmp-${process.pid}`;
  await rm(tmp, { recursive: true, force: true });
  try {
    await writeSyntheticModel(tmp, DEFAULT_MODEL_OPTIONS);
    await rm(out, { recursive: true, force: true });
    await rename(tmp, out);
  } finally {
    await rm(tmp, { recursive: true, force: true });
  }
  return true;
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const i = process.argv.indexOf('--out');
  const out = i > 0 && process.argv[i + 1] ? path.resolve(process.argv[i + 1]) : DEFAULT_MODEL_OUT;
  const wrote = await buildDefaultModel(out);
  process.stdout.write(`${wrote ? 'built' : 'up to date:'} the demo model in ${path.relative(process.cwd(), out) || '.'}\n`);
}
