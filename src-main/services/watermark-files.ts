// The watermark of any image file, for `latent-studio watermark embed|detect` and any host: which payload to
// embed or expect (the default Latent Studio mark, or a message of a payload type), the detection report
// with matching bits, and writing the marked image atomically. The DWT-DCT codec itself is gallery/watermark.
import { rename, rm } from 'node:fs/promises';
import path from 'node:path';
import sharp from 'sharp';
import { StudioError } from '../../src-shared/errors.js';
import {
  DEFAULT_MARK, compareBits, decodePayload, detectWatermark, embedWatermark, encodePayload, readRgb,
  type PayloadType, type RgbImage, type WatermarkMethod,
} from '../gallery/index.js';

export interface EmbedOpts { type?: PayloadType; message?: string; method: WatermarkMethod }
export interface DetectOpts { type?: PayloadType; message?: string; length?: number; method: WatermarkMethod }

const UUID_BITS = 128;
const OUTPUT_FORMATS: Record<string, 'png' | 'jpeg' | 'webp'> = { '.png': 'png', '.jpg': 'jpeg', '.jpeg': 'jpeg', '.webp': 'webp' };
export const WATERMARK_OUTPUT_EXTENSIONS = Object.freeze(Object.keys(OUTPUT_FORMATS));
export { UUID_BITS };

const usageError = (message: string, params?: Record<string, string | number>) => new StudioError('cli/bad-argument', message, params);

/** Marks `input` into `out` (format by extension); returns what was embedded. */
export async function embedFile(input: string, out: string, opts: EmbedOpts): Promise<{ type: PayloadType; message: string; bits: number }> {
  const format = OUTPUT_FORMATS[path.extname(out).toLowerCase()];
  if (!format) throw usageError(`OUT must end in ${Object.keys(OUTPUT_FORMATS).join(', ')}; got "${out}".`, { out });
  const { type, message, bits } = embedPayload(opts);
  const marked = embedWatermark(await readRgb(input), bits, opts.method);
  await writeImage(marked, out, format);
  return { type, message, bits: bits.length };
}

/** Reads the mark of `input` as `opts.type` and compares it with the expected message when one is known. */
export async function detectFile(input: string, opts: DetectOpts): Promise<Detection> {
  const type = opts.type ?? DEFAULT_MARK.type;
  const { length, expected } = detectPlan(type, opts);
  const bits = detectWatermark(await readRgb(input), length, opts.method);
  return describeDetection(type, opts.method, bits, expected);
}

/** b16 is upper-cased here: imwatermark's own decoder refuses lower-case hex, the CLI forgives it. */
function normalise(type: PayloadType, value: string): string {
  return type === 'b16' ? value.toUpperCase() : value;
}

function embedPayload(opts: EmbedOpts): { type: PayloadType; message: string; bits: Uint8Array } {
  const type = opts.type ?? DEFAULT_MARK.type;
  if (opts.message === undefined) {
    if (type !== DEFAULT_MARK.type) throw usageError(`--type ${type} needs --message (the default mark is ${DEFAULT_MARK.type} "${DEFAULT_MARK.message}").`, { type });
    return { type, message: DEFAULT_MARK.message, bits: DEFAULT_MARK.bits };
  }
  const message = normalise(type, opts.message);
  return { type, message, bits: encodePayload(type, message) };
}

interface Expected { bits: Uint8Array; message: string; isDefault: boolean }

function detectPlan(type: PayloadType, opts: DetectOpts): { length: number; expected?: Expected } {
  const given = opts.length;
  let expected: Expected | undefined;
  if (opts.message !== undefined) {
    const message = normalise(type, opts.message);
    expected = { bits: encodePayload(type, message), message, isDefault: false };
  }
  const natural = type === 'uuid' ? UUID_BITS : expected?.bits.length;
  if (given !== undefined && natural !== undefined && given !== natural) {
    const why = type === 'uuid' ? `a uuid has ${UUID_BITS} bits` : `the --message has ${natural} bits`;
    throw usageError(`--length ${given} does not fit: ${why}. Leave --length out.`, { length: given });
  }
  const length = given ?? natural ?? DEFAULT_MARK.bits.length;
  if (!expected && type !== 'uuid' && length === DEFAULT_MARK.bits.length) {
    expected = { bits: DEFAULT_MARK.bits, message: decodePayload(type, DEFAULT_MARK.bits), isDefault: true };
  }
  return { length, expected };
}

/** Stability AI's grading of matching bits for 48-bit marks (generative-models scripts/demo/detect.py). */
function grade48(matching: number): string {
  if (matching <= 27) return 'no watermark';
  if (matching <= 33) return 'partial watermark';
  if (matching <= 35) return 'likely watermarked';
  return 'very likely watermarked';
}

export type Detection = Record<string, string | number | boolean>;

function describeDetection(type: PayloadType, method: WatermarkMethod, bits: Uint8Array, expected?: Expected): Detection {
  const result: Detection = { bits: decodePayload('bits', bits), message: decodePayload(type, bits), type, method, length: bits.length };
  if (type === 'bytes') {
    const hex = decodePayload('b16', bits);
    result.hex = hex;
    result.valid_utf8 = isUtf8(hex);
  }
  if (expected) {
    const { matching, total } = compareBits(expected.bits, bits);
    result.expected = expected.message;
    result.expected_default_mark = expected.isDefault;
    result.matching_bits = matching;
    result.match = matching === total;
    if (total === 48) result.grade = grade48(matching);
  }
  return result;
}

function isUtf8(hex: string): boolean {
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(Buffer.from(hex, 'hex'));
    return true;
  } catch {
    // A fatal decoder throws on the first invalid sequence: that is the answer, nothing is lost.
    return false;
  }
}

async function writeImage(img: RgbImage, out: string, format: 'png' | 'jpeg' | 'webp'): Promise<void> {
  let pipeline = sharp(img.data, { raw: { width: img.width, height: img.height, channels: 3 } });
  // JPEG keeps full-resolution chroma (4:4:4): the mark lives in U, which 4:2:0 subsampling blurs.
  if (format === 'png') pipeline = pipeline.png();
  else if (format === 'jpeg') pipeline = pipeline.jpeg({ quality: 95, chromaSubsampling: '4:4:4' });
  else pipeline = pipeline.webp({ lossless: true });
  const tmp = `${out}.tmp-${process.pid}`;
  try {
    await pipeline.toFile(tmp);
    await rename(tmp, out);
  } catch (err) {
    await rm(tmp, { force: true });
    throw new StudioError('watermark/write-failed', `Cannot write "${out}": ${(err as Error).message}.`, { out }, { cause: err });
  }
}
