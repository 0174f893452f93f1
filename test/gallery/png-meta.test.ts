// PNG text chunks: reading what other writers lay out (tEXt/zTXt/iTXt, before or after IDAT), writing
// ours where Pillow-based readers find them, and refusing damaged files with gallery/corrupt-png.
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { deflateSync } from 'node:zlib';
import sharp from 'sharp';
import { beforeAll, describe, expect, it } from 'vitest';
import { describePng } from '../../src-main/gallery/info.js';
import {
  decodeTextChunk, itxtChunk, parsePngChunks, textChunk, withTextChunks, withoutTextChunks,
} from '../../src-main/gallery/png-chunks.js';
import { GALLERY_KEYWORD, PARAMS_KEYWORD, metadataChunks, readPngFileMetadata, readPngMetadata } from '../../src-main/gallery/png-meta.js';
import type { GalleryChunk } from '../../src-main/gallery/types.js';
import { patternImage, plainPng, pngWithText, sampleParams } from './helpers/images.js';
import { tempDir } from './helpers/temp.js';

const WEBUI_TEXT = 'a red fox\nNegative prompt: blurry\nSteps: 30, Sampler: DPM++ 2M Karras, CFG scale: 6.5, Seed: 123, Size: 64x64, Model hash: 0123456789, Model: sd15';
let base: Buffer;
let dir: string;

beforeAll(async () => {
  base = await plainPng(patternImage(64, 64, 3));
  dir = await tempDir();
});

async function fileOf(name: string, bytes: Buffer): Promise<string> {
  const file = path.join(dir, name);
  await writeFile(file, bytes);
  return file;
}

describe('reading text chunks written by others', () => {
  for (const [label, spec] of [
    ['tEXt', { type: 'tEXt', keyword: 'parameters', text: WEBUI_TEXT }],
    ['zTXt', { type: 'zTXt', keyword: 'parameters', text: WEBUI_TEXT }],
    ['iTXt (UTF-8)', { type: 'iTXt', keyword: 'parameters', text: WEBUI_TEXT.replace('a red fox', 'ein Fuchs, 狐狸') }],
    ['compressed iTXt', { type: 'iTXt', keyword: 'parameters', text: WEBUI_TEXT, compressed: true }],
  ] as const) {
    it(`reads a WebUI "parameters" ${label} chunk`, async () => {
      const file = await fileOf(`webui-${label.replace(/\W+/g, '_')}.png`, pngWithText(base, [spec]));
      const info = await describePng(file);
      expect(info.source).toBe('webui');
      expect(info.parameters).toBe(spec.text);
      expect(info.fields.Sampler).toBe('DPM++ 2M Karras');
      expect(info.negativePrompt).toBe('blurry');
      expect(info.params).toBeNull();
    });
  }

  it('finds text placed after IDAT (full read fallback) and keeps other tools\' chunks', async () => {
    const file = await fileOf('after.png', pngWithText(base, [{ type: 'tEXt', keyword: 'parameters', text: WEBUI_TEXT }, { type: 'tEXt', keyword: 'Software', text: 'other tool' }], 'before-iend'));
    const info = await describePng(file);
    expect(info.prompt).toBe('a red fox');
    expect(info.otherText).toEqual({ Software: 'other tool' });
  });

  it('says which chunks a PNG without parameters has (gallery/no-parameters)', async () => {
    const none = await fileOf('none.png', base);
    await expect(describePng(none)).rejects.toMatchObject({ code: 'gallery/no-parameters', message: expect.stringContaining('no text chunks at all') });
    const comfy = await fileOf('comfy.png', pngWithText(base, [{ type: 'tEXt', keyword: 'workflow', text: '{}' }]));
    await expect(describePng(comfy)).rejects.toMatchObject({ code: 'gallery/no-parameters', message: expect.stringContaining('workflow') });
  });

  it('names the format of a non-PNG (gallery/unsupported-format)', async () => {
    const jpeg = await fileOf('x.png', await sharp(base).jpeg().toBuffer());
    await expect(describePng(jpeg)).rejects.toMatchObject({ code: 'gallery/unsupported-format', message: expect.stringContaining('JPEG') });
  });
});

describe('damaged files', () => {
  const withParams = () => pngWithText(base, [{ type: 'tEXt', keyword: 'parameters', text: WEBUI_TEXT }]);

  it('detects truncation, a bad CRC and a missing IEND', async () => {
    const whole = withParams();
    const truncated = await fileOf('trunc.png', whole.subarray(0, whole.length - 40));
    await expect(readPngFileMetadata(truncated)).rejects.toMatchObject({ code: 'gallery/corrupt-png' });
    const badCrc = Buffer.from(whole);
    badCrc[8 + 25 + 12] ^= 0xff; // a byte inside the text chunk
    await expect(readPngFileMetadata(await fileOf('crc.png', badCrc))).rejects.toMatchObject({ code: 'gallery/corrupt-png', message: expect.stringContaining('CRC') });
    expect(() => readPngMetadata(badCrc, 'mem')).toThrow(/CRC/);
    const noIend = Buffer.concat([whole.subarray(0, whole.length - 12), Buffer.alloc(12)]);
    await expect(readPngFileMetadata(await fileOf('noiend.png', noIend))).rejects.toMatchObject({ code: 'gallery/corrupt-png' });
    await expect(readPngFileMetadata(await fileOf('garbage.png', Buffer.from('not a png at all, just text')))).rejects.toMatchObject({ code: 'gallery/corrupt-png' });
  });

  it('accepts bytes after IEND, as libpng does', async () => {
    const file = await fileOf('trailing.png', Buffer.concat([withParams(), Buffer.from('appended by some tool')]));
    expect((await readPngFileMetadata(file)).infotext?.prompt).toBe('a red fox');
  });

  it('refuses a zTXt that inflates past 8 MiB instead of exhausting memory', () => {
    const bomb = Buffer.concat([Buffer.from('parameters\0\0', 'latin1'), deflateSync(Buffer.alloc(9 * 1024 * 1024, 0x61))]);
    expect(() => decodeTextChunk({ type: 'zTXt', data: bomb })).toThrow(/inflates past/);
  });
});

describe('writing our chunks', () => {
  const gallery: GalleryChunk = { v: 1, id: 'x', created: '2026-11-25T10:00:00.000Z', source: 'generated', favourite: true, tags: ['a'], watermark: { status: 'off' } };

  it('puts parameters (tEXt), latent-studio and latent-studio-gallery (iTXt) before IDAT and reads them back', async () => {
    const params = sampleParams({ prompt: 'Füchse im Schnee' });
    const png = withTextChunks(base, metadataChunks(params, gallery), []);
    const types = parsePngChunks(png).map((c) => c.type);
    const idat = types.indexOf('IDAT');
    expect(types.slice(idat - 3, idat + 1)).toEqual(['tEXt', 'iTXt', 'iTXt', 'IDAT']);
    const meta = await readPngFileMetadata(await fileOf('ours.png', png));
    expect(meta.params).toEqual(params);
    expect(meta.gallery).toEqual(gallery);
    expect(meta.infotext?.prompt).toBe('Füchse im Schnee');
    // Pixels untouched.
    expect(Buffer.compare(await sharp(png).raw().toBuffer(), await sharp(base).raw().toBuffer())).toBe(0);
  });

  it('writes non-Latin-1 parameters as iTXt, as Pillow\'s add_text does', () => {
    expect(textChunk('parameters', 'café').type).toBe('tEXt');
    const c = textChunk('parameters', '狐狸');
    expect(c.type).toBe('iTXt');
    expect(decodeTextChunk(c)?.text).toBe('狐狸');
  });

  it('replaces chunks by keyword and strips all text on request', () => {
    const once = withTextChunks(base, [itxtChunk(GALLERY_KEYWORD, '{"v":0}'), itxtChunk(PARAMS_KEYWORD, '{}')], []);
    const twice = withTextChunks(once, [itxtChunk(GALLERY_KEYWORD, '{"v":1}')], [GALLERY_KEYWORD]);
    const texts = parsePngChunks(twice).map((c) => decodeTextChunk(c)).filter(Boolean);
    expect(texts.map((t) => [t!.keyword, t!.text])).toEqual([[PARAMS_KEYWORD, '{}'], [GALLERY_KEYWORD, '{"v":1}']]);
    expect(parsePngChunks(withoutTextChunks(twice)).some((c) => decodeTextChunk(c))).toBe(false);
  });

  it('ignores an invalid latent-studio chunk and says why', () => {
    const png = withTextChunks(base, [itxtChunk(PARAMS_KEYWORD, JSON.stringify({ ...sampleParams(), seed: 12 }))], []);
    const meta = readPngMetadata(png);
    expect(meta.params).toBeUndefined();
    expect(meta.paramsError).toMatch(/seed/);
  });
});
