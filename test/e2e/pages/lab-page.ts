// Page object for the Lab screen, found the way a person finds things: headings, labels, buttons.
// Test ids only for results no role names (the PSNR line, the token table, the limit mark).
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { Locator, Page } from 'playwright-core';

export class LabPage {
  constructor(readonly page: Page) {}

  async open(baseUrl: string): Promise<void> {
    await this.page.goto(new URL('#/lab', baseUrl).href);
    await this.page.getByRole('heading', { name: 'Lab', level: 1 }).waitFor();
    // The model list arrives from models.list; the picker is enabled once it has one.
    await this.page.getByRole('combobox', { name: 'Model' }).and(this.page.locator(':enabled')).waitFor({ timeout: 20_000 });
  }

  section(title: string): Locator {
    return this.page.getByRole('region', { name: title });
  }

  async uploadImage(file: string): Promise<void> {
    await this.page.getByLabel('Image file').setInputFiles(file);
    // Reading (and maybe scaling) the file takes a moment; the source line names it when done.
    await this.page.getByTestId('lab-source').filter({ hasText: path.basename(file) }).waitFor();
  }

  /** Drops `file` on the drop area as a file dragged from the desktop would arrive. */
  async dropImage(file: string, name: string): Promise<void> {
    const b64 = (await readFile(file)).toString('base64');
    // NOTE: a string expression, as the test tsconfig has no DOM types; DataTransfer and File are the browser's.
    const transfer = await this.page.evaluateHandle(`(() => {
      const bytes = Uint8Array.from(atob(${JSON.stringify(b64)}), (c) => c.charCodeAt(0));
      const dt = new DataTransfer();
      dt.items.add(new File([bytes], ${JSON.stringify(name)}, { type: 'image/png' }));
      return dt;
    })()`);
    await this.page.getByTestId('lab-drop').dispatchEvent('drop', { dataTransfer: transfer });
    await this.page.getByTestId('lab-source').filter({ hasText: name }).waitFor();
  }

  async encode(opts: { seed?: string } = {}): Promise<void> {
    if (opts.seed !== undefined) {
      await this.page.getByRole('checkbox', { name: 'Sample the latent (as img2img does)' }).check();
      await this.page.getByRole('textbox', { name: 'Seed' }).first().fill(opts.seed);
    }
    await this.page.getByRole('button', { name: 'Encode and decode' }).click();
  }

  channels(): Locator {
    return this.page.getByTestId('lab-channel');
  }

  psnr(): Locator {
    return this.page.getByTestId('lab-psnr');
  }

  async noise(opts: { scheduler: string; numSteps: number; steps: string; seed: string }): Promise<void> {
    const s = this.section('Forward diffusion');
    await s.getByRole('combobox', { name: 'Sampler' }).selectOption(opts.scheduler);
    await s.getByRole('spinbutton', { name: 'Schedule steps' }).fill(String(opts.numSteps));
    await s.getByRole('textbox', { name: 'Steps to show' }).fill(opts.steps);
    await s.getByRole('textbox', { name: 'Seed' }).fill(opts.seed);
    await s.getByRole('button', { name: 'Add noise' }).click();
  }

  noiseFrames(): Locator {
    return this.page.getByTestId('lab-noise-frame');
  }

  async denoiseStep(opts: { timestep: number; prompt: string; seed: string }): Promise<void> {
    const s = this.section('One denoising step');
    const slider = s.getByRole('slider', { name: 'Timestep' });
    // With the keyboard, as a person without a mouse: End → 999, then Left arrows down to the timestep.
    await slider.focus();
    await this.page.keyboard.press('End');
    for (let t = 999; t > opts.timestep; t--) await this.page.keyboard.press('ArrowLeft');
    await s.getByRole('textbox', { name: 'Prompt' }).fill(opts.prompt);
    await s.getByRole('textbox', { name: 'Seed' }).fill(opts.seed);
    await s.getByRole('button', { name: 'Run the U-Net once' }).click();
  }

  async tokenize(text: string): Promise<void> {
    const s = this.section('Token view');
    await s.getByRole('textbox', { name: 'Prompt to tokenize' }).fill(text);
    await s.getByRole('button', { name: 'Show tokens' }).click();
  }

  /** naturalWidth of an <img>: 0 until the image has really loaded and decoded. */
  naturalWidth(img: Locator): Promise<number> {
    return img.evaluate((el) => (el as unknown as { naturalWidth: number }).naturalWidth);
  }
}
