// The Gallery screen in real Chromium over a real gallery: search, the favourites filter, the detail view
// by keyboard (Enter, ←/→, Esc), the watermark status, copying the infotext, favourite, trash and restore,
// exporting two images with progress to a folder on disk, and no serious accessibility violation.
import { existsSync } from 'node:fs';
import { readdir } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { patternImage, sampleParams } from '../gallery/helpers/images.js';
import { startHarness, type Harness } from './helpers/harness.js';
import { saveScreen, seriousA11yViolations } from './helpers/screens.js';
import { GalleryPage } from './pages/gallery-page.js';

let h: Harness;
let ui: GalleryPage;
const LONG = 'a very long prompt about a castle on a cliff above a stormy sea at dawn, with banners, gulls, crashing waves, '
  + 'dramatic clouds, (masterpiece:1.2), highly detailed, volumetric light, oil painting in the style of the romantic era';
const SEEDS = [
  { key: 'fox', prompt: 'a red fox in the snow, watercolor', size: 256, favourite: false },
  { key: 'owl', prompt: 'an owl at night', size: 64, favourite: false },
  { key: 'ship', prompt: 'a ship on a stormy sea', size: 64, favourite: true },
  { key: 'castle', prompt: LONG, size: 128, favourite: false },
];
const ids: Record<string, string> = {};

beforeAll(async () => {
  h = await startHarness();
  const g = await h.studio.gallery.open();
  for (const [i, s] of SEEDS.entries()) {
    const params = sampleParams({ prompt: s.prompt, width: s.size, height: s.size, seed: String(100 + i), scheduler: i % 2 ? 'ddim' : 'euler-a' });
    ids[s.key] = (await g.save(patternImage(s.size, s.size, i + 1), params, { created: new Date(Date.UTC(2026, 5, 1, 12, i)), favourite: s.favourite })).id;
  }
  await h.page.context().grantPermissions(['clipboard-read', 'clipboard-write'], { origin: new URL(h.host.url).origin });
  ui = new GalleryPage(h.page);
}, 120_000);
afterAll(async () => h?.close());

describe('gallery screen', () => {
  it('shows every image with alt text starting with its prompt, finds one by search and filters by favourites', async () => {
    await ui.open(h.host.url);
    await expect.poll(() => ui.items().count()).toBe(4);
    expect(await ui.items().first().locator('img').getAttribute('alt')).toBe(LONG);
    await h.page.keyboard.press('/');
    await expect.poll(() => h.page.locator(':focus').getAttribute('type')).toBe('search');
    await h.page.keyboard.type('fox');
    await expect.poll(() => ui.items().count()).toBe(1);
    expect(await ui.items().first().locator('img').getAttribute('alt')).toMatch(/^a red fox in the snow/);
    await ui.searchBox().fill('');
    await expect.poll(() => ui.items().count()).toBe(4);
    await ui.favouritesOnly().check();
    await expect.poll(() => ui.items().count()).toBe(1);
    expect(await ui.items().first().getAttribute('data-id')).toBe(ids.ship);
    await ui.favouritesOnly().uncheck();
    await expect.poll(() => ui.items().count()).toBe(4);
  });

  it('opens an image with Enter, moves with the arrows, shows its watermark status and copies the infotext', async () => {
    await ui.items().first().focus();
    await h.page.keyboard.press('ArrowRight');
    await h.page.keyboard.press('Enter');
    await expect.poll(() => ui.openId()).toBe(ids.ship);
    await expect.poll(() => ui.detailHeading().textContent()).toBe('a ship on a stormy sea');
    await expect.poll(() => ui.watermark().textContent()).toMatch(/no mark: smaller than 256×256/);
    await h.page.keyboard.press('ArrowRight');
    await h.page.keyboard.press('ArrowRight');
    await expect.poll(() => ui.openId()).toBe(ids.fox);
    await expect.poll(() => ui.watermark().textContent()).toMatch(/mark readable \(\d+ of 48 bits\)/);
    await ui.button('Copy infotext').click();
    await expect.poll(() => ui.button('Copied', true).count()).toBe(1);
    const clip = await h.page.evaluate<string>('navigator.clipboard.readText()');
    expect(clip).toMatch(/^a red fox in the snow, watercolor\nNegative prompt: blurry, lowres\nSteps: 20, Sampler: Euler a, CFG scale: 7.5, Seed: 100, Size: 256x256/);
    expect(await h.page.getByRole('link', { name: 'Open in timeline' }).getAttribute('href')).toBe(`#/timeline/${ids.fox}`);
    expect(await h.page.getByRole('link', { name: 'Reuse parameters on Generate' }).getAttribute('href')).toBe(`#/generate?from=${ids.fox}`);
    await h.page.keyboard.press('ArrowLeft');
    await expect.poll(() => ui.openId()).toBe(ids.owl);
    await saveScreen(h.page, 'gallery-detail');
    expect(await seriousA11yViolations(h.page)).toEqual([]);
    await h.page.keyboard.press('Escape');
    await expect.poll(() => ui.openId()).toBeNull();
    await expect.poll(() => h.page.locator(':focus').getAttribute('data-index')).toBe('2');
  });

  it('favourites, trashes and restores from the detail view and the trash', async () => {
    await h.page.keyboard.press('Enter');
    await expect.poll(() => ui.openId()).toBe(ids.owl);
    const fav = ui.button('Favourite');
    expect(await fav.getAttribute('aria-pressed')).toBe('false');
    await fav.click();
    await expect.poll(() => fav.getAttribute('aria-pressed')).toBe('true');
    expect((await h.studio.gallery.image(ids.owl)).item.favourite).toBe(true);
    await ui.button('Move to trash').click();
    await ui.button('Restore').waitFor();
    await expect.poll(() => existsSync(path.join(h.home, 'gallery', 'trash', `${ids.owl}.png`))).toBe(true);
    await h.page.keyboard.press('Escape');
    await expect.poll(() => ui.items().count()).toBe(3);
    await ui.show('Trash');
    await expect.poll(() => ui.items().count()).toBe(1);
    await ui.items().first().focus();
    await h.page.keyboard.press(' ');
    await expect.poll(() => ui.items().first().getAttribute('aria-selected')).toBe('true');
    await ui.button('Restore').click();
    await expect.poll(() => ui.items().count()).toBe(0);
    await ui.show('Images');
    await expect.poll(() => ui.items().count()).toBe(4);
    expect(existsSync(path.join(h.home, 'gallery', `${ids.owl}.png`))).toBe(true);
  });

  it('exports two selected images to a folder with progress, and the files are on disk', async () => {
    await ui.item('a red fox in the snow, watercolor').click({ modifiers: ['Control'] });
    await ui.item('a ship on a stormy sea').click({ modifiers: ['Control'] });
    await ui.exportPanel().waitFor();
    const to = path.join(h.tmp, 'exported');
    await h.page.getByRole('combobox', { name: 'Format' }).selectOption('webp');
    await h.page.getByRole('textbox', { name: 'File names' }).fill('{seed}-{prompt:12}');
    const saveTo = h.page.getByRole('textbox', { name: 'Save to' });
    expect(await saveTo.inputValue()).toMatch(new RegExp(`^${h.home.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}/exports/\\d{4}-\\d{2}-\\d{2}_`));
    await saveTo.fill(to);
    await ui.exportPanel().getByRole('button', { name: 'Export', exact: true }).click();
    await expect.poll(() => ui.exportStatus().textContent(), { timeout: 20_000 }).toBe(`Exported 2 images to ${to}`);
    expect(await h.page.getByRole('progressbar', { name: 'Export progress' }).getAttribute('aria-valuenow')).toBe('2');
    expect((await readdir(to)).sort()).toEqual(['100-a red fox in.webp', '102-a ship on a.webp']);
    await saveScreen(h.page, 'gallery');
    expect(await seriousA11yViolations(h.page)).toEqual([]);
  });

  it('reads in 简体中文 too, and the page logged no errors', async () => {
    await h.page.getByRole('combobox', { name: 'Language' }).selectOption('zh-CN');
    await h.page.getByRole('checkbox', { name: '只看收藏' }).waitFor();
    await saveScreen(h.page, 'gallery-zh-CN');
    await h.page.getByRole('combobox', { name: '语言' }).selectOption('en');
    expect(h.pageErrors).toEqual([]);
  });
});
