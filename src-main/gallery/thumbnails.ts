// Grid thumbnails: WebP, at most 256 px a side, made once with sharp and cached as thumbs/<id>.webp.
// A cache: written without fsync (a lost one is simply made again), never the source of anything.
import { mkdir, rm, stat } from 'node:fs/promises';
import path from 'node:path';
import sharp from 'sharp';
import { StudioError } from '../../src-shared/errors.js';
import { writeFileAtomic } from './atomic-write.js';

export const THUMB_SIZE = 256;
export const THUMB_QUALITY = 80;

export async function makeThumbnail(source: string): Promise<Buffer> {
  try {
    return await sharp(source).resize(THUMB_SIZE, THUMB_SIZE, { fit: 'inside', withoutEnlargement: true }).webp({ quality: THUMB_QUALITY }).toBuffer();
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') throw new StudioError('gallery/not-found', `Image file "${source}" is missing; run "latent-studio gallery rebuild".`, { file: source }, { cause: err });
    throw new StudioError('gallery/unreadable-image', `Cannot make a thumbnail of "${source}": ${(err as Error).message}.`, { file: source }, { cause: err });
  }
}

/** The cached thumbnail's path, made first if missing (or empty, after a crash). */
export async function ensureThumbnail(source: string, thumb: string): Promise<string> {
  try {
    if ((await stat(thumb)).size > 0) return thumb;
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err;
  }
  const webp = await makeThumbnail(source);
  await mkdir(path.dirname(thumb), { recursive: true });
  await writeFileAtomic(thumb, webp, { durable: false });
  return thumb;
}

export async function removeThumbnail(thumb: string): Promise<void> {
  await rm(thumb, { force: true });
}
