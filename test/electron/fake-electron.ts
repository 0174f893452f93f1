// A stand-in for the few Electron objects the shell's modules take as parameters. Electron's binary
// cannot run on the build machines, so these record what the shell registers and let a test fire the
// events Electron would. They implement only what src-main/electron/ calls; no behaviour is invented.
import { EventEmitter } from 'node:events';
import type { BrowserWindowConstructorOptions, HandlerDetails, WindowOpenHandlerResponse } from 'electron';

/** The event object of will-frame-navigate / will-attach-webview. */
export class FakeNavigation {
  defaultPrevented = false;
  constructor(readonly url: string, readonly isMainFrame = true) {}
  preventDefault(): void {
    this.defaultPrevented = true;
  }
}

export class FakeWebContents extends EventEmitter {
  openHandler: ((details: HandlerDetails) => WindowOpenHandlerResponse) | undefined;
  readonly sent: Array<{ channel: string; payload: unknown }> = [];
  setWindowOpenHandler(handler: (details: HandlerDetails) => WindowOpenHandlerResponse): void {
    this.openHandler = handler;
  }
  send(channel: string, payload: unknown): void {
    this.sent.push({ channel, payload });
  }
  /** Fires will-frame-navigate as Electron does; returns whether the shell let it happen. */
  navigate(url: string, isMainFrame = true): boolean {
    const event = new FakeNavigation(url, isMainFrame);
    this.emit('will-frame-navigate', event);
    return !event.defaultPrevented;
  }
  /** window.open(url) from the page: the handler's answer. */
  open(url: string): WindowOpenHandlerResponse | undefined {
    return this.openHandler?.({ url, frameName: '', features: '', disposition: 'new-window', referrer: { url: '', policy: 'default' } } as HandlerDetails);
  }
}

export class FakeBrowserWindow extends EventEmitter {
  static created: FakeBrowserWindow[] = [];
  readonly webContents = new FakeWebContents();
  loaded: string | undefined;
  maximized = false;
  minimized = false;
  focused = false;
  destroyed = false;
  constructor(readonly options: BrowserWindowConstructorOptions) {
    super();
    FakeBrowserWindow.created.push(this);
  }
  loadURL(url: string): Promise<void> {
    this.loaded = url;
    return Promise.resolve();
  }
  maximize(): void { this.maximized = true; }
  isMaximized(): boolean { return this.maximized; }
  isMinimized(): boolean { return this.minimized; }
  restore(): void { this.minimized = false; }
  show(): void {}
  focus(): void { this.focused = true; }
  isDestroyed(): boolean { return this.destroyed; }
  getNormalBounds() {
    const { x = 0, y = 0, width = 0, height = 0 } = this.options;
    return { x, y, width, height };
  }
}

type PermissionRequestHandler = (contents: unknown, permission: string, callback: (granted: boolean) => void, details: unknown) => void;

export class FakeSession {
  requestHandler: PermissionRequestHandler | null | undefined;
  checkHandler: ((contents: unknown, permission: string, origin: string, details: unknown) => boolean) | null | undefined;
  setPermissionRequestHandler(handler: PermissionRequestHandler | null): void { this.requestHandler = handler; }
  setPermissionCheckHandler(handler: FakeSession['checkHandler']): void { this.checkHandler = handler; }
}

export class FakeIpcMain {
  readonly handlers = new Map<string, (event: unknown, ...args: unknown[]) => unknown>();
  handle(channel: string, handler: (event: unknown, ...args: unknown[]) => unknown): void {
    if (this.handlers.has(channel)) throw new Error(`Attempted to register a second handler for '${channel}'`); // as Electron does
    this.handlers.set(channel, handler);
  }
}

export class FakeProtocol {
  readonly privileged: unknown[] = [];
  readonly handlers = new Map<string, (request: Request) => Promise<Response> | Response>();
  registerSchemesAsPrivileged(schemes: unknown[]): void { this.privileged.push(...schemes); }
  handle(scheme: string, handler: (request: Request) => Promise<Response> | Response): void { this.handlers.set(scheme, handler); }
}

export class FakeApp extends EventEmitter {
  constructor(private readonly lockFree: boolean) { super(); }
  requestSingleInstanceLock(): boolean { return this.lockFree; }
}

/** An IPC invoke event from a frame at `url` (top frame unless `parent` is given). */
export function invokeEvent(url: string | null, parent: unknown = null): unknown {
  return { senderFrame: url === null ? null : { url, parent } };
}
