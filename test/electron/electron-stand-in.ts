// The `electron` module as src-main/electron/main.ts imports it, made of the stand-ins in fake-electron.ts:
// main.test.ts maps `electron` to this file (vi.mock) to check what the entry wires up. Test-only.
import { FakeApp, FakeBrowserWindow, FakeIpcMain, FakeProtocol, FakeSession } from './fake-electron.js';

class StandInApp extends FakeApp {
  paths: Record<string, string> = {};
  appPath = '';
  quitCalls = 0;
  aboutPanel: unknown;
  whenReady(): Promise<void> { return Promise.resolve(); }
  getPath(name: string): string { return this.paths[name]; }
  getAppPath(): string { return this.appPath; }
  setAboutPanelOptions(options: unknown): void { this.aboutPanel = options; }
  showAboutPanel(): void {}
  quit(): void { this.quitCalls++; }
  exit(code: number): void { throw new Error(`app.exit(${code}) during the test`); }
}

export const app = new StandInApp(true);
export const ipcMain = new FakeIpcMain();
export const protocol = new FakeProtocol();
export const session = { defaultSession: new FakeSession() };
export const screen = { getAllDisplays: () => [{ workArea: { x: 0, y: 0, width: 1920, height: 1080 } }] };
export const shell = { revealed: [] as string[], showItemInFolder(file: string) { this.revealed.push(file); } };
export const Menu = {
  applied: undefined as unknown,
  buildFromTemplate: (template: unknown) => ({ template }),
  setApplicationMenu(menu: unknown) { this.applied = menu; },
};
export const BrowserWindow = Object.assign(FakeBrowserWindow, {
  getAllWindows: () => FakeBrowserWindow.created.filter((w) => !w.destroyed),
});
/** No OS keychain here: the entry falls back to the 0600 file store, as it does where safeStorage cannot encrypt. */
export const safeStorage = {
  isEncryptionAvailable: () => false,
  encryptString: (_text: string): Buffer => { throw new Error('safeStorage is not available in the stand-in'); },
  decryptString: (_data: Buffer): string => { throw new Error('safeStorage is not available in the stand-in'); },
};
