// Small preview pictures to bytes and data: URLs (PNG or WebP, lossless) with sharp. Grayscale or RGB;
// no scaling (the browser scales with image-rendering: pixelated).
import sharp from 'sharp';
import { latentPreview } from './latent-preview.js';

export type PreviewFormat = 'png' | 'webp';

export interface RawImage {
  width: number;
  height: number;
  /** Interleaved 8-bit pixels, `channels` per pixel (1 gray, 3 RGB). */
  data: Uint8Array;
  channels: 1 | 3;
}

export async function encodePreview(img: RawImage, format: PreviewFormat = 'png'): Promise<Buffer> {
  const s = sharp(Buffer.from(img.data.buffer, img.data.byteOffset, img.data.byteLength), { raw: { width: img.width, height: img.height, channels: img.channels } });
  return format === 'png' ? s.png({ compressionLevel: 6 }).toBuffer() : s.webp({ lossless: true }).toBuffer();
}

/** `data:image/png;base64,…` (or webp) of a small preview. */
export async function previewDataUrl(img: RawImage, format: PreviewFormat = 'png'): Promise<string> {
  return `data:image/${format};base64,${(await encodePreview(img, format)).toString('base64')}`;
}

/** The live preview of a running job in one call: latentPreview of one batch image as a PNG data: URL. */
export async function latentPreviewDataUrl(latents: ArrayLike<number>, batchIndex: number, shape: readonly number[], family: string): Promise<string> {
  const p = latentPreview(latents, batchIndex, shape, family);
  return previewDataUrl({ width: p.width, height: p.height, data: p.rgb, channels: 3 });
}
