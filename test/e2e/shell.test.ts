// The app shell in real Chromium: navigation links named after the six screens, each route reachable,
// an unknown route says so, the language and theme pickers work and survive a reload, and axe finds no
// serious violation on the shell.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHarness, type Harness } from './helpers/harness.js';
import { saveScreen, seriousA11yViolations } from './helpers/screens.js';

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
}, 120_000);
afterAll(async () => h?.close());

/** The page's <html> lang and data-theme (evaluated in the browser). */
const htmlState = (h: Harness) => h.page.evaluate(() => {
  const el = (globalThis as unknown as { document: { documentElement: { lang: string; dataset: Record<string, string> } } }).document.documentElement;
  return [el.lang, el.dataset.theme];
});

const NAV = ['Generate', 'Gallery', 'Timeline', 'Lab', 'Models', 'Settings'];

describe('app shell', () => {
  it('navigates by links named after the screens', async () => {
    await h.page.goto(h.host.url);
    const nav = h.page.getByRole('navigation', { name: 'Screens' });
    for (const name of NAV) {
      await nav.getByRole('link', { name, exact: true }).click();
      await expect.poll(() => h.page.url()).toContain(`#/${name.toLowerCase()}`);
      await expect.poll(() => nav.getByRole('link', { name, exact: true }).getAttribute('aria-current')).toBe('page');
    }
  });

  it('says so for an unknown route instead of showing another screen', async () => {
    await h.page.goto(`${h.host.url}#/nowhere`);
    await expect.poll(() => h.page.getByRole('alert').textContent()).toContain('/nowhere');
  });

  it('switches to 简体中文 and to the dark theme, and keeps both over a reload', async () => {
    await h.page.goto(`${h.host.url}#/generate`);
    await h.page.getByRole('combobox', { name: 'Language' }).selectOption('zh-CN');
    await h.page.getByRole('combobox', { name: '主题' }).selectOption('dark');
    await h.page.reload();
    const nav = h.page.getByRole('navigation', { name: '页面' });
    await nav.getByRole('link', { name: '图库' }).waitFor();
    expect(await htmlState(h)).toEqual(['zh-CN', 'dark']);
    await h.page.getByRole('combobox', { name: '语言' }).selectOption('en');
    await h.page.getByRole('combobox', { name: 'Theme' }).selectOption('light');
    expect(await htmlState(h)).toEqual(['en', 'light']);
  });

  it('has no serious accessibility violation on the shell, and no page errors', async () => {
    await h.page.goto(`${h.host.url}#/settings`);
    await h.page.getByRole('heading', { name: 'Settings' }).waitFor();
    expect(await seriousA11yViolations(h.page)).toEqual([]);
    expect(h.pageErrors).toEqual([]);
  });
});
