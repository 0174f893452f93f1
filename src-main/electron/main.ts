// Electron entry: composes the services once, answers every contract op on `studio:<op>` through the
// shared ipc router, forwards every event to the windows on `studio:<event>`, and opens the window.
// Thin on purpose: everything here is glue that the web host's tests cover through the same router.
import path from 'node:path';
import { BrowserWindow, app, ipcMain, type IpcMainInvokeEvent } from 'electron';
import { CHANNEL_PREFIX, OP_NAMES } from '../../src-shared/contract/index.js';
import { createRouter } from '../ipc/router.js';
import { setUserDataDir } from '../services/paths.js';
import { Studio } from '../services/studio.js';
import { APP_ORIGIN, createMainWindow, handleAppProtocol, registerSchemePrivileges } from './window.js';

registerSchemePrivileges();

/** `--model DIR` (repeatable) on the app's command line, as `latent-studio serve` takes it. */
function modelFolders(argv: readonly string[]): string[] {
  const out: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    if (argv[i] === '--model' && argv[i + 1]) out.push(argv[++i]);
    else if (argv[i].startsWith('--model=')) out.push(argv[i].slice('--model='.length));
  }
  return out;
}

/** Only our own page may call main: not a frame or window that navigated elsewhere. */
function fromOurPage(event: IpcMainInvokeEvent): boolean {
  return event.senderFrame?.url.startsWith(`${APP_ORIGIN}/`) ?? false;
}

async function start(): Promise<void> {
  await app.whenReady();
  setUserDataDir(app.getPath('userData'));
  const root = app.getAppPath();
  const studio = new Studio({ host: 'electron', modelFolders: modelFolders(process.argv) });
  const router = createRouter(studio);

  for (const op of OP_NAMES) {
    ipcMain.handle(`${CHANNEL_PREFIX}${op}`, (event, request: unknown) => {
      if (!fromOurPage(event)) return { ok: false, error: { code: 'ipc/forbidden-sender', message: 'Refused: the request did not come from the studio page.' } };
      return router.handle(op, request);
    });
  }
  studio.events.subscribe(({ event, payload }) => {
    for (const win of BrowserWindow.getAllWindows()) if (!win.isDestroyed()) win.webContents.send(`${CHANNEL_PREFIX}${event}`, payload);
  });
  handleAppProtocol(path.join(root, 'dist', 'renderer'), studio.gallery, studio.timeline);

  const preload = path.join(root, 'dist', 'src-preload', 'preload.js');
  createMainWindow(preload);
  app.on('activate', () => {
    if (BrowserWindow.getAllWindows().length === 0) createMainWindow(preload);
  });
  app.on('window-all-closed', () => {
    if (process.platform !== 'darwin') app.quit();
  });
  let closing = false;
  app.on('before-quit', (event) => {
    if (closing) return;
    closing = true;
    event.preventDefault(); // finish the running job's cancellation and close the gallery index first
    studio.close().finally(() => app.quit());
  });
}

start().catch((err: unknown) => {
  process.stderr.write(`latent-studio: failed to start: ${(err as Error)?.stack ?? String(err)}\n`);
  app.exit(1);
});
