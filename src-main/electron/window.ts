// The main window: remembered bounds, the webPreferences of security.ts, and the app page loaded from
// studio://app. Takes Electron's BrowserWindow class as a parameter; knows nothing of the services.
// Its navigation guard is installed for every WebContents by security.ts (guardAllContents).
import type { BrowserWindow, BrowserWindowConstructorOptions } from 'electron';
import { APP_ORIGIN } from './protocol.js';
import { webPreferencesFor } from './security.js';
import { MIN_SIZE, type InitialBounds } from './window-state.js';

export interface MainWindowOptions {
  /** Absolute path of the compiled preload script. */
  preload: string;
  bounds: InitialBounds;
}

export type BrowserWindowClass = new (options: BrowserWindowConstructorOptions) => BrowserWindow;

/** The window's construction options (exported for the tests of what the shell asks Electron for). */
export function mainWindowOptions(options: MainWindowOptions): BrowserWindowConstructorOptions {
  const { x, y, width, height } = options.bounds;
  return {
    ...(x !== undefined && y !== undefined ? { x, y } : {}),
    width,
    height,
    minWidth: MIN_SIZE.width,
    minHeight: MIN_SIZE.height,
    title: 'Latent Studio',
    backgroundColor: '#0b0f19',
    show: false,
    webPreferences: webPreferencesFor(options.preload),
  };
}

export function createMainWindow(BrowserWindowCtor: BrowserWindowClass, options: MainWindowOptions): BrowserWindow {
  const win = new BrowserWindowCtor(mainWindowOptions(options));
  if (options.bounds.maximized) win.maximize();
  win.once('ready-to-show', () => win.show());
  win.loadURL(`${APP_ORIGIN}/index.html`).catch((err: unknown) => {
    process.stderr.write(`latent-studio: the studio page did not load: ${(err as Error).message}\n`);
  });
  return win;
}
