// Page object for the Timeline screen as a user drives it: the step slider, play, the views, decode and
// export, found by role and visible name (the step label by test id: it is plain text).
import type { Locator, Page } from 'playwright-core';

export class TimelinePage {
  constructor(readonly page: Page) {}

  async open(baseUrl: string, id?: string, query = ''): Promise<void> {
    await this.page.goto(new URL(`#/timeline${id ? `/${id}` : ''}${query}`, baseUrl).href);
  }

  slider(): Locator {
    return this.page.getByRole('slider', { name: 'Step' });
  }

  async valueNow(): Promise<number> {
    return Number(await this.slider().getAttribute('aria-valuenow'));
  }

  stepLabel(): Locator {
    return this.page.getByTestId('timeline-step');
  }

  /** Clicks the slider's track at `fraction` (0 = left end, 1 = right end) of its width. */
  async clickTrack(fraction: number): Promise<void> {
    const box = await this.slider().boundingBox();
    if (!box) throw new Error('the step slider is not on screen');
    await this.page.mouse.click(box.x + box.width * fraction, box.y + box.height / 2);
  }

  async press(key: string): Promise<void> {
    await this.slider().focus();
    await this.page.keyboard.press(key);
  }

  button(name: string): Locator {
    return this.page.getByRole('button', { name, exact: true });
  }

  async view(name: 'x_t' | 'Predicted x0' | 'Channels' | 'Difference' | 'Compare'): Promise<void> {
    await this.button(name).click();
  }

  /** The frame images on screen (their alt text: "<prompt> — step N, <view>"). */
  frames(view: string): Locator {
    return this.page.locator('.frames .images img').and(this.page.locator(`[alt$=", ${view}"]`));
  }

  async naturalWidth(img: Locator): Promise<number> {
    return img.evaluate((el) => (el as unknown as { naturalWidth: number }).naturalWidth);
  }

  /**
   * Moves the slider to `step` (1-based) in the page and counts animation frames until that step's x_t frame
   * is on screen and decoded (Infinity after 30). In-page, so the test's round trips are not counted.
   */
  async framesUntilShown(step: number): Promise<number> {
    // NOTE: a string: the test project compiles without the DOM library.
    return this.page.evaluate(`(async () => {
      const slider = document.querySelector('input[type="range"]');
      slider.value = '${step}';
      slider.dispatchEvent(new Event('input', { bubbles: true }));
      for (let n = 1; n <= 30; n++) {
        await new Promise(requestAnimationFrame);
        const img = document.querySelector('.frames .images img');
        if (img && img.alt.endsWith('step ${step}, x_t') && img.complete && img.naturalWidth > 0) return n;
      }
      return Infinity;
    })()`);
  }

  async exportAs(format: string, frames: string): Promise<Locator> {
    await this.page.getByRole('combobox', { name: 'Format' }).selectOption({ label: format });
    await this.page.getByRole('combobox', { name: 'Frames' }).selectOption({ label: frames });
    await this.button('Export').click();
    return this.page.getByRole('link', { name: /^Download / });
  }
}
