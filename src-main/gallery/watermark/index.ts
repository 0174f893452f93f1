// The invisible watermark: imwatermark's dwtDct and dwtDctSvd (encoder and decoder, bit for bit with
// invisible-watermark 0.2.0) plus the Latent Studio default mark. rivaGan and ipv4 are not offered.
// See ../shared/docs/watermark-algorithm.md for every quirk this reproduces.
import sharp from 'sharp';
import { StudioError } from '../../../src-shared/errors.js';
import type { RgbImage, WatermarkMethod } from './codec.js';
import { encodePayload, type PayloadType } from './payload.js';

export {
  MIN_WATERMARK_PIXELS, WATERMARK_METHODS, canWatermark, compareBits, detectWatermark, embedWatermark, embedWatermarkFloat,
  type RgbImage, type WatermarkMethod,
} from './codec.js';
export { PAYLOAD_TYPES, decodePayload, encodePayload, type PayloadType } from './payload.js';

/**
 * Latent Studio's own mark: the 6 bytes of "LStdio" (hex 4C537464696F), 48 bits MSB first, with
 * dwtDctSvd (the method that survives JPEG). 48 bits like SDXL's mark, so Stability's grading of
 * matching bits (≤27 none, 28–33 partial, 34–35 likely, ≥36 very likely) applies as-is.
 * NOTE: `bits` is a typed array and cannot be frozen; treat it as read-only.
 */
export const DEFAULT_MARK: { type: PayloadType; message: string; bits: Uint8Array; method: WatermarkMethod } = Object.freeze({
  type: 'bytes' as const,
  message: 'LStdio',
  bits: encodePayload('bytes', 'LStdio'),
  method: 'dwtDctSvd' as const,
});

/** Reads any image sharp can decode (PNG, JPEG, WebP, …) as 8-bit RGB, alpha removed. */
export async function readRgb(file: string): Promise<RgbImage> {
  try {
    let { data, info } = await sharp(file).removeAlpha().raw().toBuffer({ resolveWithObject: true });
    if (info.channels !== 3) {
      // Grey or CMYK sources: let libvips convert to sRGB (only then, so RGB files keep their exact samples).
      ({ data, info } = await sharp(file).toColourspace('srgb').removeAlpha().raw().toBuffer({ resolveWithObject: true }));
    }
    if (info.channels !== 3 || data.length !== info.width * info.height * 3) {
      throw new Error(`decoded to ${info.channels} channels of ${data.length} bytes`);
    }
    return { data: new Uint8Array(data.buffer, data.byteOffset, data.length), width: info.width, height: info.height };
  } catch (err) {
    throw new StudioError('watermark/unreadable-image', `Cannot read image "${file}": ${(err as Error).message}. Give a PNG, JPEG or WebP file.`, { file }, { cause: err });
  }
}
