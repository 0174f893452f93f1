// Page object for the studio UI: the Generate and Gallery screens as a user drives them.
import type { Locator, Page } from 'playwright-core';

export class StudioPage {
  constructor(readonly page: Page) {}

  private by(id: string): Locator {
    return this.page.getByTestId(id);
  }

  async open(url: string): Promise<void> {
    await this.page.goto(url);
    // The model list arrives from models.list; Generate is enabled once a model is picked.
    await this.by('generate').and(this.page.locator(':enabled')).waitFor({ timeout: 20_000 });
  }

  async fillGenerate(opts: { prompt: string; negative?: string; steps: number; width: number; height: number; seed?: string; scheduler?: string }): Promise<void> {
    await this.by('prompt').fill(opts.prompt);
    if (opts.negative) await this.by('negative').fill(opts.negative);
    await this.by('steps').fill(String(opts.steps));
    await this.by('width').selectOption(String(opts.width));
    await this.by('height').selectOption(String(opts.height));
    if (opts.seed !== undefined) await this.by('seed').fill(opts.seed);
    // The scheduler list comes from schedulers.list: picking by id proves it arrived.
    if (opts.scheduler) await this.by('scheduler').selectOption(opts.scheduler);
  }

  async generate(): Promise<void> {
    await this.by('generate').click();
  }

  resultImages(): Locator {
    return this.by('result-image');
  }

  progressLabel(): Locator {
    return this.by('progress-label');
  }

  resultInfo(): Locator {
    return this.by('result-info');
  }

  providerNote(): Locator {
    return this.by('provider-note');
  }

  async openGallery(): Promise<void> {
    await this.by('tab-gallery').click();
    await this.by('gallery-grid').waitFor();
  }

  async searchGallery(text: string): Promise<void> {
    await this.by('gallery-query').fill(text);
    await this.by('gallery-search').click();
  }

  galleryItems(): Locator {
    return this.by('gallery-item');
  }

  /** naturalWidth of an <img>: 0 until the image has really loaded and decoded. */
  naturalWidth(img: Locator): Promise<number> {
    return img.evaluate((el) => (el as unknown as { naturalWidth: number }).naturalWidth);
  }
}
