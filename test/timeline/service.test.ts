// The timeline over the web host with the real services: a gallery image's timeline (get, every frame
// view, a cached VAE decode, an export served over HTTP), a live job's timeline with timeline.step
// events, and the CLI's `timeline export` of a gallery id and of a folder.
import { existsSync } from 'node:fs';
import path from 'node:path';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AnyEvent } from '../../src-shared/contract/index.js';
import { LoadedModel, txt2img } from '../../src-main/engine/pipeline/index.js';
import { linkTimeline } from '../../src-main/services/timeline-link.js';
import { TimelineRecorder } from '../../src-main/timeline/index.js';
import { runCli } from '../helpers/cli.js';
import { MODEL_DIR, post, startTestHost, type TestHost } from '../server/helpers.js';
import { sampleParams } from '../gallery/helpers/images.js';

let t: TestHost;
let base: string;
let id: string;
let recorder: TimelineRecorder;
let finalImage: Uint8Array;
beforeAll(async () => {
  t = await startTestHost();
  base = t.host.url;
  const model = await LoadedModel.load(MODEL_DIR, { ep: 'cpu' });
  try {
    recorder = new TimelineRecorder({ shape: [1, 4, 8, 8], scheduler: 'euler', family: model.folder.defaults.family, parameters: { prompt: 'a dog wearing hat' }, modelDir: MODEL_DIR });
    const seen: AnyEvent[] = [];
    const stopEvents = t.studio.events.subscribe((e) => seen.push(e));
    const untrack = t.studio.timeline.track('job-live-1', recorder, { modelDir: MODEL_DIR });
    const result = await txt2img(model, { prompt: 'a dog wearing hat', steps: 5, guidance: 7.5, seed: 7n, width: 64, height: 64, scheduler: 'euler' }, {
      captureLatents: true,
      onStep: (e) => recorder.record(e),
    });
    const live = await post(base, 'timeline.get', { jobId: 'job-live-1' });
    expect(live.json).toMatchObject({ id: 'job-live-1', live: true, shape: [5, 1, 4, 8, 8] });
    expect((await post(base, 'timeline.frame', { jobId: 'job-live-1', step: 4, view: 'xt' })).json.url).toMatch(/^data:image\/png;base64,/);
    const steps = seen.filter((e) => e.event === 'timeline.step');
    expect(steps.map((e) => (e.payload as { recorded: number }).recorded)).toEqual([1, 2, 3, 4, 5]);
    untrack();
    stopEvents();
    finalImage = result.images[0].rgb;
    const gallery = await t.studio.gallery.open();
    const item = await gallery.save({ data: result.images[0].rgb, width: 64, height: 64 }, sampleParams({ width: 64, height: 64 }), { watermark: false });
    await linkTimeline(gallery, item, recorder, 0);
    id = item.id;
  } finally {
    await model.release();
  }
}, 300_000);
afterAll(async () => {
  await t?.close();
});

describe('timeline ops over the web host', () => {
  it('describes the timeline and marks the gallery item', async () => {
    const r = await post(base, 'timeline.get', { id });
    expect(r.status).toBe(200);
    expect(r.json).toMatchObject({ id, live: false, shape: [5, 1, 4, 8, 8], batchIndex: 0, batch: { offset: 0, of: 1 }, scheduler: 'euler', x0: 'scheduler', family: 'sd1' });
    expect(r.json.steps).toHaveLength(5);
    expect(r.json.steps[0]).toEqual({ index: 0, timestep: expect.any(Number), sigma: expect.any(Number), guidanceStrength: expect.any(Number), ms: expect.any(Number) });
    expect((await post(base, 'gallery.image', { id })).json.item.hasTimeline).toBe(true);
    expect((await post(base, 'timeline.get', { jobId: 'job-live-1' })).json.error.code).toBe('timeline/unknown-job');
    expect((await post(base, 'timeline.get', { id, jobId: 'job-live-1' })).json.error.code).toBe('contract/bad-request');
  });

  it('draws every frame view as a PNG data URL of latent size', async () => {
    for (const [view, w, h] of [['xt', 8, 8], ['x0', 8, 8], ['channels', 16, 16], ['diff', 8, 8]] as const) {
      const r = await post(base, 'timeline.frame', { id, step: 3, view });
      expect(r.json).toMatchObject({ width: w, height: h });
      const png = Buffer.from(r.json.url.replace(/^data:image\/png;base64,/, ''), 'base64');
      expect((await sharp(png).metadata()).width).toBe(w);
    }
    expect((await post(base, 'timeline.frame', { id, step: 0, view: 'diff' })).json.error.code).toBe('timeline/no-previous-step');
  });

  it('decodes a step with the VAE once and caches it in the folder; the last step decodes to the image', async () => {
    const r = await post(base, 'timeline.decode', { id, step: 4, view: 'xt' });
    expect(r.json).toMatchObject({ width: 64, height: 64 });
    const cached = path.join(t.tmp, 'home', 'gallery', `${id}.timeline`, 'decoded', 'xt-4.png');
    expect(existsSync(cached)).toBe(true);
    const rgb = await sharp(cached).removeAlpha().raw().toBuffer();
    let worst = 0;
    for (let i = 0; i < rgb.length; i++) worst = Math.max(worst, Math.abs(rgb[i] - finalImage[i]));
    expect(worst).toBeLessThanOrEqual(3); // float16 latents
    const again = await post(base, 'timeline.decode', { id, step: 4, view: 'xt' });
    expect(again.json.url).toBe(r.json.url);
  });

  it('exports an animation and serves it over HTTP', async () => {
    const r = await post(base, 'timeline.export', { id, format: 'webp', view: 'x0', scale: 2 });
    expect(r.json).toMatchObject({ frames: 5, width: 16, height: 16, url: `/files/timeline-exports/${id}-x0-x2.webp` });
    const res = await fetch(new URL(r.json.url, base));
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('image/webp');
    const meta = await sharp(Buffer.from(await res.arrayBuffer()), { animated: true }).metadata();
    expect(meta.pages).toBe(5);
    expect((await fetch(new URL('/files/timeline-exports/..%2Fgallery.db', base))).status).toBe(404);
  });

  it('exports from the CLI by gallery id and by folder', async () => {
    const env = { LATENT_STUDIO_HOME: path.join(t.tmp, 'home') };
    const gif = path.join(t.tmp, 'cli.gif');
    const byId = await runCli(['timeline', 'export', id, '--format', 'gif', '--out', gif, '--json'], { env });
    expect(byId.stderr).toBe('');
    expect(byId.code).toBe(0);
    expect(JSON.parse(byId.stdout)).toMatchObject({ out: gif, frames: 5, width: 32, height: 32 });
    expect((await sharp(gif, { animated: true }).metadata()).pages).toBe(5);
    const sheet = path.join(t.tmp, 'cli.png');
    const byDir = await runCli(['timeline', 'export', path.join(t.tmp, 'home', 'gallery', `${id}.timeline`), '--format', 'sheet', '--out', sheet, '--scale', '1'], { env });
    expect(byDir.code).toBe(0);
    expect((await sharp(sheet).metadata()).width).toBe(3 * 8 + 4 * 2);
    const bad = await runCli(['timeline', 'export', id, '--format', 'gif', '--out', path.join(t.tmp, 'x.png')], { env });
    expect(bad.code).toBe(1); // cli/bad-argument, like every StudioError
    expect(bad.stderr).toContain('--out must end in .gif');
  }, 120_000);
});
