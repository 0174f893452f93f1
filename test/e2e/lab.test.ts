// The Lab in real Chromium on the tiny fixture model: upload a 64×64 PNG through the file input, encode
// it (four channel images, a PSNR), noise it to 3 steps, run one U-Net step, tokenize a long prompt (ids
// and the 75 mark); errors shown translated next to their experiment; Cancel drops a running request.
import { mkdir, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fixture } from '../helpers/fixtures.js';
import { startHarness, type Harness } from './helpers/harness.js';
import { SCREENS_DIR, saveScreen, seriousA11yViolations } from './helpers/screens.js';
import { LabPage } from './pages/lab-page.js';

const INIT_IMAGE = fixture('diffusers-tiny', 'reference', 'img2img', 'init_image.png');
const LONG_PROMPT = Array.from({ length: 40 }, (_, i) => `red cat ${i}`).join(', ');

/** The bits of the browser's window these tests call (the test tsconfig has no DOM types). */
interface Win {
  getComputedStyle(el: unknown): { imageRendering: string };
  scrollTo(x: number, y: number): void;
}

let h: Harness;
let lab: LabPage;

beforeAll(async () => {
  h = await startHarness({ ep: 'cpu' });
  lab = new LabPage(h.page);
  await lab.open(h.host.url);
}, 300_000);

afterAll(async () => {
  await h?.close();
});

describe('the Lab in the browser', () => {
  it('opens empty: every experiment explained, nothing to run until an image is chosen', async () => {
    expect(await h.page.getByRole('heading', { level: 2 }).allTextContents()).toEqual(['VAE round trip', 'Forward diffusion', 'One denoising step', 'Token view']);
    for (const name of ['Encode and decode', 'Add noise', 'Run the U-Net once']) expect(await h.page.getByRole('button', { name }).isDisabled()).toBe(true);
    expect(await h.page.getByText('Encode an image in the VAE round trip first').count()).toBe(2);
    expect(await h.page.getByRole('combobox', { name: 'Gallery image' }).isDisabled()).toBe(true);
    await saveScreen(h.page, 'lab-empty');
  });

  it('round-trips an uploaded PNG through the VAE: four latent channels, 48× and a PSNR', async () => {
    await lab.uploadImage(INIT_IMAGE);
    expect(await h.page.getByTestId('lab-source').textContent()).toContain('init_image.png · 64×64');
    await lab.encode();
    await expect.poll(() => lab.channels().count(), { timeout: 30_000 }).toBe(4);
    for (const c of await lab.channels().all()) {
      await expect.poll(() => lab.naturalWidth(c), { timeout: 10_000 }).toBe(8);
      expect(await c.getAttribute('alt')).toMatch(/^Latent channel \d of 4 as gray levels, 8×8$/);
      expect(await c.evaluate((el) => (globalThis as unknown as Win).getComputedStyle(el).imageRendering)).toBe('pixelated');
    }
    expect(await lab.psnr().textContent()).toMatch(/^PSNR \d+(\.\d+)? dB$/);
    expect(await h.page.getByTestId('lab-compression').textContent()).toContain('Latent 4×8×8 = 256 numbers for 12,288 pixel values: 48× smaller');
    await expect.poll(() => lab.naturalWidth(h.page.getByTestId('lab-decoded')), { timeout: 10_000 }).toBe(64);
  });

  it('noises the latent to 3 steps of the chosen scheduler, each decoded', async () => {
    await lab.noise({ scheduler: 'euler', numSteps: 10, steps: '0, 4, 9', seed: '3' });
    await expect.poll(() => lab.noiseFrames().count(), { timeout: 30_000 }).toBe(3);
    const captions = await lab.section('Forward diffusion').locator('figcaption').allTextContents();
    expect(captions.map((c) => c.replace(/ · σ=.*/, ''))).toEqual(['step 0 · t=901', 'step 4 · t=501', 'step 9 · t=1']);
    for (const f of await lab.noiseFrames().all()) await expect.poll(() => lab.naturalWidth(f), { timeout: 10_000 }).toBe(64);
  });

  it('runs the U-Net once (timestep set with the keyboard) and shows the predicted noise and image', async () => {
    await lab.denoiseStep({ timestep: 950, prompt: 'a dog wearing a hat', seed: '5' });
    const predicted = h.page.getByTestId('lab-step-predicted');
    await predicted.waitFor({ timeout: 30_000 });
    expect(await predicted.getAttribute('alt')).toBe('The latent minus the predicted noise at timestep 950, decoded');
    await expect.poll(() => lab.naturalWidth(predicted), { timeout: 10_000 }).toBe(64);
    expect(await h.page.getByTestId('lab-step-summary').textContent()).toMatch(/prediction type epsilon, seed 5/);
    expect(await lab.section('One denoising step').getByRole('img', { name: 'The noise the U-Net predicted, its 4 channels side by side' }).count()).toBe(1);
  });

  it('shows a prompt\'s tokens with their ids and marks the 75-token limit', async () => {
    await lab.tokenize(LONG_PROMPT);
    const table = h.page.getByTestId('lab-tokens');
    await table.waitFor({ timeout: 10_000 });
    const pieces = await table.locator('li').allTextContents();
    // As the walkthrough prints them: id, then piece.
    expect(pieces.slice(0, 4)).toEqual(['49406 <|startoftext|>', '736 red</w>', '2368 cat</w>', '271 0</w>']);
    expect(pieces.at(-1)).toBe('49407 <|endoftext|>');
    expect(await h.page.getByTestId('lab-token-limit').textContent()).toBe('75-token limit: the tokens below are ignored');
    expect(await h.page.getByTestId('lab-token-count').textContent()).toMatch(/^\d+\/75 tokens · Over the limit: \d+ tokens are ignored\.$/);
    // The mark sits right after content token 75 (bos is item 0).
    expect(pieces.indexOf('75-token limit: the tokens below are ignored')).toBe(76);
  });

  it('passes axe-core and saves the screenshot', async () => {
    await h.page.evaluate(() => (globalThis as unknown as Win).scrollTo(0, 0));
    await saveScreen(h.page, 'lab');
    await h.page.screenshot({ path: path.join(SCREENS_DIR, 'lab-full.png'), fullPage: true });
    expect(await seriousA11yViolations(h.page)).toEqual([]);
    expect(h.pageErrors).toEqual([]);
  });

  it('says what went wrong next to the experiment: a bad step list, an image too small (from main)', async () => {
    await lab.noise({ scheduler: 'euler', numSteps: 10, steps: '0, 12', seed: '3' });
    const noiseAlert = lab.section('Forward diffusion').getByRole('alert');
    expect(await noiseAlert.textContent()).toContain('Steps to show must be numbers from 0 to 9, separated by commas (e.g. 0, 4, 9).');
    const small = path.join(h.tmp, 'small.png');
    await mkdir(h.tmp, { recursive: true });
    await writeFile(small, await sharp({ create: { width: 7, height: 30, channels: 3, background: '#808080' } }).png().toBuffer());
    await lab.uploadImage(small);
    await lab.encode();
    const vaeAlert = lab.section('VAE round trip').getByRole('alert');
    await vaeAlert.waitFor({ timeout: 30_000 });
    expect(await vaeAlert.locator('p').first().textContent()).toBe('The image is 7×30; each side must be from 8 to 2048 pixels. Resize it first.');
    // The technical text stays behind "Details".
    expect(await vaeAlert.locator('details').isVisible()).toBe(true);
    expect(await vaeAlert.locator('details p').isVisible()).toBe(false);
    // The browser logs the refused request; nothing else went wrong.
    expect(h.pageErrors).toEqual([expect.stringMatching(/status of 400 .*\/api\/lab\.encode/)]);
    h.pageErrors.length = 0;
  });

  it('shows a spinner with the step name while a request runs, and Cancel drops its answer', async () => {
    await lab.dropImage(INIT_IMAGE, 'dropped.png');
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    await h.page.route('**/api/lab.encode', async (route) => {
      await held;
      await route.continue();
    });
    const before = await lab.psnr().textContent();
    await lab.encode({ seed: '100' });
    const status = lab.section('VAE round trip').getByRole('status');
    expect(await status.textContent()).toContain('Encoding and decoding…');
    await status.getByRole('button', { name: 'Cancel' }).click();
    await expect.poll(() => status.count()).toBe(0);
    const answered = h.page.waitForResponse('**/api/lab.encode');
    release();
    await answered;
    await h.page.waitForTimeout(200);
    expect(await lab.psnr().textContent()).toBe(before);
    expect(await lab.section('VAE round trip').getByRole('alert').count()).toBe(0);
    // Esc stops waiting too, wherever the focus is.
    let releaseAgain!: () => void;
    const heldAgain = new Promise<void>((resolve) => (releaseAgain = resolve));
    await h.page.unroute('**/api/lab.encode');
    await h.page.route('**/api/lab.encode', async (route) => {
      await heldAgain;
      await route.continue();
    });
    await lab.encode();
    await status.waitFor();
    await h.page.keyboard.press('Escape');
    await expect.poll(() => status.count()).toBe(0);
    const answeredAgain = h.page.waitForResponse('**/api/lab.encode');
    releaseAgain();
    await answeredAgain;
    await h.page.unroute('**/api/lab.encode');
    expect(h.pageErrors).toEqual([]);
  });

  it('encodes a gallery image, sent by its id', async () => {
    const start = await h.page.request.post(new URL('api/generate.start', h.host.url).href, {
      data: { model: 'model', prompt: 'a gallery lighthouse', steps: 2, width: 64, height: 64, seed: '9' },
    });
    expect(start.status()).toBe(200);
    await expect.poll(async () => (await h.studio.gallery.search({ query: '', trashed: false, sort: 'date-desc', offset: 0, limit: 10, withTotal: true })).total, { timeout: 30_000 }).toBe(1);
    // Back to the Lab: the screen asks for the gallery again when it opens.
    await h.page.getByRole('link', { name: 'Generate' }).click();
    await h.page.getByRole('link', { name: 'Lab' }).click();
    const picker = h.page.getByRole('combobox', { name: 'Gallery image' });
    await expect.poll(() => picker.locator('option').count(), { timeout: 10_000 }).toBe(2);
    await picker.selectOption({ index: 1 });
    expect(await h.page.getByTestId('lab-source').textContent()).toContain('a gallery lighthouse · 64×64');
    const before = await lab.psnr().textContent();
    const request = h.page.waitForRequest('**/api/lab.encode');
    await lab.encode();
    expect((await request).postDataJSON()).toMatchObject({ image: expect.stringMatching(/^[A-Za-z0-9_-]+$/) });
    await expect.poll(() => h.page.getByRole('img', { name: /^The input image a gallery lighthouse, 64×64$/ }).count(), { timeout: 30_000 }).toBe(1);
    expect(await lab.psnr().textContent()).not.toBe(before);
    expect(h.pageErrors).toEqual([]);
  });

  it('scales a large photo down in the browser so it fits one request (the host takes 1 MiB)', async () => {
    const big = path.join(h.tmp, 'big.png');
    await writeFile(big, await sharp({ create: { width: 1024, height: 1024, channels: 3, background: '#000', noise: { type: 'gaussian', mean: 128, sigma: 40 } } }).png().toBuffer());
    expect((await stat(big)).size).toBeGreaterThan(1024 * 1024);
    await lab.uploadImage(big);
    expect(await h.page.getByTestId('lab-source').textContent()).toContain('Scaled down from 1024×1024 to 512×512 in the browser');
    const request = h.page.waitForRequest('**/api/lab.encode');
    await lab.encode();
    const sent = (await request).postDataJSON() as { image: string };
    // Noise does not compress: as PNG it would still be too big, so it went as JPEG.
    expect(sent.image.slice(0, 23)).toBe('data:image/jpeg;base64,');
    expect(sent.image.length).toBeLessThan(1024 * 1024);
    await expect.poll(() => lab.naturalWidth(h.page.getByTestId('lab-decoded')), { timeout: 60_000 }).toBe(512);
    expect(h.pageErrors).toEqual([]);
  });

  it('reads in 简体中文 (dark theme), and saves that screenshot too', async () => {
    await h.page.getByTestId('language').selectOption('zh-CN');
    await h.page.getByRole('heading', { name: '实验室', level: 1 }).waitFor();
    expect(await h.page.getByRole('heading', { name: '前向扩散' }).count()).toBe(1);
    await h.page.getByTestId('theme').selectOption('dark');
    await saveScreen(h.page, 'lab-zh-CN');
    expect(await seriousA11yViolations(h.page)).toEqual([]);
  });
});
