// The Lab's files for the CLI: latents as .npy (float32, [1, 4, h, w]) and images as PNG.
// Not here: what the files hold (lab.ts runs the experiments).
import { readFile, writeFile } from 'node:fs/promises';
import { StudioError } from '../../src-shared/errors.js';
import { readNpyFloat32, writeNpy } from '../engine/npy.js';
import { pngOf, type RgbImage } from './lab-images.js';

export async function readLatentsNpy(file: string): Promise<{ latents: Float32Array; shape: number[] }> {
  const { data, shape } = await readNpyFloat32(file);
  return { latents: data, shape };
}

export async function writeFloatNpy(file: string, data: Float32Array, shape: readonly number[]): Promise<void> {
  await writeNpy(file, 'float32', shape, data);
}

export async function writeRgbPng(file: string, img: RgbImage): Promise<void> {
  await writeFile(file, await pngOf(img.rgb, img.width, img.height, 3));
}

export async function readImageFile(file: string): Promise<Buffer> {
  try {
    return await readFile(file);
  } catch (cause) {
    throw new StudioError('lab/image-unreadable', `Cannot read the image ${file}: ${(cause as Error).message}`, { file }, { cause });
  }
}
