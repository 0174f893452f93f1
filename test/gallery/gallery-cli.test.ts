// The `latent-studio gallery …` commands, run as a user would (child process, LATENT_STUDIO_HOME
// pointing at a scratch data folder): list, export, rebuild, import, info, verify, delete/restore.
import { readdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import sharp from 'sharp';
import { beforeAll, describe, expect, it } from 'vitest';
import { Gallery, type GalleryItem, type GalleryPage } from '../../src-main/gallery/index.js';
import { runCli } from '../helpers/cli.js';
import { patternImage, plainPng, pngWithText, sampleParams } from './helpers/images.js';
import { tempDir } from './helpers/temp.js';

const WEBUI = 'a lantern festival at night\nNegative prompt: daylight\nSteps: 30, Sampler: DPM++ 2M Karras, CFG scale: 7, Seed: 99, Size: 256x256, Model hash: 1234567890, Model: realistic';
let home: string;
let src: string;
let ours: GalleryItem;
let env: NodeJS.ProcessEnv;

beforeAll(async () => {
  home = await tempDir('ls-cli-home-');
  src = await tempDir('ls-cli-src-');
  env = { LATENT_STUDIO_HOME: home };
  const g = await Gallery.open({ dir: path.join(home, 'gallery') });
  ours = await g.save(patternImage(256, 256, 80), sampleParams({ prompt: 'a paper boat on a puddle', seed: '-5' }));
  g.close();
  await writeFile(path.join(src, 'webui.png'), pngWithText(await plainPng(patternImage(256, 256, 81)), [{ type: 'tEXt', keyword: 'parameters', text: WEBUI }]));
  await writeFile(path.join(src, 'plain.png'), await plainPng(patternImage(64, 64, 82)));
});

function json<T>(stdout: string): T {
  const lines = stdout.trim().split('\n');
  expect(lines).toHaveLength(1);
  return JSON.parse(lines[0]) as T;
}

describe('gallery CLI', () => {
  it('imports files, reporting the bad ones and exiting 1', async () => {
    const r = await runCli(['gallery', 'import', path.join(src, 'webui.png'), path.join(src, 'plain.png'), '--json'], { env });
    expect(r.code).toBe(1);
    const out = json<{ items: GalleryItem[]; failed: Array<{ code: string }> }>(r.stdout);
    expect(out.items.map((i) => i.prompt)).toEqual(['a lantern festival at night']);
    expect(out.failed.map((f) => f.code)).toEqual(['gallery/no-parameters']);
    expect(r.stderr).toContain('[gallery/no-parameters]');
  });

  it('lists with filters, sorting and cursors', async () => {
    const all = await runCli(['gallery', 'list', '--json', '--sort', 'seed'], { env });
    expect(all.code).toBe(0);
    const page = json<GalleryPage>(all.stdout);
    expect(page.total).toBe(2);
    expect(page.items.map((i) => i.seed)).toEqual(['-5', '99']);
    const first = json<GalleryPage>((await runCli(['gallery', 'list', '--json', '--limit', '1', '--sampler', 'DPM++ 2M Karras'], { env })).stdout);
    expect(first.items.map((i) => i.prompt)).toEqual(['a lantern festival at night']);
    expect(first.nextCursor).toBeNull();
    const text = await runCli(['gallery', 'list', '--query', 'boat'], { env });
    expect(text.stdout.split('\n')[0]).toMatch(/^ID\s+CREATED \(UTC\)\s+SEED\s+SAMPLER/);
    expect(text.stdout).toContain(`${ours.id}  `);
    expect(text.stdout).not.toContain('lantern');
    expect(text.stderr).toContain('1 of 1 image(s)');
    const bad = await runCli(['gallery', 'list', '--since', 'yesterday-ish'], { env });
    expect(bad.code).not.toBe(0);
    expect(bad.stderr).toContain('--since must be a date');
  });

  it('prints any PNG\'s parameters, ours or WebUI\'s', async () => {
    const webui = json<{ source: string; fields: Record<string, string>; prompt: string }>((await runCli(['gallery', 'info', path.join(src, 'webui.png'), '--json'], { env })).stdout);
    expect(webui).toMatchObject({ source: 'webui', prompt: 'a lantern festival at night', fields: { Sampler: 'DPM++ 2M Karras', Seed: '99' } });
    const mine = await runCli(['gallery', 'info', ours.file], { env });
    expect(mine.stdout).toContain('source: Latent Studio (full parameters)');
    expect(mine.stdout).toContain('Seed: -5');
    expect(mine.stdout).toContain('watermark (recorded): marked dwtDctSvd bytes "LStdio"');
    const none = await runCli(['gallery', 'info', path.join(src, 'plain.png')], { env });
    expect(none.code).toBe(1);
    expect(none.stderr).toContain('[gallery/no-parameters]');
  });

  it('exports to a zip and to a folder, resized and converted, and verifies the mark', async () => {
    const out = await tempDir();
    const zip = await runCli(['gallery', 'export', ours.id, '--to', path.join(out, 'pick.zip'), '--json'], { env });
    expect(zip.code).toBe(0);
    expect(json<{ zip: boolean; files: unknown[] }>(zip.stdout)).toMatchObject({ zip: true, files: [{ id: ours.id, name: '-5-a paper boat on a puddle.png' }] });
    const folder = await runCli(['gallery', 'export', ours.id, '--to', path.join(out, 'jpg'), '--format', 'jpeg', '--resize', '255x', '--name', '{id}'], { env });
    expect(folder.code).toBe(0);
    expect(folder.stdout).toContain('(255x255,');
    expect(folder.stdout).toContain('watermark too-small');
    const big = await runCli(['gallery', 'export', ours.id, '--to', path.join(out, 'big'), '--format', 'webp', '--quality', '95'], { env });
    expect(big.stdout).toContain('watermark kept');
    const [webp] = await readdir(path.join(out, 'big'));
    expect((await sharp(path.join(out, 'big', webp)).metadata()).format).toBe('webp');
    const v = json<{ verdict: string; matching: number }>((await runCli(['gallery', 'verify', path.join(out, 'big', webp), '--json'], { env })).stdout);
    expect(v.verdict).toBe('very-likely');
    const byId = await runCli(['gallery', 'verify', ours.id], { env });
    expect(byId.stdout).toContain('48/48 bits match bytes "LStdio" (dwtDctSvd): very likely');
  });

  it('deletes, restores and rebuilds', async () => {
    expect((await runCli(['gallery', 'delete', ours.id], { env })).code).toBe(0);
    expect(json<GalleryPage>((await runCli(['gallery', 'list', '--trash', '--json'], { env })).stdout).items.map((i) => i.id)).toEqual([ours.id]);
    expect((await runCli(['gallery', 'restore', ours.id], { env })).code).toBe(0);
    const rebuilt = await runCli(['gallery', 'rebuild', '--json'], { env });
    expect(json<{ indexed: number }>(rebuilt.stdout).indexed).toBe(2);
    const missing = await runCli(['gallery', 'export', 'no-such-id', '--to', path.join(home, 'x')], { env });
    expect(missing.code).toBe(1);
    expect(missing.stderr).toContain('[gallery/unknown-id]');
  });
});
