// An image file (PNG, JPEG, WebP…) as the VAE encoder takes it, as diffusers' VaeImageProcessor
// prepares it: RGB (alpha dropped, as PIL's convert("RGB")), sides cut down to multiples of 8 by a
// Lanczos resize (only when needed), [0, 255] → [0, 1] → [-1, 1] in float32, NCHW.
// Not here: EXIF rotation (PIL does not apply it either) or cropping.
import sharp from 'sharp';
import { SIZE_MAX } from '../../../src-shared/contract/limits.js';
import { StudioError } from '../../../src-shared/errors.js';

export interface VaeImage {
  width: number;
  height: number;
  /** Interleaved 8-bit RGB of the (resized) image: what the round trip is compared with. */
  rgb: Uint8Array;
  /** [1, 3, height, width] in [-1, 1]. */
  chw: Float32Array;
  /** The file's own size when it was resized to multiples of 8. */
  resizedFrom?: { width: number; height: number };
}

const f32 = Math.fround;

export async function loadVaeImage(bytes: Uint8Array, what = 'The image'): Promise<VaeImage> {
  let meta: Awaited<ReturnType<ReturnType<typeof sharp>["metadata"]>>;
  try {
    meta = await sharp(bytes).metadata();
  } catch (cause) {
    throw new StudioError('engine/bad-image', `${what} cannot be decoded: ${(cause as Error).message}. Use a PNG, JPEG or WebP file.`, {}, { cause });
  }
  const w0 = meta.width ?? 0;
  const h0 = meta.height ?? 0;
  const width = w0 - (w0 % 8);
  const height = h0 - (h0 % 8);
  if (width < 8 || height < 8 || width > SIZE_MAX || height > SIZE_MAX) {
    throw new StudioError(
      'engine/bad-image-size',
      `${what} is ${w0}×${h0}; each side must be from 8 to ${SIZE_MAX} pixels (cut down to a multiple of 8). Resize it first.`,
      { width: w0, height: h0, max: SIZE_MAX },
    );
  }
  let pipeline = sharp(bytes).removeAlpha().toColourspace('srgb');
  if (width !== w0 || height !== h0) pipeline = pipeline.resize(width, height, { fit: 'fill', kernel: 'lanczos3' });
  const { data, info } = await pipeline.raw().toBuffer({ resolveWithObject: true });
  if (info.channels !== 3 || info.width !== width || info.height !== height) {
    throw new StudioError('engine/bad-image', `${what} decoded to ${info.width}×${info.height} with ${info.channels} channels; 3-channel RGB was expected.`, { channels: info.channels });
  }
  const rgb = new Uint8Array(data.buffer, data.byteOffset, data.byteLength);
  const plane = width * height;
  const chw = new Float32Array(3 * plane);
  for (let c = 0; c < 3; c++) {
    for (let i = 0; i < plane; i++) chw[c * plane + i] = f32(f32(f32(rgb[i * 3 + c] / 255) * 2) - 1);
  }
  return { width, height, rgb, chw, ...(width !== w0 || height !== h0 ? { resizedFrom: { width: w0, height: h0 } } : {}) };
}
