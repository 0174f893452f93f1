// Browsing the index: filters → one SQL statement with keyset pagination (the cursor carries the last
// row's sort key and rowid, so page N costs what page 1 costs) or an offset, an optional count, facets.
import type Database from 'better-sqlite3';
import { StudioError } from '../../src-shared/errors.js';
import { WEBUI_SAMPLER_NAMES, schedulerFromSampler } from './infotext.js';
import { GALLERY_SORTS, type GalleryFacets, type GalleryQuery, type GallerySort } from './types.js';

export const DEFAULT_PAGE = 60;
export const MAX_PAGE = 500;

const SORT_COLUMN: Record<GallerySort, { column: 'created_ms' | 'seed_key'; desc: boolean }> = {
  'date-desc': { column: 'created_ms', desc: true },
  'date-asc': { column: 'created_ms', desc: false },
  'seed-asc': { column: 'seed_key', desc: false },
  'seed-desc': { column: 'seed_key', desc: true },
};

function badQuery(message: string, params: Record<string, string | number>): StudioError {
  return new StudioError('gallery/bad-query', message, params);
}

/**
 * The FTS5 expression for free text: every word must occur (quoted, so `(`, `:`, `-`, `OR` are words,
 * not syntax), the last also as a prefix (search as you type). Undefined when no word has letters/digits.
 */
export function ftsExpression(text: string, textIn: GalleryQuery['textIn'] = 'prompt'): string | undefined {
  const words = text.split(/\s+/).filter((w) => /[\p{L}\p{N}]/u.test(w));
  if (words.length === 0) return undefined;
  const terms = words.map((w, i) => `"${w.replace(/"/g, '""')}"${i === words.length - 1 ? '*' : ''}`).join(' ');
  if (textIn === 'both') return terms;
  return `${textIn === 'negative' ? 'negative_prompt' : 'prompt'} : (${terms})`;
}

/** Our scheduler id for a filter value: an id, a WebUI name, or (for foreign samplers) the name as stored. */
export function schedulerFilter(sampler: string): string {
  const s = sampler.trim();
  if (WEBUI_SAMPLER_NAMES[s.toLowerCase()]) return s.toLowerCase();
  return schedulerFromSampler(s) ?? s;
}

interface Cursor { sort: GallerySort; key: number | string; n: number }

export function encodeCursor(c: Cursor): string {
  return Buffer.from(JSON.stringify([c.sort, c.key, c.n])).toString('base64url');
}

function decodeCursor(cursor: string, sort: GallerySort): Cursor {
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    parsed = undefined; // reported below as a bad cursor
  }
  if (!Array.isArray(parsed) || parsed.length !== 3 || !Number.isInteger(parsed[2]) || !(typeof parsed[1] === 'number' || typeof parsed[1] === 'string')) {
    throw badQuery(`Cursor "${cursor}" is not one this gallery handed out. Start again without a cursor.`, { cursor });
  }
  if (parsed[0] !== sort) throw badQuery(`Cursor "${cursor}" belongs to sort "${String(parsed[0])}", not "${sort}". Use the same sort for every page.`, { cursor, sort });
  return { sort, key: parsed[1], n: parsed[2] };
}

function whereClause(q: GalleryQuery): { sql: string[]; args: unknown[] } {
  const sql = ['trashed = ?'];
  const args: unknown[] = [q.trashed ? 1 : 0];
  const fts = q.text === undefined ? undefined : ftsExpression(q.text, q.textIn);
  if (fts) {
    sql.push('n IN (SELECT rowid FROM images_fts WHERE images_fts MATCH ?)');
    args.push(fts);
  }
  if (q.model !== undefined && q.model !== '') {
    const hash = /^[0-9a-f]{6,64}$/i.test(q.model) ? q.model.toLowerCase() : undefined;
    // NOTE: an IN over a UNION lets each arm use its own index; a plain OR scans the table for counts.
    sql.push(hash ? 'n IN (SELECT n FROM images WHERE model_name = ? UNION ALL SELECT n FROM images WHERE model_hash >= ? AND model_hash < ?)' : 'model_name = ?');
    args.push(q.model, ...(hash ? [hash, `${hash}\uffff`] : []));
  }
  if (q.sampler !== undefined && q.sampler !== '') {
    sql.push('scheduler = ?');
    args.push(schedulerFilter(q.sampler));
  }
  if (q.since !== undefined) {
    sql.push('created_ms >= ?');
    args.push(q.since);
  }
  if (q.until !== undefined) {
    sql.push('created_ms <= ?');
    args.push(q.until);
  }
  // NOTE: a literal, not a parameter, so the partial index on favourites can serve the query.
  if (q.favourite !== undefined) sql.push(q.favourite ? 'favourite = 1' : 'favourite = 0');
  for (const side of ['width', 'height'] as const) {
    if (q[side] === undefined) continue;
    sql.push(`${side} = ?`);
    args.push(q[side]);
  }
  for (const tag of q.tags ?? []) {
    sql.push('n IN (SELECT n FROM image_tags WHERE tag = ?)');
    args.push(tag);
  }
  return { sql, args };
}

export function checkQuery(q: GalleryQuery): { sort: GallerySort; limit: number } {
  const sort = q.sort ?? 'date-desc';
  if (!GALLERY_SORTS.includes(sort)) throw badQuery(`Unknown sort "${String(sort)}". Choose one of: ${GALLERY_SORTS.join(', ')}.`, { sort: String(sort) });
  const limit = q.limit ?? DEFAULT_PAGE;
  if (!Number.isInteger(limit) || limit < 1 || limit > MAX_PAGE) throw badQuery(`Page size must be 1–${MAX_PAGE}, got ${limit}.`, { limit });
  for (const [name, v] of [['since', q.since], ['until', q.until]] as const) {
    if (v !== undefined && !Number.isFinite(v)) throw badQuery(`"${name}" must be a time in ms since 1970, got ${v}.`, { [name]: String(v) });
  }
  for (const side of ['width', 'height'] as const) {
    const v = q[side];
    if (v !== undefined && (!Number.isInteger(v) || v < 1)) throw badQuery(`"${side}" must be a whole number of pixels, got ${v}.`, { [side]: String(v) });
  }
  if (q.offset !== undefined) {
    if (!Number.isInteger(q.offset) || q.offset < 0) throw badQuery(`"offset" must be a whole number ≥ 0, got ${q.offset}.`, { offset: String(q.offset) });
    if (q.cursor) throw badQuery('Pass either a cursor or an offset, not both.', { offset: q.offset });
  }
  return { sort, limit };
}

const statements = new WeakMap<Database.Database, Map<string, Database.Statement>>();

/** Prepared statements by SQL text: a grid re-runs the same few shapes of query. */
function prepared(db: Database.Database, sql: string): Database.Statement {
  let cache = statements.get(db);
  if (!cache) statements.set(db, (cache = new Map()));
  let stmt = cache.get(sql);
  if (!stmt) {
    if (cache.size >= 64) cache.clear();
    cache.set(sql, (stmt = db.prepare(sql)));
  }
  return stmt;
}

/** Models, samplers and sizes present in the gallery (or the trash), most used first. */
export function runFacets(db: Database.Database, trashed: boolean): GalleryFacets {
  const t = trashed ? 1 : 0;
  const models = prepared(db, 'SELECT model_name AS name, count(*) AS count FROM images WHERE trashed = ? AND model_name IS NOT NULL GROUP BY model_name ORDER BY count DESC, name').all(t) as GalleryFacets['models'];
  const samplers = prepared(db, 'SELECT scheduler, max(sampler) AS sampler, count(*) AS count FROM images WHERE trashed = ? AND scheduler IS NOT NULL GROUP BY scheduler ORDER BY count DESC, scheduler').all(t) as GalleryFacets['samplers'];
  const sizes = prepared(db, 'SELECT width, height, count(*) AS count FROM images WHERE trashed = ? GROUP BY width, height ORDER BY count DESC, width, height').all(t) as GalleryFacets['sizes'];
  const total = prepared(db, 'SELECT count(*) FROM images WHERE trashed = ?').pluck().get(t) as number;
  return { models, samplers, sizes, total };
}

export interface SearchRows { rows: unknown[]; nextCursor: string | null; total?: number }

/** Runs one page of `q`; rows are raw `images` rows (all ITEM_COLUMNS). */
export function runSearch(db: Database.Database, q: GalleryQuery, columns: string): SearchRows {
  const { sort, limit } = checkQuery(q);
  const { column, desc } = SORT_COLUMN[sort];
  const where = whereClause(q);
  const pageWhere = [...where.sql];
  const pageArgs = [...where.args];
  if (q.cursor) {
    const c = decodeCursor(q.cursor, sort);
    pageWhere.push(`(${column}, n) ${desc ? '<' : '>'} (?, ?)`);
    pageArgs.push(c.key, c.n);
  }
  const dir = desc ? 'DESC' : 'ASC';
  const rows = prepared(db, `SELECT ${columns} FROM images WHERE ${pageWhere.join(' AND ')} ORDER BY ${column} ${dir}, n ${dir} LIMIT ? OFFSET ?`)
    .all(...pageArgs, limit + 1, q.offset ?? 0) as Array<Record<string, unknown>>;
  let nextCursor: string | null = null;
  if (rows.length > limit) {
    rows.length = limit;
    const last = rows[limit - 1];
    nextCursor = encodeCursor({ sort, key: last[column] as number | string, n: last.n as number });
  }
  const result: SearchRows = { rows, nextCursor };
  if (q.withTotal) result.total = prepared(db, `SELECT count(*) FROM images WHERE ${where.sql.join(' AND ')}`).pluck().get(...where.args) as number;
  return result;
}
