// The Timeline screen end to end in real Chromium: a generation through generate.start (8 steps at 64×64
// on the tiny model) records its timeline into the gallery; open it by id, scrub with the mouse and the
// keys, play, every view, a VAE decode, an animated WebP export with one frame per step, a live job.
import { readFile } from 'node:fs/promises';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LoadedModel, txt2img } from '../../src-main/engine/pipeline/index.js';
import { TimelineRecorder } from '../../src-main/timeline/index.js';
import { sampleParams } from '../gallery/helpers/images.js';
import { post } from '../server/helpers.js';
import { startHarness, TINY_MODEL, type Harness } from './helpers/harness.js';
import { saveScreen, seriousA11yViolations } from './helpers/screens.js';
import { TimelinePage } from './pages/timeline-page.js';

const STEPS = 8;
const PROMPT = 'a lighthouse on a cliff at dusk, waves below';
let h: Harness;
let id: string;
/** A newer image without a timeline: "the latest" must pass over it. */
let plainId: string;

beforeAll(async () => {
  h = await startHarness();
  // A generation through the job path (generate.start): every saved image links the timeline it recorded.
  const done = new Promise<string>((resolve, reject) => {
    const stop = h.studio.events.subscribe((e) => {
      if (e.event === 'job.done') resolve(e.payload.images[0].id);
      else if (e.event === 'job.error') reject(new Error(e.payload.error.message));
      else return;
      stop();
    });
  });
  const started = await post(h.host.url, 'generate.start', { model: 'model', prompt: PROMPT, steps: STEPS, guidance: 7.5, width: 64, height: 64, seed: '1234', scheduler: 'euler' });
  expect(started.status).toBe(200);
  id = await done;
  const gallery = await h.studio.gallery.open();
  const gray = new Uint8Array(64 * 64 * 3).fill(128);
  plainId = (await gallery.save({ data: gray, width: 64, height: 64 }, sampleParams({ prompt: 'no timeline here', width: 64, height: 64 }), { watermark: false })).id;
}, 300_000);

afterAll(async () => {
  await h?.close();
});

describe('timeline screen', () => {
  it('opens an image’s timeline at its last step with header, charts and thumbnails', async () => {
    const ui = new TimelinePage(h.page);
    await ui.open(h.host.url, id);
    await ui.slider().waitFor({ timeout: 20_000 });
    expect(await ui.slider().getAttribute('aria-valuemin')).toBe('1');
    expect(await ui.slider().getAttribute('aria-valuemax')).toBe(String(STEPS));
    expect(await ui.valueNow()).toBe(STEPS);
    expect(await ui.slider().getAttribute('aria-valuetext')).toBe(`step ${STEPS} of ${STEPS}`);
    await expect.poll(() => ui.stepLabel().textContent()).toBe(`step ${STEPS} / ${STEPS}`);
    await expect.poll(() => h.page.getByText(`seed 1234 · euler · ${STEPS} steps`).count()).toBe(1);
    await expect.poll(() => h.page.getByRole('img', { name: /^Noise schedule \(σ\): .* at step 1, .* at step 8; step 8: / }).count()).toBe(1);
    // Rendered ahead: every step's x_t thumbnail, latent size.
    const thumbs = h.page.getByRole('navigation', { name: 'Every step' }).getByRole('img');
    await expect.poll(() => thumbs.count(), { timeout: 20_000 }).toBe(STEPS);
    expect(await ui.naturalWidth(thumbs.first())).toBe(8);
  });

  it('scrubs with the keys and with a click on the track', async () => {
    const ui = new TimelinePage(h.page);
    await ui.press('Home');
    expect(await ui.valueNow()).toBe(1);
    await expect.poll(() => ui.stepLabel().textContent()).toBe(`step 1 / ${STEPS}`);
    await ui.press('ArrowRight');
    expect(await ui.valueNow()).toBe(2);
    expect(await ui.slider().getAttribute('aria-valuetext')).toBe(`step 2 of ${STEPS}`);
    await ui.press('End');
    expect(await ui.valueNow()).toBe(STEPS);
    // The arrows also work from anywhere on the screen outside a form field (here: a thumbnail button).
    await h.page.getByRole('button', { name: 'Step 3' }).focus();
    await h.page.keyboard.press('ArrowLeft');
    expect(await ui.valueNow()).toBe(STEPS - 1);
    await ui.clickTrack(0.5);
    const mid = await ui.valueNow();
    expect(mid).toBeGreaterThanOrEqual(4);
    expect(mid).toBeLessThanOrEqual(5);
    await expect.poll(() => ui.stepLabel().textContent()).toBe(`step ${mid} / ${STEPS}`);
    const xt = ui.frames('x_t');
    await expect.poll(async () => (await xt.getAttribute('alt')) ?? '').toBe(`${PROMPT} — step ${mid}, x_t`);
    expect(await ui.naturalWidth(xt)).toBe(8);
    // Rendered ahead: a step's frame is on screen, decoded, by the next animation frame after the slider moves.
    const frames = await ui.framesUntilShown(3);
    expect(frames).toBeLessThanOrEqual(1);
  });

  it('plays from the first step to the last and stops', async () => {
    const ui = new TimelinePage(h.page);
    await ui.press('Home');
    await h.page.getByRole('combobox', { name: 'Speed' }).selectOption('4');
    await ui.button('Play').click();
    await expect.poll(() => ui.valueNow(), { timeout: 10_000 }).toBeGreaterThan(1);
    await expect.poll(() => ui.valueNow(), { timeout: 10_000 }).toBe(STEPS);
    await expect.poll(() => ui.button('Play').count()).toBe(1);
  });

  it('shows x0, the four channels, the difference and two steps side by side', async () => {
    const ui = new TimelinePage(h.page);
    await ui.press('Home');
    await ui.press('ArrowRight');
    await ui.press('ArrowRight');
    await ui.view('Predicted x0');
    await expect.poll(() => ui.frames('Predicted x0').count()).toBe(1);
    expect(await ui.naturalWidth(ui.frames('Predicted x0'))).toBe(8);
    await ui.view('Channels');
    await expect.poll(() => ui.frames('Channels').count()).toBe(1);
    expect(await ui.naturalWidth(ui.frames('Channels'))).toBe(16);
    await h.page.getByRole('combobox', { name: 'Channel scale' }).selectOption('per-channel');
    await expect.poll(() => ui.frames('Channels').count()).toBe(1);
    await saveScreen(h.page, 'timeline-channels');
    await ui.view('Difference');
    await expect.poll(() => ui.frames('Difference').count()).toBe(1);
    await ui.press('Home');
    await expect.poll(() => h.page.getByText('Step 1 has no previous step to differ from.').count()).toBe(1);
    await ui.view('Compare');
    await ui.press('End');
    await expect.poll(() => ui.frames('x_t').count()).toBe(2);
    const alts = await ui.frames('x_t').evaluateAll((els) => els.map((e) => e.getAttribute('alt')));
    expect(alts).toEqual([`${PROMPT} — step 1, x_t`, `${PROMPT} — step ${STEPS}, x_t`]);
    await saveScreen(h.page, 'timeline-compare');
    expect(await seriousA11yViolations(h.page)).toEqual([]);
  });

  it('decodes the current step with the VAE', async () => {
    const ui = new TimelinePage(h.page);
    await ui.view('x_t');
    await ui.button('Decode').click();
    const decoded = h.page.locator('.decoded img');
    await decoded.waitFor({ timeout: 60_000 });
    expect(await ui.naturalWidth(decoded)).toBe(64);
  });

  it('exports an animated WebP with one frame per step and says where the folder is', async () => {
    const ui = new TimelinePage(h.page);
    const link = await ui.exportAs('Animated WebP', 'x_t');
    await link.waitFor({ timeout: 20_000 });
    const [download] = await Promise.all([h.page.waitForEvent('download'), link.click()]);
    expect(download.suggestedFilename()).toBe(`${id}-xt-x4.webp`);
    const meta = await sharp(await readFile((await download.path())!), { animated: true }).metadata();
    expect(meta.format).toBe('webp');
    expect(meta.pages).toBe(STEPS);
    expect(meta.width).toBe(32);
    await expect.poll(() => h.page.getByText(`${id}.timeline`).count()).toBe(1);
    expect(await seriousA11yViolations(h.page)).toEqual([]);
    await saveScreen(h.page, 'timeline');
    expect(h.pageErrors).toEqual([]);
  });

  it('is reached from the gallery image’s "Open in timeline" link', async () => {
    await h.page.goto(new URL(`#/gallery/${id}`, h.host.url).href);
    await h.page.getByRole('link', { name: 'Open in timeline' }).click({ timeout: 20_000 });
    await expect.poll(() => h.page.url()).toMatch(new RegExp(`#/timeline/${id}$`));
    await new TimelinePage(h.page).slider().waitFor({ timeout: 20_000 });
    expect(await h.page.locator('.tl-header .prompt').textContent()).toBe(PROMPT);
  });

  it('opens the newest image with a timeline when no id is given', async () => {
    const ui = new TimelinePage(h.page);
    await ui.open(h.host.url);
    await ui.slider().waitFor({ timeout: 20_000 });
    expect(await h.page.locator('.tl-header .prompt').textContent()).toBe(PROMPT);
  });

  it('says so, beside where the timeline would be, when an image has none', async () => {
    const ui = new TimelinePage(h.page);
    await ui.open(h.host.url, plainId);
    await expect.poll(() => h.page.getByRole('alert').textContent(), { timeout: 20_000 }).toBe('This image has no timeline. Generate it again with the timeline recorded.');
    expect(await ui.slider().count()).toBe(0);
    // The browser logs the refused request; nothing else may have gone wrong.
    expect(h.pageErrors).toEqual([expect.stringMatching(/status of 400 .*\/api\/timeline\.get\)$/)]);
    h.pageErrors.length = 0;
  });

  it('follows a running generation at /timeline?job=<job id>, one step event at a time', async () => {
    const ui = new TimelinePage(h.page);
    const model = await LoadedModel.load(TINY_MODEL, { ep: 'cpu' });
    const recorder = new TimelineRecorder({ shape: [1, 4, 8, 8], scheduler: 'euler', family: model.folder.defaults.family, parameters: { prompt: 'live one' }, modelDir: TINY_MODEL });
    const untrack = h.studio.timeline.track('job-e2e-live', recorder, { modelDir: TINY_MODEL });
    try {
      await ui.open(h.host.url, undefined, '?job=job-e2e-live');
      await h.page.getByText(/^Recording: 0 of/).waitFor({ timeout: 20_000 });
      await txt2img(model, { prompt: 'live one', steps: STEPS, guidance: 7.5, seed: 5n, width: 64, height: 64, scheduler: 'euler' }, {
        captureLatents: true,
        onStep: (e) => recorder.record(e),
      });
      await expect.poll(() => ui.slider().getAttribute('aria-valuemax'), { timeout: 20_000 }).toBe(String(STEPS));
      await expect.poll(() => ui.valueNow()).toBe(STEPS);
      await h.page.getByText(`Recording: ${STEPS} of ${STEPS} steps`).waitFor();
      await expect.poll(() => ui.frames('x_t').count(), { timeout: 10_000 }).toBe(1);
      await expect.poll(() => h.page.getByRole('navigation', { name: 'Every step' }).getByRole('img').count(), { timeout: 20_000 }).toBe(STEPS);
      // When the job is done its timeline belongs to its gallery image: the screen moves there.
      untrack();
      h.studio.events.emit('job.done', {
        jobId: 'job-e2e-live', images: [{ id, imageUrl: '', thumbUrl: '', width: 64, height: 64 }], seed: '5', scheduler: 'euler', ep: 'cpu',
        skippedProviders: [], latentsOnDevice: false, timings: { totalMs: 1, unetMs: 1, vaeDecodeMs: 1 },
      });
      await expect.poll(() => h.page.url()).toMatch(new RegExp(`#/timeline/${id}$`));
      await expect.poll(() => h.page.getByText(/^Recording/).count()).toBe(0);
    } finally {
      untrack();
      await model.release();
    }
  });

  it('reads in 简体中文 on the dark theme', async () => {
    const ui = new TimelinePage(h.page);
    await ui.open(h.host.url, id);
    await ui.slider().waitFor({ timeout: 20_000 });
    await h.page.getByRole('combobox', { name: 'Language' }).selectOption('zh-CN');
    await h.page.getByRole('combobox', { name: '主题' }).selectOption('dark');
    await expect.poll(() => h.page.getByRole('slider', { name: '步' }).getAttribute('aria-valuetext')).toBe(`第 ${STEPS} 步，共 ${STEPS} 步`);
    await expect.poll(() => h.page.getByRole('navigation', { name: '每一步' }).getByRole('img').count(), { timeout: 20_000 }).toBe(STEPS);
    expect(await seriousA11yViolations(h.page)).toEqual([]);
    await saveScreen(h.page, 'timeline-zh-CN');
    expect(h.pageErrors).toEqual([]);
  });
});
