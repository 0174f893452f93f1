// First run in real Chromium: a fresh data folder, no model given and no network beyond the fake hub.
// The host installs the built-in demo model (as `npm run build` builds it) into the data folder, and at
// once a generation works, its image is in the gallery and its timeline opens. The Models screen says the
// demo makes patterns, not pictures, and offers the catalog from the mirror the probe found answering.
import { existsSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_MODEL_NAME, installDefaultModel } from '../../src-main/services/default-model.js';
import { buildDefaultModel } from '../../tools/build-default-model.js';
import { FakeHub } from '../hub/fake-hub.js';
import { startHarness, type Harness } from './helpers/harness.js';
import { saveScreen, seriousA11yViolations } from './helpers/screens.js';
import { ModelsPage } from './pages/models-page.js';
import { StudioPage } from './pages/studio-page.js';
import { TimelinePage } from './pages/timeline-page.js';

let scratch: string;
let hub: FakeHub;
let h: Harness;
let ui: StudioPage;

beforeAll(async () => {
  scratch = await mkdtemp(path.join(os.tmpdir(), 'ls-e2e-first-'));
  const bundled = path.join(scratch, 'dist', 'default-model');
  await buildDefaultModel(bundled);
  // HF_ENDPOINT is the fake hub (the settings take it as the custom endpoint): the one mirror that answers here.
  hub = await FakeHub.start([{ id: 'org/sd-turbo', revisions: { main: [{ path: 'model_index.json', content: Buffer.from('{}') }] } }]);
  const catalogFile = path.join(scratch, 'catalog.json');
  await writeFile(catalogFile, JSON.stringify({
    version: 1, about: 'e2e catalog',
    models: [{
      id: 'sd-turbo', name: 'SD-Turbo', family: 'sd-turbo', license: 'stabilityai-non-commercial', sizeBytes: 2_581_000_000,
      sources: { hf: { repo: 'org/sd-turbo', revision: 'main' } }, recommended: { sampler: 'euler', steps: 1, guidance: 0, size: 512 }, verified: false,
    }],
  }));
  const home = path.join(scratch, 'home');
  const demo = await installDefaultModel(home, bundled);
  expect(demo).toEqual({ dir: path.join(home, 'models', DEFAULT_MODEL_NAME), installed: true });
  h = await startHarness({
    modelFolders: [], builtinModel: demo.dir, dataDir: home, hubCacheDir: path.join(scratch, 'hub-cache'), catalogFile,
    env: { PATH: process.env.PATH, HF_ENDPOINT: hub.url, HF_HUB_OFFLINE: '' },
  });
  ui = new StudioPage(h.page);
}, 180_000);

afterAll(async () => {
  await h?.close();
  await hub?.close();
  if (scratch) await rm(scratch, { recursive: true, force: true });
});

describe('first run with no model and no network', () => {
  it('opens Generate on the demo model, says what it is, and generates at once', async () => {
    await ui.open(h.host.url);
    const picker = h.page.getByRole('combobox', { name: 'Model' });
    expect(await picker.locator('option:checked').textContent()).toBe(`${DEFAULT_MODEL_NAME} (demo)`);
    expect(await h.page.getByTestId('demo-model-hint').textContent()).toContain('random weights');
    await ui.fill({ prompt: 'a first picture', steps: 4, width: 64, height: 64, seed: '7', sampler: 'euler' });
    await ui.generate();
    const img = ui.resultImages().first();
    await img.waitFor({ state: 'visible', timeout: 60_000 });
    expect(await ui.runStatus().textContent()).toBe('Done');
    expect(await img.getAttribute('alt')).toMatch(/^a first picture/);
    await saveScreen(h.page, 'first-run-generate');
  });

  it('has the image in the gallery, with its timeline', async () => {
    const gallery = await h.studio.gallery.open();
    const { items } = gallery.search({});
    expect(items).toHaveLength(1);
    expect(items[0]).toMatchObject({ prompt: 'a first picture', model: { name: DEFAULT_MODEL_NAME } });
    expect(existsSync(items[0].timeline!)).toBe(true);
    await h.page.getByRole('region', { name: 'Results' }).getByRole('link', { name: 'Open in timeline' }).click();
    await h.page.waitForURL(/#\/timeline\//);
    const tl = new TimelinePage(h.page);
    await expect.poll(() => tl.slider().getAttribute('aria-valuetext'), { timeout: 20_000 }).toBe('step 4 of 4');
    expect(await tl.slider().getAttribute('aria-valuemax')).toBe('4');
  });

  it('Models lists the demo (not deletable), says how to get a real model, from the mirror that answered', async () => {
    await h.page.goto(`${h.host.url}#/generate`);
    await ui.waitReady();
    await h.page.getByRole('link', { name: 'Get a real model' }).click();
    const m = new ModelsPage(h.page);
    await m.main.getByRole('heading', { name: 'Models', level: 1 }).waitFor();
    const notice = m.main.getByTestId('no-models');
    await notice.getByText('Only the built-in demo model is installed.').waitFor();
    await expect.poll(() => notice.textContent(), { timeout: 30_000 }).toContain('Downloads will come from Custom endpoint, which answered the probe.');
    const row = m.installedRow(DEFAULT_MODEL_NAME);
    expect(await row.getByRole('cell').allTextContents()).toEqual(expect.arrayContaining(['diffusers-onnx', 'float32', 'Built-in demo']));
    expect(await row.getByRole('button', { name: 'Delete' }).count()).toBe(0);
    expect(await m.catalogCard('SD-Turbo').getByRole('button', { name: 'Download' }).isEnabled()).toBe(true);
    await saveScreen(h.page, 'first-run-models');
    expect(await seriousA11yViolations(h.page)).toEqual([]);
    expect(h.pageErrors).toEqual([]);
  });
});
