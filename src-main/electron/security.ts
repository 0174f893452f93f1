// The shell's security settings: the window's webPreferences, permission handlers that deny everything,
// and the navigation guard (no navigation away from studio://app, no new windows, no webviews). Links to
// gallery files are handed to the app instead of denied. Electron objects come in as parameters.
import type { App, IpcMainInvokeEvent, Session, WebContents, WebPreferences } from 'electron';
import { GALLERY_URL_PREFIX } from '../services/gallery-view.js';
import { APP_ORIGIN } from './protocol.js';

/** contextIsolation + sandbox, no Node in the page; the preload is the page's only way to main. */
export function webPreferencesFor(preload: string): WebPreferences {
  return {
    preload,
    contextIsolation: true,
    sandbox: true,
    nodeIntegration: false,
    nodeIntegrationInWorker: false,
    nodeIntegrationInSubFrames: false,
    webSecurity: true,
    allowRunningInsecureContent: false,
    webviewTag: false,
    navigateOnDragDrop: false,
    spellcheck: false,
  };
}

/** The studio needs no camera, notifications, clipboard-read, …: every request and check says no. */
export function denyAllPermissions(session: Pick<Session, 'setPermissionRequestHandler' | 'setPermissionCheckHandler'>): void {
  session.setPermissionRequestHandler((_contents, _permission, callback) => callback(false));
  session.setPermissionCheckHandler(() => false);
}

/** True for a URL inside the app's own origin (studio://app/…). */
function isAppUrl(url: string): boolean {
  return url.startsWith(`${APP_ORIGIN}/`);
}

/** The gallery id of a studio://app/files/gallery/<id>.png link, else undefined. */
export function galleryIdOf(url: string): string | undefined {
  if (!isAppUrl(url)) return undefined;
  let pathname: string;
  try {
    pathname = decodeURIComponent(new URL(url).pathname);
  } catch {
    return undefined; // a malformed escape names no gallery file
  }
  const m = /^([A-Za-z0-9_-]{1,64})\.png$/.exec(pathname.startsWith(GALLERY_URL_PREFIX) ? pathname.slice(GALLERY_URL_PREFIX.length) : '');
  return m?.[1];
}

type GuardedContents = Pick<WebContents, 'on' | 'setWindowOpenHandler'>;

/**
 * Keeps `contents` on the app page: it is one page with hash routes, so any other navigation (a dropped
 * file, a link, a redirect, a subframe) is refused; window.open is refused; webviews are refused. A link
 * to a gallery image goes to `openGalleryImage` (the shell reveals the file) instead.
 */
export function guardNavigation(contents: GuardedContents, openGalleryImage: (id: string) => void): void {
  contents.on('will-frame-navigate', (details) => {
    if (details.isMainFrame && isAppUrl(details.url) && galleryIdOf(details.url) === undefined) return;
    details.preventDefault();
    const id = galleryIdOf(details.url);
    if (id !== undefined) openGalleryImage(id);
  });
  contents.on('will-attach-webview', (event) => event.preventDefault());
  contents.setWindowOpenHandler(({ url }) => {
    const id = galleryIdOf(url);
    if (id !== undefined) openGalleryImage(id);
    return { action: 'deny' };
  });
}

/** Guards every WebContents the app creates (the main window's, and any other), as guardNavigation. */
export function guardAllContents(app: Pick<App, 'on'>, openGalleryImage: (id: string) => void): void {
  app.on('web-contents-created', (_event, contents) => guardNavigation(contents, openGalleryImage));
}

/** Only the app page's top frame may call main: not a subframe, nor a page that got elsewhere. */
export function isFromAppPage(event: Pick<IpcMainInvokeEvent, 'senderFrame'>): boolean {
  const frame = event.senderFrame;
  return frame !== null && frame.parent === null && isAppUrl(frame.url);
}
