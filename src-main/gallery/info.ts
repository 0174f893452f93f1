// `gallery info`: the generation parameters of any PNG, ours (JSON chunk) or WebUI's (`parameters`
// infotext in tEXt, zTXt or iTXt), without decoding pixels.
import { open } from 'node:fs/promises';
import { StudioError } from '../../src-shared/errors.js';
import type { GenerationParams } from '../../src-shared/generation-params.js';
import { fsError } from './atomic-write.js';
import { GALLERY_KEYWORD, PARAMETERS_KEYWORD, PARAMS_KEYWORD, readPngFileMetadata, type PngMetadata } from './png-meta.js';
import type { GalleryChunk } from './types.js';

const OTHER_FORMATS: Array<[string, (b: Buffer) => boolean]> = [
  ['JPEG', (b) => b[0] === 0xff && b[1] === 0xd8 && b[2] === 0xff],
  ['WebP', (b) => b.toString('latin1', 0, 4) === 'RIFF' && b.toString('latin1', 8, 12) === 'WEBP'],
  ['GIF', (b) => b.toString('latin1', 0, 4) === 'GIF8'],
  ['AVIF/HEIF', (b) => b.toString('latin1', 4, 8) === 'ftyp'],
];

/** Throws gallery/unsupported-format naming what the file is when it is not a PNG. */
export function checkIsPng(head: Buffer, file: string): void {
  if (head.length >= 8 && head.readUInt32BE(0) === 0x89504e47 && head.readUInt32BE(4) === 0x0d0a1a0a) return;
  const other = OTHER_FORMATS.find(([, test]) => head.length >= 12 && test(head))?.[0];
  throw new StudioError('gallery/unsupported-format', `"${file}" is ${other ? `a ${other} file` : 'not a PNG file'}; generation parameters are read from PNG files (text chunks).`, { file, format: other ?? 'unknown' });
}

export interface PngInfo {
  file: string;
  width: number;
  height: number;
  /** `latent-studio` when our JSON chunk is present (it is the complete record), else `webui`. */
  source: 'latent-studio' | 'webui';
  /** The raw infotext (`parameters` chunk), if any. */
  parameters: string | null;
  prompt: string;
  negativePrompt: string;
  /** The infotext's `key: value` fields (unquoted). */
  fields: Record<string, string>;
  params: GenerationParams | null;
  /** Why a `latent-studio` chunk present in the file was not usable. */
  paramsError?: string;
  gallery: GalleryChunk | null;
  /** Any other text chunks (e.g. another tool's), keyword → text. */
  otherText: Record<string, string>;
}

async function readHead(file: string): Promise<Buffer> {
  const fh = await open(file, 'r');
  try {
    const head = Buffer.alloc(16);
    const { bytesRead } = await fh.read(head, 0, 16, 0);
    return head.subarray(0, bytesRead);
  } finally {
    await fh.close();
  }
}

export function infoFromMetadata(file: string, meta: PngMetadata): PngInfo {
  const { [PARAMETERS_KEYWORD]: parameters, [PARAMS_KEYWORD]: _json, [GALLERY_KEYWORD]: _gallery, ...otherText } = meta.texts;
  const info: PngInfo = {
    file, width: meta.width, height: meta.height, source: meta.params ? 'latent-studio' : 'webui', parameters: parameters ?? null,
    prompt: meta.params?.prompt ?? meta.infotext?.prompt ?? '', negativePrompt: meta.params?.negativePrompt ?? meta.infotext?.negativePrompt ?? '',
    fields: meta.infotext?.fields ?? {}, params: meta.params ?? null, gallery: meta.gallery ?? null, otherText,
  };
  if (meta.paramsError) info.paramsError = meta.paramsError;
  return info;
}

/**
 * The parameters of `file`. Throws StudioError: gallery/unsupported-format (not a PNG),
 * gallery/corrupt-png, gallery/no-parameters (a PNG without `parameters` or `latent-studio` text).
 */
export async function describePng(file: string): Promise<PngInfo> {
  let meta: PngMetadata;
  try {
    checkIsPng(await readHead(file), file);
    meta = await readPngFileMetadata(file);
  } catch (err) {
    throw fsError(err, 'read', file);
  }
  if (!meta.infotext && !meta.params) {
    const keys = Object.keys(meta.texts);
    throw new StudioError(
      'gallery/no-parameters',
      `"${file}" carries no generation parameters (no "parameters" or "latent-studio" text chunk${keys.length ? `; its text chunks: ${keys.join(', ')}` : '; it has no text chunks at all'}).`,
      { file, keywords: keys.join(',') },
    );
  }
  return infoFromMetadata(file, meta);
}
