// The gallery service used by the CLI, the app and `generate`: saves (watermark → PNG + chunks →
// atomic write → index), browsing, favourites/tags (written into the PNG first), trash, import, export,
// thumbnails, verification. PNG files are the truth; the SQLite index can always be rebuilt from them.
import { randomBytes } from 'node:crypto';
import { constants, existsSync } from 'node:fs';
import { access, mkdir, readFile, rename, rm, stat } from 'node:fs/promises';
import path from 'node:path';
import sharp from 'sharp';
import { StudioError, throwIfAborted } from '../../src-shared/errors.js';
import type { GenerationParams } from '../../src-shared/generation-params.js';
import { fsError, moveDurably, writeFileAtomic } from './atomic-write.js';
import { exportItems } from './export.js';
import { prepareImport } from './import.js';
import { itxtChunk, withTextChunks } from './png-chunks.js';
import { GALLERY_KEYWORD, metadataChunks } from './png-meta.js';
import { THUMBS_DIR, TRASH_DIR, entryFromMetadata, rebuild, reconcile } from './reconcile.js';
import { GalleryIndex, timelineRelOf, type IndexEntry } from './store.js';
import { ensureThumbnail, removeThumbnail } from './thumbnails.js';
import type {
  ExportOptions, ExportResult, GalleryChunk, GalleryFacets, GalleryItem, GalleryNotice, GalleryOpenOptions, GalleryPage, GalleryQuery, ImportResult,
  ReconcileReport, SaveOptions, VerifyResult, WatermarkRecord, WatermarkSettings,
} from './types.js';
import { verifyFile, type MarkSpec } from './verify.js';
import { DEFAULT_MARK, canWatermark, embedWatermark, encodePayload, type RgbImage } from './watermark/index.js';

export const DEFAULT_WATERMARK: Readonly<WatermarkSettings> = Object.freeze({ enabled: true, method: DEFAULT_MARK.method, type: DEFAULT_MARK.type, message: DEFAULT_MARK.message });
const MAX_TAG_LENGTH = 64;
const MAX_TAGS = 64;

function pad(n: number): string {
  return String(n).padStart(2, '0');
}

/** `20261125-143012-3f9a2c07`: UTC time of creation + 32 random bits; sortable, typeable, a legal file name. */
export function newItemId(created: Date): string {
  const d = created;
  const stamp = `${d.getUTCFullYear()}${pad(d.getUTCMonth() + 1)}${pad(d.getUTCDate())}-${pad(d.getUTCHours())}${pad(d.getUTCMinutes())}${pad(d.getUTCSeconds())}`;
  return `${stamp}-${randomBytes(4).toString('hex')}`;
}

function resolveWatermark(base: Readonly<WatermarkSettings>, override?: Partial<WatermarkSettings>): { settings: WatermarkSettings; bits: Uint8Array } {
  const settings = { ...base, ...override };
  // Validates type and message once (watermark/bad-message names the problem).
  return { settings, bits: encodePayload(settings.type, settings.message) };
}

/** Trimmed, de-duplicated, non-empty tags; throws gallery/bad-tag for absurd ones. */
export function normalizeTags(tags: string[]): string[] {
  const out = [...new Set(tags.map((t) => t.trim().replace(/\s+/g, ' ')).filter(Boolean))];
  const bad = out.find((t) => t.length > MAX_TAG_LENGTH);
  if (bad) throw new StudioError('gallery/bad-tag', `Tag "${bad.slice(0, 80)}" is longer than ${MAX_TAG_LENGTH} characters.`, { tag: bad.slice(0, 80) });
  if (out.length > MAX_TAGS) throw new StudioError('gallery/bad-tag', `An image takes at most ${MAX_TAGS} tags, got ${out.length}.`, { count: out.length });
  return out;
}

/**
 * The PNG of a generated image exactly as the gallery stores it: watermarked per `settings` (unmarked
 * when too small or off) and carrying both metadata chunks. Also used for copies outside the gallery.
 */
export async function encodeGeneratedPng(
  image: RgbImage,
  params: GenerationParams,
  settings: Readonly<WatermarkSettings>,
  meta: { id: string; created: Date; favourite?: boolean; tags?: string[] },
): Promise<{ png: Buffer; gallery: GalleryChunk }> {
  const wm = settings.enabled ? resolveWatermark(settings) : { settings: { ...settings }, bits: new Uint8Array(0) };
  let pixels = image;
  let record: WatermarkRecord;
  if (!wm.settings.enabled) record = { status: 'off' };
  else if (!canWatermark(image.width, image.height)) record = { status: 'too-small', method: wm.settings.method, type: wm.settings.type, message: wm.settings.message };
  else {
    pixels = embedWatermark(image, wm.bits, wm.settings.method);
    record = { status: 'marked', method: wm.settings.method, type: wm.settings.type, message: wm.settings.message };
  }
  const chunk: GalleryChunk = { v: 1, id: meta.id, created: meta.created.toISOString(), source: 'generated', favourite: meta.favourite ?? false, tags: meta.tags ?? [], watermark: record };
  const encoded = await sharp(Buffer.from(pixels.data.buffer, pixels.data.byteOffset, pixels.data.length), { raw: { width: image.width, height: image.height, channels: 3 } })
    .png({ compressionLevel: 6 }).toBuffer();
  return { png: withTextChunks(encoded, metadataChunks(params, chunk), []), gallery: chunk };
}

export class Gallery {
  private readonly thumbsInFlight = new Map<string, Promise<string>>();
  private mutations: Promise<unknown> = Promise.resolve();

  private constructor(
    readonly dir: string,
    private readonly index: GalleryIndex,
    readonly watermark: Readonly<WatermarkSettings>,
    /** What happened on open: the reconcile report, and where a damaged index was moved. */
    readonly startup: { reconcile?: ReconcileReport; recoveredFrom?: string },
  ) {}

  /** Opens (creating) the gallery folder and its index; see GalleryOpenOptions. */
  static async open(opts: GalleryOpenOptions): Promise<Gallery> {
    const dir = path.resolve(opts.dir);
    const notify = (n: GalleryNotice) => opts.onNotice?.(n);
    const watermark = Object.freeze(resolveWatermark(DEFAULT_WATERMARK, opts.watermark).settings);
    try {
      await mkdir(dir, { recursive: true });
      await access(dir, constants.W_OK);
    } catch (err) {
      throw fsError(err, 'open the gallery folder', dir);
    }
    const startup: Gallery['startup'] = {};
    let index: GalleryIndex;
    try {
      index = GalleryIndex.open(dir);
    } catch (err) {
      // The quick check on open (b-trees and, since SQLite 3.44, the FTS5 index) found damage.
      if (!(err instanceof StudioError) || err.code !== 'gallery/corrupt-db') throw err;
      startup.recoveredFrom = await moveDatabaseAside(dir);
      index = GalleryIndex.open(dir);
      notify({ code: 'gallery/db-recovered', message: `The gallery index was damaged (${String(err.params?.sqlite ?? 'corrupt')}); it was kept as "${startup.recoveredFrom}" and a new index is being rebuilt from the images.` });
    }
    if (opts.reconcile ?? true) {
      try {
        startup.reconcile = await reconcile(dir, index, opts.signal);
      } catch (err) {
        index.close();
        throw fsError(err, 'scan', dir);
      }
      const r = startup.reconcile;
      if (startup.recoveredFrom || r.added || r.dropped) notify({ code: 'gallery/reconciled', message: `Gallery index updated from the folder: ${r.added} image(s) indexed, ${r.dropped} missing image(s) dropped.` });
      for (const u of r.unreadable) notify({ code: u.code, message: `Not indexed: ${u.message}` });
    }
    return new Gallery(dir, index, watermark, startup);
  }

  close(): void {
    this.index.close();
  }

  /** Runs mutations of files one at a time, so two rewrites of one PNG never interleave. */
  private serial<T>(fn: () => Promise<T>): Promise<T> {
    const run = this.mutations.then(fn, fn);
    this.mutations = run.catch(() => undefined); // the caller gets the error; the queue moves on
    return run;
  }

  private require(id: string): GalleryItem {
    const item = this.index.get(id);
    if (!item) throw new StudioError('gallery/unknown-id', `No image "${id}" in the gallery at "${this.dir}". List ids with "latent-studio gallery list".`, { id });
    return item;
  }

  get(id: string): GalleryItem | undefined {
    return this.index.get(id);
  }

  search(query: GalleryQuery = {}): GalleryPage {
    return this.index.search(query);
  }

  count(trashed = false): number {
    return this.index.count(trashed);
  }

  /** Models, samplers and sizes present, for filter pickers. */
  facets(trashed = false): GalleryFacets {
    return this.index.facets(trashed);
  }

  /**
   * Saves one generated image: watermark (unless off or too small) → PNG with `parameters`,
   * `latent-studio` and `latent-studio-gallery` chunks → atomic write → index row.
   */
  async save(image: RgbImage, params: GenerationParams, extra: SaveOptions = {}): Promise<GalleryItem> {
    if (image.data.length !== image.width * image.height * 3 || image.width < 1 || image.height < 1) {
      throw new StudioError('gallery/bad-image', `Image data has ${image.data.length} bytes; ${image.width}×${image.height} RGB needs ${image.width * image.height * 3}.`, { width: image.width, height: image.height });
    }
    const wm = extra.watermark === false ? { ...this.watermark, enabled: false } : { ...this.watermark, ...(extra.watermark === true ? {} : extra.watermark) };
    const created = extra.created ?? new Date();
    const id = await this.freshId(created);
    const { png, gallery: chunk } = await encodeGeneratedPng(image, params, wm, { id, created, favourite: extra.favourite ?? false, tags: normalizeTags(extra.tags ?? []) });
    const rel = `${id}.png`;
    await writeFileAtomic(path.join(this.dir, rel), png);
    // NOTE: the file is durable before the row exists; a crash in between is healed by the next reconcile.
    this.indexSaved(entryFromMetadata({ width: image.width, height: image.height, texts: {}, params, gallery: chunk }, rel, created.getTime(), png.length));
    return this.require(id);
  }

  /** A new id whose file does not exist yet (ids carry 32 random bits per second; this makes sure). */
  private async freshId(created: Date): Promise<string> {
    for (;;) {
      const id = newItemId(created);
      if (!existsSync(path.join(this.dir, `${id}.png`)) && !this.index.fileOf(id)) return id;
    }
  }

  private indexSaved(entry: IndexEntry): void {
    try {
      this.index.upsert([entry]);
    } catch (err) {
      throw new StudioError(
        'gallery/index-failed',
        `The image was saved as "${path.join(this.dir, entry.file)}" but could not be added to the index (${(err as Error).message}); it will be indexed the next time the gallery opens.`,
        { file: path.join(this.dir, entry.file) },
        { cause: err },
      );
    }
  }

  /** Rewrites the item's gallery chunk in its PNG (the truth), then the row. */
  private async rewriteRecord(id: string, change: Partial<Pick<GalleryChunk, 'favourite' | 'tags'>>): Promise<GalleryItem> {
    return this.serial(async () => {
      const item = this.require(id);
      const chunk: GalleryChunk = {
        v: 1, id, created: item.created, source: item.source, favourite: change.favourite ?? item.favourite, tags: change.tags ?? item.tags, watermark: item.watermark,
      };
      const png = await readFile(item.file).catch((err) => {
        throw fsError(err, 'read', item.file);
      });
      await writeFileAtomic(item.file, withTextChunks(png, [itxtChunk(GALLERY_KEYWORD, JSON.stringify(chunk))], [GALLERY_KEYWORD], item.file));
      if (change.favourite !== undefined) this.index.setFavourite(id, change.favourite);
      if (change.tags !== undefined) this.index.setTags(id, change.tags);
      return this.require(id);
    });
  }

  setFavourite(id: string, favourite: boolean): Promise<GalleryItem> {
    return this.rewriteRecord(id, { favourite });
  }

  async setTags(id: string, tags: string[]): Promise<GalleryItem> {
    return this.rewriteRecord(id, { tags: normalizeTags(tags) });
  }

  /** Moves items (with their timeline folders) to `trash/` (restorable until emptyTrash). Already-trashed ids are left as they are. */
  delete(ids: string[]): Promise<void> {
    return this.serial(async () => {
      const items = ids.map((id) => this.require(id));
      await mkdir(path.join(this.dir, TRASH_DIR), { recursive: true }).catch((err) => {
        throw fsError(err, 'create', path.join(this.dir, TRASH_DIR));
      });
      for (const item of items.filter((i) => !i.trashed)) await this.move(item, `${TRASH_DIR}/${path.basename(item.file)}`, true);
    });
  }

  restore(ids: string[]): Promise<void> {
    return this.serial(async () => {
      const items = ids.map((id) => this.require(id));
      for (const item of items.filter((i) => i.trashed)) await this.move(item, path.basename(item.file), false);
    });
  }

  /** The PNG, then its timeline folder (a crash in between is healed by reconcile, which moves the folder to its PNG). */
  private async move(item: GalleryItem, rel: string, trashed: boolean): Promise<void> {
    await moveDurably(item.file, path.join(this.dir, rel));
    this.index.setLocation(item.id, rel, trashed);
    if (item.timeline) await moveDurably(item.timeline, path.join(this.dir, timelineRelOf(rel)));
  }

  /**
   * Gives the item a timeline folder beside its PNG (`<id>.timeline/`): `write(dir)` must create `dir`
   * whole (timeline/ TimelineRecorder.finish does, through a temporary sibling and one rename).
   */
  attachTimeline(id: string, write: (dir: string) => Promise<void>): Promise<GalleryItem> {
    return this.serial(async () => {
      const item = this.require(id);
      const rel = path.relative(this.dir, item.file);
      const dir = path.join(this.dir, timelineRelOf(rel));
      if (item.timeline || (await stat(dir).catch(() => undefined))) {
        throw new StudioError('gallery/timeline-exists', `Image "${id}" already has a timeline folder "${dir}"; a timeline is recorded once, with its generation.`, { id });
      }
      await write(dir);
      this.index.setTimeline(id, true);
      return this.require(id);
    });
  }

  /** Deletes every trashed file for good, with its row and thumbnail. Returns how many. */
  emptyTrash(): Promise<number> {
    return this.serial(async () => {
      let n = 0;
      for (const id of this.index.trashedIds()) {
        const item = this.require(id);
        await rm(item.file, { force: true }).catch((err) => {
          throw fsError(err, 'delete', item.file);
        });
        if (item.timeline) {
          await rm(item.timeline, { recursive: true, force: true }).catch((err) => {
            throw fsError(err, 'delete', item.timeline!);
          });
        }
        this.index.remove(id);
        await removeThumbnail(this.thumbPath(id));
        n++;
      }
      return n;
    });
  }

  /** Brings the index in line with the folder (done on open); returns what changed. */
  reconcile(signal?: AbortSignal): Promise<ReconcileReport> {
    return this.serial(() => reconcile(this.dir, this.index, signal));
  }

  /** Re-indexes every PNG from its chunks; the old index stays until the new one is complete. */
  rebuild(opts: { signal?: AbortSignal; onProgress?: (done: number, total: number) => void } = {}): ReturnType<typeof rebuild> {
    return this.serial(() => rebuild(this.dir, this.index, opts.signal, opts.onProgress));
  }

  /** Imports PNG files (WebUI's or ours) as they are; each bad file is reported in `failed`, the rest go in. */
  async import(files: string[], opts: { signal?: AbortSignal } = {}): Promise<ImportResult> {
    const result: ImportResult = { items: [], failed: [] };
    for (const file of files) {
      throwIfAborted(opts.signal, 'import');
      try {
        result.items.push(await this.importOne(path.resolve(file)));
      } catch (err) {
        if (!(err instanceof StudioError) || err.code === 'cancelled') throw err;
        result.failed.push({ file, code: err.code, message: err.message });
      }
    }
    return result;
  }

  private async importOne(file: string): Promise<GalleryItem> {
    let id = '';
    const prepared = await prepareImport(file, (meta, created) => {
      id = newItemId(created);
      while (existsSync(path.join(this.dir, `${id}.png`)) || this.index.fileOf(id)) id = newItemId(created);
      const g = meta.gallery;
      return { v: 1, id, created: created.toISOString(), source: 'imported', favourite: g?.favourite ?? false, tags: g?.tags ?? [], watermark: g?.watermark ?? { status: 'unknown' } };
    });
    const rel = `${id}.png`;
    await writeFileAtomic(path.join(this.dir, rel), prepared.bytes);
    this.indexSaved(entryFromMetadata(prepared.meta, rel, prepared.created.getTime(), prepared.bytes.length));
    return this.require(id);
  }

  /** Exports the items in the order given; unknown ids fail before anything is written. */
  async exportItems(ids: string[], options: ExportOptions): Promise<ExportResult> {
    const items = ids.map((id) => this.require(id));
    return exportItems(items, options);
  }

  private thumbPath(id: string): string {
    return path.join(this.dir, THUMBS_DIR, `${id}.webp`);
  }

  /** Path of the item's WebP thumbnail (≤ 256 px), made on first request and cached. */
  async thumbnail(id: string): Promise<string> {
    const item = this.require(id);
    let p = this.thumbsInFlight.get(id);
    if (!p) {
      p = ensureThumbnail(item.file, this.thumbPath(id)).finally(() => this.thumbsInFlight.delete(id));
      this.thumbsInFlight.set(id, p);
    }
    return p;
  }

  /** Detects a mark (default: the Latent Studio mark) in any image file. */
  async verify(file: string, mark?: Partial<MarkSpec>): Promise<VerifyResult> {
    const { settings } = resolveWatermark(DEFAULT_WATERMARK, mark);
    return verifyFile(path.resolve(file), settings);
  }

  /** Detects the item's own recorded mark (or the gallery's default when it was saved unmarked). */
  async verifyItem(id: string): Promise<VerifyResult> {
    const item = this.require(id);
    const w = item.watermark;
    const mark = w.method && w.type && w.message !== undefined ? { method: w.method, type: w.type, message: w.message } : this.watermark;
    return verifyFile(item.file, mark);
  }

  /** PRAGMA integrity_check of the index ('ok' when sound). */
  integrityCheck(): string {
    return this.index.integrityCheck();
  }
}

/** Renames a damaged gallery.db (and its -wal) to gallery.db.corrupt-<time>; returns the new name. */
async function moveDatabaseAside(dir: string): Promise<string> {
  const stamp = new Date().toISOString().replace(/[:.]/g, '-');
  const aside = `gallery.db.corrupt-${stamp}`;
  const db = path.join(dir, 'gallery.db');
  try {
    await rename(db, path.join(dir, aside));
    await rename(`${db}-wal`, path.join(dir, `${aside}-wal`)).catch((err) => {
      if (err.code !== 'ENOENT') throw err;
    });
    await rm(`${db}-shm`, { force: true });
  } catch (err) {
    throw fsError(err, 'move aside the damaged index', db);
  }
  return aside;
}

