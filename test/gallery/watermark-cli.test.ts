// `latent-studio watermark embed|detect` as a user's script runs it: files written, --json shape,
// interop with the fixture files, exit codes and one-line errors that name the problem.
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_MARK, decodePayload, readRgb } from '../../src-main/gallery/watermark/index.js';
import { runCli } from '../helpers/cli.js';
import { fixture } from '../helpers/fixtures.js';

const FIX = (name: string) => fixture('watermark', name);
const SDXL_BITS = '101100111110110010010000011110111011000110011110';
let tmp: string;
let manifest: { cases: Array<{ id: string; decodes: Record<string, { bits: string }> }> };
beforeAll(async () => {
  tmp = await mkdtemp(path.join(os.tmpdir(), 'ls-wm-cli-'));
  manifest = JSON.parse(await readFile(FIX('manifest.json'), 'utf8'));
});
afterAll(async () => {
  await rm(tmp, { recursive: true, force: true });
});

function json(stdout: string): Record<string, unknown> {
  const lines = stdout.trim().split('\n');
  expect(lines).toHaveLength(1);
  return JSON.parse(lines[0]);
}

describe('latent-studio watermark', () => {
  it('embeds the default Latent Studio mark into a PNG, and detect --json finds it', async () => {
    const out = path.join(tmp, 'marked.png');
    const e = await runCli(['watermark', 'embed', FIX('cover_512x512_s11.png'), out]);
    expect(e.stderr).toBe('');
    expect(e.code).toBe(0);
    expect(e.stdout).toContain('"LStdio"');
    const meta = await sharp(out).metadata();
    expect([meta.format, meta.width, meta.height, meta.channels]).toEqual(['png', 512, 512, 3]);

    const d = await runCli(['watermark', 'detect', out, '--json']);
    expect(d.code).toBe(0);
    expect(json(d.stdout)).toEqual({
      bits: decodePayload('bits', DEFAULT_MARK.bits), message: 'LStdio', type: 'bytes', method: 'dwtDctSvd', length: 48,
      hex: '4C537464696F', valid_utf8: true, expected: 'LStdio', expected_default_mark: true, matching_bits: 48, match: true,
      grade: 'very likely watermarked',
    });

    const human = await runCli(['watermark', 'detect', FIX('cover_512x512_s11.png')]);
    expect(human.code).toBe(0);
    expect(human.stdout).toMatch(/^message: .*\(bytes, 48 bits, dwtDctSvd\)$/m);
    expect(human.stdout).toMatch(/^match: +\d+\/48 bits of the Latent Studio mark: not exact \((no|partial) watermark\)$/m);
  });

  it('writes the reference pixels for SDXL bits with dwtDct and grades a 48-bit --message', async () => {
    const out = path.join(tmp, 'sdxl.png');
    const e = await runCli(['watermark', 'embed', FIX('cover_640x480_s13.png'), out, '--type', 'bits', '--message', SDXL_BITS, '--method', 'dwtDct']);
    expect(e.code).toBe(0);
    const [ours, ref] = await Promise.all([readRgb(out), readRgb(FIX('wm_640x480-sdxl.png'))]);
    expect(Buffer.compare(ours.data, ref.data)).toBe(0);

    const d = await runCli(['watermark', 'detect', out, '--type', 'bits', '--message', SDXL_BITS, '--method', 'dwtDct', '--json']);
    expect(json(d.stdout)).toMatchObject({ message: SDXL_BITS, matching_bits: 48, match: true, grade: 'very likely watermarked', expected_default_mark: false });
  });

  it("returns the reference decoder's bits for a fixture file, misreads included (bytes: text, hex, UTF-8 validity)", async () => {
    const d = await runCli(['watermark', 'detect', FIX('wm_512x512-sd1.png'), '--method', 'dwtDct', '--length', '136', '--json']);
    expect(d.code).toBe(0);
    const r = json(d.stdout);
    expect(r.bits).toBe(manifest.cases.find((c) => c.id === '512x512-sd1')!.decodes.watermarked.bits);
    expect(r).toMatchObject({ hex: '537461626C67446D66667573E96F6E5631', valid_utf8: false, message: 'StablgDmffus\uFFFDonV1', length: 136 });
    expect(r).not.toHaveProperty('matching_bits'); // no expected message for 136 bits
  });

  it('reads JPEG input and takes b16 in lower case (the CLI upper-cases it)', async () => {
    const d = await runCli(['watermark', 'detect', FIX('wm_512x512-svd32.jpeg75.jpg'), '--type', 'b16', '--message', 'c0ffee42', '--json']);
    expect(d.code).toBe(0);
    const r = json(d.stdout);
    expect(r).toMatchObject({ message: 'C0FFEE42', expected: 'C0FFEE42', matching_bits: 32, match: true, length: 32 });
    expect(r).not.toHaveProperty('grade');
  });

  it('round-trips a uuid mark through a JPEG written by embed', async () => {
    const uuid = '1234e567-e89b-12d3-a456-426614174000';
    const out = path.join(tmp, 'uuid.jpg');
    const e = await runCli(['watermark', 'embed', FIX('cover_517x389_s14.png'), out, '--type', 'uuid', '--message', uuid.toUpperCase()]);
    expect(e.code).toBe(0);
    expect((await sharp(out).metadata()).format).toBe('jpeg');
    const d = await runCli(['watermark', 'detect', out, '--type', 'uuid', '--json']);
    expect(json(d.stdout)).toMatchObject({ message: uuid, length: 128 });
  });

  it('fails with one line naming the problem and a non-zero exit', async () => {
    const small = path.join(tmp, 'small.png');
    await sharp(Buffer.alloc(200 * 200 * 3, 90), { raw: { width: 200, height: 200, channels: 3 } }).png().toFile(small);
    const junk = path.join(tmp, 'junk.png');
    await writeFile(junk, 'not an image');
    const cover = FIX('cover_256x256_s12.png');
    const out = path.join(tmp, 'x.png');
    const cases: Array<[string[], number, RegExp]> = [
      [['watermark', 'embed', small, out], 1, /200×200.*65536.*\[watermark\/image-too-small\]/],
      [['watermark', 'detect', small], 1, /\[watermark\/image-too-small\]/],
      [['watermark', 'detect', junk], 1, /Cannot read image ".*junk\.png".*\[watermark\/unreadable-image\]/],
      [['watermark', 'embed', cover, out, '--type', 'b16', '--message', 'ABC'], 1, /"ABC".*odd number of hex digits.*\[watermark\/bad-message\]/],
      [['watermark', 'embed', cover, out, '--type', 'bits', '--message', '0102'], 1, /"2" at position 4 is not 0 or 1.*\[watermark\/bad-message\]/],
      [['watermark', 'detect', cover, '--type', 'uuid', '--message', 'not-a-uuid'], 1, /not a UUID.*\[watermark\/bad-message\]/],
      [['watermark', 'embed', cover, out, '--type', 'b16'], 1, /--type b16 needs --message/],
      [['watermark', 'embed', cover, path.join(tmp, 'x.gif')], 1, /OUT must end in \.png/],
      [['watermark', 'detect', cover, '--length', 'many'], 1, /--length must be a whole number, got "many"/],
      [['watermark', 'detect', cover, '--type', 'uuid', '--length', '64'], 1, /--length 64 does not fit: a uuid has 128 bits/],
      [['watermark', 'detect', cover, '--method', 'rivaGan'], 2, /Allowed choices are dwtDct, dwtDctSvd/],
    ];
    for (const [args, code, message] of cases) {
      const r = await runCli(args);
      expect(r.code, args.join(' ')).toBe(code);
      expect(r.stderr.trim().split('\n'), args.join(' ')).toHaveLength(1);
      expect(r.stderr, args.join(' ')).toMatch(message);
      expect(r.stdout).toBe('');
    }
  });
});
