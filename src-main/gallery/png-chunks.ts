// PNG chunk framing (length, type, data, CRC-32) and the three text chunks (tEXt, zTXt, iTXt), per the
// PNG spec (ISO/IEC 15948 §11.3.4). Hand-written because sharp/libvips cannot write arbitrary text
// chunks or read them back verbatim; pixels are never touched here.
import { constants as zlibConstants, crc32, deflateSync, inflateSync } from 'node:zlib';
import { StudioError } from '../../src-shared/errors.js';

export const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
/** Text larger than this (after inflating) is refused: a zTXt bomb must not exhaust memory. */
export const MAX_TEXT_BYTES = 8 * 1024 * 1024;

export interface PngChunk { type: string; data: Buffer }
export interface PngText { keyword: string; text: string; chunk: 'tEXt' | 'zTXt' | 'iTXt' }
export interface Ihdr { width: number; height: number; bitDepth: number; colorType: number; interlace: number }

const TEXT_TYPES = new Set(['tEXt', 'zTXt', 'iTXt']);

export function corruptPng(what: string, why: string, params: Record<string, string | number> = {}): StudioError {
  return new StudioError('gallery/corrupt-png', `${what} is not a valid PNG: ${why}. Re-export it from the program that made it.`, { file: what, ...params });
}

export function hasPngSignature(buf: Uint8Array): boolean {
  return buf.length >= 8 && PNG_SIGNATURE.equals(Buffer.from(buf.buffer, buf.byteOffset, 8));
}

function chunkCrc(typeAndData: Buffer): number {
  return crc32(typeAndData) >>> 0;
}

/** One framed chunk (length, type, data, CRC) starting at `pos`; checks bounds and the CRC. */
export function chunkAt(buf: Buffer, pos: number, what = 'the image', fileOffset = pos): PngChunk {
  if (pos + 12 > buf.length) throw corruptPng(what, `it is truncated at byte ${fileOffset}`, { offset: fileOffset });
  const length = buf.readUInt32BE(pos);
  const type = buf.toString('latin1', pos + 4, pos + 8);
  if (length > 0x7fffffff || pos + 12 + length > buf.length) throw corruptPng(what, `chunk "${type}" at byte ${fileOffset} runs past the end of the file`, { offset: fileOffset });
  const crc = buf.readUInt32BE(pos + 8 + length);
  if (chunkCrc(buf.subarray(pos + 4, pos + 8 + length)) !== crc) throw corruptPng(what, `chunk "${type}" at byte ${fileOffset} fails its CRC check`, { offset: fileOffset });
  return { type, data: buf.subarray(pos + 8, pos + 8 + length) };
}

/** Splits a whole PNG into chunks, checking the signature, every length and CRC, and that IEND closes it. */
export function parsePngChunks(png: Buffer, what = 'the image'): PngChunk[] {
  if (!hasPngSignature(png)) throw corruptPng(what, 'it does not start with the PNG signature');
  const chunks: PngChunk[] = [];
  for (let pos = 8; pos < png.length; ) {
    const chunk = chunkAt(png, pos, what);
    chunks.push(chunk);
    pos += 12 + chunk.data.length;
    if (chunk.type === 'IEND') break;
  }
  if (chunks[0]?.type !== 'IHDR') throw corruptPng(what, 'the first chunk is not IHDR');
  if (chunks[chunks.length - 1].type !== 'IEND') throw corruptPng(what, 'it is truncated (no IEND chunk)');
  return chunks;
}

export function encodeChunk(chunk: PngChunk): Buffer {
  const out = Buffer.alloc(12 + chunk.data.length);
  out.writeUInt32BE(chunk.data.length, 0);
  out.write(chunk.type, 4, 'latin1');
  chunk.data.copy(out, 8);
  out.writeUInt32BE(chunkCrc(out.subarray(4, 8 + chunk.data.length)), 8 + chunk.data.length);
  return out;
}

export function encodePng(chunks: PngChunk[]): Buffer {
  return Buffer.concat([PNG_SIGNATURE, ...chunks.map(encodeChunk)]);
}

export function readIhdr(data: Buffer, what = 'the image'): Ihdr {
  if (data.length !== 13) throw corruptPng(what, `IHDR has ${data.length} bytes instead of 13`);
  return { width: data.readUInt32BE(0), height: data.readUInt32BE(4), bitDepth: data[8], colorType: data[9], interlace: data[12] };
}

function checkKeyword(keyword: string): void {
  // NOTE: the spec allows 1–79 Latin-1 characters, no leading/trailing/double spaces; ours are fixed ASCII.
  if (!/^[\x20-\x7e\xa1-\xff]{1,79}$/.test(keyword)) {
    throw new StudioError('gallery/bad-keyword', `PNG text keyword "${keyword}" must be 1–79 printable Latin-1 characters.`, { keyword });
  }
}

function isLatin1(text: string): boolean {
  // tEXt is Latin-1 without NUL; a newline is allowed (LF only by the spec's advice, but readers accept any).
  return /^[\x01-\xff]*$/.test(text);
}

/**
 * A text chunk as Pillow's `PngInfo.add_text` (what WebUI uses) writes it: tEXt when the text is
 * Latin-1, else an uncompressed iTXt (UTF-8).
 */
export function textChunk(keyword: string, text: string): PngChunk {
  checkKeyword(keyword);
  if (isLatin1(text)) return { type: 'tEXt', data: Buffer.concat([Buffer.from(keyword, 'latin1'), Buffer.from([0]), Buffer.from(text, 'latin1')]) };
  return itxtChunk(keyword, text);
}

/** iTXt: keyword, NUL, compression flag, method 0, empty language tag and translated keyword, UTF-8 text. */
export function itxtChunk(keyword: string, text: string, compress = false): PngChunk {
  checkKeyword(keyword);
  const body = Buffer.from(text, 'utf8');
  return {
    type: 'iTXt',
    data: Buffer.concat([Buffer.from(keyword, 'latin1'), Buffer.from([0, compress ? 1 : 0, 0, 0, 0]), compress ? deflateSync(body) : body]),
  };
}

function inflateText(data: Buffer, what: string, keyword: string): Buffer {
  try {
    return inflateSync(data, { maxOutputLength: MAX_TEXT_BYTES });
  } catch (err) {
    const tooBig = (err as NodeJS.ErrnoException).code === 'ERR_BUFFER_TOO_LARGE' || (err as { errno?: number }).errno === zlibConstants.Z_BUF_ERROR;
    throw corruptPng(what, tooBig ? `text "${keyword}" inflates past ${MAX_TEXT_BYTES} bytes` : `text "${keyword}" does not inflate`, { keyword });
  }
}

/** Decodes tEXt, zTXt or iTXt; undefined for any other chunk type. */
export function decodeTextChunk(chunk: PngChunk, what = 'the image'): PngText | undefined {
  if (!TEXT_TYPES.has(chunk.type)) return undefined;
  const d = chunk.data;
  const nul = d.indexOf(0);
  if (nul < 1 || nul > 79) throw corruptPng(what, `a ${chunk.type} chunk has no valid keyword`);
  const keyword = d.toString('latin1', 0, nul);
  if (chunk.type === 'tEXt') return { keyword, text: d.toString('latin1', nul + 1), chunk: 'tEXt' };
  if (chunk.type === 'zTXt') {
    if (d[nul + 1] !== 0) throw corruptPng(what, `zTXt "${keyword}" uses unknown compression method ${d[nul + 1]}`, { keyword });
    return { keyword, text: inflateText(d.subarray(nul + 2), what, keyword).toString('latin1'), chunk: 'zTXt' };
  }
  const compressed = d[nul + 1];
  const langEnd = d.indexOf(0, nul + 3);
  const transEnd = langEnd < 0 ? -1 : d.indexOf(0, langEnd + 1);
  if (nul + 3 > d.length || langEnd < 0 || transEnd < 0) throw corruptPng(what, `iTXt "${keyword}" is truncated`, { keyword });
  const body = d.subarray(transEnd + 1);
  const text = compressed ? inflateText(body, what, keyword) : body;
  return { keyword, text: text.toString('utf8'), chunk: 'iTXt' };
}

/**
 * Returns the PNG with every text chunk whose keyword is in `replace` removed and `insert` placed
 * just before the first IDAT (where Pillow puts them, so readers that stop at IDAT still see them).
 */
export function withTextChunks(png: Buffer, insert: PngChunk[], replace: Iterable<string>, what = 'the image'): Buffer {
  const drop = new Set(replace);
  const kept = parsePngChunks(png, what).filter((c) => {
    if (!TEXT_TYPES.has(c.type)) return true;
    return !drop.has(decodeTextChunk(c, what)!.keyword);
  });
  const at = kept.findIndex((c) => c.type === 'IDAT');
  if (at < 0) throw corruptPng(what, 'it has no IDAT chunk');
  return encodePng([...kept.slice(0, at), ...insert, ...kept.slice(at)]);
}

/** The PNG with all text chunks (tEXt, zTXt, iTXt) removed; pixels and colour chunks untouched. */
export function withoutTextChunks(png: Buffer, what = 'the image'): Buffer {
  return encodePng(parsePngChunks(png, what).filter((c) => !TEXT_TYPES.has(c.type)));
}

export function isTextChunkType(type: string): boolean {
  return TEXT_TYPES.has(type);
}
