// Exporting gallery items to a folder or a zip (yazl) as PNG, JPEG, WebP or AVIF, optionally resized.
// Watermark semantics: stored PNGs are already marked, so unresized exports carry the mark in their
// pixels whatever the options say (lossy formats may weaken it); after a resize the item's own mark is
// embedded again unless `watermark: false`. Unmarked items are never marked on export.
import { createWriteStream } from 'node:fs';
import { mkdir, open, readdir, readFile, rename, rm } from 'node:fs/promises';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
import sharp, { type Sharp } from 'sharp';
import yazl from 'yazl';
import { StudioError, throwIfAborted } from '../../src-shared/errors.js';
import { fsError, fsyncDir, tempNameFor, writeFileAtomic } from './atomic-write.js';
import { DEFAULT_NAME_TEMPLATE, checkNameTemplate, renderName, uniqueName } from './name-template.js';
import { decodeTextChunk, isTextChunkType, parsePngChunks, withTextChunks, withoutTextChunks } from './png-chunks.js';
import { GALLERY_KEYWORD, PARAMETERS_KEYWORD } from './png-meta.js';
import { EXPORT_FORMATS, type ExportedFile, type ExportFormat, type ExportOptions, type ExportResult, type GalleryItem } from './types.js';
import { canWatermark, embedWatermark, encodePayload, type RgbImage } from './watermark/index.js';

const EXTENSIONS: Record<ExportFormat, string> = { png: 'png', jpeg: 'jpg', webp: 'webp', avif: 'avif' };
const DEFAULT_QUALITY: Record<ExportFormat, number> = { png: 100, jpeg: 90, webp: 90, avif: 60 };
const MAX_SIDE = 16384;

function badOption(message: string, params: Record<string, string | number>): StudioError {
  return new StudioError('gallery/bad-export-option', message, params);
}

export function checkExportOptions(opts: ExportOptions): void {
  const format = opts.format ?? 'png';
  if (!EXPORT_FORMATS.includes(format)) throw badOption(`Unknown export format "${String(format)}". Choose one of: ${EXPORT_FORMATS.join(', ')}.`, { format: String(format) });
  for (const side of ['width', 'height'] as const) {
    const v = opts.resize?.[side];
    if (v !== undefined && (!Number.isInteger(v) || v < 1 || v > MAX_SIDE)) throw badOption(`Resize ${side} must be a whole number of pixels 1–${MAX_SIDE}, got ${v}.`, { [side]: v });
  }
  if (opts.resize && opts.resize.width === undefined && opts.resize.height === undefined) throw badOption('Resize needs a width, a height or both.', {});
  if (opts.quality !== undefined && (!Number.isInteger(opts.quality) || opts.quality < 1 || opts.quality > 100)) throw badOption(`Quality must be 1–100, got ${opts.quality}.`, { quality: opts.quality });
  checkNameTemplate(opts.name ?? DEFAULT_NAME_TEMPLATE);
}

interface Encoded { bytes: Buffer; width: number; height: number; watermark: ExportedFile['watermark'] }

/** Text chunks worth exporting: everything but our private gallery record. */
function exportTexts(png: Buffer, what: string): { chunks: ReturnType<typeof parsePngChunks>; parameters?: string } {
  const chunks = parsePngChunks(png, what).filter((c) => isTextChunkType(c.type) && decodeTextChunk(c, what)!.keyword !== GALLERY_KEYWORD);
  const params = chunks.map((c) => decodeTextChunk(c, what)!).find((t) => t.keyword === PARAMETERS_KEYWORD);
  return { chunks, parameters: params?.text };
}

function markOf(item: GalleryItem): { bits: Uint8Array; method: NonNullable<GalleryItem['watermark']['method']> } | undefined {
  const w = item.watermark;
  if (w.status !== 'marked' || !w.method || !w.type || w.message === undefined) return undefined;
  return { bits: encodePayload(w.type, w.message), method: w.method };
}

async function encodeItem(item: GalleryItem, opts: ExportOptions): Promise<Encoded> {
  const format = opts.format ?? 'png';
  const metadata = opts.metadata ?? true;
  const original = await readFile(item.file).catch((err) => {
    throw fsError(err, 'read', item.file);
  });
  const texts = exportTexts(original, item.file);
  const mark = markOf(item);
  if (format === 'png' && !opts.resize) {
    // The stored pixels, byte for byte: only text chunks change.
    const bytes = metadata ? withTextChunks(original, [], [GALLERY_KEYWORD], item.file) : withoutTextChunks(original, item.file);
    return { bytes, width: item.width, height: item.height, watermark: mark ? 'kept' : 'none' };
  }
  let pipelineIn = sharp(original);
  let watermark: ExportedFile['watermark'] = mark ? 'kept' : 'none';
  let width = item.width;
  let height = item.height;
  if (opts.resize) {
    const { data, info } = await pipelineIn
      .resize(opts.resize.width ?? null, opts.resize.height ?? null, { fit: 'inside', withoutEnlargement: true })
      .removeAlpha().raw().toBuffer({ resolveWithObject: true });
    let image: RgbImage = { data: new Uint8Array(data.buffer, data.byteOffset, data.length), width: info.width, height: info.height };
    if (mark && opts.watermark === false) watermark = 'dropped';
    else if (mark && !canWatermark(image.width, image.height)) watermark = 'too-small';
    else if (mark) image = embedWatermark(image, mark.bits, mark.method);
    ({ width, height } = image);
    pipelineIn = sharp(Buffer.from(image.data.buffer, image.data.byteOffset, image.data.length), { raw: { width, height, channels: 3 } });
  }
  const quality = opts.quality ?? DEFAULT_QUALITY[format];
  let out: Sharp;
  if (format === 'png') out = pipelineIn.png();
  else if (format === 'jpeg') out = pipelineIn.jpeg({ quality });
  else if (format === 'webp') out = pipelineIn.webp({ quality });
  else out = pipelineIn.avif({ quality });
  // NOTE: libvips writes EXIF UserComment as ASCII: non-ASCII characters of the prompt are transliterated.
  if (metadata && format !== 'png' && texts.parameters) out = out.withExif({ IFD2: { UserComment: texts.parameters } });
  let bytes: Buffer = await out.toBuffer();
  if (format === 'png' && metadata && texts.chunks.length) bytes = withTextChunks(bytes, texts.chunks, [], item.file);
  return { bytes, width, height, watermark };
}

async function existingNames(dir: string): Promise<Set<string>> {
  try {
    return new Set((await readdir(dir)).map((n) => n.toLowerCase()));
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return new Set();
    throw fsError(err, 'list', dir);
  }
}

/** Exports `items` in order; see the file header for what happens to the watermark. */
export async function exportItems(items: GalleryItem[], opts: ExportOptions): Promise<ExportResult> {
  checkExportOptions(opts);
  const format = opts.format ?? 'png';
  const template = opts.name ?? DEFAULT_NAME_TEMPLATE;
  const to = path.resolve(opts.to);
  const zip = to.toLowerCase().endsWith('.zip');
  const files: ExportedFile[] = [];
  if (zip) {
    await mkdir(path.dirname(to), { recursive: true }).catch((err) => {
      throw fsError(err, 'create', path.dirname(to));
    });
    return { to, zip, files: await exportZip(items, opts, to, template, format) };
  }
  await mkdir(to, { recursive: true }).catch((err) => {
    throw fsError(err, 'create', to);
  });
  const taken = await existingNames(to);
  for (const [i, item] of items.entries()) {
    throwIfAborted(opts.signal, 'export');
    const enc = await encodeItem(item, opts);
    const name = uniqueName(renderName(template, item, i + 1), EXTENSIONS[format], taken);
    await writeFileAtomic(path.join(to, name), enc.bytes);
    files.push({ id: item.id, name: path.join(to, name), width: enc.width, height: enc.height, bytes: enc.bytes.length, watermark: enc.watermark });
    opts.onProgress?.(i + 1, items.length);
  }
  return { to, zip, files };
}

async function exportZip(items: GalleryItem[], opts: ExportOptions, to: string, template: string, format: ExportFormat): Promise<ExportedFile[]> {
  const files: ExportedFile[] = [];
  const zipfile = new yazl.ZipFile();
  const temp = path.join(path.dirname(to), tempNameFor(path.basename(to)));
  const sink = createWriteStream(temp, { flags: 'wx' });
  const written = pipeline(zipfile.outputStream, sink);
  written.catch(() => undefined); // awaited below; this only keeps an early failure from being "unhandled"
  const taken = new Set<string>();
  try {
    for (const [i, item] of items.entries()) {
      throwIfAborted(opts.signal, 'export');
      const enc = await encodeItem(item, opts);
      const name = uniqueName(renderName(template, item, i + 1), EXTENSIONS[format], taken);
      // Images are compressed already: store them.
      zipfile.addBuffer(enc.bytes, name, { compress: false, mtime: new Date(item.created) });
      files.push({ id: item.id, name, width: enc.width, height: enc.height, bytes: enc.bytes.length, watermark: enc.watermark });
      opts.onProgress?.(i + 1, items.length);
    }
    zipfile.end();
    await written;
    const fh = await open(temp, 'r+');
    await fh.sync().finally(() => fh.close());
    await rename(temp, to);
    await fsyncDir(path.dirname(to));
    return files;
  } catch (err) {
    sink.destroy();
    await rm(temp, { force: true }).catch(() => undefined); // best effort; a dead temp is harmless and hidden
    throw fsError(err, 'write', to);
  }
}
