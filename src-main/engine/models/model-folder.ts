// Inspects a Stable Diffusion ONNX folder: which layout it is, where each component's graph is,
// its tokenizer and scheduler config. Says precisely what is missing or wrong; loads no sessions.
import { createHash } from 'node:crypto';
import { open, readFile, readdir, stat } from 'node:fs/promises';
import path from 'node:path';
import { StudioError } from '../../../src-shared/errors.js';
import { checkLayout, incompleteFolderMessage, refusedKind, type ComponentName, type FolderListing } from '../../../src-shared/model-layouts/index.js';

export interface ModelFolder {
  dir: string;
  /** Display name: the folder name, or org/name for a Hugging Face cache snapshot. */
  name: string;
  layout: { id: string; label: string };
  /** Absolute path of each component's graph; vae_encoder only when present. */
  components: Partial<Record<ComponentName, string>> & Record<'text_encoder' | 'unet' | 'vae_decoder', string>;
  tokenizerDir: string;
  schedulerConfigFile: string;
  schedulerConfig: Record<string, unknown>;
  /** The VAE's latent scaling factor (vae_decoder/config.json, else SD's 0.18215). */
  vaeScalingFactor: number;
  modelIndex?: Record<string, unknown>;
  /** What the files say the model is, and the settings diffusers users run it with. */
  defaults: ModelDefaults;
}

export type ModelFamily = 'sd1' | 'sd2' | 'sd2-v' | 'sd-turbo' | 'lcm';

export interface ModelDefaults {
  family: ModelFamily;
  /** Native image size (unet sample_size × 8). */
  size: number;
  steps: number;
  guidance: number;
}

const MAX_LIST_DEPTH = 3;

async function listFolder(dir: string): Promise<Set<string>> {
  const out = new Set<string>();
  async function walk(rel: string, depth: number): Promise<void> {
    const entries = await readdir(path.join(dir, rel), { withFileTypes: true });
    for (const e of entries) {
      const p = rel ? `${rel}/${e.name}` : e.name;
      if (e.isDirectory()) {
        if (depth < MAX_LIST_DEPTH) await walk(p, depth + 1);
      } else out.add(p);
    }
  }
  await walk('', 0);
  return out;
}

async function readJson(file: string): Promise<Record<string, unknown>> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (cause) {
    throw new StudioError('engine/file-unreadable', `Cannot read ${file}: ${(cause as Error).message}`, { file }, { cause });
  }
  try {
    const v = JSON.parse(text) as unknown;
    if (!v || typeof v !== 'object' || Array.isArray(v)) throw new Error('not a JSON object');
    return v as Record<string, unknown>;
  } catch (cause) {
    throw new StudioError('engine/corrupt-json', `${file} is not valid JSON: ${(cause as Error).message}. Re-download the model or fix the file.`, { file }, { cause });
  }
}

/** Reads and validates a model folder. Throws a StudioError naming the folder and what is wrong. */
export async function inspectModelFolder(dirArg: string): Promise<ModelFolder> {
  const dir = path.resolve(dirArg);
  let st;
  try {
    st = await stat(dir);
  } catch {
    throw new StudioError('engine/model-not-found', `Model folder ${dir} does not exist.`, { dir });
  }
  if (!st.isDirectory()) {
    const hint = /\.(safetensors|ckpt)$/i.test(dir) ? ' Single-file checkpoints are not supported: use a diffusers ONNX export folder.' : '';
    throw new StudioError('engine/model-not-a-folder', `${dir} is a file, not a model folder.${hint}`, { dir });
  }
  const files = await listFolder(dir);
  const modelIndex = files.has('model_index.json') ? await readJson(path.join(dir, 'model_index.json')) : undefined;
  const listing: FolderListing = { dir, files, modelIndex };
  refuseWrongKinds(listing);

  // A listed file that does not open (a dangling cache link) counts as missing.
  for (const f of [...files]) if (!(await isReadableFile(path.join(dir, f)))) files.delete(f);
  const { layout, missing } = checkLayout(listing);
  if (!layout || missing.length > 0) {
    throw new StudioError('engine/model-incomplete', incompleteFolderMessage(dir, missing, files), { dir, missing: missing.join(',') });
  }
  const components = {} as ModelFolder['components'];
  for (const [name, rel] of Object.entries(layout.components) as [ComponentName, string][]) {
    if (name === 'vae_encoder' && !files.has(rel)) continue;
    components[name] = path.join(dir, rel);
  }
  const schedulerConfigFile = path.join(dir, 'scheduler/scheduler_config.json');
  const schedulerConfig = await readJson(schedulerConfigFile);
  const vaeConfigFile = path.join(dir, 'vae_decoder/config.json');
  const vaeConfig = files.has('vae_decoder/config.json') ? await readJson(vaeConfigFile) : undefined;
  const sf = vaeConfig?.scaling_factor;
  return {
    dir,
    name: displayName(dir),
    layout: { id: layout.id, label: layout.label },
    components,
    tokenizerDir: path.join(dir, 'tokenizer'),
    schedulerConfigFile,
    schedulerConfig,
    vaeScalingFactor: typeof sf === 'number' && sf > 0 ? sf : 0.18215,
    modelIndex,
    defaults: await modelDefaults(dir, files, schedulerConfig),
  };
}

/** Family and native settings from the configs (never from the folder name). */
async function modelDefaults(dir: string, files: ReadonlySet<string>, sched: Record<string, unknown>): Promise<ModelDefaults> {
  const unetConfig = files.has('unet/config.json') ? await readJson(path.join(dir, 'unet/config.json')).catch(() => undefined) : undefined;
  const textConfig = files.has('text_encoder/config.json') ? await readJson(path.join(dir, 'text_encoder/config.json')).catch(() => undefined) : undefined;
  const vPred = sched.prediction_type === 'v_prediction';
  const wide = textConfig?.hidden_size === 1024 || unetConfig?.cross_attention_dim === 1024;
  const sampleSize = typeof unetConfig?.sample_size === 'number' ? unetConfig.sample_size : vPred ? 96 : 64;
  const size = sampleSize * 8;
  if (sched._class_name === 'LCMScheduler') return { family: 'lcm', size, steps: 4, guidance: 1 };
  if (sched.timestep_spacing === 'trailing' && String(sched._class_name ?? '').startsWith('Euler')) return { family: 'sd-turbo', size, steps: 1, guidance: 0 };
  if (vPred) return { family: 'sd2-v', size, steps: 50, guidance: 7.5 };
  return { family: wide ? 'sd2' : 'sd1', size, steps: 50, guidance: 7.5 };
}

function refuseWrongKinds(l: FolderListing): void {
  const refused = refusedKind(l.files);
  if (refused) throw new StudioError(refused.kind === 'sdxl' ? 'engine/unsupported-model' : 'engine/not-onnx', `${l.dir} ${refused.reason}`, { dir: l.dir });
}

async function isReadableFile(file: string): Promise<boolean> {
  try {
    return (await stat(file)).isFile(); // follows HF cache symlinks: a dangling link counts as missing
  } catch {
    return false;
  }
}

function displayName(dir: string): string {
  const parts = dir.split(path.sep);
  const snap = parts.lastIndexOf('snapshots');
  const repo = snap > 0 ? parts[snap - 1] : undefined;
  if (repo?.startsWith('models--')) return repo.slice('models--'.length).replace('--', '/');
  return path.basename(dir);
}

const hashCache = new Map<string, string>();

/**
 * A quick content hash of the U-Net graph: sha256 over its size and first and last MiB
 * (full hashing of a multi-GB file would cost seconds per generation). Cached per file/mtime.
 */
export async function modelQuickHash(folder: ModelFolder): Promise<string> {
  const file = folder.components.unet;
  const st = await stat(file);
  const key = `${file}:${st.size}:${st.mtimeMs}`;
  const cached = hashCache.get(key);
  if (cached) return cached;
  const h = createHash('sha256').update(String(st.size));
  const fh = await open(file, 'r');
  try {
    const n = Math.min(st.size, 1 << 20);
    const buf = Buffer.alloc(n);
    await fh.read(buf, 0, n, 0);
    h.update(buf);
    if (st.size > n) {
      await fh.read(buf, 0, n, st.size - n);
      h.update(buf);
    }
  } finally {
    await fh.close();
  }
  const hex = h.digest('hex');
  hashCache.set(key, hex);
  return hex;
}
