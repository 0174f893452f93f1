// Remembered window bounds: clamped onto attached displays, validated when read, written atomically,
// saved when the window closes.
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_SIZE, WINDOW_STATE_FILE, clampToDisplays, loadWindowState, rememberWindowState, saveWindowState } from '../../src-main/electron/window-state.js';
import { FakeBrowserWindow } from './fake-electron.js';

const laptop = { x: 0, y: 0, width: 1440, height: 875 };
const rightMonitor = { x: 1440, y: 0, width: 2560, height: 1400 };

let tmp: string;
beforeAll(async () => {
  tmp = await mkdtemp(path.join(os.tmpdir(), 'ls-winstate-'));
});
afterAll(async () => {
  await rm(tmp, { recursive: true, force: true });
});

describe('clampToDisplays', () => {
  it('keeps bounds that fit the display they are on', () => {
    expect(clampToDisplays({ x: 1600, y: 100, width: 1200, height: 800, maximized: false }, [laptop, rightMonitor])).toEqual({ x: 1600, y: 100, width: 1200, height: 800, maximized: false });
  });

  it('moves a window from a detached monitor onto the remaining display, shrunk to fit', () => {
    expect(clampToDisplays({ x: 1600, y: 100, width: 2000, height: 1200, maximized: true }, [laptop])).toEqual({ x: 0, y: 0, width: 1440, height: 875, maximized: true });
  });

  it('pulls a window hanging off an edge back inside, and grows a tiny one to the minimum', () => {
    expect(clampToDisplays({ x: -300, y: 700, width: 800, height: 600, maximized: false }, [laptop])).toEqual({ x: 0, y: 275, width: 800, height: 600, maximized: false });
    expect(clampToDisplays({ x: 10, y: 10, width: 20, height: 20, maximized: false }, [laptop])).toEqual({ x: 10, y: 10, width: 640, height: 480, maximized: false });
  });

  it('without displays: the default size, placed by the OS', () => {
    expect(clampToDisplays({ x: 5, y: 5, width: 900, height: 700, maximized: false }, [])).toEqual({ ...DEFAULT_SIZE, maximized: false });
  });
});

describe('window-state.json', () => {
  it('round-trips through the file and is written when the window closes', async () => {
    const dir = path.join(tmp, 'round');
    const win = new FakeBrowserWindow({ x: 100, y: 50, width: 1000, height: 700 });
    win.maximized = true;
    rememberWindowState(win as never, dir);
    win.emit('close');
    expect(await readFile(path.join(dir, WINDOW_STATE_FILE), 'utf8')).toContain('"width":1000');
    expect(await loadWindowState(dir, [laptop])).toEqual({ x: 100, y: 50, width: 1000, height: 700, maximized: true });
  });

  it('falls back to the default size on a missing, broken or invalid file', async () => {
    expect(await loadWindowState(path.join(tmp, 'none'), [laptop])).toEqual({ ...DEFAULT_SIZE, maximized: false });
    const dir = path.join(tmp, 'bad');
    saveWindowState(dir, { x: 1, y: 1, width: 800, height: 600, maximized: false });
    for (const text of ['{not json', '{"x":0,"y":0,"width":-5,"height":600}', '{"x":"0","y":0,"width":800,"height":600}', '{"x":0,"y":0,"width":800,"height":600,"extra":1}', '[]']) {
      await writeFile(path.join(dir, WINDOW_STATE_FILE), text);
      expect(await loadWindowState(dir, [laptop]), text).toEqual({ ...DEFAULT_SIZE, maximized: false });
    }
  });
});
