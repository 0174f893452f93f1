// `latent-studio gallery list|export|rebuild|import|info|verify|delete|restore|empty-trash`: the gallery
// in $LATENT_STUDIO_HOME/gallery from the command line. Flags are validated here; the work is Gallery's.
import { existsSync } from 'node:fs';
import type { Command } from 'commander';
import { Option } from 'commander';
import {
  DEFAULT_NAME_TEMPLATE, EXPORT_FORMATS, Gallery, MAX_PAGE, NAME_FIELDS, describePng, verifyImage,
  PAYLOAD_TYPES, WATERMARK_METHODS, type PayloadType, type WatermarkMethod,
  type ExportFormat, type GalleryItem, type GalleryQuery, type GallerySort, type PngInfo, type VerifyResult,
} from '../../gallery/index.js';
import { resolveAppPaths } from '../../services/app-paths.js';
import { getCliSignal } from '../signal.js';
import { collect, parseIntFlag, printJson, usageError } from '../usage.js';

interface ListFlags {
  query?: string; in: 'prompt' | 'negative' | 'both'; model?: string; sampler?: string; favourite?: boolean; tag?: string[];
  since?: string; until?: string; sort: string; limit?: string; cursor?: string; trash?: boolean; json?: boolean;
}
interface ExportFlags {
  to: string; format: ExportFormat; resize?: string; quality?: string; metadata: boolean; watermark: boolean; name?: string; json?: boolean;
}
interface VerifyFlags { type?: PayloadType; message?: string; method?: WatermarkMethod; json?: boolean }

const SORTS: Record<string, GallerySort> = { date: 'date-desc', 'date-desc': 'date-desc', 'date-asc': 'date-asc', seed: 'seed-asc', 'seed-asc': 'seed-asc', 'seed-desc': 'seed-desc' };

function note(message: string): void {
  process.stderr.write(`latent-studio: ${message}\n`);
}

async function openGallery(): Promise<Gallery> {
  return Gallery.open({ dir: resolveAppPaths().galleryDir, signal: getCliSignal(), onNotice: (n) => note(n.message) });
}

async function withGallery<T>(fn: (g: Gallery) => Promise<T>): Promise<T> {
  const gallery = await openGallery();
  try {
    return await fn(gallery);
  } finally {
    gallery.close();
  }
}

/** `2026-11-25` (a local day: since = its start, until = its end) or any ISO 8601 time. */
export function parseDateFlag(flag: string, value: string | undefined, endOfDay: boolean): number | undefined {
  if (value === undefined) return undefined;
  const day = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value.trim());
  const ms = day ? new Date(Number(day[1]), Number(day[2]) - 1, Number(day[3]) + (endOfDay ? 1 : 0)).getTime() - (endOfDay ? 1 : 0) : Date.parse(value);
  if (!Number.isFinite(ms)) throw usageError(`${flag} must be a date (2026-11-25) or an ISO time (2026-11-25T14:30:00Z), got "${value}".`, { flag, value });
  return ms;
}

/** `512` (fit in 512×512), `640x480`, `640x` or `x480`. */
export function parseResizeFlag(value: string | undefined): { width?: number; height?: number } | undefined {
  if (value === undefined) return undefined;
  const m = /^(\d+)?(?:x(\d+)?)?$/i.exec(value.trim());
  const bad = () => usageError(`--resize must be N, WxH, Wx or xH in pixels (1–16384), got "${value}".`, { flag: '--resize', value });
  if (!m || (m[1] === undefined && m[2] === undefined)) throw bad();
  const w = m[1] === undefined ? undefined : Number(m[1]);
  const h = value.toLowerCase().includes('x') ? (m[2] === undefined ? undefined : Number(m[2])) : w;
  for (const v of [w, h]) if (v !== undefined && (v < 1 || v > 16384)) throw bad();
  return { width: w, height: h };
}

function listQuery(flags: ListFlags): GalleryQuery {
  const sort = SORTS[flags.sort];
  if (!sort) throw usageError(`--sort must be one of: ${Object.keys(SORTS).join(', ')}; got "${flags.sort}".`, { flag: '--sort', value: flags.sort });
  return {
    text: flags.query, textIn: flags.in, model: flags.model, sampler: flags.sampler, favourite: flags.favourite ? true : undefined, tags: flags.tag,
    since: parseDateFlag('--since', flags.since, false), until: parseDateFlag('--until', flags.until, true), trashed: flags.trash ?? false, sort,
    limit: parseIntFlag('--limit', flags.limit, { min: 1, max: MAX_PAGE }) ?? 50, cursor: flags.cursor, withTotal: true,
  };
}

function oneLine(text: string, max: number): string {
  const s = text.replace(/\s+/g, ' ').trim();
  return s.length > max ? `${s.slice(0, max - 1)}…` : s;
}

function printItems(items: GalleryItem[]): void {
  const rows = items.map((i) => [
    i.id, i.created.slice(0, 16).replace('T', ' '), i.seed ?? '-', i.sampler ?? i.scheduler ?? '-', i.steps === null ? '-' : String(i.steps),
    `${i.width}x${i.height}`, i.favourite ? '*' : ' ', oneLine(i.prompt, 60),
  ]);
  const header = ['ID', 'CREATED (UTC)', 'SEED', 'SAMPLER', 'STEPS', 'SIZE', 'F', 'PROMPT'];
  const widths = header.map((h, c) => Math.max(h.length, ...rows.map((r) => r[c].length)));
  for (const r of [header, ...rows]) process.stdout.write(`${r.map((v, c) => (c === r.length - 1 ? v : v.padEnd(widths[c]))).join('  ')}\n`);
}

function printInfo(info: PngInfo): void {
  const out = [`file: ${info.file}`, `size: ${info.width}x${info.height}`, `source: ${info.source === 'latent-studio' ? 'Latent Studio (full parameters)' : 'WebUI infotext'}`, `prompt: ${info.prompt}`];
  if (info.negativePrompt) out.push(`negative prompt: ${info.negativePrompt}`);
  for (const [k, v] of Object.entries(info.fields)) out.push(`${k}: ${v}`);
  if (info.params) {
    const p = info.params;
    out.push(`scheduler: ${p.scheduler}`, `rng: ${p.rngSource}`, `model: ${p.model.name}${p.model.id ? ` (${p.model.id}${p.model.revision ? `@${p.model.revision}` : ''})` : ''}`, `app version: ${p.appVersion}`);
  }
  if (info.paramsError) out.push(`latent-studio chunk ignored: ${info.paramsError}`);
  const w = info.gallery?.watermark;
  if (w) out.push(`watermark (recorded): ${w.status === 'too-small' ? 'too small: saved unmarked' : w.status}${w.method ? ` ${w.method} ${w.type} "${w.message}"` : ''}`);
  for (const [k, v] of Object.entries(info.otherText)) out.push(`${k}: ${oneLine(v, 200)}`);
  process.stdout.write(`${out.join('\n')}\n`);
}

function printVerify(r: VerifyResult): void {
  process.stdout.write(`${r.file}: ${r.matching}/${r.total} bits match ${r.type} "${r.expected}" (${r.method}): ${r.verdict.replace('-', ' ')}\n`);
}

export function registerGalleryCommands(program: Command): void {
  const gallery = program.command('gallery').description('browse, import, export and verify the gallery ($LATENT_STUDIO_HOME/gallery)');

  gallery.command('list')
    .description('list images, newest first (one page; continue with --cursor)')
    .option('--query <text>', 'full-text search: every word must appear in the prompt')
    .addOption(new Option('--in <field>', 'which prompt --query searches').choices(['prompt', 'negative', 'both']).default('prompt'))
    .option('--model <name|hash>', 'model name, or a prefix (≥ 6 hex) of its hash')
    .option('--sampler <name>', 'scheduler id (euler-a) or WebUI sampler name ("DPM++ 2M Karras")')
    .option('--favourite', 'favourites only')
    .option('--tag <tag>', 'with this tag (repeatable: all must match)', collect)
    .option('--since <date>', 'created on or after (2026-11-25 or an ISO time)')
    .option('--until <date>', 'created on or before (a date includes that whole day)')
    .option('--sort <order>', `${Object.keys(SORTS).join('|')}`, 'date')
    .option('--limit <n>', `page size 1–${MAX_PAGE}`, '50')
    .option('--cursor <cursor>', 'continue after the previous page (printed as nextCursor)')
    .option('--trash', 'list the trash instead')
    .option('--json', 'print {"items", "nextCursor", "total"} as one JSON object')
    .action(async (flags: ListFlags) => {
      const query = listQuery(flags);
      await withGallery(async (g) => {
        const page = g.search(query);
        if (flags.json) return printJson(page);
        printItems(page.items);
        note(`${page.items.length} of ${page.total} image(s)${page.nextCursor ? `; next page: --cursor ${page.nextCursor}` : ''}`);
      });
    });

  gallery.command('export')
    .description('export images to a folder or a .zip')
    .argument('<ids...>', 'image ids (see "gallery list")')
    .requiredOption('--to <dir|file.zip>', 'destination folder (created) or zip file')
    .addOption(new Option('--format <format>', 'image format').choices(EXPORT_FORMATS).default('png'))
    .option('--resize <size>', 'fit inside N, WxH, Wx or xH pixels (never enlarges)')
    .option('--quality <q>', 'JPEG/WebP/AVIF quality 1–100 (default 90/90/60)')
    .option('--no-metadata', 'leave out the parameters (PNG text chunks, EXIF)')
    .option('--no-watermark', 'do not re-embed the mark after --resize (stored images are marked already)')
    .option('--name <template>', `file name template (default "${DEFAULT_NAME_TEMPLATE}"; fields: ${NAME_FIELDS.map((f) => `{${f}}`).join(' ')})`)
    .option('--json', 'print the export result as one JSON object')
    .action(async (ids: string[], flags: ExportFlags) => {
      const resize = parseResizeFlag(flags.resize);
      const quality = parseIntFlag('--quality', flags.quality, { min: 1, max: 100 });
      if (!flags.watermark && !resize) note('--no-watermark only matters with --resize: the stored images already carry the mark in their pixels.');
      await withGallery(async (g) => {
        const result = await g.exportItems(ids, {
          to: flags.to, format: flags.format, resize, quality, metadata: flags.metadata, watermark: flags.watermark, name: flags.name, signal: getCliSignal(),
        });
        if (flags.json) return printJson(result);
        for (const f of result.files) process.stdout.write(`${f.id} -> ${f.name} (${f.width}x${f.height}, ${f.bytes} bytes, watermark ${f.watermark})\n`);
        note(`${result.files.length} image(s) exported to ${result.to}`);
      });
    });

  gallery.command('rebuild')
    .description('re-index the gallery from its PNG files (the index is replaced when complete)')
    .option('--json', 'print {"indexed", "unreadable", "tempRemoved"}')
    .action(async (flags: { json?: boolean }) => {
      await withGallery(async (g) => {
        const r = await g.rebuild({ signal: getCliSignal() });
        if (flags.json) return printJson(r);
        for (const u of r.unreadable) note(`not indexed: ${u.message} [${u.code}]`);
        process.stdout.write(`indexed ${r.indexed} image(s)${r.unreadable.length ? `, ${r.unreadable.length} unreadable` : ''}\n`);
      });
    });

  gallery.command('import')
    .description('import PNG files with generation parameters (WebUI\'s or ours), unchanged')
    .argument('<files...>', 'PNG files')
    .option('--json', 'print {"items", "failed"}')
    .action(async (files: string[], flags: { json?: boolean }) => {
      await withGallery(async (g) => {
        const r = await g.import(files, { signal: getCliSignal() });
        if (flags.json) printJson(r);
        else for (const i of r.items) process.stdout.write(`${i.id}  ${oneLine(i.prompt, 70)}\n`);
        for (const f of r.failed) note(`not imported: ${f.message} [${f.code}]`);
        if (r.failed.length) process.exitCode = 1;
      });
    });

  gallery.command('info')
    .description('print the generation parameters of any PNG (ours or WebUI\'s)')
    .argument('<file>', 'PNG file')
    .option('--json', 'print everything as one JSON object')
    .action(async (file: string, flags: { json?: boolean }) => {
      const info = await describePng(file);
      if (flags.json) printJson(info);
      else printInfo(info);
    });

  gallery.command('verify')
    .description('check whether an image still carries the watermark (a file path, or a gallery id: its recorded mark)')
    .argument('<file|id>', 'image file (PNG, JPEG, WebP, …) or gallery id')
    .addOption(new Option('--type <type>', 'payload type of the expected mark').choices(PAYLOAD_TYPES))
    .option('--message <value>', 'the expected message (default: the Latent Studio mark)')
    .addOption(new Option('--method <method>', 'watermark method').choices(WATERMARK_METHODS))
    .option('--json', 'print the result as one JSON object')
    .action(async (target: string, flags: VerifyFlags) => {
      if (flags.type && flags.message === undefined) throw usageError('--type needs --message.', { flag: '--type' });
      const mark = { ...(flags.type && { type: flags.type }), ...(flags.message !== undefined && { message: flags.message }), ...(flags.method && { method: flags.method }) };
      // A file needs no gallery; an id is looked up to use the mark recorded when it was saved.
      const result = existsSync(target) ? await verifyImage(target, mark) : await withGallery((g) => g.verifyItem(target));
      if (flags.json) printJson(result);
      else printVerify(result);
    });

  for (const [name, description] of [['delete', 'move images to the trash (restorable until emptied)'], ['restore', 'bring images back from the trash']] as const) {
    gallery.command(name)
      .description(description)
      .argument('<ids...>', 'image ids')
      .action(async (ids: string[]) => {
        await withGallery((g) => (name === 'delete' ? g.delete(ids) : g.restore(ids)));
        note(`${ids.length} image(s) ${name === 'delete' ? 'moved to the trash' : 'restored'}`);
      });
  }

  gallery.command('empty-trash')
    .description('delete the trashed images for good')
    .action(async () => {
      const n = await withGallery((g) => g.emptyTrash());
      note(`${n} image(s) deleted`);
    });
}
