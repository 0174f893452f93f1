// The settings service through the router, over a real data folder: resolution order (flag > env >
// settings.json > default) with the source of each value, a corrupt file kept aside, the token never
// returned, atomic writes, and changes announced as settings.changed.
import { mkdtemp, readFile, readdir, rm, stat, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { AnyEvent } from '../../src-shared/contract/index.js';
import { createRouter, type Router } from '../../src-main/ipc/router.js';
import { Studio, type StudioOptions } from '../../src-main/services/studio.js';

let dataDir: string;
const open: Studio[] = [];

beforeEach(async () => {
  dataDir = await mkdtemp(path.join(os.tmpdir(), 'ls-settings-'));
});
afterEach(async () => {
  for (const s of open.splice(0)) await s.close();
  await rm(dataDir, { recursive: true, force: true });
});

function start(options: Partial<StudioOptions> = {}): { studio: Studio; router: Router; events: AnyEvent[] } {
  const studio = new Studio({ host: 'web', scanHubCache: false, dataDir, env: {}, log: () => {}, ...options });
  open.push(studio);
  const events: AnyEvent[] = [];
  studio.events.subscribe((e) => events.push(e));
  return { studio, router: createRouter(studio), events };
}

async function call(router: Router, op: string, request: unknown = {}): Promise<any> {
  const r = await router.handle(op, request);
  if (!r.ok) throw Object.assign(new Error(r.error.message), r.error);
  return r.value;
}

const settingsFile = () => path.join(dataDir, 'settings.json');

describe('settings resolution', () => {
  it('uses the built-in defaults with no flag, variable or file', async () => {
    const { router } = start();
    const view = await call(router, 'settings.get');
    expect(view.values).toMatchObject({ ep: 'auto', threads: 0, lowMemory: false, mirror: 'auto', watermark: true, locale: 'en', theme: 'system' });
    expect(view.sources.ep).toEqual({ source: 'default' });
    expect(view.dataDir).toBe(dataDir);
  });

  it('takes a flag over a variable over settings.json over the default, and says which set each', async () => {
    await writeFile(settingsFile(), JSON.stringify({ ep: 'webgpu', threads: 3, mirror: 'hf-mirror', theme: 'dark' }));
    const { router } = start({ ep: 'cpu', env: { LATENT_STUDIO_EP: 'cuda', LATENT_STUDIO_THREADS: '5', HF_ENDPOINT: 'https://mirror.example/' } });
    const view = await call(router, 'settings.get');
    expect(view.values).toMatchObject({ ep: 'cpu', threads: 5, mirror: 'custom', endpoint: 'https://mirror.example/', theme: 'dark', lowMemory: false });
    expect(view.sources.ep).toEqual({ source: 'flag', origin: '--ep' });
    expect(view.sources.threads).toEqual({ source: 'env', origin: 'LATENT_STUDIO_THREADS' });
    expect(view.sources.endpoint).toEqual({ source: 'env', origin: 'HF_ENDPOINT' });
    expect(view.sources.mirror).toEqual({ source: 'env', origin: 'HF_ENDPOINT' });
    expect(view.sources.theme).toEqual({ source: 'file' });
    expect(view.sources.lowMemory).toEqual({ source: 'default' });
  });

  it('refuses to change a value a flag or variable decides, naming it', async () => {
    const { router } = start({ env: { HF_ENDPOINT: 'https://mirror.example' } });
    await expect(call(router, 'settings.set', { endpoint: 'https://other.example' })).rejects.toMatchObject({ code: 'settings/locked', params: { key: 'endpoint', origin: 'HF_ENDPOINT' } });
  });

  it('ignores a bad variable with a notice naming it and the allowed values', async () => {
    const { router } = start({ env: { LATENT_STUDIO_EP: 'quantum' } });
    const view = await call(router, 'settings.get');
    expect(view.values.ep).toBe('auto');
    expect(view.notices.join('\n')).toMatch(/LATENT_STUDIO_EP="quantum".*auto, cpu, webgpu/);
  });
});

describe('settings.json', () => {
  it('writes changes atomically, keeps only what was set, and a new studio reads them back', async () => {
    const { router, events } = start();
    const view = await call(router, 'settings.set', { ep: 'cpu', threads: 2, locale: 'zh-CN', watermarkMessage: 'mine' });
    expect(view.values).toMatchObject({ ep: 'cpu', threads: 2, locale: 'zh-CN', watermarkMessage: 'mine' });
    expect(view.sources.ep).toEqual({ source: 'file' });
    expect(JSON.parse(await readFile(settingsFile(), 'utf8'))).toEqual({ ep: 'cpu', threads: 2, locale: 'zh-CN', watermarkMessage: 'mine' });
    expect(await readdir(dataDir)).toEqual(['settings.json']);
    expect(events.filter((e) => e.event === 'settings.changed')).toHaveLength(1);
    const again = start();
    expect((await call(again.router, 'settings.get')).values).toMatchObject({ ep: 'cpu', threads: 2, locale: 'zh-CN' });
  });

  it('never leaves a torn file under concurrent changes', async () => {
    const { router } = start();
    const seen: string[] = [];
    let writing = true;
    const reader = (async () => {
      while (writing) {
        const text = await readFile(settingsFile(), 'utf8').catch(() => '{}');
        seen.push(text);
        await new Promise((r) => setImmediate(r));
      }
    })();
    await Promise.all(Array.from({ length: 30 }, (_, i) => call(router, 'settings.set', { threads: i + 1, watermarkMessage: `m${i}`.repeat(3) })));
    writing = false;
    await reader;
    for (const text of seen) expect(() => JSON.parse(text)).not.toThrow();
    expect(JSON.parse(await readFile(settingsFile(), 'utf8'))).toEqual({ threads: 30, watermarkMessage: 'm29m29m29' });
    expect((await readdir(dataDir)).filter((f) => f !== 'settings.json')).toEqual([]);
  });

  it('rejects an invalid value through the contract and leaves the file as it was', async () => {
    const { router } = start();
    await call(router, 'settings.set', { theme: 'dark' });
    const before = await readFile(settingsFile(), 'utf8');
    await expect(call(router, 'settings.set', { threads: -1 })).rejects.toMatchObject({ code: 'contract/bad-request' });
    await expect(call(router, 'settings.set', { ep: 'quantum' })).rejects.toMatchObject({ code: 'contract/bad-request' });
    await expect(call(router, 'settings.set', { endpoint: 'ftp://x' })).rejects.toMatchObject({ code: 'contract/bad-request' });
    expect(await readFile(settingsFile(), 'utf8')).toBe(before);
  });

  it.each([
    ['not JSON', '{"ep": "cpu",'],
    ['a value outside the schema', JSON.stringify({ ep: 'quantum', theme: 'dark' })],
  ])('keeps a corrupt file (%s) aside as settings.json.bad-<time> and uses the defaults, with a notice', async (_why, text) => {
    await writeFile(settingsFile(), text);
    const { router } = start();
    const view = await call(router, 'settings.get');
    expect(view.values).toMatchObject({ ep: 'auto', theme: 'system' });
    expect(view.notices).toHaveLength(1);
    expect(view.notices[0]).toMatch(/settings\.json could not be used: .*kept as settings\.json\.bad-/);
    const files = await readdir(dataDir);
    const aside = files.find((f) => f.startsWith('settings.json.bad-'));
    expect(aside).toBeDefined();
    expect(await readFile(path.join(dataDir, aside!), 'utf8')).toBe(text);
    expect(files).not.toContain('settings.json');
    await call(router, 'settings.set', { theme: 'light' });
    expect(JSON.parse(await readFile(settingsFile(), 'utf8'))).toEqual({ theme: 'light' });
  });

  it('resets keys to their defaults', async () => {
    const { router } = start();
    await call(router, 'settings.set', { theme: 'dark', ep: 'cpu' });
    const view = await call(router, 'settings.reset', { keys: ['ep'] });
    expect(view.values).toMatchObject({ theme: 'dark', ep: 'auto' });
    expect(JSON.parse(await readFile(settingsFile(), 'utf8'))).toEqual({ theme: 'dark' });
  });

  it('says a gallery folder change applies at the next start', async () => {
    const { router } = start();
    const view = await call(router, 'settings.set', { galleryDir: path.join(dataDir, 'elsewhere') });
    expect(view.restartNeeded).toEqual(['galleryDir']);
  });
});

describe('the Hugging Face token', () => {
  const TOKEN = 'hf_secretTokenValue123';

  it('is stored in a 0600 file, reported as set, and never sent back', async () => {
    const { studio, router, events } = start();
    const view = await call(router, 'settings.set', { token: TOKEN });
    expect(view.token).toEqual({ tokenSet: true, source: 'store', storage: 'file' });
    const got = await call(router, 'settings.get');
    for (const v of [view, got, ...events.map((e) => e.payload)]) expect(JSON.stringify(v)).not.toContain(TOKEN);
    expect(await readFile(settingsFile(), 'utf8').catch(() => '')).not.toContain(TOKEN);
    const secrets = path.join(dataDir, 'secrets.json');
    if (process.platform !== 'win32') expect((await stat(secrets)).mode & 0o777).toBe(0o600);
    expect((await studio.settings.downloadSettings()).token).toBe(TOKEN);
    const cleared = await call(router, 'settings.set', { token: null });
    expect(cleared.token).toMatchObject({ tokenSet: false, source: 'none' });
    expect((await studio.settings.downloadSettings()).token).toBeUndefined();
  });

  it('comes from HF_TOKEN when set, and then cannot be changed here', async () => {
    const { studio, router } = start({ env: { HF_TOKEN: TOKEN } });
    const view = await call(router, 'settings.get');
    expect(view.token).toEqual({ tokenSet: true, source: 'env', origin: 'HF_TOKEN', storage: 'file' });
    expect(JSON.stringify(view)).not.toContain(TOKEN);
    await expect(call(router, 'settings.set', { token: 'hf_other' })).rejects.toMatchObject({ code: 'settings/locked' });
    expect((await studio.settings.downloadSettings()).token).toBe(TOKEN);
  });

  it('gives downloads the mirror and proxy in force', async () => {
    const { studio, router } = start();
    await call(router, 'settings.set', { mirror: 'hf-mirror', proxy: 'http://proxy.local:3128' });
    expect(await studio.settings.downloadSettings()).toEqual({ mirror: 'hf-mirror', fallbackProxy: 'http://proxy.local:3128' });
    // A custom endpoint travels with each models.pull from the Models screen, not as a default.
    await call(router, 'settings.set', { mirror: 'custom', endpoint: 'http://127.0.0.1:9/' });
    expect(await studio.settings.downloadSettings()).toEqual({ fallbackProxy: 'http://proxy.local:3128' });
  });
});
