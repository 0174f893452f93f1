// The Lab's pictures: RGB and gray PNGs, latent channels stretched to gray, noise tensors as a strip of
// channels, the round trip's difference image and PSNR, data: URLs. Not here: the latent → RGB preview
// projection (engine/preview owns that) or any model run.
import sharp from 'sharp';
import { StudioError } from '../../src-shared/errors.js';

export interface RgbImage {
  width: number;
  height: number;
  /** Interleaved 8-bit RGB. */
  rgb: Uint8Array;
}

export async function pngOf(pixels: Uint8Array, width: number, height: number, channels: 1 | 3): Promise<Buffer> {
  const img = sharp(pixels, { raw: { width, height, channels } });
  return (channels === 1 ? img.toColourspace('b-w') : img).png().toBuffer();
}

export function dataUrl(png: Uint8Array): string {
  return `data:image/png;base64,${Buffer.from(png).toString('base64')}`;
}

export async function rgbDataUrl(img: RgbImage): Promise<string> {
  return dataUrl(await pngOf(img.rgb, img.width, img.height, 3));
}

/** Bytes of a `data:image/…;base64,` URL. */
export function dataUrlBytes(url: string): Buffer {
  const comma = url.indexOf(',');
  if (!url.startsWith('data:') || comma < 0 || !/;base64$/.test(url.slice(0, comma))) {
    throw new StudioError('lab/bad-image-url', `The image URL is not a base64 data: URL (it starts ${JSON.stringify(url.slice(0, 30))}). Send data:image/png;base64,… or a gallery id.`, {});
  }
  return Buffer.from(url.slice(comma + 1), 'base64');
}

/** Each channel of [1, C, h, w] as a gray PNG, stretched from its own min (black) to max (white). */
export async function channelUrls(latents: Float32Array, shape: readonly number[]): Promise<{ urls: string[]; ranges: { min: number; max: number }[] }> {
  const [, c, h, w] = shape;
  const plane = h * w;
  const urls: string[] = [];
  const ranges: { min: number; max: number }[] = [];
  for (let k = 0; k < c; k++) {
    const ch = latents.subarray(k * plane, (k + 1) * plane);
    let min = Infinity;
    let max = -Infinity;
    for (const v of ch) {
      min = Math.min(min, v);
      max = Math.max(max, v);
    }
    const span = max - min;
    const gray = Uint8Array.from(ch, (v) => (span > 0 ? Math.round(((v - min) / span) * 255) : 128));
    urls.push(dataUrl(await pngOf(gray, w, h, 1)));
    ranges.push({ min, max });
  }
  return { urls, ranges };
}

/** The C channels of [1, C, h, w] side by side (one pixel of gray between), gray over [-range, range]. */
export async function channelStripUrl(t: Float32Array, shape: readonly number[], range: number): Promise<string> {
  const [, c, h, w] = shape;
  const width = c * w + (c - 1);
  const gray = new Uint8Array(width * h).fill(128);
  for (let k = 0; k < c; k++) {
    for (let y = 0; y < h; y++) {
      for (let x = 0; x < w; x++) {
        const v = t[k * h * w + y * w + x];
        gray[y * width + k * (w + 1) + x] = Math.round(Math.min(1, Math.max(0, (v + range) / (2 * range))) * 255);
      }
    }
  }
  return dataUrl(await pngOf(gray, width, h, 1));
}

/** |a − b| per channel times `gain` (clamped), and the PSNR of b against a in dB (null when equal). */
export function compareRgb(a: RgbImage, b: RgbImage, gain: number): { diff: RgbImage; psnr: number | null } {
  if (a.width !== b.width || a.height !== b.height) {
    throw new StudioError('lab/size-mismatch', `Cannot compare a ${a.width}×${a.height} image with a ${b.width}×${b.height} one.`, {});
  }
  const diff = new Uint8Array(a.rgb.length);
  let sq = 0;
  for (let i = 0; i < diff.length; i++) {
    const d = a.rgb[i] - b.rgb[i];
    sq += d * d;
    diff[i] = Math.min(255, Math.abs(d) * gain);
  }
  const mse = sq / diff.length;
  return { diff: { width: a.width, height: a.height, rgb: diff }, psnr: mse === 0 ? null : 10 * Math.log10((255 * 255) / mse) };
}
