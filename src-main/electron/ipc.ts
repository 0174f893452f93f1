// The contract over Electron IPC: one ipcMain handler per op on `studio:<op>`, answering through the
// shared router only for the app page's top frame, and every studio event sent to the windows.
// No logic of its own: validation and errors live in the router.
import type { BrowserWindow, IpcMain, IpcMainInvokeEvent } from 'electron';
import { CHANNEL_PREFIX, OP_NAMES, type WireResult } from '../../src-shared/contract/index.js';
import type { Router } from '../ipc/router.js';
import type { EventBus } from '../services/events.js';

/** Registers `studio:<op>` for every contract op; `trusted` decides whether the sender may call. */
export function registerIpcHandlers(ipcMain: Pick<IpcMain, 'handle'>, router: Router, trusted: (event: IpcMainInvokeEvent) => boolean): void {
  for (const op of OP_NAMES) {
    ipcMain.handle(`${CHANNEL_PREFIX}${op}`, async (event, request: unknown): Promise<WireResult> => {
      if (!trusted(event)) {
        const url = event.senderFrame?.url ?? 'a closed frame';
        return { ok: false, error: { code: 'ipc/forbidden-sender', message: `Refused: ${op} came from ${url}, not the studio page.`, params: { op, url } } };
      }
      return router.handle(op, request);
    });
  }
}

/** Sends every event to every live window on `studio:<event>`; returns the unsubscribe function. */
export function forwardEvents(events: Pick<EventBus, 'subscribe'>, windows: () => Array<Pick<BrowserWindow, 'isDestroyed' | 'webContents'>>): () => void {
  return events.subscribe(({ event, payload }) => {
    for (const win of windows()) if (!win.isDestroyed()) win.webContents.send(`${CHANNEL_PREFIX}${event}`, payload);
  });
}
