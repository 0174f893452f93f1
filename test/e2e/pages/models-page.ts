// Page object for the Models screen, found the way a person finds things: headings, tables, buttons and
// radios by their names; test ids only for the mirror health lines and a download's summary.
import type { Locator, Page } from 'playwright-core';

export class ModelsPage {
  readonly main: Locator;

  constructor(readonly page: Page) {
    this.main = page.getByRole('main');
  }

  async open(baseUrl: string, heading = 'Models'): Promise<void> {
    await this.page.goto(`${baseUrl}#/models`);
    await this.main.getByRole('heading', { name: heading, level: 1 }).waitFor();
    await this.catalogCard('').first().waitFor();
  }

  /** The catalog card whose text contains `name`. */
  catalogCard(name: string): Locator {
    return this.main.getByRole('list', { name: /Catalog|模型目录|模型目錄/ }).getByRole('listitem').filter({ hasText: name });
  }

  mirror(name: string): Locator {
    return this.main.getByRole('radio', { name, exact: true });
  }

  mirrorHealth(id: string): Locator {
    return this.main.getByTestId(`mirror-health-${id}`);
  }

  /** The card of a running, queued or paused job of `repo`. */
  download(repo: string): Locator {
    return this.main.getByRole('article', { name: repo });
  }

  progressOf(repo: string): Locator {
    return this.download(repo).getByRole('progressbar');
  }

  async percentOf(repo: string): Promise<number> {
    return Number(await this.progressOf(repo).getAttribute('aria-valuenow'));
  }

  installedRow(name: string): Locator {
    return this.main.getByRole('table').getByRole('row').filter({ has: this.page.getByRole('rowheader', { name }) });
  }
}
