// What the Gallery screen asks of the index on a real SQLite file: random access by offset (the virtual
// grid), the size filter, and facets (models, samplers, sizes present), checked against plain JavaScript.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { GalleryIndex, type IndexEntry } from '../../src-main/gallery/store.js';
import { tempDir } from './helpers/temp.js';

const SIZES = [[64, 64], [512, 512], [512, 768]] as const;
const T0 = Date.UTC(2026, 0, 1);

function entry(i: number): IndexEntry {
  const [width, height] = SIZES[i % 3];
  const id = `img-${String(i).padStart(4, '0')}`;
  return {
    id, file: `${id}.png`, createdMs: T0 + i * 60_000, source: 'generated', prompt: `fox number${i}`, negativePrompt: '',
    seed: String(i), rngSource: 'torch-cpu', scheduler: i % 2 ? 'euler-a' : 'ddim', sampler: i % 2 ? 'Euler a' : 'DDIM', steps: 20, guidance: 7.5,
    width, height, model: { name: i % 5 === 0 ? 'sd15' : 'tiny', hash: null, id: null }, timingsMs: null, watermark: { status: 'unknown' },
    favourite: false, tags: [], trashed: i % 10 === 9, params: null,
  };
}

const ENTRIES = Array.from({ length: 150 }, (_, i) => entry(i));
const LIVE = ENTRIES.filter((e) => !e.trashed).sort((a, b) => b.createdMs - a.createdMs);
let index: GalleryIndex;

beforeAll(async () => {
  index = GalleryIndex.open(await tempDir());
  index.upsert(ENTRIES);
});
afterAll(() => index.close());

describe('gallery index for a virtual grid', () => {
  it('returns any window of the results by offset, the same rows keyset paging gives', () => {
    for (const [offset, limit] of [[0, 10], [37, 20], [130, 50], [135, 5]]) {
      const page = index.search({ offset, limit, withTotal: true });
      expect(page.items.map((i) => i.id)).toEqual(LIVE.slice(offset, offset + limit).map((e) => e.id));
      expect(page.total).toBe(LIVE.length);
    }
    const first = index.search({ limit: 37 });
    expect(index.search({ cursor: first.nextCursor!, limit: 5 }).items.map((i) => i.id)).toEqual(index.search({ offset: 37, limit: 5 }).items.map((i) => i.id));
  });

  it('rejects an offset that is negative, fractional or given with a cursor', () => {
    expect(() => index.search({ offset: -1 })).toThrow(/offset/);
    expect(() => index.search({ offset: 1.5 })).toThrow(/offset/);
    const cursor = index.search({ limit: 2 }).nextCursor!;
    expect(() => index.search({ offset: 2, cursor })).toThrow(/either a cursor or an offset/);
  });

  it('filters by exact size, alone and with text and sampler', () => {
    const ids = (q: Parameters<GalleryIndex['search']>[0]) => index.search({ limit: 500, ...q }).items.map((i) => i.id).sort();
    expect(ids({ width: 512, height: 768 })).toEqual(LIVE.filter((e) => e.width === 512 && e.height === 768).map((e) => e.id).sort());
    expect(ids({ width: 512 })).toEqual(LIVE.filter((e) => e.width === 512).map((e) => e.id).sort());
    expect(ids({ width: 64, height: 64, sampler: 'Euler a', text: 'fox' })).toEqual(LIVE.filter((e) => e.width === 64 && e.scheduler === 'euler-a').map((e) => e.id).sort());
    expect(() => index.search({ width: 0 })).toThrow(/width/);
  });

  it('lists the models, samplers and sizes present with their counts, most used first, per gallery or trash', () => {
    const count = (list: IndexEntry[], f: (e: IndexEntry) => boolean) => list.filter(f).length;
    const f = index.facets();
    expect(f.total).toBe(LIVE.length);
    expect(f.models).toEqual([
      { name: 'tiny', count: count(LIVE, (e) => e.model.name === 'tiny') },
      { name: 'sd15', count: count(LIVE, (e) => e.model.name === 'sd15') },
    ]);
    expect(f.samplers.map((s) => [s.scheduler, s.sampler, s.count]).sort()).toEqual([
      ['ddim', 'DDIM', count(LIVE, (e) => e.scheduler === 'ddim')],
      ['euler-a', 'Euler a', count(LIVE, (e) => e.scheduler === 'euler-a')],
    ].sort());
    expect(f.sizes.reduce((n, s) => n + s.count, 0)).toBe(LIVE.length);
    expect(f.sizes.find((s) => s.width === 512 && s.height === 768)?.count).toBe(count(LIVE, (e) => e.height === 768));
    const trash = index.facets(true);
    expect(trash.total).toBe(ENTRIES.length - LIVE.length);
    expect(trash.sizes.reduce((n, s) => n + s.count, 0)).toBe(trash.total);
  });
});
