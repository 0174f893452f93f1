// `latent-studio watermark embed|detect`: imwatermark-compatible invisible watermarks on image files.
// Reads any format sharp decodes; writes PNG (or JPEG/WebP by OUT's extension). Flags are validated here.
import { rename, rm } from 'node:fs/promises';
import path from 'node:path';
import type { Command } from 'commander';
import { Option } from 'commander';
import sharp from 'sharp';
import { StudioError } from '../../../src-shared/errors.js';
import {
  DEFAULT_MARK, PAYLOAD_TYPES, WATERMARK_METHODS, compareBits, decodePayload, detectWatermark, embedWatermark, encodePayload, readRgb,
  type PayloadType, type RgbImage, type WatermarkMethod,
} from '../../gallery/watermark/index.js';
import { parseIntFlag, printJson, usageError } from '../usage.js';

interface EmbedOpts { type?: PayloadType; message?: string; method: WatermarkMethod }
interface DetectOpts { type?: PayloadType; message?: string; length?: string; method: WatermarkMethod; json?: boolean }

const UUID_BITS = 128;
const OUTPUT_FORMATS: Record<string, 'png' | 'jpeg' | 'webp'> = { '.png': 'png', '.jpg': 'jpeg', '.jpeg': 'jpeg', '.webp': 'webp' };

export function registerWatermarkCommands(program: Command): void {
  const wm = program.command('watermark').description('embed or detect the invisible watermark (invisible-watermark dwtDct / dwtDctSvd)');
  const typeOption = () => new Option('--type <type>', `payload type (default: ${DEFAULT_MARK.type}); b16 hex may be given in either case`).choices(PAYLOAD_TYPES);
  const methodOption = () => new Option('--method <method>', 'watermark method').choices(WATERMARK_METHODS).default(DEFAULT_MARK.method);

  wm.command('embed')
    .description(`watermark IN into OUT (PNG; .jpg/.webp by extension). Default mark: ${DEFAULT_MARK.type} "${DEFAULT_MARK.message}"`)
    .argument('<in>', 'image to mark (PNG, JPEG, WebP, …)')
    .argument('<out>', 'where to write the marked image (.png, .jpg, .jpeg or .webp)')
    .addOption(typeOption())
    .option('--message <value>', 'the message: text (bytes), 0/1 string (bits), hex (b16) or a UUID')
    .addOption(methodOption())
    .action(async (input: string, out: string, opts: EmbedOpts) => {
      const format = OUTPUT_FORMATS[path.extname(out).toLowerCase()];
      if (!format) throw usageError(`OUT must end in ${Object.keys(OUTPUT_FORMATS).join(', ')}; got "${out}".`, { out });
      const { type, message, bits } = embedPayload(opts);
      const marked = embedWatermark(await readRgb(input), bits, opts.method);
      await writeImage(marked, out, format);
      process.stdout.write(`${out}: ${bits.length}-bit ${type} mark "${message}" embedded with ${opts.method}\n`);
    });

  wm.command('detect')
    .description('read the watermark bits of IN and decode them as the payload type (compares with the expected message when known)')
    .argument('<in>', 'image to read (PNG, JPEG, WebP, …)')
    .addOption(typeOption())
    .option('--length <bits>', `message length in bits (default: the --message's, else ${DEFAULT_MARK.bits.length}; uuid is always ${UUID_BITS})`)
    .option('--message <value>', 'the expected message: also report matching_bits and match')
    .addOption(methodOption())
    .option('--json', 'print {"bits", "message", …} as one JSON object')
    .action(async (input: string, opts: DetectOpts) => {
      const type = opts.type ?? DEFAULT_MARK.type;
      const { length, expected } = detectPlan(type, opts);
      const bits = detectWatermark(await readRgb(input), length, opts.method);
      const result = describeDetection(type, opts.method, bits, expected);
      if (opts.json) printJson(result);
      else printDetection(result);
    });
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
  const given = parseIntFlag('--length', opts.length, { min: 1, max: 1 << 20 });
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

type Detection = Record<string, string | number | boolean>;

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

function printDetection(r: Detection): void {
  const lines = [`message: ${r.message}  (${r.type}, ${r.length} bits, ${r.method})`];
  if (r.hex !== undefined) lines.push(`hex:     ${r.hex}${r.valid_utf8 ? '' : '  (not valid UTF-8)'}`);
  lines.push(`bits:    ${r.bits}`);
  if (r.matching_bits !== undefined) {
    const what = r.expected_default_mark ? 'the Latent Studio mark' : `"${r.expected}"`;
    lines.push(`match:   ${r.matching_bits}/${r.length} bits of ${what}: ${r.match ? 'exact' : 'not exact'}${r.grade ? ` (${r.grade})` : ''}`);
  }
  process.stdout.write(`${lines.join('\n')}\n`);
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
