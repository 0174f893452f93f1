// Embed/detect orchestration as imwatermark's EmbedMaxDct / EmbedDwtDctSvd `encode`/`decode` run it:
// RGB → YUV, Haar of U over the top-left 4⌊H/4⌋×4⌊W/4⌋, mark LL, swapped inverse, truncate, YUV → RGB.
// Only U is touched. The size rule (≥ 65,536 pixels) is checked here; payloads are payload.ts's job.
import { StudioError } from '../../../src-shared/errors.js';
import { blockGrid, embedMaxDct, readMaxDct } from './dwt-dct.js';
import { embedSvd, readSvd } from './dwt-dct-svd.js';
import { haarForward32, haarForward64, haarInverseSwapped32, haarInverseSwapped64, haarLL64 } from './haar.js';
import { rgbToU8, rgbToYuv8, rgbToYuvF32, yuvToRgb8, yuvToRgbF32 } from './yuv.js';

export type WatermarkMethod = 'dwtDct' | 'dwtDctSvd';
export const WATERMARK_METHODS: readonly WatermarkMethod[] = Object.freeze(['dwtDct', 'dwtDctSvd']);

/** Interleaved RGB, 3 bytes per pixel, row-major. */
export interface RgbImage { data: Uint8Array; width: number; height: number }

/** imwatermark refuses images with fewer pixels (`rows*cols < 256*256`), whatever their shape. */
export const MIN_WATERMARK_PIXELS = 65536;

export function canWatermark(width: number, height: number): boolean {
  return Number.isInteger(width) && Number.isInteger(height) && width > 0 && height > 0 && width * height >= MIN_WATERMARK_PIXELS;
}

function checkSize(width: number, height: number): void {
  if (canWatermark(width, height)) return;
  throw new StudioError(
    'watermark/image-too-small',
    `Image ${width}×${height} has ${width * height} pixels; the invisible watermark needs at least ${MIN_WATERMARK_PIXELS} (e.g. 256×256, 512×128).`,
    { width, height, pixels: width * height, minPixels: MIN_WATERMARK_PIXELS },
  );
}

function checkImage(image: RgbImage): void {
  checkSize(image.width, image.height);
  if (image.data.length !== image.width * image.height * 3) {
    throw new StudioError('watermark/bad-image', `RGB data has ${image.data.length} bytes; ${image.width}×${image.height} RGB needs ${image.width * image.height * 3}.`, {
      bytes: image.data.length, width: image.width, height: image.height,
    });
  }
}

function checkMethod(method: WatermarkMethod): void {
  if (!WATERMARK_METHODS.includes(method)) {
    throw new StudioError('watermark/bad-method', `Unknown watermark method "${String(method)}". Choose one of: ${WATERMARK_METHODS.join(', ')}.`, { method: String(method) });
  }
}

function checkBits(bits: Uint8Array): void {
  if (bits.length === 0) throw new StudioError('watermark/bad-message', 'The watermark message is empty; it needs at least one bit.', {});
}

/** The region that goes through the wavelet: multiples of 4 rows and columns from the top-left. */
function dwtRegion(width: number, height: number): { rows: number; cols: number } {
  return { rows: height - (height % 4), cols: width - (width % 4) };
}

/** Watermarks 8-bit RGB as imwatermark does from a uint8 array; returns a new image. */
export function embedWatermark(image: RgbImage, bits: Uint8Array, method: WatermarkMethod): RgbImage {
  checkImage(image);
  checkMethod(method);
  checkBits(bits);
  const { width, height } = image;
  const pixels = width * height;
  const yuv = rgbToYuv8(image.data, pixels);
  const { rows, cols } = dwtRegion(width, height);
  const bands = haarForward64(yuv.u, width, rows, cols);
  const grid = blockGrid(bands.rows, bands.cols);
  if (method === 'dwtDct') embedMaxDct(bands.ll, grid, bits);
  else embedSvd(bands.ll, grid, bits);
  // NOTE: writing float64 into the Uint8Array truncates (numpy's unsafe cast), never rounds.
  haarInverseSwapped64(bands, yuv.u, width);
  return { data: yuvToRgb8(yuv, pixels), width, height };
}

/**
 * The float32 path of diffusers' SDXL watermarker (always dwtDct): `rgb` holds 0..255 floats, RGB
 * interleaved. Returns the encoder's float32 output (RGB, not clamped or rounded: diffusers clamps,
 * its image processor rounds). Marks made this way decode poorly (the 0.5 chroma offset).
 */
export function embedWatermarkFloat(rgb: Float32Array, width: number, height: number, bits: Uint8Array): Float32Array {
  checkSize(width, height);
  checkBits(bits);
  if (rgb.length !== width * height * 3) {
    throw new StudioError('watermark/bad-image', `RGB data has ${rgb.length} values; ${width}×${height} RGB needs ${width * height * 3}.`, { values: rgb.length, width, height });
  }
  const yuv = rgbToYuvF32(rgb, width, height);
  const { rows, cols } = dwtRegion(width, height);
  const bands = haarForward32(yuv.u, width, rows, cols);
  embedMaxDct(bands.ll, blockGrid(bands.rows, bands.cols), bits);
  haarInverseSwapped32(bands, yuv.u, width);
  return yuvToRgbF32(yuv, width, height);
}

/** Reads `length` bits from 8-bit RGB as imwatermark's decoder does (it always returns bits). */
export function detectWatermark(image: RgbImage, length: number, method: WatermarkMethod): Uint8Array {
  checkImage(image);
  checkMethod(method);
  if (!Number.isInteger(length) || length < 1) {
    throw new StudioError('watermark/bad-length', `Watermark length must be a whole number of bits ≥ 1, got ${length}.`, { length });
  }
  const { rows, cols } = dwtRegion(image.width, image.height);
  const u = rgbToU8(image.data, image.width, rows, cols);
  const ll = haarLL64(u, cols, rows, cols);
  const grid = blockGrid(rows >> 1, cols >> 1);
  return method === 'dwtDct' ? readMaxDct(ll, grid, length) : readSvd(ll, grid, length);
}

/** Positions where `actual` equals `expected`, out of `expected.length` (missing bits count as wrong). */
export function compareBits(expected: Uint8Array, actual: Uint8Array): { matching: number; total: number } {
  let matching = 0;
  const n = Math.min(expected.length, actual.length);
  for (let i = 0; i < n; i++) if ((expected[i] & 1) === (actual[i] & 1)) matching++;
  return { matching, total: expected.length };
}
