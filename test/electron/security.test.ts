// The shell's security settings against a stand-in for Electron: the window's webPreferences, the
// permission handlers, navigation and window.open guards, and which IPC senders are trusted.
import { beforeEach, describe, expect, it } from 'vitest';
import type { App, Session } from 'electron';
import { denyAllPermissions, galleryIdOf, guardAllContents, isFromAppPage, webPreferencesFor } from '../../src-main/electron/security.js';
import { createMainWindow, mainWindowOptions, type BrowserWindowClass } from '../../src-main/electron/window.js';
import { FakeApp, FakeBrowserWindow, FakeSession, FakeWebContents, invokeEvent } from './fake-electron.js';

describe('main window', () => {
  beforeEach(() => {
    FakeBrowserWindow.created.length = 0;
  });

  it('runs the page isolated and sandboxed, without Node, with the preload only', () => {
    const win = createMainWindow(FakeBrowserWindow as unknown as BrowserWindowClass, { preload: '/app/dist/src-preload/preload.js', bounds: { width: 1000, height: 700, maximized: false } });
    const options = FakeBrowserWindow.created[0].options;
    expect(options.webPreferences).toEqual(webPreferencesFor('/app/dist/src-preload/preload.js'));
    expect(options.webPreferences).toMatchObject({
      contextIsolation: true, sandbox: true, nodeIntegration: false, nodeIntegrationInWorker: false, nodeIntegrationInSubFrames: false,
      webSecurity: true, allowRunningInsecureContent: false, webviewTag: false,
    });
    expect(options).toMatchObject({ width: 1000, height: 700, show: false });
    expect(options).not.toHaveProperty('x');
    expect((win as unknown as FakeBrowserWindow).loaded).toBe('studio://app/index.html');
  });

  it('opens with remembered bounds, maximized when it was', () => {
    expect(mainWindowOptions({ preload: '/p.js', bounds: { x: 10, y: 20, width: 800, height: 600, maximized: true } })).toMatchObject({ x: 10, y: 20, width: 800, height: 600 });
    const win = createMainWindow(FakeBrowserWindow as unknown as BrowserWindowClass, { preload: '/p.js', bounds: { x: 10, y: 20, width: 800, height: 600, maximized: true } });
    expect((win as unknown as FakeBrowserWindow).maximized).toBe(true);
  });
});

describe('permissions', () => {
  it('denies every permission request and check', () => {
    const session = new FakeSession();
    denyAllPermissions(session as unknown as Session);
    for (const permission of ['media', 'geolocation', 'notifications', 'clipboard-read', 'openExternal', 'fullscreen']) {
      let granted: boolean | undefined;
      session.requestHandler!({}, permission, (g) => (granted = g), {});
      expect(granted, permission).toBe(false);
      expect(session.checkHandler!(null, permission, 'studio://app', {}), permission).toBe(false);
    }
  });
});

describe('navigation', () => {
  let contents: FakeWebContents;
  let opened: string[];
  beforeEach(() => {
    const app = new FakeApp(true);
    opened = [];
    guardAllContents(app as unknown as App, (id) => opened.push(id));
    contents = new FakeWebContents();
    app.emit('web-contents-created', {}, contents);
  });

  it('lets the page move only within studio://app in its main frame', () => {
    expect(contents.navigate('studio://app/index.html')).toBe(true);
    expect(contents.navigate('https://evil.example/')).toBe(false);
    expect(contents.navigate('file:///etc/passwd')).toBe(false);
    expect(contents.navigate('studio://application/index.html')).toBe(false);
    expect(contents.navigate('studio://app/index.html', false)).toBe(false); // no subframes at all
    expect(opened).toEqual([]);
  });

  it('denies new windows; a gallery image link goes to the app instead', () => {
    expect(contents.open('https://evil.example/')).toEqual({ action: 'deny' });
    expect(contents.open('studio://app/files/gallery/20260101-abc_1.png')).toEqual({ action: 'deny' });
    expect(contents.navigate('studio://app/files/gallery/20260101-abc_2.png')).toBe(false);
    expect(opened).toEqual(['20260101-abc_1', '20260101-abc_2']);
  });

  it('refuses webviews', () => {
    let prevented = false;
    contents.emit('will-attach-webview', { preventDefault: () => (prevented = true) }, {}, {});
    expect(prevented).toBe(true);
  });

  it('takes only well-formed gallery ids from links', () => {
    expect(galleryIdOf('studio://app/files/gallery/abc.png')).toBe('abc');
    expect(galleryIdOf('studio://app/files/gallery/..%2f..%2fetc%2fpasswd.png')).toBeUndefined();
    expect(galleryIdOf('studio://app/files/gallery/../x.png')).toBeUndefined();
    expect(galleryIdOf('https://app/files/gallery/abc.png')).toBeUndefined();
    expect(galleryIdOf('studio://app/files/thumbs/abc.webp')).toBeUndefined();
    expect(galleryIdOf('studio://app/files/gallery/%zz.png')).toBeUndefined();
  });
});

describe('IPC senders', () => {
  it('trusts only the app page top frame', () => {
    expect(isFromAppPage(invokeEvent('studio://app/index.html') as never)).toBe(true);
    expect(isFromAppPage(invokeEvent('studio://app/index.html#/gallery') as never)).toBe(true);
    expect(isFromAppPage(invokeEvent('https://evil.example/') as never)).toBe(false);
    expect(isFromAppPage(invokeEvent('studio://app.evil/index.html') as never)).toBe(false);
    expect(isFromAppPage(invokeEvent('studio://app/index.html', { url: 'studio://app/index.html' }) as never)).toBe(false);
    expect(isFromAppPage(invokeEvent(null) as never)).toBe(false);
  });
});
