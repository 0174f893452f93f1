// One generation path: the same request through the CLI (`latent-studio generate`, a child process) and
// through the web host (HTTP + /events) gives the same pixels and the same gallery row, parameters included;
// only the ids, dates and timings differ.
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Gallery, type GalleryItem } from '../../src-main/gallery/index.js';
import { runCli } from '../helpers/cli.js';
import { MODEL_DIR, openEvents, post, startTestHost, type TestHost } from '../server/helpers.js';

let tmp: string;
let web: TestHost;
beforeAll(async () => {
  tmp = await mkdtemp(path.join(os.tmpdir(), 'ls-one-path-'));
  web = await startTestHost();
});
afterAll(async () => {
  await web?.close();
  if (tmp) await rm(tmp, { recursive: true, force: true });
});

/** The row as a user sees it, less what must differ between two runs (id, file, date, timings). */
function comparable(item: GalleryItem) {
  const { id: _id, file: _file, created: _created, timingsMs: _t, timeline: _timeline, params, ...rest } = item;
  const { timingsMs: _pt, ...p } = params ?? ({} as NonNullable<GalleryItem['params']>);
  return { ...rest, params: p };
}

async function onlyItem(dir: string): Promise<GalleryItem> {
  const g = await Gallery.open({ dir, reconcile: true });
  try {
    const page = g.search({ limit: 10 });
    expect(page.items).toHaveLength(1);
    return page.items[0];
  } finally {
    g.close();
  }
}

describe('one generation path', () => {
  it('gives the same image and gallery row through the CLI and the web host', async () => {
    const home = path.join(tmp, 'cli-home');
    const cli = await runCli([
      'generate', '--model', MODEL_DIR, '--prompt', 'a red fox in snow', '--negative', 'blurry', '--steps', '3', '--guidance', '6.5',
      '--seed', '4242', '--scheduler', 'euler-a', '--width', '80', '--height', '64', '--ep', 'cpu', '--json',
    ], { env: { LATENT_STUDIO_HOME: home } });
    expect(cli.stderr).not.toMatch(/internal error/);
    expect(cli.code).toBe(0);
    expect(JSON.parse(cli.stdout).outputs.gallery).toHaveLength(1);

    const events = await openEvents(web.host.url);
    const { models } = (await post(web.host.url, 'models.list', {})).json;
    const started = await post(web.host.url, 'generate.start', {
      model: models[0].id, prompt: 'a red fox in snow', negativePrompt: 'blurry', steps: 3, guidance: 6.5, seed: '4242', scheduler: 'euler-a', width: 80, height: 64,
    });
    expect(started.status).toBe(200);
    const done = await events.next((e) => e.event === 'job.done' || e.event === 'job.error');
    events.close();
    expect(done.event).toBe('job.done');

    const fromCli = await onlyItem(path.join(home, 'gallery'));
    const fromWeb = await onlyItem(path.join(web.tmp, 'home', 'gallery'));
    expect(comparable(fromWeb)).toEqual(comparable(fromCli));
    expect(fromWeb.params?.seed).toBe('4242');
    const [a, b] = await Promise.all([sharp(fromCli.file).raw().toBuffer(), sharp(fromWeb.file).raw().toBuffer()]);
    expect(a.length).toBe(80 * 64 * 3);
    expect(Buffer.compare(a, b)).toBe(0);
    // Both recorded the same timeline (every step's latent), linked from their row.
    const steps = (item: GalleryItem) => readFile(path.join(item.timeline!, 'x_t.npy'));
    expect(Buffer.compare(await steps(fromCli), await steps(fromWeb))).toBe(0);
  });
});
