// The SQLite index: schema versioning, corruption detection, and every filter/sort/page checked
// against a plain JavaScript filter over the same rows (each page walked to the end, no row twice).
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SCHEMA_VERSION } from '../../src-main/gallery/schema.js';
import { GalleryIndex, seedKey, type IndexEntry } from '../../src-main/gallery/store.js';
import type { GalleryQuery, GallerySort } from '../../src-main/gallery/types.js';
import { tempDir } from './helpers/temp.js';

const WORDS = ['fox', 'forest', 'castle', 'ocean', 'portrait', 'neon', 'city', 'dragon', 'flower', 'mountain'];
const MODELS = [['sd15', 'aaaaaa1111'], ['dreamshaper', 'bbbbbb2222'], ['tiny-sd', 'cccccc3333']] as const;
const SCHEDULERS = [['euler-a', 'Euler a'], ['dpmpp-2m-karras', 'DPM++ 2M Karras'], ['ddim', 'DDIM'], ['Restart', 'Restart']] as const;
const SEEDS = ['-9223372036854775808', '-1', '0', '7', '42', '4294967296', '9223372036854775807', '18446744073709551615'];
const T0 = Date.UTC(2026, 0, 1);

function makeEntry(i: number): IndexEntry {
  const [modelName, hash] = MODELS[i % 3];
  const [scheduler, sampler] = SCHEDULERS[i % 4];
  return {
    id: `img-${String(i).padStart(4, '0')}`, file: `img-${String(i).padStart(4, '0')}.png`, createdMs: T0 + ((i * 7919) % 400) * 3600_000,
    source: 'generated', prompt: `${WORDS[i % 10]} ${WORDS[(i * 3 + 1) % 10]} number${i}`, negativePrompt: i % 5 === 0 ? 'blurry fox' : 'lowres',
    seed: i % 11 === 0 ? null : SEEDS[i % SEEDS.length] === '42' ? String(1000 + i) : SEEDS[i % SEEDS.length],
    rngSource: 'torch-cpu', scheduler, sampler, steps: 20, guidance: 7.5, width: 64, height: 64,
    model: { name: modelName, hash, id: null }, timingsMs: null, watermark: { status: 'marked', method: 'dwtDctSvd', type: 'bytes', message: 'LStdio' },
    favourite: i % 4 === 1, tags: [i % 2 ? 'odd' : 'even', ...(i % 3 === 0 ? ['three'] : [])], trashed: i % 17 === 0, params: null,
  };
}

const ENTRIES = Array.from({ length: 260 }, (_, i) => makeEntry(i));
let dir: string;
let index: GalleryIndex;

beforeAll(async () => {
  dir = await tempDir();
  index = GalleryIndex.open(dir);
  index.upsert(ENTRIES);
});
afterAll(() => index.close());

function tokens(s: string): string[] {
  return s.toLowerCase().split(/[^a-z0-9]+/).filter(Boolean);
}

function matches(e: IndexEntry, q: GalleryQuery): boolean {
  if (e.trashed !== (q.trashed ?? false)) return false;
  if (q.text) {
    const words = q.text.toLowerCase().split(/\s+/).filter(Boolean);
    const hay = tokens(q.textIn === 'negative' ? e.negativePrompt : q.textIn === 'both' ? `${e.prompt} ${e.negativePrompt}` : e.prompt);
    if (!words.every((w, i) => hay.some((t) => (i === words.length - 1 ? t.startsWith(w) : t === w)))) return false;
  }
  if (q.model && e.model.name !== q.model && !(e.model.hash ?? '').startsWith(q.model)) return false;
  if (q.sampler && e.scheduler !== q.sampler && e.sampler !== q.sampler) return false;
  if (q.since !== undefined && e.createdMs < q.since) return false;
  if (q.until !== undefined && e.createdMs > q.until) return false;
  if (q.favourite !== undefined && e.favourite !== q.favourite) return false;
  return (q.tags ?? []).every((t) => e.tags.includes(t));
}

function expected(q: GalleryQuery): string[] {
  const sort: GallerySort = q.sort ?? 'date-desc';
  const n = (e: IndexEntry) => ENTRIES.indexOf(e) + 1; // rowid order = insertion order
  const key = (e: IndexEntry) => (sort.startsWith('date') ? e.createdMs : seedKey(e.seed));
  const desc = sort.endsWith('desc');
  return ENTRIES.filter((e) => matches(e, q))
    .sort((a, b) => {
      const ka = key(a);
      const kb = key(b);
      const c = ka < kb ? -1 : ka > kb ? 1 : n(a) - n(b);
      return desc ? -c : c;
    })
    .map((e) => e.id);
}

function walk(q: GalleryQuery): string[] {
  const ids: string[] = [];
  let cursor: string | undefined;
  for (let pages = 0; pages < 1000; pages++) {
    const page = index.search({ ...q, cursor });
    ids.push(...page.items.map((i) => i.id));
    if (!page.nextCursor) return ids;
    expect(page.items).toHaveLength(q.limit ?? 60);
    cursor = page.nextCursor;
  }
  throw new Error('pagination did not end');
}

describe('schema', () => {
  it('creates the current schema version in WAL mode', () => {
    expect(index.db.pragma('user_version', { simple: true })).toBe(SCHEMA_VERSION);
    expect(index.db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(index.integrityCheck()).toBe('ok');
  });

  it('refuses an index from a newer version (gallery/newer-db)', async () => {
    const d = await tempDir();
    const db = new Database(path.join(d, 'gallery.db'));
    db.pragma('user_version = 99');
    db.close();
    expect(() => GalleryIndex.open(d)).toThrow(expect.objectContaining({ code: 'gallery/newer-db' }));
  });

  it('reports a file that is not a database as gallery/corrupt-db', async () => {
    const d = await tempDir();
    await writeFile(path.join(d, 'gallery.db'), Buffer.alloc(8192, 0x5a));
    expect(() => GalleryIndex.open(d)).toThrow(expect.objectContaining({ code: 'gallery/corrupt-db' }));
  });

  it('sorts seeds numerically over the whole torch range', () => {
    const sorted = [...SEEDS].sort((a, b) => seedKey(a).localeCompare(seedKey(b)));
    expect(sorted).toEqual(SEEDS);
    expect(seedKey('18446744073709551616')).toBe('');
    expect(seedKey('-9223372036854775809')).toBe('');
    expect(seedKey(null)).toBe('');
  });
});

describe('search', () => {
  const queries: Array<[string, GalleryQuery]> = [
    ['everything, newest first', { limit: 25 }],
    ['oldest first', { sort: 'date-asc', limit: 40 }],
    ['by seed', { sort: 'seed-asc', limit: 33 }],
    ['by seed, descending', { sort: 'seed-desc', limit: 50 }],
    ['text', { text: 'fox', limit: 7 }],
    ['two words, last as prefix', { text: 'castle drag', limit: 5 }],
    ['negative prompt text', { text: 'fox', textIn: 'negative', limit: 9 }],
    ['both prompts', { text: 'fox', textIn: 'both', limit: 11, sort: 'seed-desc' }],
    ['model by name', { model: 'dreamshaper', limit: 20 }],
    ['model by hash prefix', { model: 'cccccc', limit: 20, sort: 'seed-asc' }],
    ['sampler id', { sampler: 'dpmpp-2m-karras', limit: 10 }],
    ['foreign sampler name', { sampler: 'Restart', limit: 10 }],
    ['date range', { since: T0 + 100 * 3600_000, until: T0 + 200 * 3600_000, limit: 13 }],
    ['favourites', { favourite: true, limit: 6 }],
    ['not favourites', { favourite: false, limit: 60 }],
    ['tags (all must match)', { tags: ['odd', 'three'], limit: 8 }],
    ['trash', { trashed: true, limit: 4 }],
    ['everything at once', { text: 'forest', model: 'sd15', favourite: true, tags: ['odd'], sort: 'seed-asc', limit: 2 }],
  ];
  for (const [name, q] of queries) {
    it(`pages through "${name}" exactly as the reference filter says`, () => {
      const want = expected(q);
      expect(want.length).toBeGreaterThan(0);
      expect(walk(q)).toEqual(want);
      expect(index.search({ ...q, withTotal: true }).total).toBe(want.length);
    });
  }

  it('takes WebUI sampler names for our schedulers', () => {
    expect(walk({ sampler: 'DPM++ 2M Karras', limit: 100 })).toEqual(expected({ sampler: 'dpmpp-2m-karras', limit: 100 }));
  });

  it('treats FTS syntax in the text as words, never as an error', () => {
    for (const text of ['"', 'fox OR', 'NEAR(fox', '(x:1.2)', '-fox', '*', 'fox"castle', ',,,']) {
      expect(() => index.search({ text })).not.toThrow();
    }
    expect(index.search({ text: ',,,' }).items.length).toBe(index.search({}).items.length);
  });

  it('returns full items with their fields', () => {
    const item = index.search({ text: 'number13' }).items.find((i) => i.id === 'img-0013');
    expect(item).toMatchObject({ id: 'img-0013', file: path.join(dir, 'img-0013.png'), tags: ['odd'], favourite: true, sampler: 'DPM++ 2M Karras', model: { name: 'dreamshaper' } });
  });

  it('refuses bad sorts, limits and foreign cursors (gallery/bad-query)', () => {
    const cursor = index.search({ limit: 1 }).nextCursor!;
    expect(() => index.search({ sort: 'seed-asc', cursor })).toThrow(expect.objectContaining({ code: 'gallery/bad-query' }));
    expect(() => index.search({ cursor: 'garbage' })).toThrow(expect.objectContaining({ code: 'gallery/bad-query' }));
    expect(() => index.search({ sort: 'random' as GallerySort })).toThrow(/Choose one of: date-desc/);
    expect(() => index.search({ limit: 0 })).toThrow(expect.objectContaining({ code: 'gallery/bad-query' }));
    expect(() => index.search({ limit: 501 })).toThrow(expect.objectContaining({ code: 'gallery/bad-query' }));
  });

  it('keeps tags and favourites filterable after updates, and drops rows by file', () => {
    index.setTags('img-0002', ['new-tag']);
    index.setFavourite('img-0002', true);
    expect(index.search({ tags: ['new-tag'], favourite: true }).items.map((i) => i.id)).toEqual(['img-0002']);
    expect(index.removeFiles(['img-0002.png'])).toBe(1);
    expect(index.search({ tags: ['new-tag'] }).items).toEqual([]);
    expect(index.db.prepare('SELECT count(*) FROM image_tags WHERE n NOT IN (SELECT n FROM images)').pluck().get()).toBe(0);
    index.upsert([makeEntry(2)]);
  });
});
