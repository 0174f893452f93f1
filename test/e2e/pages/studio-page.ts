// Page object for the Generate screen as a person drives it: controls found by role and visible name
// (`spinbutton "Steps"`, `button "Generate"`), never by test id. English names; pass others for a locale.
import type { Locator, Page } from 'playwright-core';

export interface GenerateFields {
  prompt?: string;
  negative?: string;
  steps?: number;
  width?: number;
  height?: number;
  seed?: string;
  /** A scheduler id from schedulers.list (the option's value). */
  sampler?: string;
  batchCount?: number;
}

export class StudioPage {
  constructor(readonly page: Page) {}

  async open(url: string): Promise<void> {
    await this.page.goto(`${url}#/generate`);
    await this.waitReady();
  }

  /** The model list has arrived and Generate is enabled (or a run is in progress after a reload). */
  async waitReady(): Promise<void> {
    await this.page.getByRole('combobox', { name: 'Model' }).locator('option').first().waitFor({ state: 'attached', timeout: 20_000 });
  }

  prompt(): Locator {
    return this.page.getByRole('textbox', { name: 'Prompt', exact: true });
  }
  negative(): Locator {
    return this.page.getByRole('textbox', { name: 'Negative prompt' });
  }
  spin(name: string): Locator {
    return this.page.getByRole('spinbutton', { name, exact: true });
  }
  slider(name: string): Locator {
    return this.page.getByRole('slider', { name, exact: true });
  }
  seed(): Locator {
    return this.page.getByRole('textbox', { name: 'Seed' });
  }
  sampler(): Locator {
    return this.page.getByRole('combobox', { name: 'Sampler' });
  }
  button(name: string): Locator {
    return this.page.getByRole('button', { name, exact: true });
  }
  tokenCount(which: 'Prompt tokens' | 'Negative prompt tokens' = 'Prompt tokens'): Locator {
    return this.page.getByRole('status', { name: which, exact: true });
  }
  runStatus(): Locator {
    return this.page.getByRole('status', { name: 'Run status' });
  }
  progressBar(): Locator {
    return this.page.getByRole('progressbar', { name: 'Progress' });
  }
  /** The live preview <img> (alt: "<prompt> (live preview, step n)"). */
  preview(): Locator {
    return this.page.getByRole('img', { name: /\(live preview, step \d+\)$/ });
  }
  resultImages(): Locator {
    return this.page.getByRole('region', { name: 'Results' }).getByRole('img');
  }
  queue(): Locator {
    return this.page.getByRole('region', { name: 'Queue' });
  }
  alerts(): Locator {
    return this.page.getByRole('alert');
  }

  async fill(f: GenerateFields): Promise<void> {
    if (f.prompt !== undefined) await this.prompt().fill(f.prompt);
    if (f.negative !== undefined) await this.negative().fill(f.negative);
    if (f.steps !== undefined) await this.spin('Steps').fill(String(f.steps));
    if (f.width !== undefined) await this.spin('Width').fill(String(f.width));
    if (f.height !== undefined) await this.spin('Height').fill(String(f.height));
    if (f.seed !== undefined) await this.seed().fill(f.seed);
    if (f.sampler !== undefined) await this.sampler().selectOption(f.sampler);
    if (f.batchCount !== undefined) await this.spin('Batch count').fill(String(f.batchCount));
  }

  async generate(): Promise<void> {
    await this.button('Generate').click();
  }

  /** The progress bar's current step (aria-valuenow). */
  async step(): Promise<number> {
    return Number(await this.progressBar().getAttribute('aria-valuenow'));
  }

  /** The text of the error a control points at with aria-describedby ('' when none). */
  async describedError(control: Locator): Promise<string> {
    const id = await control.getAttribute('aria-describedby');
    if (!id) return '';
    return (await this.page.locator(`[id="${id}"]`).textContent())?.trim() ?? '';
  }

  /** Drops a file on the window as a browser does: a DataTransfer holding a File built in the page. */
  async dropFile(name: string, bytes: Buffer, type = 'image/png'): Promise<void> {
    await this.page.evaluate(({ name, b64, type }) => {
      const g = globalThis as unknown as { atob(s: string): string; document: { body: { dispatchEvent(e: unknown): boolean } }; DataTransfer: new () => { items: { add(f: unknown): void } }; File: new (parts: unknown[], name: string, o: { type: string }) => unknown; DragEvent: new (t: string, o: unknown) => unknown };
      const raw = g.atob(b64);
      const data = Uint8Array.from(raw, (c) => c.charCodeAt(0));
      const dt = new g.DataTransfer();
      dt.items.add(new g.File([data], name, { type }));
      for (const t of ['dragenter', 'dragover', 'drop']) g.document.body.dispatchEvent(new g.DragEvent(t, { dataTransfer: dt, bubbles: true, cancelable: true }));
    }, { name, b64: bytes.toString('base64'), type });
  }

  /** naturalWidth of an <img>: 0 until the image has really loaded and decoded. */
  naturalWidth(img: Locator): Promise<number> {
    return img.evaluate((el) => (el as unknown as { naturalWidth: number }).naturalWidth);
  }
}
