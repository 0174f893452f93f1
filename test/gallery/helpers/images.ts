// Test images and PNG files for the gallery tests. The PNG text-chunk builder here is written apart
// from src-main/gallery/png-chunks.ts (straight from the PNG spec), so the reader is checked against
// files it did not write itself, the way Pillow/WebUI lay them out.
import { crc32, deflateSync } from 'node:zlib';
import sharp from 'sharp';
import type { GenerationParams } from '../../../src-shared/generation-params.js';
import type { RgbImage } from '../../../src-main/gallery/watermark/index.js';

export function sampleParams(over: Partial<GenerationParams> = {}): GenerationParams {
  return {
    prompt: 'a watercolor fox in a snowy forest, soft light',
    negativePrompt: 'blurry, lowres',
    steps: 20,
    guidance: 7.5,
    seed: '42',
    rngSource: 'torch-cpu',
    scheduler: 'euler-a',
    schedulerConfig: { beta_start: 0.00085, beta_end: 0.012, timestep_spacing: 'leading' },
    width: 256,
    height: 256,
    batchSize: 1,
    batchIndex: 0,
    model: { name: 'tiny-sd', id: 'org/tiny-sd', revision: 'main', hash: 'ABCDEF0123456789abcdef0123456789abcdef0123456789abcdef0123456789' },
    ep: 'cpu',
    timingsMs: { total: 1234.5, unet: 1000 },
    appVersion: '0.1.0',
    ...over,
  };
}

function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Smooth gradients with mild noise: photo-like, compresses moderately. */
export function patternImage(width: number, height: number, seed = 1): RgbImage {
  const rand = mulberry32(seed);
  const data = new Uint8Array(width * height * 3);
  const phase = rand() * 6;
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const i = (y * width + x) * 3;
      data[i] = Math.round(127 + 100 * Math.sin(x / 23 + phase) + rand() * 8);
      data[i + 1] = Math.round(127 + 100 * Math.cos(y / 31 + phase) + rand() * 8);
      data[i + 2] = Math.round(((x + y) * 255) / (width + height) + rand() * 8) & 255;
    }
  }
  return { data, width, height };
}

/** Uniform noise: a PNG of it is as large as the raw pixels. */
export function noiseImage(width: number, height: number, seed = 1): RgbImage {
  const rand = mulberry32(seed);
  const data = new Uint8Array(width * height * 3);
  for (let i = 0; i < data.length; i++) data[i] = Math.floor(rand() * 256);
  return { data, width, height };
}

export async function plainPng(image: RgbImage): Promise<Buffer> {
  return sharp(Buffer.from(image.data), { raw: { width: image.width, height: image.height, channels: 3 } }).png().toBuffer();
}

export interface TextSpec { type: 'tEXt' | 'zTXt' | 'iTXt'; keyword: string; text: string; compressed?: boolean }

function chunkBytes(type: string, data: Buffer): Buffer {
  const len = Buffer.alloc(4);
  len.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'latin1'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body) >>> 0);
  return Buffer.concat([len, body, crc]);
}

function textData(spec: TextSpec): Buffer {
  const key = Buffer.from(`${spec.keyword}\0`, 'latin1');
  if (spec.type === 'tEXt') return Buffer.concat([key, Buffer.from(spec.text, 'latin1')]);
  if (spec.type === 'zTXt') return Buffer.concat([key, Buffer.from([0]), deflateSync(Buffer.from(spec.text, 'latin1'))]);
  const utf8 = Buffer.from(spec.text, 'utf8');
  return Buffer.concat([key, Buffer.from([spec.compressed ? 1 : 0, 0]), Buffer.from('en\0\0', 'latin1'), spec.compressed ? deflateSync(utf8) : utf8]);
}

/** Splices text chunks into a PNG right after IHDR (Pillow's place) or just before IEND. */
export function pngWithText(png: Buffer, texts: TextSpec[], where: 'after-ihdr' | 'before-iend' = 'after-ihdr'): Buffer {
  const chunks = Buffer.concat(texts.map((t) => chunkBytes(t.type, textData(t))));
  const at = where === 'after-ihdr' ? 8 + 12 + 13 : png.length - 12;
  return Buffer.concat([png.subarray(0, at), chunks, png.subarray(at)]);
}

/** A PNG whose IHDR declares width×height (CRC fixed), with the original, tiny image data. */
export function withDeclaredSize(png: Buffer, width: number, height: number): Buffer {
  const out = Buffer.from(png);
  out.writeUInt32BE(width, 16);
  out.writeUInt32BE(height, 20);
  out.writeUInt32BE(crc32(out.subarray(12, 29)) >>> 0, 29);
  return out;
}
