// One studio per data folder: a second launch hands over to the first, which comes to the front.
// Without the lock two processes would write the same gallery index and settings.
import type { App, BrowserWindow } from 'electron';

/**
 * Takes the single-instance lock. False: another instance holds it (it has been asked to show itself),
 * and this one must quit. True: later launches focus `mainWindow()`.
 */
export function claimSingleInstance(app: Pick<App, 'requestSingleInstanceLock' | 'on'>, mainWindow: () => Pick<BrowserWindow, 'isMinimized' | 'restore' | 'show' | 'focus'> | undefined): boolean {
  if (!app.requestSingleInstanceLock()) return false;
  app.on('second-instance', () => {
    const win = mainWindow();
    if (!win) return; // NOTE: still starting up; the window it opens comes to the front by itself.
    if (win.isMinimized()) win.restore();
    win.show();
    win.focus();
  });
  return true;
}
