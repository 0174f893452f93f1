// Exports a timeline as pictures: an animated WebP or GIF (one frame per step, in step order) or a
// contact sheet PNG (steps left to right, top to bottom). Frames come from frames.ts at latent size,
// enlarged by an integer factor without smoothing. The folder itself is exported by copying it.
import { randomBytes } from 'node:crypto';
import { rename, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import sharp from 'sharp';
import { TIMELINE_EXPORT_SCALE_MAX } from '../../src-shared/contract/index.js';
import { StudioError, throwIfAborted } from '../../src-shared/errors.js';
import type { RawImage } from '../engine/preview/index.js';
import type { TimelineArrays } from './format.js';
import { renderFrame } from './frames.js';

export type TimelineExportFormat = 'webp' | 'gif' | 'sheet';
export type ExportView = 'xt' | 'x0';

export interface TimelineExportOptions {
  format: TimelineExportFormat;
  view?: ExportView;
  batchIndex?: number;
  /** Integer enlargement of the latent-size frames (default 4: 64 → 256 px for a 512 image). */
  scale?: number;
  /** Animation: ms per frame (default 120); the last frame holds 1 s. */
  frameMs?: number;
  signal?: AbortSignal;
}

/** Encodes the export and writes it to `out` (replaced whole). Returns its size in bytes and frame count. */
export async function exportTimeline(t: TimelineArrays, out: string, opts: TimelineExportOptions): Promise<{ bytes: number; frames: number; width: number; height: number }> {
  const scale = opts.scale ?? 4;
  if (!Number.isInteger(scale) || scale < 1 || scale > TIMELINE_EXPORT_SCALE_MAX) {
    throw new StudioError('timeline/bad-scale', `Scale ${scale} is not an integer from 1 to ${TIMELINE_EXPORT_SCALE_MAX}.`, { scale });
  }
  const frames: RawImage[] = [];
  for (let s = 0; s < t.meta.shape[0]; s++) {
    throwIfAborted(opts.signal, 'timeline export');
    frames.push(enlarge(renderFrame(t, s, opts.view ?? 'xt', { batchIndex: opts.batchIndex }), scale));
  }
  const bytes = opts.format === 'sheet' ? await contactSheet(frames) : await animation(frames, opts.format, opts.frameMs ?? 120);
  const target = path.resolve(out);
  const tmp = `${target}.tmp-${process.pid}-${randomBytes(3).toString('hex')}`;
  try {
    await writeFile(tmp, bytes);
    await rename(tmp, target);
  } catch (err) {
    await rm(tmp, { force: true });
    throw new StudioError('timeline/write-failed', `Could not write "${target}": ${(err as Error).message}`, { file: target }, { cause: err });
  }
  const { width, height } = opts.format === 'sheet' ? await sharp(bytes).metadata() : frames[0];
  return { bytes: bytes.length, frames: frames.length, width: width ?? 0, height: height ?? 0 };
}

/** Frames stacked as pages of one raw image (sharp's pageHeight), encoded losslessly (WebP) or with a palette (GIF). */
async function animation(frames: RawImage[], format: 'webp' | 'gif', frameMs: number): Promise<Buffer> {
  const { width, height } = frames[0];
  const stack = Buffer.alloc(width * height * 3 * frames.length);
  frames.forEach((f, i) => stack.set(f.data, i * width * height * 3));
  const delay = frames.map((_, i) => (i === frames.length - 1 ? 1000 : frameMs));
  const s = sharp(stack, { raw: { width, height: height * frames.length, channels: 3, pageHeight: height } });
  return format === 'webp' ? s.webp({ lossless: true, loop: 0, delay }).toBuffer() : s.gif({ loop: 0, delay, effort: 1 }).toBuffer();
}

const GAP = 2;
const SHEET_BACKGROUND = 32;

/** A grid of ⌈√n⌉ columns with 2 px gaps. */
async function contactSheet(frames: RawImage[]): Promise<Buffer> {
  const { width: w, height: h } = frames[0];
  const cols = Math.ceil(Math.sqrt(frames.length));
  const rows = Math.ceil(frames.length / cols);
  const W = cols * w + (cols + 1) * GAP;
  const H = rows * h + (rows + 1) * GAP;
  const sheet = Buffer.alloc(W * H * 3, SHEET_BACKGROUND);
  frames.forEach((f, i) => {
    const ox = GAP + (i % cols) * (w + GAP);
    const oy = GAP + Math.floor(i / cols) * (h + GAP);
    for (let y = 0; y < h; y++) sheet.set(f.data.subarray(y * w * 3, (y + 1) * w * 3), ((oy + y) * W + ox) * 3);
  });
  return sharp(sheet, { raw: { width: W, height: H, channels: 3 } }).png({ compressionLevel: 6 }).toBuffer();
}

/** Nearest-neighbour enlargement; gray frames become RGB so every frame has 3 channels. */
function enlarge(f: RawImage, k: number): RawImage {
  const W = f.width * k;
  const H = f.height * k;
  const data = new Uint8Array(W * H * 3);
  for (let y = 0; y < H; y++) {
    const sy = Math.floor(y / k);
    for (let x = 0; x < W; x++) {
      const si = (sy * f.width + Math.floor(x / k)) * f.channels;
      const di = (y * W + x) * 3;
      data[di] = f.data[si];
      data[di + 1] = f.data[si + (f.channels === 3 ? 1 : 0)];
      data[di + 2] = f.data[si + (f.channels === 3 ? 2 : 0)];
    }
  }
  return { width: W, height: H, data, channels: 3 };
}
