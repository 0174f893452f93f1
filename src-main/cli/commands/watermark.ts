// `latent-studio watermark embed|detect`: flags in, the watermark service does the work, results out.
import type { Command } from 'commander';
import { Option } from 'commander';
import { DEFAULT_MARK, PAYLOAD_TYPES, WATERMARK_METHODS, type PayloadType, type WatermarkMethod } from '../../gallery/index.js';
import { UUID_BITS, detectFile, embedFile, type Detection, type EmbedOpts } from '../../services/watermark-files.js';
import { parseIntFlag, printJson } from '../usage.js';

interface DetectFlags { type?: PayloadType; message?: string; length?: string; method: WatermarkMethod; json?: boolean }

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
      const { type, message, bits } = await embedFile(input, out, opts);
      process.stdout.write(`${out}: ${bits}-bit ${type} mark "${message}" embedded with ${opts.method}\n`);
    });

  wm.command('detect')
    .description('read the watermark bits of IN and decode them as the payload type (compares with the expected message when known)')
    .argument('<in>', 'image to read (PNG, JPEG, WebP, …)')
    .addOption(typeOption())
    .option('--length <bits>', `message length in bits (default: the --message's, else ${DEFAULT_MARK.bits.length}; uuid is always ${UUID_BITS})`)
    .option('--message <value>', 'the expected message: also report matching_bits and match')
    .addOption(methodOption())
    .option('--json', 'print {"bits", "message", …} as one JSON object')
    .action(async (input: string, opts: DetectFlags) => {
      const length = parseIntFlag('--length', opts.length, { min: 1, max: 1 << 20 });
      const result = await detectFile(input, { type: opts.type, message: opts.message, length, method: opts.method });
      if (opts.json) printJson(result);
      else printDetection(result);
    });
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

