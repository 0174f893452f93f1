// Importing PNGs: WebUI's and ours go in byte for byte (plus our record chunk); a PNG without
// parameters, a huge or malformed image, or a non-PNG each fail with a clear code and change nothing else.
import { readdir, readFile, stat, utimes, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { crc32 } from 'node:zlib';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Gallery } from '../../src-main/gallery/index.js';
import { decodeTextChunk, parsePngChunks } from '../../src-main/gallery/png-chunks.js';
import { GALLERY_KEYWORD, readPngFileMetadata } from '../../src-main/gallery/png-meta.js';
import { patternImage, plainPng, pngWithText, sampleParams, withDeclaredSize } from './helpers/images.js';
import { tempDir } from './helpers/temp.js';

const WEBUI = 'portrait of an old sailor, oil painting\nNegative prompt: cartoon\nSteps: 28, Sampler: DPM++ 2M Karras, CFG scale: 6, Seed: 2960734281, Size: 256x256, Model hash: 6ce0161689, Model: v1-5-pruned-emaonly, Version: v1.7.0';
let src: string;
let g: Gallery;
const files: Record<string, string> = {};

beforeAll(async () => {
  src = await tempDir('ls-import-src-');
  g = await Gallery.open({ dir: await tempDir() });
  const base = await plainPng(patternImage(256, 256, 40));
  const put = async (name: string, bytes: Buffer) => {
    files[name] = path.join(src, name);
    await writeFile(files[name], bytes);
  };
  await put('webui.png', pngWithText(base, [{ type: 'tEXt', keyword: 'parameters', text: WEBUI }]));
  await utimes(files['webui.png'], new Date('2024-03-01T12:00:00Z'), new Date('2024-03-01T12:00:00Z'));
  await put('plain.png', base);
  await put('huge.png', withDeclaredSize(pngWithText(base, [{ type: 'tEXt', keyword: 'parameters', text: WEBUI }]), 100000, 100000));
  const whole = pngWithText(base, [{ type: 'tEXt', keyword: 'parameters', text: WEBUI }]);
  await put('truncated.png', whole.subarray(0, Math.floor(whole.length * 0.6)));
  await put('photo.jpg', await sharp(base).jpeg().toBuffer());
  await put('bad-idat.png', scrambleIdat(whole));
});
afterAll(() => g.close());

/** Overwrites the IDAT payload with junk and fixes the CRC: structurally valid, undecodable. */
function scrambleIdat(png: Buffer): Buffer {
  const out = Buffer.from(png);
  let pos = 8;
  while (out.toString('latin1', pos + 4, pos + 8) !== 'IDAT') pos += 12 + out.readUInt32BE(pos);
  const len = out.readUInt32BE(pos);
  for (let i = 0; i < len; i++) out[pos + 8 + i] = (i * 37 + 11) & 0xff;
  out.writeUInt32BE(crc32(out.subarray(pos + 4, pos + 8 + len)) >>> 0, pos + 8 + len);
  return out;
}

describe('import', () => {
  it('imports a WebUI PNG unchanged apart from our record chunk', async () => {
    const r = await g.import([files['webui.png']]);
    expect(r.failed).toEqual([]);
    const item = r.items[0];
    expect(item).toMatchObject({
      source: 'imported', prompt: 'portrait of an old sailor, oil painting', negativePrompt: 'cartoon', seed: '2960734281', steps: 28, guidance: 6,
      scheduler: 'dpmpp-2m-karras', sampler: 'DPM++ 2M Karras', model: { name: 'v1-5-pruned-emaonly', hash: '6ce0161689' }, rngSource: 'gpu',
      watermark: { status: 'unknown' }, created: '2024-03-01T12:00:00.000Z', params: null,
    });
    const original = parsePngChunks(await readFile(files['webui.png']));
    const stored = parsePngChunks(await readFile(item.file)).filter((c) => decodeTextChunk(c)?.keyword !== GALLERY_KEYWORD);
    expect(stored).toEqual(original);
    expect((await readPngFileMetadata(item.file)).gallery).toMatchObject({ id: item.id, source: 'imported' });
  });

  it('imports one of our own files with its full parameters and recorded mark', async () => {
    const other = await Gallery.open({ dir: await tempDir() });
    const params = sampleParams({ prompt: 'exported from another studio' });
    const saved = await other.save(patternImage(256, 256, 41), params, { tags: ['kept'] });
    other.close();
    const r = await g.import([saved.file]);
    expect(r.items[0]).toMatchObject({ params, source: 'imported', tags: ['kept'], watermark: { status: 'marked', message: 'LStdio' } });
    expect(r.items[0].id).not.toBe(saved.id);
    expect((await g.verifyItem(r.items[0].id)).verdict).toBe('very-likely');
  });

  it('reports each bad file with a clear code and imports the good ones', async () => {
    const before = g.count();
    const names = await readdir(g.dir);
    const r = await g.import([files['plain.png'], files['huge.png'], files['truncated.png'], files['photo.jpg'], files['bad-idat.png'], path.join(src, 'missing.png'), files['webui.png']]);
    expect(r.failed.map((f) => [path.basename(f.file), f.code])).toEqual([
      ['plain.png', 'gallery/no-parameters'],
      ['huge.png', 'gallery/image-too-large'],
      ['truncated.png', 'gallery/corrupt-png'],
      ['photo.jpg', 'gallery/unsupported-format'],
      ['bad-idat.png', 'gallery/corrupt-png'],
      ['missing.png', 'gallery/not-found'],
    ]);
    expect(r.failed[1].message).toContain('100000×100000');
    expect(r.failed[3].message).toContain('JPEG');
    expect(r.items).toHaveLength(1);
    expect(g.count()).toBe(before + 1);
    const after = await readdir(g.dir);
    expect(after.filter((n) => !names.includes(n))).toEqual([`${r.items[0].id}.png`]);
    expect(after.some((n) => n.endsWith('.partial'))).toBe(false);
    expect(g.integrityCheck()).toBe('ok');
    expect((await stat(files['huge.png'])).size).toBeLessThan(1_000_000); // declared 10^10 pixels, refused before decoding
  });
});
