// The Electron entry (main.ts) with `electron` mapped to a stand-in: what it registers (scheme, protocol
// handler, one IPC handler per op, permission handlers, navigation guard, menu, single-instance lock) and
// that the window it opens loads the app page with the secure webPreferences.
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { CHANNEL_PREFIX, OP_NAMES } from '../../src-shared/contract/index.js';
import { webPreferencesFor } from '../../src-main/electron/security.js';
import * as electron from './electron-stand-in.js';
import { FakeBrowserWindow, invokeEvent } from './fake-electron.js';

vi.mock('electron', () => import('./electron-stand-in.js'));

let tmp: string;
const saved = { home: process.env.LATENT_STUDIO_HOME, hub: process.env.HF_HUB_CACHE };
beforeAll(async () => {
  tmp = await mkdtemp(path.join(os.tmpdir(), 'ls-main-'));
  process.env.LATENT_STUDIO_HOME = path.join(tmp, 'home');
  process.env.HF_HUB_CACHE = path.join(tmp, 'hub');
  await mkdir(path.join(tmp, 'app', 'dist', 'renderer'), { recursive: true });
  await writeFile(path.join(tmp, 'app', 'dist', 'renderer', 'index.html'), '<!doctype html><title>Latent Studio</title>');
  electron.app.appPath = path.join(tmp, 'app');
  electron.app.paths.userData = path.join(tmp, 'userData');
  await import('../../src-main/electron/main.js');
  await vi.waitFor(() => expect(FakeBrowserWindow.created).toHaveLength(1), { timeout: 10_000 });
});
afterAll(async () => {
  electron.app.emit('before-quit', { preventDefault() {} });
  await vi.waitFor(() => expect(electron.app.quitCalls).toBe(1), { timeout: 10_000 });
  process.env.LATENT_STUDIO_HOME = saved.home;
  process.env.HF_HUB_CACHE = saved.hub;
  if (saved.home === undefined) delete process.env.LATENT_STUDIO_HOME;
  if (saved.hub === undefined) delete process.env.HF_HUB_CACHE;
  await rm(tmp, { recursive: true, force: true });
});

describe('main.ts wiring', () => {
  it('registers the studio scheme and its protocol handler, which serves the app page', async () => {
    expect(electron.protocol.privileged).toEqual([expect.objectContaining({ scheme: 'studio' })]);
    const handler = electron.protocol.handlers.get('studio')!;
    const page = await handler(new Request('studio://app/index.html'));
    expect(page.status).toBe(200);
    expect(page.headers.get('content-security-policy')).toContain("frame-ancestors 'none'");
    expect((await handler(new Request('studio://app/files/gallery/..%2f..%2fetc%2fpasswd.png'))).status).toBe(404);
  });

  it('answers every contract op over IPC, for the app page only', async () => {
    expect([...electron.ipcMain.handlers.keys()].sort()).toEqual(OP_NAMES.map((op) => `${CHANNEL_PREFIX}${op}`).sort());
    const info = electron.ipcMain.handlers.get('studio:app.info')!;
    expect(await info(invokeEvent('studio://app/index.html'), {})).toMatchObject({ ok: true, value: { host: 'electron' } });
    expect(await info(invokeEvent('https://evil.example/'), {})).toMatchObject({ ok: false, error: { code: 'ipc/forbidden-sender' } });
  });

  it('denies permissions, guards every WebContents, holds the single-instance lock, sets the menu', () => {
    let granted: boolean | undefined;
    electron.session.defaultSession.requestHandler!({}, 'media', (g) => (granted = g), {});
    expect(granted).toBe(false);
    expect(electron.session.defaultSession.checkHandler!(null, 'media', 'studio://app', {})).toBe(false);
    for (const event of ['web-contents-created', 'second-instance', 'before-quit', 'window-all-closed', 'activate']) {
      expect(electron.app.listenerCount(event), event).toBe(1);
    }
    const template = (electron.Menu.applied as { template: Array<{ label?: string }> }).template;
    expect(template.map((m) => m.label)).toEqual(expect.arrayContaining(['Edit', 'View']));
    expect(electron.app.aboutPanel).toMatchObject({ applicationName: 'Latent Studio' });
  });

  it('opens one window on the app page with the secure webPreferences', () => {
    const win = FakeBrowserWindow.created[0];
    expect(win.options.webPreferences).toEqual(webPreferencesFor(path.join(tmp, 'app', 'dist', 'src-preload', 'preload.js')));
    expect(win.loaded).toBe('studio://app/index.html');
    expect(win.options).toMatchObject({ width: 1400, height: 900 });
  });
});
