// The contract over Electron IPC against a stand-in ipcMain and the real router and services: one
// handler per contract op, answers only for the app page, events forwarded to live windows.
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { IpcMain } from 'electron';
import { CHANNEL_PREFIX, OP_NAMES } from '../../src-shared/contract/index.js';
import { forwardEvents, registerIpcHandlers } from '../../src-main/electron/ipc.js';
import { isFromAppPage } from '../../src-main/electron/security.js';
import { createRouter } from '../../src-main/ipc/router.js';
import { Studio } from '../../src-main/services/studio.js';
import { FakeBrowserWindow, FakeIpcMain, invokeEvent } from './fake-electron.js';

let tmp: string;
let studio: Studio;
const ipcMain = new FakeIpcMain();
beforeAll(async () => {
  tmp = await mkdtemp(path.join(os.tmpdir(), 'ls-ipc-'));
  studio = new Studio({ host: 'electron', modelFolders: [], scanHubCache: false, dataDir: tmp, ep: 'cpu', log: () => {} });
  registerIpcHandlers(ipcMain as unknown as IpcMain, createRouter(studio), isFromAppPage);
});
afterAll(async () => {
  await studio?.close();
  await rm(tmp, { recursive: true, force: true });
});

describe('IPC handlers', () => {
  it('registers exactly one handler per contract op', () => {
    expect([...ipcMain.handlers.keys()].sort()).toEqual(OP_NAMES.map((op) => `${CHANNEL_PREFIX}${op}`).sort());
    expect(OP_NAMES.length).toBeGreaterThan(3);
  });

  it('answers the app page through the router, validation included', async () => {
    const info = await ipcMain.handlers.get('studio:app.info')!(invokeEvent('studio://app/index.html'), {});
    expect(info).toMatchObject({ ok: true, value: { name: 'Latent Studio', host: 'electron' } });
    const bad = await ipcMain.handlers.get('studio:generate.start')!(invokeEvent('studio://app/index.html'), { prompt: 1 });
    expect(bad).toMatchObject({ ok: false, error: { code: 'contract/bad-request' } });
  });

  it('refuses senders other than the app page top frame', async () => {
    for (const event of [invokeEvent('https://evil.example/'), invokeEvent('studio://app/index.html', {}), invokeEvent(null)]) {
      const r = await ipcMain.handlers.get('studio:app.info')!(event, {});
      expect(r).toMatchObject({ ok: false, error: { code: 'ipc/forbidden-sender', message: expect.stringMatching(/^Refused: app\.info came from /) } });
    }
  });

  it('forwards every event to live windows on studio:<event>', () => {
    const live = new FakeBrowserWindow({});
    const gone = new FakeBrowserWindow({});
    gone.destroyed = true;
    const stop = forwardEvents(studio.events, () => [live, gone] as never);
    studio.events.emit('job.error', { jobId: 'job-1', error: { code: 'cancelled', message: 'The job was cancelled.' } });
    stop();
    studio.events.emit('job.error', { jobId: 'job-2', error: { code: 'cancelled', message: 'The job was cancelled.' } });
    expect(live.webContents.sent).toEqual([{ channel: 'studio:job.error', payload: { jobId: 'job-1', error: { code: 'cancelled', message: 'The job was cancelled.' } } }]);
    expect(gone.webContents.sent).toEqual([]);
  });
});
