// Importing PNGs made elsewhere (WebUI, ours): checks that they are whole, sane-sized PNGs with
// parameters, then copies their bytes unchanged except for our gallery record chunk.
import { readFile, stat } from 'node:fs/promises';
import sharp from 'sharp';
import { StudioError } from '../../src-shared/errors.js';
import { fsError } from './atomic-write.js';
import { checkIsPng } from './info.js';
import { itxtChunk, withTextChunks } from './png-chunks.js';
import { GALLERY_KEYWORD, MAX_IMAGE_PIXELS, checkImageSize, readPngMetadata, type PngMetadata } from './png-meta.js';
import type { GalleryChunk } from './types.js';

/** Larger files are refused before reading: no PNG within MAX_IMAGE_PIXELS needs more. */
export const MAX_IMPORT_BYTES = 4 * MAX_IMAGE_PIXELS + 64 * 1024 * 1024;

export interface PreparedImport {
  /** The bytes to store: the original file with our gallery chunk inserted. */
  bytes: Buffer;
  /** The file's metadata, with `gallery` now the record written into `bytes`. */
  meta: PngMetadata;
  created: Date;
}

/**
 * Reads and checks `file` for import. Throws StudioError: gallery/unsupported-format (not a PNG),
 * gallery/corrupt-png (bad CRC, truncated, undecodable pixels), gallery/image-too-large,
 * gallery/no-parameters (a PNG that carries no generation parameters).
 */
export async function prepareImport(file: string, makeChunk: (meta: PngMetadata, created: Date) => GalleryChunk): Promise<PreparedImport> {
  let buf: Buffer;
  let created: Date;
  try {
    const st = await stat(file);
    if (!st.isFile()) throw new StudioError('gallery/unsupported-format', `"${file}" is not a file.`, { file });
    if (st.size > MAX_IMPORT_BYTES) {
      throw new StudioError('gallery/image-too-large', `"${file}" is ${st.size} bytes; the gallery imports files up to ${MAX_IMPORT_BYTES} bytes.`, { file, bytes: st.size });
    }
    created = st.mtime;
    buf = await readFile(file);
  } catch (err) {
    throw fsError(err, 'read', file);
  }
  checkIsPng(buf, file);
  const meta = readPngMetadata(buf, file);
  checkImageSize(meta, file);
  if (!meta.infotext && !meta.params) {
    const keys = Object.keys(meta.texts);
    throw new StudioError(
      'gallery/no-parameters',
      `"${file}" carries no generation parameters (no "parameters" or "latent-studio" text chunk${keys.length ? `; it has: ${keys.join(', ')}` : '; it has no text chunks at all'}). Only generated images can be imported.`,
      { file, keywords: keys.join(',') },
    );
  }
  try {
    // Decode every pixel once: a PNG whose image data is damaged must not enter the gallery.
    await sharp(buf, { failOn: 'error', limitInputPixels: MAX_IMAGE_PIXELS }).raw().toBuffer();
  } catch (err) {
    throw new StudioError('gallery/corrupt-png', `"${file}" is not a valid PNG: its image data does not decode (${(err as Error).message}).`, { file }, { cause: err });
  }
  const record = makeChunk(meta, created);
  const bytes = withTextChunks(buf, [itxtChunk(GALLERY_KEYWORD, JSON.stringify(record))], [GALLERY_KEYWORD], file);
  return { bytes, meta: { ...meta, gallery: record }, created };
}
