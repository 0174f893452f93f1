// Our metadata in a PNG: WebUI's `parameters` text, the full GenerationParams JSON (`latent-studio`)
// and the gallery record (`latent-studio-gallery`); reading them back from ours or anyone's PNG.
// Pixels are sharp's business; this module only reads and writes text chunks.
import { open } from 'node:fs/promises';
import { StudioError } from '../../src-shared/errors.js';
import type { GenerationParams } from '../../src-shared/generation-params.js';
import { formatInfotext, parseInfotext, type ParsedInfotext } from './infotext.js';
import { parseGalleryChunk, parseGenerationParams } from './params-schema.js';
import {
  MAX_TEXT_BYTES, chunkAt, corruptPng, decodeTextChunk, hasPngSignature, isTextChunkType, itxtChunk, parsePngChunks, readIhdr, textChunk,
  type Ihdr, type PngChunk,
} from './png-chunks.js';
import type { GalleryChunk } from './types.js';

export const PARAMETERS_KEYWORD = 'parameters';
export const PARAMS_KEYWORD = 'latent-studio';
export const GALLERY_KEYWORD = 'latent-studio-gallery';

/** Images larger than this are refused on import (decoding one would need gigabytes). */
export const MAX_IMAGE_SIDE = 16384;
export const MAX_IMAGE_PIXELS = 8192 * 8192;

export interface PngMetadata {
  width: number;
  height: number;
  /** Every text chunk, keyword → text (a later chunk with the same keyword wins, as in Pillow). */
  texts: Record<string, string>;
  /** WebUI's infotext, parsed, when a `parameters` chunk is present. */
  infotext?: ParsedInfotext;
  /** Our full parameters, when a valid `latent-studio` chunk is present. */
  params?: GenerationParams;
  /** Why a `latent-studio` chunk was ignored. */
  paramsError?: string;
  gallery?: GalleryChunk;
}

/** The three chunks written into every image the gallery saves (the infotext only with params). */
export function metadataChunks(params: GenerationParams | undefined, gallery: GalleryChunk): PngChunk[] {
  const chunks: PngChunk[] = [];
  if (params) {
    chunks.push(textChunk(PARAMETERS_KEYWORD, formatInfotext(params)));
    chunks.push(itxtChunk(PARAMS_KEYWORD, JSON.stringify(params)));
  }
  chunks.push(itxtChunk(GALLERY_KEYWORD, JSON.stringify(gallery)));
  return chunks;
}

export function checkImageSize(size: { width: number; height: number }, what: string): void {
  const { width, height } = size;
  if (width === 0 || height === 0) throw corruptPng(what, `its IHDR declares ${width}×${height} pixels`);
  if (width > MAX_IMAGE_SIDE || height > MAX_IMAGE_SIDE || width * height > MAX_IMAGE_PIXELS) {
    throw new StudioError(
      'gallery/image-too-large',
      `${what} is ${width}×${height} pixels; the gallery takes images up to ${MAX_IMAGE_SIDE} pixels a side and ${MAX_IMAGE_PIXELS / 1048576} megapixels (8192×8192). Downscale it first.`,
      { file: what, width, height, maxSide: MAX_IMAGE_SIDE, maxPixels: MAX_IMAGE_PIXELS },
    );
  }
}

function collect(ihdr: Ihdr, chunks: PngChunk[], what: string): PngMetadata {
  const texts: Record<string, string> = {};
  for (const c of chunks) {
    const t = decodeTextChunk(c, what);
    if (t) texts[t.keyword] = t.text;
  }
  const meta: PngMetadata = { width: ihdr.width, height: ihdr.height, texts };
  if (texts[PARAMETERS_KEYWORD] !== undefined) meta.infotext = parseInfotext(texts[PARAMETERS_KEYWORD]);
  if (texts[PARAMS_KEYWORD] !== undefined) {
    const { params, error } = parseGenerationParams(texts[PARAMS_KEYWORD]);
    if (params) meta.params = params;
    else meta.paramsError = error;
  }
  if (texts[GALLERY_KEYWORD] !== undefined) meta.gallery = parseGalleryChunk(texts[GALLERY_KEYWORD]);
  return meta;
}

/** Metadata of a PNG held in memory; the whole file is checked (signature, every CRC, IEND). */
export function readPngMetadata(png: Buffer, what = 'the image'): PngMetadata {
  const chunks = parsePngChunks(png, what);
  return collect(readIhdr(chunks[0].data, what), chunks, what);
}

const IEND_CHUNK = Buffer.from([0, 0, 0, 0, 0x49, 0x45, 0x4e, 0x44, 0xae, 0x42, 0x60, 0x82]);
const HEAD_BYTES = 64 * 1024;

/**
 * Metadata of a PNG file without reading its pixels: chunks up to the first IDAT (where Pillow, WebUI
 * and we put text) plus a check that the file ends with IEND. Falls back to reading the whole file
 * when no text precedes IDAT (some tools append text after the image data).
 */
export async function readPngFileMetadata(file: string): Promise<PngMetadata> {
  const fh = await open(file, 'r');
  try {
    const size = (await fh.stat()).size;
    const head = Buffer.alloc(Math.min(size, HEAD_BYTES));
    await fh.read(head, 0, head.length, 0);
    if (!hasPngSignature(head)) throw corruptPng(file, 'it does not start with the PNG signature');
    const readAt = async (pos: number, len: number): Promise<Buffer> => {
      if (pos + len <= head.length) return head.subarray(pos, pos + len);
      const buf = Buffer.alloc(len);
      await fh.read(buf, 0, len, pos);
      return buf;
    };
    const chunks: PngChunk[] = [];
    for (let pos = 8; ; ) {
      if (pos + 12 > size) throw corruptPng(file, `it is truncated at byte ${pos}`, { offset: pos });
      const header = await readAt(pos, 8);
      const length = header.readUInt32BE(0);
      const type = header.toString('latin1', 4, 8);
      if (length > 0x7fffffff || pos + 12 + length > size) throw corruptPng(file, `chunk "${type}" at byte ${pos} runs past the end of the file`, { offset: pos });
      if (type === 'IDAT') break;
      if (type === 'IEND') throw corruptPng(file, 'it has no IDAT chunk');
      if (chunks.length === 0 && type !== 'IHDR') throw corruptPng(file, 'the first chunk is not IHDR');
      if (type === 'IHDR' || isTextChunkType(type)) {
        if (length > MAX_TEXT_BYTES) throw corruptPng(file, `text chunk at byte ${pos} has ${length} bytes (at most ${MAX_TEXT_BYTES})`, { offset: pos });
        chunks.push(chunkAt(await readAt(pos, length + 12), 0, file, pos));
      }
      pos += 12 + length;
    }
    // No text before IDAT (some tools append it), or bytes after IEND: walk the whole file instead.
    if (!chunks.some((c) => c.type !== 'IHDR') || !(await readAt(size - 12, 12)).equals(IEND_CHUNK)) {
      const whole = Buffer.alloc(size);
      await fh.read(whole, 0, size, 0);
      return readPngMetadata(whole, file);
    }
    return collect(readIhdr(chunks[0].data, file), chunks, file);
  } finally {
    await fh.close();
  }
}
