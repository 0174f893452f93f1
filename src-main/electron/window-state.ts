// The main window's size and position across launches: a small JSON in the data folder, validated on
// read and clamped to a display that is still attached. A missing or bad file means the default size;
// it is never an error the user sees (a bad file is reported on stderr and replaced on the next save).
import { mkdirSync, renameSync, writeFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { BrowserWindow, Rectangle } from 'electron';
import { z } from 'zod';

export const WINDOW_STATE_FILE = 'window-state.json';
export const DEFAULT_SIZE = Object.freeze({ width: 1400, height: 900 });
/** Smaller than this is not a usable studio window. */
export const MIN_SIZE = Object.freeze({ width: 640, height: 480 });

const stateSchema = z.object({
  x: z.number().int(),
  y: z.number().int(),
  width: z.number().int().min(1),
  height: z.number().int().min(1),
  maximized: z.boolean().default(false),
}).strict();
export type WindowState = z.infer<typeof stateSchema>;

/** What the window opens with: bounds when remembered (x/y absent: let the OS place it). */
export interface InitialBounds { width: number; height: number; x?: number; y?: number; maximized: boolean }

/**
 * Fits remembered bounds onto the displays' work areas: the display the window overlaps most (or the
 * first one), the size shrunk to fit it, the position moved inside it. No display: the default size.
 */
export function clampToDisplays(state: WindowState, workAreas: readonly Rectangle[]): InitialBounds {
  const area = workAreas.reduce<Rectangle | undefined>((best, a) => (best === undefined || overlap(state, a) > overlap(state, best) ? a : best), undefined);
  if (!area) return { ...DEFAULT_SIZE, maximized: state.maximized };
  const width = Math.min(Math.max(state.width, Math.min(MIN_SIZE.width, area.width)), area.width);
  const height = Math.min(Math.max(state.height, Math.min(MIN_SIZE.height, area.height)), area.height);
  const x = Math.min(Math.max(state.x, area.x), area.x + area.width - width);
  const y = Math.min(Math.max(state.y, area.y), area.y + area.height - height);
  return { x, y, width, height, maximized: state.maximized };
}

function overlap(a: Rectangle, b: Rectangle): number {
  const w = Math.min(a.x + a.width, b.x + b.width) - Math.max(a.x, b.x);
  const h = Math.min(a.y + a.height, b.y + b.height) - Math.max(a.y, b.y);
  return w > 0 && h > 0 ? w * h : 0;
}

/** The remembered state in `dataDir`, clamped to `workAreas`; the default size when there is none. */
export async function loadWindowState(dataDir: string, workAreas: readonly Rectangle[]): Promise<InitialBounds> {
  const file = path.join(dataDir, WINDOW_STATE_FILE);
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'ENOENT') process.stderr.write(`latent-studio: cannot read ${file} (${(err as Error).message}); using the default window size.\n`);
    return { ...DEFAULT_SIZE, maximized: false };
  }
  let parsed: ReturnType<typeof stateSchema.safeParse>;
  try {
    parsed = stateSchema.safeParse(JSON.parse(text));
  } catch (err) {
    process.stderr.write(`latent-studio: ${file} is not JSON (${(err as Error).message}); using the default window size.\n`);
    return { ...DEFAULT_SIZE, maximized: false };
  }
  if (!parsed.success) {
    process.stderr.write(`latent-studio: ${file} is not a window state (${parsed.error.issues.map((i) => `${i.path.join('.') || 'value'}: ${i.message}`).join('; ')}); using the default window size.\n`);
    return { ...DEFAULT_SIZE, maximized: false };
  }
  return clampToDisplays(parsed.data, workAreas);
}

/**
 * Writes the state atomically (temp file + rename), so a crash mid-write leaves the old one.
 * NOTE: synchronous on purpose: it runs as the window closes, often while the app quits, when a pending
 * asynchronous write would be lost with the process.
 */
export function saveWindowState(dataDir: string, state: WindowState): void {
  mkdirSync(dataDir, { recursive: true });
  const file = path.join(dataDir, WINDOW_STATE_FILE);
  const tmp = `${file}.${process.pid}.tmp`;
  writeFileSync(tmp, `${JSON.stringify(stateSchema.parse(state))}\n`);
  renameSync(tmp, file);
}

/** Saves the window's normal (unmaximized) bounds and maximized flag when it closes. */
export function rememberWindowState(win: Pick<BrowserWindow, 'once' | 'getNormalBounds' | 'isMaximized'>, dataDir: string): void {
  win.once('close', () => {
    const b = win.getNormalBounds();
    try {
      saveWindowState(dataDir, { x: b.x, y: b.y, width: b.width, height: b.height, maximized: win.isMaximized() });
    } catch (err) {
      // NOTE: only the window size is lost; the next launch opens at the default size.
      process.stderr.write(`latent-studio: could not remember the window size: ${(err as Error).message}\n`);
    }
  });
}
