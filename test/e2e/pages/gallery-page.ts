// Page object for the Gallery screen as a person drives it: by roles and visible names (test ids only for
// the grid's cells and status lines, which have no better handle).
import type { Locator, Page } from 'playwright-core';

export class GalleryPage {
  constructor(readonly page: Page) {}

  async open(baseUrl: string): Promise<void> {
    await this.page.goto(`${baseUrl}#/gallery`);
    await this.page.getByTestId('gallery-grid').waitFor();
  }

  items(): Locator {
    return this.page.getByRole('listbox', { name: 'Images' }).getByRole('option');
  }

  item(prompt: string): Locator {
    return this.items().filter({ has: this.page.getByRole('img', { name: prompt }) });
  }

  searchBox(): Locator {
    return this.page.getByRole('searchbox', { name: 'Search' });
  }

  favouritesOnly(): Locator {
    return this.page.getByRole('checkbox', { name: 'Favourites only' });
  }

  show(view: 'Images' | 'Trash'): Promise<void> {
    return this.page.getByRole('group', { name: 'Show' }).getByRole('button', { name: view }).click();
  }

  detail(): Locator {
    return this.page.getByTestId('gallery-detail');
  }

  detailHeading(): Locator {
    return this.detail().getByRole('heading', { level: 2 });
  }

  watermark(): Locator {
    return this.page.getByTestId('gallery-watermark');
  }

  button(name: string, exact = false): Locator {
    return this.page.getByRole('button', { name, exact });
  }

  exportPanel(): Locator {
    return this.page.getByTestId('gallery-export');
  }

  exportStatus(): Locator {
    return this.page.getByTestId('gallery-export-status');
  }

  /** The id in the URL (#/gallery/<id>), or null on the grid. */
  openId(): string | null {
    return /#\/gallery\/([^/?]+)/.exec(this.page.url())?.[1] ?? null;
  }
}
