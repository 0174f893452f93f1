// Page object for the Settings screen, found the way a person finds things: controls by role and label,
// inside the screen (the header has its own language and theme pickers).
import type { Locator, Page } from 'playwright-core';

export class SettingsPage {
  readonly main: Locator;

  constructor(readonly page: Page) {
    this.main = page.getByRole('main');
  }

  async open(baseUrl: string, heading = 'Settings'): Promise<void> {
    await this.page.goto(`${baseUrl}#/settings`);
    await this.heading(heading).waitFor();
    await this.main.locator('fieldset').first().waitFor();
  }

  heading(name: string): Locator {
    return this.main.getByRole('heading', { name, level: 1 });
  }

  select(name: string): Locator {
    return this.main.getByRole('combobox', { name, exact: true });
  }

  textbox(name: string): Locator {
    return this.main.getByRole('textbox', { name, exact: true });
  }

  spin(name: string): Locator {
    return this.main.getByRole('spinbutton', { name, exact: true });
  }

  checkbox(name: string): Locator {
    return this.main.getByRole('checkbox', { name, exact: true });
  }

  /** Types a value and leaves the field (the change event saves it); waits for "Saved" next to it. */
  async fillAndSave(field: Locator, value: string): Promise<void> {
    await field.fill(value);
    await field.press('Tab');
    await this.noteOf(field).getByText(/Saved|已保存|已儲存/).waitFor();
  }

  /** The note under a control: its lock, hint, error or "Saved". */
  noteOf(field: Locator): Locator {
    return field.locator('xpath=ancestor::div[contains(@class,"field")][1]').locator('.setting-note');
  }

  why(): Locator {
    return this.main.getByTestId('ep-why');
  }
}
