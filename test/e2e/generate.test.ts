// The Generate screen end to end in real Chromium over the web host and the tiny model: token counts from
// the engine's tokenizer, a run watched step by step (and its live preview when job.progress carries one),
// Esc and Interrupt, a bad width shown next to Width, a reload during a run, reusing a result's parameters,
// PNGs dropped on the window, axe, and the screenshots in English and 简体中文.
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { textChunk, withTextChunks } from '../../src-main/gallery/png-chunks.js';
import type { AnyEvent } from '../../src-shared/contract/index.js';
import { startHarness, type Harness } from './helpers/harness.js';
import { saveScreen, seriousA11yViolations } from './helpers/screens.js';
import { StudioPage } from './pages/studio-page.js';

let h: Harness;
let ui: StudioPage;
const events: AnyEvent[] = [];

beforeAll(async () => {
  h = await startHarness();
  h.studio.events.subscribe((e) => events.push(e));
  ui = new StudioPage(h.page);
  await ui.open(h.host.url);
}, 120_000);
afterAll(async () => h?.close());

/** Page errors, less the console line Chromium logs for an HTTP 400 the UI answers on purpose. */
const unexpectedErrors = () => h.pageErrors.filter((e) => !/status of 400 \(Bad Request\).*\/api\/(generate\.start|image\.parameters)/.test(e));

async function waitForStep(atLeast: number): Promise<void> {
  await expect.poll(() => ui.step(), { timeout: 30_000, interval: 20 }).toBeGreaterThanOrEqual(atLeast);
}

describe('Generate screen', () => {
  it('counts the prompt tokens with the engine tokenizer as you type', async () => {
    const text = 'a lighthouse at dusk, volumetric light';
    await ui.prompt().fill(text);
    const model = (await h.studio.models.list()).models[0].id;
    const { count, limit } = await h.studio.prompt.tokenize(text, model);
    expect(limit).toBe(75);
    await expect.poll(() => ui.tokenCount().textContent()).toBe(`${count}/75`);
    await ui.negative().fill('blurry');
    await expect.poll(() => ui.tokenCount('Negative prompt tokens').textContent()).toBe('1/75');
  });

  it('generates while showing each step, its preview when the event carries one, and the result with its parameters', async () => {
    // Record the progress bar's values in the page, so no step is missed between polls.
    await h.page.evaluate(() => {
      const g = globalThis as unknown as { seen: string[]; MutationObserver: new (cb: () => void) => { observe(n: unknown, o: unknown): void }; document: { querySelector(s: string): { getAttribute(a: string): string | null } | null; body: unknown } };
      g.seen = [];
      new g.MutationObserver(() => {
        const text = g.document.querySelector('[role=progressbar]')?.getAttribute('aria-valuetext');
        if (text && g.seen[g.seen.length - 1] !== text) g.seen.push(text);
        if (g.document.querySelector('img[alt*="live preview"]') && !g.seen.includes('preview')) g.seen.push('preview');
      }).observe(g.document.body, { subtree: true, attributes: true, childList: true });
    });
    events.length = 0;
    await ui.fill({ prompt: 'a lighthouse at dusk', negative: 'blurry', steps: 8, width: 64, height: 64, seed: '1234', sampler: 'euler' });
    await ui.generate();
    const img = ui.resultImages().first();
    await img.waitFor({ state: 'visible', timeout: 60_000 });
    await expect.poll(() => ui.naturalWidth(img), { timeout: 10_000 }).toBe(64);
    expect(await img.getAttribute('alt')).toMatch(/^a lighthouse at dusk/);
    expect(await ui.runStatus().textContent()).toBe('Done');
    expect(await h.page.getByRole('region', { name: 'Results' }).textContent()).toContain('Seed 1234 · euler · 8 steps · CFG 7.5 · 64×64');
    expect(await ui.page.getByText('Last seed used: 1234').count()).toBe(1);
    const seen = await h.page.evaluate(() => (globalThis as unknown as { seen: string[] }).seen);
    // The steps shown are the events' own step/total (whatever job.progress says, never recomputed).
    const reported = events.filter((e) => e.event === 'job.progress' && e.payload.step > 0).map((e) => e.event === 'job.progress' && `Step ${e.payload.step}/${e.payload.total}`);
    expect(reported.length).toBeGreaterThan(0);
    const shownSteps = seen.filter((s) => s.startsWith('Step '));
    expect(shownSteps.length).toBeGreaterThan(0);
    for (const s of shownSteps) expect(reported).toContain(s);
    const withPreview = events.some((e) => e.event === 'job.progress' && e.payload.preview);
    expect(seen.includes('preview')).toBe(withPreview);
    expect(unexpectedErrors()).toEqual([]);
  });

  it('saves the English screenshot after a result, with no serious axe violation', async () => {
    expect(await seriousA11yViolations(h.page)).toEqual([]);
    await h.page.evaluate(() => (globalThis as unknown as { scrollTo(x: number, y: number): void }).scrollTo(0, 0));
    await saveScreen(h.page, 'generate');
  });

  it('interrupts a longer run with Esc, and the queue with the Interrupt button, without an error', async () => {
    await ui.fill({ steps: 60, width: 64, height: 64, seed: '', batchCount: 2 });
    await ui.generate();
    await waitForStep(1);
    await expect.poll(() => ui.queue().getByRole('listitem').count()).toBe(1);
    await h.page.keyboard.press('Escape');
    await expect.poll(() => ui.runStatus().textContent(), { timeout: 20_000 }).toBe('Interrupted');
    await expect.poll(() => ui.queue().count()).toBe(0);
    expect(await ui.alerts().count()).toBe(0);
    expect((await h.page.getByRole('region', { name: 'Results' }).getByRole('listitem').count())).toBe(1);

    await ui.generate();
    await waitForStep(1);
    await ui.button('Interrupt').click();
    await expect.poll(() => ui.runStatus().textContent(), { timeout: 20_000 }).toBe('Interrupted');
    expect(await ui.alerts().count()).toBe(0);
    expect(h.studio.jobs.list()).toEqual([]);
    await ui.fill({ batchCount: 1 });
  });

  it('shows a bad width next to the Width control, translated, and clears it on the next good run', async () => {
    await ui.fill({ width: 100, steps: 2 });
    await ui.generate();
    const width = ui.spin('Width');
    await expect.poll(() => width.getAttribute('aria-invalid')).toBe('true');
    expect(await ui.describedError(width)).toBe('Width must be a multiple of 8 from 64 to 2048.');
    expect(await ui.runStatus().textContent()).toBe('Failed');
    await ui.fill({ width: 64 });
    await ui.generate();
    await expect.poll(() => ui.runStatus().textContent(), { timeout: 60_000 }).toBe('Done');
    expect(await width.getAttribute('aria-invalid')).toBeNull();
  });

  it('keeps a running job and its queue over a reload; a queued job is cancelled from the queue', async () => {
    await ui.fill({ steps: 150, width: 128, height: 128, batchCount: 2 });
    await ui.generate();
    await waitForStep(2);
    await h.page.reload();
    await ui.waitReady();
    await waitForStep(3);
    expect(await ui.runStatus().textContent()).toBe('Generating');
    expect(await ui.progressBar().getAttribute('aria-valuetext')).toMatch(/^Step \d+\/150$/);
    const queued = ui.queue().getByRole('listitem');
    expect(await queued.count()).toBe(1);
    await ui.queue().getByRole('button', { name: 'Cancel queued job 1' }).click();
    await expect.poll(() => ui.queue().count()).toBe(0);
    await ui.button('Interrupt').click();
    await expect.poll(() => ui.runStatus().textContent(), { timeout: 20_000 }).toBe('Interrupted');
    expect(h.studio.jobs.list()).toEqual([]);
    await ui.fill({ batchCount: 1 });
  });

  it("reuses a result's parameters", async () => {
    await ui.page.goto(`${h.host.url}#/generate`);
    await ui.waitReady();
    await ui.fill({ prompt: 'a lighthouse at dusk', steps: 8, width: 64, height: 64, seed: '1234', sampler: 'euler' });
    await ui.generate();
    await expect.poll(() => ui.runStatus().textContent(), { timeout: 60_000 }).toBe('Done');
    await ui.fill({ prompt: 'something else', steps: 33, width: 256, seed: '', sampler: 'ddim' });
    await h.page.getByRole('button', { name: 'Reuse parameters' }).first().click();
    await expect.poll(() => ui.prompt().inputValue()).toBe('a lighthouse at dusk');
    expect(await ui.spin('Steps').inputValue()).toBe('8');
    expect(await ui.spin('Width').inputValue()).toBe('64');
    expect(await ui.seed().inputValue()).toBe('1234');
    expect(await ui.sampler().inputValue()).toBe('euler');
  });

  it('fills the form from a dropped WebUI PNG and a ComfyUI PNG, and says why another cannot', async () => {
    const base = await sharp({ create: { width: 8, height: 8, channels: 3, background: { r: 9, g: 9, b: 9 } } }).png().toBuffer();
    const webui = withTextChunks(base, [textChunk('parameters', 'a red fox in snow\nNegative prompt: lowres\nSteps: 27, Sampler: DPM++ 2M, Schedule type: Karras, CFG scale: 6.5, Seed: 987654321, Size: 512x768, Model: sd15')], []);
    await ui.dropFile('fox.png', webui);
    await expect.poll(() => ui.prompt().inputValue()).toBe('a red fox in snow');
    expect(await ui.negative().inputValue()).toBe('lowres');
    expect(await ui.spin('Steps').inputValue()).toBe('27');
    expect(await ui.spin('CFG scale').inputValue()).toBe('6.5');
    expect(await ui.seed().inputValue()).toBe('987654321');
    expect(await ui.spin('Height').inputValue()).toBe('768');
    expect(await ui.sampler().inputValue()).toBe('dpmpp-2m-karras');
    expect(await h.page.getByText('Filled the form from a WebUI image.').count()).toBe(1);

    const graph = {
      3: { class_type: 'KSampler', inputs: { seed: 42, steps: 12, cfg: 5, sampler_name: 'euler_ancestral', scheduler: 'normal', denoise: 1, model: ['4', 0], positive: ['6', 0], negative: ['7', 0], latent_image: ['5', 0] } },
      4: { class_type: 'CheckpointLoaderSimple', inputs: { ckpt_name: 'x.safetensors' } },
      5: { class_type: 'EmptyLatentImage', inputs: { width: 320, height: 256, batch_size: 1 } },
      6: { class_type: 'CLIPTextEncode', inputs: { text: 'a comfy cat', clip: ['4', 1] } },
      7: { class_type: 'CLIPTextEncode', inputs: { text: 'dog', clip: ['4', 1] } },
      8: { class_type: 'VAEDecode', inputs: { samples: ['3', 0], vae: ['4', 2] } },
      9: { class_type: 'SaveImage', inputs: { images: ['8', 0] } },
    };
    await ui.dropFile('comfy.png', withTextChunks(base, [textChunk('prompt', JSON.stringify(graph))], []));
    await expect.poll(() => ui.prompt().inputValue()).toBe('a comfy cat');
    expect(await ui.spin('Width').inputValue()).toBe('320');
    expect(await ui.sampler().inputValue()).toBe('euler-a');

    const lora = { ...graph, 10: { class_type: 'LoraLoader', inputs: {} } };
    await ui.dropFile('lora.png', withTextChunks(base, [textChunk('prompt', JSON.stringify(lora))], []));
    await expect.poll(() => ui.alerts().textContent()).toBe('This ComfyUI graph is not a plain txt2img graph (it has LoraLoader). Copy the values by hand.');
    expect(await ui.prompt().inputValue()).toBe('a comfy cat');
    expect(unexpectedErrors()).toEqual([]);
  });

  it('is keyboard-operable: Ctrl+Enter generates; and saves the 简体中文 screenshot', async () => {
    await ui.fill({ prompt: 'a lighthouse at dusk', negative: 'blurry', steps: 6, width: 64, height: 64, seed: '1234', sampler: 'euler' });
    await ui.prompt().focus();
    await h.page.keyboard.press('Control+Enter');
    await expect.poll(() => ui.runStatus().textContent(), { timeout: 60_000 }).toBe('Done');
    await h.page.getByRole('combobox', { name: 'Language' }).selectOption('zh-CN');
    await h.page.getByRole('spinbutton', { name: '步数', exact: true }).waitFor();
    expect(await h.page.getByRole('status', { name: '运行状态' }).textContent()).toBe('完成');
    expect(await seriousA11yViolations(h.page)).toEqual([]);
    await h.page.evaluate(() => (globalThis as unknown as { scrollTo(x: number, y: number): void }).scrollTo(0, 0));
    await saveScreen(h.page, 'generate-zh-CN');
    await h.page.getByRole('combobox', { name: '语言' }).selectOption('en');
    expect(unexpectedErrors()).toEqual([]);
  });
});
