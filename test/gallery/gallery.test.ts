// The Gallery service on a real folder: saving (watermark, chunks, atomic file, row), favourites and
// tags written into the PNG, trash, reconcile, rebuild, thumbnails and verification.
import { copyFile, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import sharp from 'sharp';
import { afterEach, describe, expect, it } from 'vitest';
import { Gallery, type GalleryNotice } from '../../src-main/gallery/index.js';
import { readPngFileMetadata } from '../../src-main/gallery/png-meta.js';
import { DEFAULT_MARK, embedWatermark, type RgbImage } from '../../src-main/gallery/watermark/index.js';
import { patternImage, plainPng, pngWithText, sampleParams } from './helpers/images.js';
import { tempDir } from './helpers/temp.js';

const open: Gallery[] = [];
async function openGallery(dir: string, opts: Partial<Parameters<typeof Gallery.open>[0]> = {}): Promise<{ g: Gallery; notices: GalleryNotice[] }> {
  const notices: GalleryNotice[] = [];
  const g = await Gallery.open({ onNotice: (n) => notices.push(n), ...opts, dir });
  open.push(g);
  return { g, notices };
}
afterEach(() => {
  for (const g of open.splice(0)) g.close();
});

async function pixels(file: string): Promise<Buffer> {
  return sharp(file).raw().toBuffer();
}
function raw(image: RgbImage): Buffer {
  return Buffer.from(image.data);
}

describe('save', () => {
  it('embeds the default mark (dwtDctSvd) and writes both metadata chunks', async () => {
    const { g } = await openGallery(await tempDir());
    const image = patternImage(320, 256, 5);
    const params = sampleParams({ width: 320, height: 256, seed: '18446744073709551615' });
    const item = await g.save(image, params);
    expect(path.dirname(item.file)).toBe(g.dir);
    expect(path.basename(item.file)).toBe(`${item.id}.png`);
    expect(item.id).toMatch(/^\d{8}-\d{6}-[0-9a-f]{8}$/);
    expect(item.watermark).toEqual({ status: 'marked', method: 'dwtDctSvd', type: 'bytes', message: 'LStdio' });
    expect(Buffer.compare(await pixels(item.file), raw(embedWatermark(image, DEFAULT_MARK.bits, 'dwtDctSvd')))).toBe(0);
    const meta = await readPngFileMetadata(item.file);
    expect(meta.params).toEqual(params);
    expect(meta.infotext?.fields.Seed).toBe('18446744073709551615');
    expect(meta.gallery).toMatchObject({ id: item.id, source: 'generated', favourite: false, tags: [] });
    expect(item).toMatchObject({ prompt: params.prompt, seed: params.seed, sampler: 'Euler a', scheduler: 'euler-a', steps: 20, guidance: 7.5, params });
    const v = await g.verifyItem(item.id);
    expect(v).toMatchObject({ matching: 48, total: 48, verdict: 'very-likely', message: 'LStdio' });
  });

  it('saves images below 65,536 pixels unmarked and says so', async () => {
    const { g } = await openGallery(await tempDir());
    const image = patternImage(255, 256, 6);
    const item = await g.save(image, sampleParams({ width: 255, height: 256 }));
    expect(item.watermark).toEqual({ status: 'too-small', method: 'dwtDctSvd', type: 'bytes', message: 'LStdio' });
    expect(Buffer.compare(await pixels(item.file), raw(image))).toBe(0);
    expect((await readPngFileMetadata(item.file)).gallery?.watermark.status).toBe('too-small');
  });

  it('can be turned off for the gallery or for one image', async () => {
    const dir = await tempDir();
    const image = patternImage(256, 256, 7);
    const off = await openGallery(dir, { watermark: { enabled: false } });
    const a = await off.g.save(image, sampleParams());
    expect(a.watermark).toEqual({ status: 'off' });
    expect(Buffer.compare(await pixels(a.file), raw(image))).toBe(0);
    const on = await openGallery(dir);
    const b = await on.g.save(image, sampleParams(), { watermark: false });
    expect(b.watermark.status).toBe('off');
    const c = await on.g.save(image, sampleParams(), { watermark: true, favourite: true, tags: [' red ', 'red', 'fox'] });
    expect(c.watermark.status).toBe('marked');
    expect(c.favourite).toBe(true);
    expect(c.tags).toEqual(['red', 'fox']);
  });

  it('takes a configured message and verifies with the recorded one', async () => {
    const { g } = await openGallery(await tempDir(), { watermark: { type: 'b16', message: 'C0FFEE42' } });
    const item = await g.save(patternImage(256, 256, 8), sampleParams());
    expect(item.watermark).toEqual({ status: 'marked', method: 'dwtDctSvd', type: 'b16', message: 'C0FFEE42' });
    expect(await g.verifyItem(item.id)).toMatchObject({ matching: 32, total: 32, message: 'C0FFEE42' });
    expect((await g.verify(item.file)).verdict).not.toBe('very-likely');
    await expect(Gallery.open({ dir: g.dir, watermark: { type: 'b16', message: 'xyz' } })).rejects.toMatchObject({ code: 'watermark/bad-message' });
  });

  it('refuses RGB data of the wrong length', async () => {
    const { g } = await openGallery(await tempDir());
    await expect(g.save({ data: new Uint8Array(10), width: 4, height: 4 }, sampleParams())).rejects.toMatchObject({ code: 'gallery/bad-image' });
    expect(await readdir(g.dir)).not.toContain(expect.stringMatching(/\.png$/));
  });
});

describe('favourites, tags and trash', () => {
  it('writes favourite and tags into the PNG first, so a rebuild keeps them', async () => {
    const { g } = await openGallery(await tempDir());
    const item = await g.save(patternImage(256, 256, 9), sampleParams());
    const before = await pixels(item.file);
    await g.setFavourite(item.id, true);
    const tagged = await g.setTags(item.id, ['best', 'winter']);
    expect(tagged).toMatchObject({ favourite: true, tags: ['best', 'winter'] });
    expect((await readPngFileMetadata(item.file)).gallery).toMatchObject({ favourite: true, tags: ['best', 'winter'] });
    expect(Buffer.compare(await pixels(item.file), before)).toBe(0);
    await g.rebuild();
    expect(g.get(item.id)).toMatchObject({ favourite: true, tags: ['best', 'winter'] });
    expect(g.search({ tags: ['winter'], favourite: true }).items.map((i) => i.id)).toEqual([item.id]);
    await expect(g.setTags(item.id, ['x'.repeat(65)])).rejects.toMatchObject({ code: 'gallery/bad-tag' });
    await expect(g.setFavourite('no-such-id', true)).rejects.toMatchObject({ code: 'gallery/unknown-id' });
  });

  it('moves deleted images to trash/, restores them, and empties the trash for good', async () => {
    const { g } = await openGallery(await tempDir());
    const a = await g.save(patternImage(256, 256, 10), sampleParams({ prompt: 'alpha' }));
    const b = await g.save(patternImage(256, 256, 11), sampleParams({ prompt: 'beta' }));
    const thumb = await g.thumbnail(a.id);
    await g.delete([a.id]);
    expect(g.get(a.id)).toMatchObject({ trashed: true, file: path.join(g.dir, 'trash', `${a.id}.png`) });
    expect(g.search().items.map((i) => i.id)).toEqual([b.id]);
    expect(g.search({ trashed: true }).items.map((i) => i.id)).toEqual([a.id]);
    await g.restore([a.id]);
    expect(g.get(a.id)).toMatchObject({ trashed: false, file: a.file });
    expect((await stat(a.file)).isFile()).toBe(true);
    await g.delete([a.id, b.id]);
    expect(await g.emptyTrash()).toBe(2);
    expect(g.count()).toBe(0);
    expect(await readdir(path.join(g.dir, 'trash'))).toEqual([]);
    await expect(stat(thumb)).rejects.toMatchObject({ code: 'ENOENT' });
  });
});

describe('reconcile and rebuild', () => {
  it('indexes files without rows and drops rows without files on open', async () => {
    const dir = await tempDir();
    const first = await openGallery(dir);
    const keep = await first.g.save(patternImage(256, 256, 12), sampleParams({ prompt: 'keeper' }));
    const gone = await first.g.save(patternImage(256, 256, 13), sampleParams({ prompt: 'goner' }));
    first.g.close();
    await rm(gone.file);
    await copyFile(keep.file, path.join(dir, 'copied-by-hand.png'));
    const webui = pngWithText(await plainPng(patternImage(64, 64, 14)), [{ type: 'tEXt', keyword: 'parameters', text: 'a webui owl\nSteps: 9, Sampler: DDIM, CFG scale: 5, Seed: 77, Size: 64x64' }]);
    await writeFile(path.join(dir, 'owl.png'), webui);
    await writeFile(path.join(dir, 'trash-note.txt'), 'not an image');
    const { g, notices } = await openGallery(dir);
    expect(g.startup.reconcile).toMatchObject({ added: 2, dropped: 1, unreadable: [] });
    expect(notices.map((n) => n.code)).toContain('gallery/reconciled');
    expect(g.get(gone.id)).toBeUndefined();
    expect(g.get('copied-by-hand')).toMatchObject({ prompt: 'keeper', source: 'generated', watermark: { status: 'marked' } });
    expect(g.get('owl')).toMatchObject({ prompt: 'a webui owl', source: 'found', seed: '77', scheduler: 'ddim', steps: 9, rngSource: 'gpu', watermark: { status: 'unknown' }, params: null });
    expect(g.search({ text: 'owl' }).items.map((i) => i.id)).toEqual(['owl']);
  });

  it('reports unreadable PNGs in the folder without failing or touching them', async () => {
    const dir = await tempDir();
    const broken = Buffer.from('\x89PNG\r\n\x1a\n garbage', 'latin1');
    await writeFile(path.join(dir, 'broken.png'), broken);
    const { g, notices } = await openGallery(dir);
    expect(g.startup.reconcile?.unreadable).toEqual([expect.objectContaining({ code: 'gallery/corrupt-png', file: path.join(dir, 'broken.png') })]);
    expect(notices.some((n) => n.code === 'gallery/corrupt-png')).toBe(true);
    expect(await readFile(path.join(dir, 'broken.png'))).toEqual(broken);
  });

  it('rebuilds the same index from the files alone', async () => {
    const { g } = await openGallery(await tempDir());
    for (let i = 0; i < 4; i++) await g.save(patternImage(256, 256, 20 + i), sampleParams({ prompt: `image ${i}`, seed: String(i * 1000) }), { tags: [`t${i}`] });
    await g.delete([g.search({ text: 'image 0' }).items[0].id]);
    const before = [...g.search({ limit: 500 }).items, ...g.search({ limit: 500, trashed: true }).items];
    g.integrityCheck();
    g['index'].db.exec('DELETE FROM images');
    expect(g.count()).toBe(0);
    const progress: number[] = [];
    const r = await g.rebuild({ onProgress: (done) => progress.push(done) });
    expect(r).toMatchObject({ indexed: 4, unreadable: [] });
    expect(progress).toEqual([1, 2, 3, 4]);
    const after = [...g.search({ limit: 500 }).items, ...g.search({ limit: 500, trashed: true }).items];
    expect(after).toEqual(before);
    expect(g.integrityCheck()).toBe('ok');
  });
});

describe('thumbnails and verify', () => {
  it('makes a WebP of at most 256 px once and serves it from the cache', async () => {
    const { g } = await openGallery(await tempDir());
    const item = await g.save(patternImage(512, 256, 30), sampleParams({ width: 512, height: 256 }));
    const [t1, t2] = await Promise.all([g.thumbnail(item.id), g.thumbnail(item.id)]);
    expect(t1).toBe(path.join(g.dir, 'thumbs', `${item.id}.webp`));
    expect(t2).toBe(t1);
    const meta = await sharp(t1).metadata();
    expect([meta.format, meta.width, meta.height]).toEqual(['webp', 256, 128]);
    const mtime = (await stat(t1)).mtimeMs;
    await new Promise((r) => setTimeout(r, 20));
    await g.thumbnail(item.id);
    expect((await stat(t1)).mtimeMs).toBe(mtime);
  });

  it('verifies any image file, and says when it is too small to carry a mark', async () => {
    const dir = await tempDir();
    const { g } = await openGallery(dir);
    const item = await g.save(patternImage(512, 512, 31), sampleParams({ width: 512, height: 512 }));
    const jpeg = path.join(dir, 'copy.jpg');
    await sharp(item.file).jpeg({ quality: 90 }).toFile(jpeg);
    expect(await g.verify(jpeg)).toMatchObject({ verdict: 'very-likely', total: 48 });
    const unmarked = path.join(dir, 'plain.webp');
    await sharp(raw(patternImage(512, 512, 31)), { raw: { width: 512, height: 512, channels: 3 } }).webp().toFile(unmarked);
    expect((await g.verify(unmarked)).verdict).not.toBe('very-likely');
    const small = path.join(dir, 'small.png');
    await writeFile(small, await plainPng(patternImage(100, 100, 1)));
    await expect(g.verify(small)).rejects.toMatchObject({ code: 'gallery/too-small-to-verify' });
  });
});
