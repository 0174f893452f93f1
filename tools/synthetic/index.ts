// Synthetic Stable Diffusion models: the real architectures and I/O contracts with seeded random
// weights, written in the folder layouts real exports use, so tests and benchmarks give onnxruntime
// the same work as a downloaded model. Nothing here downloads or reads model weights.
import { createHash, randomUUID } from 'node:crypto';
import { readFile, rename, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { CONFIGS, type SyntheticConfigName } from './configs.js';
import { countGraphParameters } from './graph-builder.js';
import { type ComponentName, type ResolvedOptions, type SyntheticOptions, COMPONENT_NAMES, resolveComponents, resolveOptions } from './options.js';
import { buildComponent, contractFor, writeLayout } from './write-model.js';

export type { SyntheticConfigName } from './configs.js';
export type { ComponentName, SyntheticOptions } from './options.js';
export type { LayoutName } from './io-contract.js';
export { CONFIG_NAMES } from './configs.js';
export { LAYOUT_NAMES } from './options.js';

/** Bumped whenever the generated files change, so cached models are rebuilt. */
export const GENERATOR_VERSION = 1;

export interface SyntheticModelInfo {
  dir: string;
  options: Required<Omit<SyntheticOptions, 'components'>>;
  /** Learned parameters per written component. */
  parameters: Record<string, number>;
  /** Bytes of the model files on disk. */
  bytes: number;
}

const MARKER = 'synthetic.json';

interface Marker { generatorVersion: number; options: ResolvedOptions; components: ComponentName[]; parameters: Record<string, number>; bytes: number }

/** Writes a synthetic model folder into `dir` (created if missing; files of the same names are replaced). */
export async function writeSyntheticModel(dir: string, options: SyntheticOptions): Promise<SyntheticModelInfo> {
  const resolved = resolveOptions(options);
  const components = resolveComponents(options.components);
  const { parameters, bytes } = await writeLayout(dir, resolved, components);
  const marker: Marker = { generatorVersion: GENERATOR_VERSION, options: resolved, components, parameters, bytes };
  await writeFile(path.join(dir, MARKER), `${JSON.stringify(marker, null, 2)}\n`);
  return { dir: path.resolve(dir), options: resolved, parameters, bytes };
}

/** Where built models are cached, outside the repository: $LATENT_STUDIO_CACHE/synthetic, else ~/.cache/latent-studio/synthetic. */
export function syntheticModelCacheDir(): string {
  const root = process.env.LATENT_STUDIO_CACHE || path.join(process.env.XDG_CACHE_HOME || path.join(os.homedir(), '.cache'), 'latent-studio');
  return path.join(root, 'synthetic');
}

async function readMarker(dir: string): Promise<Marker | undefined> {
  try {
    const m = JSON.parse(await readFile(path.join(dir, MARKER), 'utf8')) as Marker;
    return m.generatorVersion === GENERATOR_VERSION ? m : undefined;
  } catch {
    return undefined; // absent or half-written: the folder is not a finished build
  }
}

/** Whether `dir` holds a finished build of `options` by this generator version (same options, same components). */
export async function isSyntheticModelBuilt(dir: string, options: SyntheticOptions): Promise<boolean> {
  const m = await readMarker(dir);
  if (!m) return false;
  const want = { resolved: resolveOptions(options), components: resolveComponents(options.components) };
  return JSON.stringify({ resolved: m.options, components: m.components }) === JSON.stringify(want);
}

/**
 * Builds the model once into the cache (keyed by the resolved options and the generator version)
 * and reuses it afterwards. Safe when several processes ask at once: each builds into its own
 * temporary folder and renames it into place; a loser discards its copy and uses the winner's.
 */
export async function ensureSyntheticModel(options: SyntheticOptions): Promise<SyntheticModelInfo> {
  const resolved = resolveOptions(options);
  const components = resolveComponents(options.components);
  const key = createHash('sha256').update(JSON.stringify({ v: GENERATOR_VERSION, resolved, components })).digest('hex').slice(0, 16);
  const dir = path.resolve(syntheticModelCacheDir(), `${resolved.config}-${resolved.layout}-${resolved.dtype}-${key}`);
  const done = (m: Marker): SyntheticModelInfo => ({ dir, options: m.options, parameters: m.parameters, bytes: m.bytes });
  const cached = await readMarker(dir);
  if (cached) return done(cached);
  const tmp = `${dir}.tmp-${process.pid}-${randomUUID().slice(0, 8)}`;
  try {
    await writeSyntheticModel(tmp, { ...resolved, components });
    try {
      await rename(tmp, dir);
    } catch (err) {
      const winner = await readMarker(dir);
      if (winner) return done(winner); // another process finished first; the finally removes our copy
      // NOTE: a folder there without a valid marker is debris (edited by hand, or a foreign file); replace it.
      if ((err as NodeJS.ErrnoException).code !== 'ENOTEMPTY' && (err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
      await rm(dir, { recursive: true, force: true });
      await rename(tmp, dir);
    }
    return done((await readMarker(dir))!);
  } finally {
    await rm(tmp, { recursive: true, force: true });
  }
}

/** Learned parameters of each component of a configuration, counted from its graphs without writing anything. */
export function countParameters(config: SyntheticConfigName): Record<ComponentName, number> {
  const resolved = resolveOptions({ config });
  const io = contractFor(resolved);
  const out = {} as Record<ComponentName, number>;
  for (const c of COMPONENT_NAMES) out[c] = countGraphParameters(buildComponent(c, CONFIGS[config], io, resolved.dtype));
  return out;
}
