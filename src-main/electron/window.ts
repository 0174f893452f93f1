// The main window and the studio:// protocol that serves it. The renderer runs sandboxed with context
// isolation; it reaches main only through the preload's window.studio, and never navigates away.
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { BrowserWindow, protocol, shell } from 'electron';
import { toWireError } from '../../src-shared/contract/index.js';
import { resolveAppFile } from '../services/app-files.js';
import type { GalleryService } from '../services/gallery-view.js';
import type { TimelineService } from '../services/timeline.js';

export const APP_SCHEME = 'studio';
/** The renderer's origin: same URL layout as the web host (/, /assets, /files/gallery, /files/thumbs). */
export const APP_ORIGIN = `${APP_SCHEME}://app`;

const CSP = "default-src 'self'; img-src 'self' data: blob:; style-src 'self' 'unsafe-inline'; object-src 'none'; base-uri 'self'";

/** Must run before app is ready: lets studio:// behave like https (fetch, relative URLs, secure context). */
export function registerSchemePrivileges(): void {
  protocol.registerSchemesAsPrivileged([{ scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true } }]);
}

/** Serves the built renderer and gallery files under studio://app/. */
export function handleAppProtocol(rendererDir: string, gallery: GalleryService, timeline?: TimelineService): void {
  protocol.handle(APP_SCHEME, async (request) => {
    const url = new URL(request.url);
    if (url.host !== 'app') return new Response('Not found', { status: 404 });
    try {
      const found = await resolveAppFile(url.pathname, rendererDir, gallery, timeline);
      if (!found) return new Response('Not found', { status: 404 });
      const headers: Record<string, string> = { 'Content-Type': found.contentType };
      if (found.contentType.startsWith('text/html')) headers['Content-Security-Policy'] = CSP;
      return new Response(new Uint8Array(await readFile(found.file)), { status: 200, headers });
    } catch (err) {
      const e = toWireError(err);
      return new Response(e.message, { status: e.code === 'gallery/unknown-id' ? 404 : 500 });
    }
  });
}

export function createMainWindow(preloadFile: string): BrowserWindow {
  const win = new BrowserWindow({
    width: 1400,
    height: 900,
    title: 'Latent Studio',
    backgroundColor: '#0b0f19',
    show: false,
    webPreferences: {
      preload: path.resolve(preloadFile),
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      webSecurity: true,
      spellcheck: false,
    },
  });
  win.once('ready-to-show', () => win.show());
  // The app is one page: hash routes only. Anything else (a dropped file, a link) must not replace it.
  win.webContents.on('will-navigate', (event, url) => {
    if (!url.startsWith(`${APP_ORIGIN}/`)) event.preventDefault();
  });
  win.webContents.setWindowOpenHandler(({ url }) => {
    if (/^https?:\/\//.test(url)) void shell.openExternal(url);
    return { action: 'deny' };
  });
  void win.loadURL(`${APP_ORIGIN}/index.html`);
  return win;
}
