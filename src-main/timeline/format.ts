// The timeline folder on disk (docs/timeline-format.md): timeline.json + x_t.npy + x0.npy (float16,
// [steps, batch, 4, H/8, W/8]). Writing (into a temporary sibling, then one rename) and reading with
// checks. It knows nothing about the gallery or how frames are drawn.
import { randomBytes } from 'node:crypto';
import { mkdir, readFile, readdir, rename, rm, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { StudioError } from '../../src-shared/errors.js';
import { encodeNpy, parseNpy } from '../engine/npy.js';

export const TIMELINE_FORMAT = 'latent-studio-timeline';
export const TIMELINE_VERSION = 1;
export const TIMELINE_JSON = 'timeline.json';
export const XT_FILE = 'x_t.npy';
export const X0_FILE = 'x0.npy';
/** VAE decodes made on demand: decoded/<view>-<step>.png. */
export const DECODED_DIR = 'decoded';

export interface TimelineStep {
  /** 0-based U-Net call. */
  index: number;
  timestep: number;
  /** Noise level √((1−ᾱ)/ᾱ) at the timestep. */
  sigma: number;
  /** Mean |cond − uncond| of the noise prediction; null without classifier-free guidance. */
  guidanceStrength: number | null;
  /** The step's duration (U-Net, guidance, scheduler step), ms. */
  ms: number;
}

export interface TimelineMeta {
  format: typeof TIMELINE_FORMAT;
  version: number;
  /** [steps, batch, 4, H/8, W/8]: the shape of both arrays. */
  shape: [number, number, number, number, number];
  steps: TimelineStep[];
  /** Our scheduler id, and how x0 was obtained: the scheduler's own pred_original_sample or derived (docs). */
  scheduler: string;
  x0: 'scheduler' | 'derived';
  /** Model family: picks the latent → RGB preview factors. */
  family: string;
  /** Which image of the original batch the first row is (a gallery image's folder holds its own row). */
  batchOffset: number;
  /** The batch size of the generation. */
  batchOf: number;
  /** The generation's parameters (GenerationParams as in the PNG's latent-studio chunk). */
  parameters: Record<string, unknown>;
  /** The latents stayed on the device during the generation (captured by readback). */
  latentsOnDevice: boolean;
  /** The model folder that made it (for VAE decodes of single steps). */
  modelDir?: string;
  created: string;
}

export interface TimelineArrays {
  meta: TimelineMeta;
  /** float16 bits [steps, batch, 4, h, w]: the latents after each step. */
  xt: Uint16Array;
  /** float16 bits, same shape: the predicted final latents of each step. */
  x0: Uint16Array;
}

/** Writes the folder `dir` (which must not exist or be empty) all at once: a temporary sibling renamed into place. */
export async function writeTimeline(dir: string, data: TimelineArrays): Promise<void> {
  checkArrays(data, dir);
  const target = path.resolve(dir);
  await assertWritableTarget(target);
  const tmp = path.join(path.dirname(target), `.${path.basename(target)}.tmp-${process.pid}-${randomBytes(3).toString('hex')}`);
  try {
    await mkdir(tmp, { recursive: true });
    await writeFile(path.join(tmp, XT_FILE), encodeNpy('float16', data.meta.shape, data.xt));
    await writeFile(path.join(tmp, X0_FILE), encodeNpy('float16', data.meta.shape, data.x0));
    await writeFile(path.join(tmp, TIMELINE_JSON), `${JSON.stringify(data.meta, null, 1)}\n`);
    await rm(target, { recursive: true, force: true }); // empty or missing (checked above)
    await rename(tmp, target);
  } catch (err) {
    await rm(tmp, { recursive: true, force: true });
    if (err instanceof StudioError) throw err;
    throw new StudioError('timeline/write-failed', `Could not write the timeline folder "${target}": ${(err as Error).message}`, { dir: target }, { cause: err });
  }
}

async function assertWritableTarget(target: string): Promise<void> {
  const st = await stat(target).catch(() => undefined);
  if (!st) {
    await mkdir(path.dirname(target), { recursive: true });
    return;
  }
  if (!st.isDirectory() || (await readdir(target)).length > 0) {
    throw new StudioError('timeline/target-exists', `"${target}" already exists and is not an empty folder; a timeline is written into a new or empty folder. Choose another path or remove it.`, { dir: target });
  }
}

/** Reads and checks a timeline folder. */
export async function readTimeline(dir: string): Promise<TimelineArrays> {
  const meta = await readTimelineMeta(dir);
  const array = async (file: string) => {
    const p = path.join(dir, file);
    const buf = await readFile(p).catch((err) => {
      throw new StudioError('timeline/unreadable', `Cannot read "${p}": ${(err as Error).message}`, { file: p }, { cause: err });
    });
    const arr = parseNpy(buf, p);
    if (arr.dtype !== 'float16' || arr.shape.join(',') !== meta.shape.join(',')) {
      throw new StudioError('timeline/bad-array', `"${p}" holds ${arr.dtype} [${arr.shape.join(', ')}]; timeline.json says float16 [${meta.shape.join(', ')}].`, { file: p });
    }
    return arr.data as Uint16Array;
  };
  return { meta, xt: await array(XT_FILE), x0: await array(X0_FILE) };
}

export async function readTimelineMeta(dir: string): Promise<TimelineMeta> {
  const p = path.join(dir, TIMELINE_JSON);
  let meta: TimelineMeta;
  try {
    meta = JSON.parse(await readFile(p, 'utf8')) as TimelineMeta;
  } catch (err) {
    const missing = (err as NodeJS.ErrnoException).code === 'ENOENT';
    throw new StudioError(
      missing ? 'timeline/not-found' : 'timeline/unreadable',
      missing ? `"${dir}" is not a timeline folder (no ${TIMELINE_JSON}).` : `Cannot read "${p}": ${(err as Error).message}`,
      { dir },
      { cause: err },
    );
  }
  if (meta?.format !== TIMELINE_FORMAT || meta.version !== TIMELINE_VERSION || !Array.isArray(meta.shape) || meta.shape.length !== 5 || !Array.isArray(meta.steps) || meta.steps.length !== meta.shape[0]) {
    throw new StudioError('timeline/bad-format', `"${p}" is not a version ${TIMELINE_VERSION} ${TIMELINE_FORMAT} file (format, version, shape or steps missing or inconsistent).`, { file: p });
  }
  return meta;
}

function checkArrays(data: TimelineArrays, dir: string): void {
  const n = data.meta.shape.reduce((a, b) => a * b, 1);
  if (data.xt.length !== n || data.x0.length !== n || data.meta.steps.length !== data.meta.shape[0]) {
    throw new Error(`BUG: timeline for "${dir}" has ${data.xt.length}/${data.x0.length} values and ${data.meta.steps.length} steps for shape [${data.meta.shape.join(', ')}]`);
  }
}
