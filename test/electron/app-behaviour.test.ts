// App behaviour against a stand-in for Electron: the native menu template, and the single-instance
// lock (a second launch focuses the first window; without the lock the new process must quit).
import { describe, expect, it } from 'vitest';
import type { App, MenuItemConstructorOptions } from 'electron';
import { menuTemplate } from '../../src-main/electron/menu.js';
import { claimSingleInstance } from '../../src-main/electron/single-instance.js';
import { FakeApp, FakeBrowserWindow } from './fake-electron.js';

function submenu(template: MenuItemConstructorOptions[], label: string): MenuItemConstructorOptions[] {
  const menu = template.find((m) => m.label === label || m.role === label);
  expect(menu, label).toBeDefined();
  return menu!.submenu as MenuItemConstructorOptions[];
}

describe('menu', () => {
  it.each(['linux', 'win32', 'darwin'] as const)('has Edit (copy, paste), View and Help → About on %s', (platform) => {
    let about = 0;
    const template = menuTemplate(platform, { about: () => about++ });
    const edit = submenu(template, 'Edit').map((i) => i.role);
    expect(edit).toEqual(expect.arrayContaining(['cut', 'copy', 'paste', 'selectAll', 'undo']));
    expect(submenu(template, 'View').map((i) => i.role)).toEqual(expect.arrayContaining(['reload', 'zoomIn', 'togglefullscreen']));
    const help = submenu(template, 'help');
    expect(help.map((i) => i.label)).toContain('About Latent Studio');
    (help.find((i) => i.label === 'About Latent Studio')!.click as () => void)();
    expect(about).toBe(1);
    expect(template.some((m) => m.role === 'appMenu')).toBe(platform === 'darwin');
  });
});

describe('single instance', () => {
  it('the first instance takes the lock and a second launch restores and focuses its window', () => {
    const app = new FakeApp(true);
    const win = new FakeBrowserWindow({});
    win.minimized = true;
    expect(claimSingleInstance(app as unknown as App, () => win as never)).toBe(true);
    app.emit('second-instance', {}, ['latent-studio'], '/', {});
    expect([win.minimized, win.focused]).toEqual([false, true]);
  });

  it('a second instance does not get the lock (it must quit) and registers nothing', () => {
    const app = new FakeApp(false);
    expect(claimSingleInstance(app as unknown as App, () => undefined)).toBe(false);
    expect(app.listenerCount('second-instance')).toBe(0);
  });
});
