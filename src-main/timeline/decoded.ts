// Full VAE decodes of single timeline steps, made on demand and cached as decoded/<view>-<step>.png in
// the timeline folder. The decoder is passed in (the caller holds the loaded model); nothing is decoded twice.
import { randomBytes } from 'node:crypto';
import { mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import sharp from 'sharp';
import { StudioError } from '../../src-shared/errors.js';
import { DECODED_DIR, type TimelineArrays } from './format.js';
import { checkStep, stepLatents } from './frames.js';

export interface DecodedRgb {
  width: number;
  height: number;
  /** Interleaved RGB, 8 bits. */
  rgb: Uint8Array;
}

/** Decodes latents [1, 4, h, w] to an image (the loaded model's VAE). */
export type LatentDecoder = (latents: Float32Array, shape: readonly [number, number, number, number]) => Promise<DecodedRgb>;

export function decodedPath(dir: string, step: number, view: 'xt' | 'x0', batchIndex = 0): string {
  return path.join(dir, DECODED_DIR, `${view}-${step}${batchIndex ? `-b${batchIndex}` : ''}.png`);
}

/** The cached decode's PNG path, decoding and writing it first when missing. */
export async function decodeStep(dir: string, t: TimelineArrays, step: number, view: 'xt' | 'x0', decode: LatentDecoder, batchIndex = 0): Promise<string> {
  checkStep(step, t.meta.shape[0]);
  const file = decodedPath(dir, step, view, batchIndex);
  const cached = await readFile(file).then(() => true, (err: NodeJS.ErrnoException) => {
    if (err.code === 'ENOENT') return false;
    throw new StudioError('timeline/unreadable', `Cannot read "${file}": ${err.message}`, { file }, { cause: err });
  });
  if (cached) return file;
  const [, , c, h, w] = t.meta.shape;
  const img = await decode(stepLatents(t, step, view, batchIndex), [1, c, h, w]);
  const png = await sharp(Buffer.from(img.rgb.buffer, img.rgb.byteOffset, img.rgb.byteLength), { raw: { width: img.width, height: img.height, channels: 3 } }).png().toBuffer();
  const tmp = `${file}.tmp-${process.pid}-${randomBytes(3).toString('hex')}`;
  try {
    await mkdir(path.dirname(file), { recursive: true });
    await writeFile(tmp, png);
    await rename(tmp, file);
  } catch (err) {
    await rm(tmp, { force: true });
    throw new StudioError('timeline/write-failed', `Could not cache the decoded step in "${file}": ${(err as Error).message}`, { file }, { cause: err });
  }
  return file;
}
