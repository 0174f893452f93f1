// The gallery ops through the router, as the UI calls them, over a real Studio and a real gallery folder:
// filtered search with offsets, facets, the watermark check, favourites, trash, and export jobs with
// their events (files on disk, a zip served for download, cancel).
import { existsSync } from 'node:fs';
import { readdir } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AnyEvent } from '../../src-shared/contract/index.js';
import { EXPORT_NAME_TEMPLATE_DEFAULT } from '../../src-shared/contract/index.js';
import { DEFAULT_NAME_TEMPLATE } from '../../src-main/gallery/index.js';
import { createRouter, type Router } from '../../src-main/ipc/router.js';
import { resolveAppFile } from '../../src-main/services/app-files.js';
import { Studio } from '../../src-main/services/studio.js';
import { patternImage, sampleParams } from '../gallery/helpers/images.js';
import { tempDir } from '../gallery/helpers/temp.js';

let home: string;
let studio: Studio;
let router: Router;
const events: AnyEvent[] = [];
const ids: Record<string, string> = {};

async function call<T = Record<string, unknown>>(op: string, req: unknown = {}): Promise<T> {
  const r = await router.handle(op, req);
  if (!r.ok) throw Object.assign(new Error(r.error.message), r.error);
  return r.value as T;
}

beforeAll(async () => {
  home = await tempDir('ls-ipc-gallery-');
  studio = new Studio({ host: 'web', scanHubCache: false, dataDir: home, log: () => {} });
  router = createRouter(studio);
  studio.events.subscribe((e) => events.push(e));
  const g = await studio.gallery.open();
  const save = async (key: string, w: number, prompt: string, scheduler: string, model: string, minute: number) => {
    ids[key] = (await g.save(patternImage(w, w, minute), sampleParams({ prompt, scheduler, width: w, height: w, model: { ...sampleParams().model, name: model } }), { created: new Date(Date.UTC(2026, 5, 1, 12, minute)) })).id;
  };
  await save('fox', 256, 'a red fox in the snow', 'euler-a', 'tiny-sd', 1);
  await save('owl', 64, 'an owl at night', 'ddim', 'tiny-sd', 2);
  await save('ship', 64, 'a ship on a stormy sea', 'euler-a', 'other', 3);
  await save('fox2', 64, 'a fox cub asleep', 'ddim', 'other', 4);
}, 60_000);
afterAll(async () => studio?.close());

const idsOf = (r: { items: Array<{ id: string }> }) => r.items.map((i) => i.id);

describe('gallery ops through the router', () => {
  it('searches with text, filters, sorts and offsets, and counts the matches', async () => {
    expect(idsOf(await call('gallery.search', {}))).toEqual([ids.fox2, ids.ship, ids.owl, ids.fox]);
    expect(await call('gallery.search', { query: 'fox' })).toMatchObject({ total: 2, hasMore: false, offset: 0 });
    expect(idsOf(await call('gallery.search', { query: 'fox', sampler: 'DDIM' }))).toEqual([ids.fox2]);
    expect(idsOf(await call('gallery.search', { model: 'other', sort: 'date-asc' }))).toEqual([ids.ship, ids.fox2]);
    expect(idsOf(await call('gallery.search', { width: 256, height: 256 }))).toEqual([ids.fox]);
    expect(idsOf(await call('gallery.search', { since: Date.UTC(2026, 5, 1, 12, 2), until: Date.UTC(2026, 5, 1, 12, 3) }))).toEqual([ids.ship, ids.owl]);
    const window = await call<{ items: Array<{ id: string }>; hasMore: boolean; total: number | null }>('gallery.search', { offset: 1, limit: 2, withTotal: false });
    expect([idsOf(window), window.hasMore, window.total]).toEqual([[ids.ship, ids.owl], true, null]);
    await expect(call('gallery.search', { limit: 0 })).rejects.toMatchObject({ code: 'contract/bad-request' });
  });

  it('lists the models, samplers and sizes present for the filter pickers', async () => {
    const f = await call<{ models: unknown[]; samplers: Array<{ scheduler: string; sampler: string | null }>; sizes: unknown[]; total: number }>('gallery.facets');
    expect(f.total).toBe(4);
    expect(f.models).toEqual([{ name: 'other', count: 2 }, { name: 'tiny-sd', count: 2 }]);
    expect(f.samplers.map((s) => [s.scheduler, s.sampler]).sort()).toEqual([['ddim', 'DDIM'], ['euler-a', 'Euler a']]);
    expect(f.sizes).toEqual([{ width: 64, height: 64, count: 3 }, { width: 256, height: 256, count: 1 }]);
  });

  it('reads the mark back from a 256×256 image and says a 64×64 one is too small', async () => {
    expect(await call('gallery.watermark', { id: ids.fox })).toMatchObject({ status: 'readable', recorded: 'marked' });
    expect(await call('gallery.watermark', { id: ids.owl })).toEqual({ status: 'too-small', recorded: 'too-small', matching: 0, total: 0 });
    const image = await call<{ item: { watermark: string; sampler: string }; infotext: string }>('gallery.image', { id: ids.fox });
    expect(image.item).toMatchObject({ watermark: 'marked', sampler: 'Euler a', favourite: false, trashed: false });
    expect(image.infotext).toMatch(/^a red fox in the snow\nNegative prompt: blurry, lowres\nSteps: 20, Sampler: Euler a/);
  });

  it('favourites an image (kept in the PNG and the index) and filters by favourites', async () => {
    expect((await call<{ item: { favourite: boolean } }>('gallery.favourite', { id: ids.owl, favourite: true })).item.favourite).toBe(true);
    expect(idsOf(await call('gallery.search', { favourite: true }))).toEqual([ids.owl]);
    expect((await (await studio.gallery.open()).reconcile()).added).toBe(0);
    await expect(call('gallery.favourite', { id: 'nope', favourite: true })).rejects.toMatchObject({ code: 'gallery/unknown-id' });
  });

  it('trashes, lists the trash, restores, and empties the trash for good', async () => {
    expect(await call('gallery.trash', { ids: [ids.ship, ids.fox2] })).toEqual({ count: 2 });
    expect(idsOf(await call('gallery.search', {}))).toEqual([ids.owl, ids.fox]);
    expect(idsOf(await call('gallery.search', { trashed: true }))).toEqual([ids.fox2, ids.ship]);
    expect((await call<{ item: { trashed: boolean } }>('gallery.image', { id: ids.ship })).item.trashed).toBe(true);
    expect((await call<{ total: number }>('gallery.facets', { trashed: true })).total).toBe(2);
    expect(await call('gallery.restore', { ids: [ids.ship] })).toEqual({ count: 1 });
    expect(await call('gallery.emptyTrash')).toEqual({ removed: 1 });
    expect(idsOf(await call('gallery.search', { trashed: true }))).toEqual([]);
    await expect(call('gallery.image', { id: ids.fox2 })).rejects.toMatchObject({ code: 'gallery/unknown-id' });
    expect(existsSync(path.join(home, 'gallery', 'trash', `${ids.fox2}.png`))).toBe(false);
  });

  it('exports to a folder as a job: the id at once, progress per file, then done with the files on disk', async () => {
    const to = path.join(home, 'out', 'folder');
    const { jobId } = await call<{ jobId: string }>('gallery.export', { ids: [ids.fox, ids.owl], format: 'webp', template: '{index}-{seed}', to });
    await expect.poll(() => events.some((e) => e.event === 'gallery.exportDone' && e.payload.jobId === jobId)).toBe(true);
    const mine = events.filter((e) => 'jobId' in e.payload && e.payload.jobId === jobId);
    expect(mine.filter((e) => e.event === 'gallery.exportProgress').map((e) => e.payload)).toEqual([
      { jobId, done: 0, total: 2 }, { jobId, done: 1, total: 2 }, { jobId, done: 2, total: 2 },
    ]);
    expect((await readdir(to)).sort()).toEqual(['1-42.webp', '2-42.webp']);
    expect(mine.at(-1)?.payload).toMatchObject({ to, zip: false, downloadUrl: null });
  });

  it('exports a zip into the exports folder by default and serves it for download', async () => {
    const target = await call<{ to: string }>('gallery.exportTarget', { zip: true });
    expect(target.to.startsWith(path.join(home, 'exports') + path.sep) && target.to.endsWith('.zip')).toBe(true);
    const { jobId, to } = await call<{ jobId: string; to: string }>('gallery.export', { ids: [ids.fox], zip: true });
    await expect.poll(() => events.find((e) => e.event === 'gallery.exportDone' && e.payload.jobId === jobId)).toBeTruthy();
    const done = events.find((e) => e.event === 'gallery.exportDone' && e.payload.jobId === jobId)!.payload as { downloadUrl: string; files: Array<{ name: string }> };
    expect(done.files.map((f) => f.name)).toEqual(['42-a red fox in the snow.png']);
    expect(done.downloadUrl).toBe(`/files/exports/${path.basename(to)}`);
    expect(await resolveAppFile(done.downloadUrl, home, studio.gallery)).toMatchObject({ file: to, contentType: 'application/zip' });
    expect(await resolveAppFile('/files/exports/..%2Fgallery%2Fgallery.db', home, studio.gallery)).toBeNull();
  });

  it('checks ids, target and template before starting, and cancels a running export', async () => {
    await expect(call('gallery.export', { ids: ['missing'] })).rejects.toMatchObject({ code: 'gallery/unknown-id' });
    await expect(call('gallery.export', { ids: [ids.fox], to: 'relative/dir' })).rejects.toMatchObject({ code: 'gallery/bad-export-option' });
    await expect(call('gallery.export', { ids: [ids.fox], to: path.join(home, 'a.zip') })).rejects.toMatchObject({ code: 'gallery/bad-export-option' });
    await expect(call('gallery.export', { ids: [ids.fox], template: '{nope}' })).rejects.toMatchObject({ code: expect.stringMatching(/^gallery\//) });
    const many = Array.from({ length: 40 }, () => ids.fox);
    const { jobId } = await call<{ jobId: string }>('gallery.export', { ids: many, format: 'avif', to: path.join(home, 'out', 'cancelled') });
    expect(await call('gallery.cancelExport', { jobId })).toEqual({ cancelled: true });
    await expect.poll(() => events.find((e) => e.event === 'gallery.exportError' && e.payload.jobId === jobId)?.payload).toMatchObject({ error: { code: 'cancelled' } });
    expect(await call('gallery.cancelExport', { jobId })).toEqual({ cancelled: false });
    expect(EXPORT_NAME_TEMPLATE_DEFAULT).toBe(DEFAULT_NAME_TEMPLATE);
  });
});
