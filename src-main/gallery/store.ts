// The SQLite index of the gallery (better-sqlite3, WAL): opening with migrations and corruption
// detection, row writes, lookups. It never touches image files; the PNGs are the truth it mirrors.
import Database from 'better-sqlite3';
import path from 'node:path';
import { StudioError } from '../../src-shared/errors.js';
import { SCHEMA_VERSION, MIGRATIONS } from './schema.js';
import { runFacets, runSearch } from './store-query.js';
import type { GalleryFacets, GalleryItem, GalleryPage, GalleryQuery, WatermarkRecord } from './types.js';

/** One row as written: a GalleryItem with its file relative to the gallery folder and times in ms. */
export type IndexEntry = Omit<GalleryItem, 'file' | 'created' | 'timeline'> & { file: string; createdMs: number; fileSize?: number | null; hasTimeline?: boolean };

/** The timeline folder of a gallery file, relative like the file: `x.png` → `x.timeline`. */
export function timelineRelOf(file: string): string {
  return `${file.replace(/\.png$/i, '')}.timeline`;
}

const SEED_OFFSET = 1n << 63n;
const SEED_LIMIT = (1n << 64n) + SEED_OFFSET;

/** seed + 2^63 as 20 zero-padded digits, so text order is numeric order over the whole torch range. */
export function seedKey(seed: string | null): string {
  if (seed === null || !/^-?\d{1,20}$/.test(seed)) return '';
  const v = BigInt(seed) + SEED_OFFSET;
  return v < 0n || v >= SEED_LIMIT ? '' : v.toString().padStart(20, '0');
}

const SQLITE_CORRUPT_CODES = new Set(['SQLITE_CORRUPT', 'SQLITE_NOTADB', 'SQLITE_CORRUPT_INDEX', 'SQLITE_CORRUPT_VTAB', 'SQLITE_CORRUPT_SEQUENCE']);
const SQLITE_READONLY_CODES = new Set(['SQLITE_READONLY', 'SQLITE_CANTOPEN', 'SQLITE_PERM', 'SQLITE_READONLY_DBMOVED', 'SQLITE_READONLY_RECOVERY', 'SQLITE_READONLY_CANTINIT', 'SQLITE_READONLY_DIRECTORY', 'SQLITE_AUTH']);

export function isCorruptionError(err: unknown): boolean {
  const code = (err as { code?: string })?.code ?? '';
  return SQLITE_CORRUPT_CODES.has(code) || code.startsWith('SQLITE_CORRUPT');
}

/** Corruption found after opening: the fix is to reopen, which sets the file aside and rebuilds. */
function guard<T>(file: string, fn: () => T): T {
  try {
    return fn();
  } catch (err) {
    if (!isCorruptionError(err)) throw err;
    throw new StudioError(
      'gallery/corrupt-db',
      `The gallery index "${file}" is damaged (${(err as { code?: string }).code}). Reopen the gallery (restart, or run any "latent-studio gallery" command): the damaged file is kept aside and the index is rebuilt from the images.`,
      { file, sqlite: (err as { code?: string }).code },
      { cause: err },
    );
  }
}

/**
 * PRAGMA quick_check(1). A damaged record can make SQLite (FTS5's structure decoder in particular) ask
 * for an absurd allocation, so the check fails with SQLITE_NOMEM rather than SQLITE_CORRUPT. A real
 * memory shortage passes on a second try; a damaged file fails the same way again and is reported as
 * corruption (the caller keeps the file aside and rebuilds).
 */
function quickCheck(db: Database.Database): unknown {
  for (let attempt = 0; ; attempt++) {
    try {
      return db.pragma('quick_check(1)', { simple: true });
    } catch (err) {
      if ((err as { code?: string })?.code !== 'SQLITE_NOMEM') throw err;
      if (attempt >= 1) throw Object.assign(new Error(`quick_check ran out of memory twice (a damaged record): ${(err as Error).message}`), { code: 'SQLITE_CORRUPT', cause: err });
    }
  }
}

function openError(err: unknown, file: string): StudioError {
  const code = (err as { code?: string })?.code ?? '';
  if (err instanceof StudioError) return err;
  if (isCorruptionError(err)) {
    return new StudioError('gallery/corrupt-db', `The gallery index "${file}" is damaged (${code}).`, { file, sqlite: code }, { cause: err });
  }
  if (SQLITE_READONLY_CODES.has(code) || code.startsWith('SQLITE_READONLY') || code.startsWith('SQLITE_CANTOPEN')) {
    return new StudioError('gallery/read-only', `Cannot open the gallery index "${file}" for writing (${code}). Fix the folder's permissions or choose another gallery folder (LATENT_STUDIO_HOME).`, { file, sqlite: code }, { cause: err });
  }
  return new StudioError('gallery/db-error', `Cannot open the gallery index "${file}": ${(err as Error).message}`, { file, sqlite: code }, { cause: err });
}

interface Row {
  n: number; id: string; file: string; created_ms: number; source: string; prompt: string; negative_prompt: string;
  seed: string | null; rng_source: string | null; scheduler: string | null; sampler: string | null; steps: number | null;
  guidance: number | null; width: number; height: number; model_name: string | null; model_hash: string | null;
  model_id: string | null; timings: string | null; wm_status: string; wm_method: string | null; wm_type: string | null;
  wm_message: string | null; favourite: number; tags: string; trashed: number; params: string | null; timeline: number;
}

export const ITEM_COLUMNS = `n, id, file, created_ms, source, prompt, negative_prompt, seed, seed_key, rng_source, scheduler, sampler, steps,
  guidance, width, height, model_name, model_hash, model_id, timings, wm_status, wm_method, wm_type, wm_message, favourite, tags,
  trashed, params, timeline`;

export class GalleryIndex {
  private readonly stmts: ReturnType<GalleryIndex['prepare']>;

  private constructor(readonly db: Database.Database, readonly dir: string, readonly file: string) {
    this.stmts = this.prepare();
  }

  /**
   * Opens (creating if needed) `gallery.db` in `dir`: WAL, foreign keys, pending migrations, a quick
   * integrity check. Throws StudioError gallery/corrupt-db (caller moves it aside and rebuilds),
   * gallery/read-only or gallery/newer-db.
   */
  static open(dir: string, opts: { check?: boolean } = {}): GalleryIndex {
    const file = path.join(dir, 'gallery.db');
    let db: Database.Database | undefined;
    try {
      db = new Database(file);
      db.pragma('busy_timeout = 5000');
      db.pragma('journal_mode = WAL');
      db.pragma('synchronous = NORMAL');
      db.pragma('foreign_keys = ON');
      if (opts.check ?? true) {
        const result = quickCheck(db);
        if (result !== 'ok') throw Object.assign(new Error(`quick_check: ${String(result)}`), { code: 'SQLITE_CORRUPT' });
      }
      migrate(db, file);
      return new GalleryIndex(db, dir, file);
    } catch (err) {
      db?.close();
      throw openError(err, file);
    }
  }

  close(): void {
    if (this.db.open) this.db.close();
  }

  private prepare() {
    const db = this.db;
    return {
      upsert: db.prepare(`INSERT INTO images (id, file, created_ms, source, prompt, negative_prompt, seed, seed_key, rng_source,
          scheduler, sampler, steps, guidance, width, height, model_name, model_hash, model_id, timings, wm_status, wm_method,
          wm_type, wm_message, favourite, tags, trashed, file_size, params, timeline)
        VALUES (@id, @file, @created_ms, @source, @prompt, @negative_prompt, @seed, @seed_key, @rng_source, @scheduler, @sampler,
          @steps, @guidance, @width, @height, @model_name, @model_hash, @model_id, @timings, @wm_status, @wm_method, @wm_type,
          @wm_message, @favourite, @tags, @trashed, @file_size, @params, @timeline)
        ON CONFLICT (id) DO UPDATE SET file = excluded.file, created_ms = excluded.created_ms, source = excluded.source,
          prompt = excluded.prompt, negative_prompt = excluded.negative_prompt, seed = excluded.seed, seed_key = excluded.seed_key,
          rng_source = excluded.rng_source, scheduler = excluded.scheduler, sampler = excluded.sampler, steps = excluded.steps,
          guidance = excluded.guidance, width = excluded.width, height = excluded.height, model_name = excluded.model_name,
          model_hash = excluded.model_hash, model_id = excluded.model_id, timings = excluded.timings, wm_status = excluded.wm_status,
          wm_method = excluded.wm_method, wm_type = excluded.wm_type, wm_message = excluded.wm_message,
          favourite = excluded.favourite, tags = excluded.tags, trashed = excluded.trashed, file_size = excluded.file_size,
          params = excluded.params, timeline = excluded.timeline
        RETURNING n`),
      clearTags: db.prepare('DELETE FROM image_tags WHERE n = ?'),
      addTag: db.prepare('INSERT OR IGNORE INTO image_tags (tag, n) VALUES (?, ?)'),
      byId: db.prepare(`SELECT ${ITEM_COLUMNS} FROM images WHERE id = ?`),
      nById: db.prepare('SELECT n FROM images WHERE id = ?'),
      fileById: db.prepare('SELECT file FROM images WHERE id = ?').pluck(),
      deleteById: db.prepare('DELETE FROM images WHERE id = ?'),
      deleteByFile: db.prepare('DELETE FROM images WHERE file = ?'),
      files: db.prepare('SELECT file FROM images'),
      setFavourite: db.prepare('UPDATE images SET favourite = ? WHERE id = ?'),
      setTags: db.prepare('UPDATE images SET tags = ? WHERE n = ?'),
      setLocation: db.prepare('UPDATE images SET file = ?, trashed = ? WHERE id = ?'),
      trashedIds: db.prepare('SELECT id FROM images WHERE trashed = 1'),
      setTimeline: db.prepare('UPDATE images SET timeline = ? WHERE id = ?'),
      timelineFlags: db.prepare('SELECT file, timeline FROM images'),
      count: db.prepare('SELECT count(*) FROM images WHERE trashed = ?').pluck(),
    };
  }

  /** Inserts or replaces rows (by id) in one transaction. */
  upsert(entries: IndexEntry[]): void {
    guard(this.file, () =>
      this.db.transaction(() => {
        for (const e of entries) {
          const n = (this.stmts.upsert.get(toRow(e)) as { n: number }).n;
          this.writeTags(n, e.tags);
        }
      })(),
    );
  }

  private writeTags(n: number, tags: string[]): void {
    this.stmts.clearTags.run(n);
    for (const t of tags) this.stmts.addTag.run(t, n);
  }

  get(id: string): GalleryItem | undefined {
    const row = guard(this.file, () => this.stmts.byId.get(id) as Row | undefined);
    return row && itemFromRow(row, this.dir);
  }

  /** The relative file of an id's row, if indexed. */
  fileOf(id: string): string | undefined {
    return this.stmts.fileById.get(id) as string | undefined;
  }

  /** Relative file names of every row (gallery and trash). */
  files(): Set<string> {
    return new Set(guard(this.file, () => this.stmts.files.raw().all() as Array<[string]>).map((r) => r[0]));
  }

  removeFiles(files: Iterable<string>): number {
    let n = 0;
    this.db.transaction(() => {
      for (const f of files) n += this.stmts.deleteByFile.run(f).changes;
    })();
    return n;
  }

  remove(id: string): void {
    this.stmts.deleteById.run(id);
  }

  /** Empties the index in one transaction and fills it with `entries` (rebuild). */
  replaceAll(entries: IndexEntry[]): void {
    this.db.transaction(() => {
      this.db.exec("DELETE FROM image_tags; DELETE FROM images; INSERT INTO images_fts (images_fts) VALUES ('delete-all');");
      this.upsert(entries);
    })();
  }

  setFavourite(id: string, favourite: boolean): void {
    this.stmts.setFavourite.run(favourite ? 1 : 0, id);
  }

  setTags(id: string, tags: string[]): void {
    this.db.transaction(() => {
      const n = (this.stmts.nById.get(id) as { n: number } | undefined)?.n;
      if (n === undefined) return;
      this.stmts.setTags.run(JSON.stringify(tags), n);
      this.writeTags(n, tags);
    })();
  }

  setLocation(id: string, file: string, trashed: boolean): void {
    this.stmts.setLocation.run(file, trashed ? 1 : 0, id);
  }

  /** Records whether the item has a timeline folder beside its PNG. */
  setTimeline(id: string, has: boolean): void {
    this.stmts.setTimeline.run(has ? 1 : 0, id);
  }

  /** Every row's relative file → whether it is marked as having a timeline. */
  timelineFlags(): Map<string, boolean> {
    return new Map(guard(this.file, () => this.stmts.timelineFlags.raw().all() as Array<[string, number]>).map(([f, t]) => [f, t === 1]));
  }

  trashedIds(): string[] {
    return (this.stmts.trashedIds.raw().all() as Array<[string]>).map((r) => r[0]);
  }

  count(trashed = false): number {
    return this.stmts.count.get(trashed ? 1 : 0) as number;
  }

  search(query: GalleryQuery): GalleryPage {
    const { rows, nextCursor, total } = guard(this.file, () => runSearch(this.db, query, ITEM_COLUMNS));
    const page: GalleryPage = { items: (rows as Row[]).map((r) => itemFromRow(r, this.dir)), nextCursor };
    if (total !== undefined) page.total = total;
    return page;
  }

  facets(trashed = false): GalleryFacets {
    return guard(this.file, () => runFacets(this.db, trashed));
  }

  /** PRAGMA integrity_check: 'ok' or the first problems found. */
  integrityCheck(): string {
    return (this.db.pragma('integrity_check', { simple: false }) as Array<{ integrity_check: string }>).map((r) => r.integrity_check).join('; ');
  }
}

function migrate(db: Database.Database, file: string): void {
  const version = db.pragma('user_version', { simple: true }) as number;
  if (version > SCHEMA_VERSION) {
    throw new StudioError('gallery/newer-db', `The gallery index "${file}" was written by a newer Latent Studio (schema ${version}, this version knows ${SCHEMA_VERSION}). Update Latent Studio, or run "latent-studio gallery rebuild".`, { file, version, known: SCHEMA_VERSION });
  }
  for (let v = version; v < SCHEMA_VERSION; v++) {
    db.transaction(() => {
      db.exec(MIGRATIONS[v]);
      db.pragma(`user_version = ${v + 1}`);
    }).immediate();
  }
}

function toRow(e: IndexEntry): Record<string, unknown> {
  return {
    id: e.id, file: e.file, created_ms: e.createdMs, source: e.source, prompt: e.prompt, negative_prompt: e.negativePrompt,
    seed: e.seed, seed_key: seedKey(e.seed), rng_source: e.rngSource, scheduler: e.scheduler, sampler: e.sampler, steps: e.steps,
    guidance: e.guidance, width: e.width, height: e.height, model_name: e.model.name, model_hash: e.model.hash?.toLowerCase() ?? null, model_id: e.model.id,
    timings: e.timingsMs ? JSON.stringify(e.timingsMs) : null, wm_status: e.watermark.status, wm_method: e.watermark.method ?? null,
    wm_type: e.watermark.type ?? null, wm_message: e.watermark.message ?? null, favourite: e.favourite ? 1 : 0,
    tags: JSON.stringify(e.tags), trashed: e.trashed ? 1 : 0, file_size: e.fileSize ?? null, params: e.params ? JSON.stringify(e.params) : null,
    timeline: e.hasTimeline ? 1 : 0,
  };
}

function itemFromRow(r: Row, dir: string): GalleryItem {
  const watermark: WatermarkRecord = { status: r.wm_status as WatermarkRecord['status'] };
  if (r.wm_method) watermark.method = r.wm_method as WatermarkRecord['method'];
  if (r.wm_type) watermark.type = r.wm_type as WatermarkRecord['type'];
  if (r.wm_message !== null) watermark.message = r.wm_message;
  return {
    id: r.id, file: path.join(dir, r.file), created: new Date(r.created_ms).toISOString(), source: r.source as GalleryItem['source'],
    prompt: r.prompt, negativePrompt: r.negative_prompt, seed: r.seed, rngSource: r.rng_source, scheduler: r.scheduler,
    sampler: r.sampler, steps: r.steps, guidance: r.guidance, width: r.width, height: r.height,
    model: { name: r.model_name, hash: r.model_hash, id: r.model_id },
    timingsMs: r.timings ? JSON.parse(r.timings) : null, watermark, favourite: r.favourite === 1, tags: JSON.parse(r.tags),
    trashed: r.trashed === 1, params: r.params ? JSON.parse(r.params) : null,
    timeline: r.timeline === 1 ? path.join(dir, timelineRelOf(r.file)) : null,
  };
}
