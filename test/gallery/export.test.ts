// Exports: folder and zip, PNG kept byte-exact in its pixels, metadata in or out, lossy formats with
// the infotext in EXIF, the mark re-embedded after a resize unless opted out, names from templates.
import { mkdir, readdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import sharp from 'sharp';
import yauzl from 'yauzl';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Gallery, type GalleryItem } from '../../src-main/gallery/index.js';
import { renderName, sanitizeFileName } from '../../src-main/gallery/name-template.js';
import { decodeTextChunk, parsePngChunks } from '../../src-main/gallery/png-chunks.js';
import { patternImage, sampleParams } from './helpers/images.js';
import { tempDir } from './helpers/temp.js';

let g: Gallery;
let a: GalleryItem;
let b: GalleryItem;
let c: GalleryItem;

beforeAll(async () => {
  g = await Gallery.open({ dir: await tempDir() });
  a = await g.save(patternImage(512, 512, 50), sampleParams({ prompt: 'a lighthouse at dusk, waves crashing on rocks, dramatic sky', seed: '1234', width: 512, height: 512 }), { created: new Date(2026, 10, 25, 14, 30, 12) });
  b = await g.save(patternImage(512, 512, 51), sampleParams({ prompt: 'a lighthouse at dusk, waves crashing on rocks, dramatic sky', seed: '1234', width: 512, height: 512 }));
  c = await g.save(patternImage(256, 256, 52), sampleParams({ prompt: 'tiny: <robot>/"toy"?', seed: '5' }), { watermark: false });
});
afterAll(() => g.close());

function textKeywords(png: Buffer): string[] {
  return parsePngChunks(png).map((ch) => decodeTextChunk(ch)?.keyword).filter((k): k is string => k !== undefined);
}

function readZip(file: string): Promise<Map<string, Buffer>> {
  return new Promise((resolve, reject) => {
    yauzl.open(file, { lazyEntries: true }, (err, zip) => {
      if (err) return reject(err);
      const out = new Map<string, Buffer>();
      zip.on('entry', (entry: yauzl.Entry) => {
        zip.openReadStream(entry, (e, stream) => {
          if (e) return reject(e);
          const parts: Buffer[] = [];
          stream.on('data', (d: Buffer) => parts.push(d));
          stream.on('end', () => {
            out.set(entry.fileName, Buffer.concat(parts));
            zip.readEntry();
          });
        });
      });
      zip.on('end', () => resolve(out));
      zip.on('error', reject);
      zip.readEntry();
    });
  });
}

describe('export to a folder', () => {
  it('writes PNGs with the stored pixels and parameters, names from {seed}-{prompt:40}, de-duplicated', async () => {
    const to = path.join(await tempDir(), 'out');
    const r = await g.exportItems([a.id, b.id, c.id], { to });
    expect(r.zip).toBe(false);
    expect(r.files.map((f) => path.basename(f.name))).toEqual([
      '1234-a lighthouse at dusk, waves crashing on.png',
      '1234-a lighthouse at dusk, waves crashing on-2.png',
      '5-tiny_ _robot___toy__.png',
    ]);
    expect(r.files.map((f) => f.watermark)).toEqual(['kept', 'kept', 'none']);
    const png = await readFile(r.files[0].name);
    expect(Buffer.compare(await sharp(png).raw().toBuffer(), await sharp(a.file).raw().toBuffer())).toBe(0);
    expect(textKeywords(png)).toEqual(['parameters', 'latent-studio']);
    expect((await g.verify(r.files[0].name)).verdict).toBe('very-likely');
  });

  it('never overwrites what is already in the folder', async () => {
    const to = await tempDir();
    await writeFile(path.join(to, `${a.id}.png`), 'mine');
    const r = await g.exportItems([a.id], { to, name: '{id}' });
    expect(path.basename(r.files[0].name)).toBe(`${a.id}-2.png`);
    expect(await readFile(path.join(to, `${a.id}.png`), 'utf8')).toBe('mine');
  });

  it('strips every text chunk with metadata: false, keeping the pixels', async () => {
    const r = await g.exportItems([a.id], { to: await tempDir(), metadata: false });
    const png = await readFile(r.files[0].name);
    expect(textKeywords(png)).toEqual([]);
    expect(Buffer.compare(await sharp(png).raw().toBuffer(), await sharp(a.file).raw().toBuffer())).toBe(0);
  });

  for (const format of ['jpeg', 'webp', 'avif'] as const) {
    it(`writes ${format} with the infotext in EXIF UserComment (or none with metadata: false)`, async () => {
      const to = await tempDir();
      const [withMeta] = (await g.exportItems([a.id], { to, format, name: 'with' })).files;
      const [without] = (await g.exportItems([a.id], { to, format, name: 'without', metadata: false })).files;
      expect(path.extname(withMeta.name)).toBe(format === 'jpeg' ? '.jpg' : `.${format}`);
      const m = await sharp(withMeta.name).metadata();
      expect(m.format).toBe(format === 'avif' ? 'heif' : format);
      expect(m.exif?.toString('latin1')).toContain('Steps: 20, Sampler: Euler a, CFG scale: 7.5, Seed: 1234, Size: 512x512');
      expect((await sharp(without.name).metadata()).exif).toBeUndefined();
      expect(withMeta.watermark).toBe('kept');
    });
  }
});

describe('resizing and the watermark', () => {
  it('re-embeds the item\'s mark after a resize, drops it when opted out, and reports sizes too small', async () => {
    const to = await tempDir();
    const [kept] = (await g.exportItems([a.id], { to, resize: { width: 384 }, name: 'kept' })).files;
    expect([kept.width, kept.height, kept.watermark]).toEqual([384, 384, 'kept']);
    expect(await g.verify(kept.name)).toMatchObject({ matching: 48, verdict: 'very-likely' });
    const [dropped] = (await g.exportItems([a.id], { to, resize: { width: 384 }, watermark: false, name: 'dropped' })).files;
    expect(dropped.watermark).toBe('dropped');
    const [small] = (await g.exportItems([a.id], { to, resize: { width: 200, height: 200 }, name: 'small' })).files;
    expect([small.width, small.height, small.watermark]).toEqual([200, 200, 'too-small']);
    const [never] = (await g.exportItems([c.id], { to, resize: { height: 1000 }, name: 'never' })).files;
    expect([never.width, never.height, never.watermark]).toEqual([256, 256, 'none']);
    const resized = await readFile(kept.name);
    expect(textKeywords(resized)).toEqual(['parameters', 'latent-studio']);
  });
});

describe('export to a zip', () => {
  it('stores each image once under its template name', async () => {
    const dir = await tempDir();
    const zipFile = path.join(dir, 'sel', 'pick.zip');
    const r = await g.exportItems([a.id, c.id, a.id], { to: zipFile, name: '{index}-{model}-{date}' });
    expect(r.zip).toBe(true);
    const entries = await readZip(zipFile);
    expect([...entries.keys()]).toEqual(['1-tiny-sd-2026-11-25_14-30-12.png', expect.stringMatching(/^2-tiny-sd-\d{4}-\d\d-\d\d_\d\d-\d\d-\d\d\.png$/), '3-tiny-sd-2026-11-25_14-30-12.png']);
    const folder = await g.exportItems([a.id], { to: path.join(dir, 'plain') });
    expect(entries.get('1-tiny-sd-2026-11-25_14-30-12.png')).toEqual(await readFile(folder.files[0].name));
    expect((await readdir(path.dirname(zipFile))).filter((n) => n.endsWith('.partial'))).toEqual([]);
  });
});

describe('options and names', () => {
  it('refuses unknown template fields, formats and sizes before writing anything', async () => {
    const to = path.join(await tempDir(), 'never');
    await expect(g.exportItems([a.id], { to, name: '{seed}-{colour}' })).rejects.toMatchObject({ code: 'gallery/bad-name-template', message: expect.stringContaining('{prompt}') });
    await expect(g.exportItems([a.id], { to, format: 'gif' as 'png' })).rejects.toMatchObject({ code: 'gallery/bad-export-option' });
    await expect(g.exportItems([a.id], { to, resize: { width: 0 } })).rejects.toMatchObject({ code: 'gallery/bad-export-option' });
    await expect(g.exportItems([a.id, 'nope'], { to })).rejects.toMatchObject({ code: 'gallery/unknown-id' });
    await expect(readdir(to)).rejects.toMatchObject({ code: 'ENOENT' });
  });

  it('sanitises names for every file system', () => {
    expect(sanitizeFileName('a/b\\c:d*e?f"g<h>i|j\u0001k')).toBe('a_b_c_d_e_f_g_h_i_j_k');
    expect(sanitizeFileName('  many   spaces.  ')).toBe('many spaces');
    expect(sanitizeFileName('CON')).toBe('_CON');
    expect(sanitizeFileName('lpt1.txt')).toBe('_lpt1.txt');
    expect(Buffer.byteLength(sanitizeFileName('狐'.repeat(200)))).toBeLessThanOrEqual(200);
    expect(renderName('{prompt:3}{steps}x{width}x{height}{sampler}', a, 1)).toBe('a l20x512x512Euler a');
    expect(renderName('{seed}', { ...a, seed: null }, 1)).toBe(a.id);
  });
});

it('folder creation failure is a clear error', async () => {
  const dir = await tempDir();
  await writeFile(path.join(dir, 'file'), 'x');
  await mkdir(path.join(dir, 'ok'));
  await expect(g.exportItems([a.id], { to: path.join(dir, 'file', 'sub') })).rejects.toMatchObject({ code: expect.stringMatching(/^gallery\//) });
});
