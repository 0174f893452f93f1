// Keeping the index true to the folder: rows from PNG chunks, start-up reconcile (file without row →
// indexed, row without file → dropped, dead writers' temp files → removed) and full rebuilds.
// It reads only text chunks, never pixels, so a folder of 100,000 images reconciles in seconds.
// Timeline folders (`<id>.timeline/`) are linked by name: a rebuild relinks them, a reconcile moves one
// left behind by an interrupted trash/restore to its PNG.
import { readdir, rm, stat } from 'node:fs/promises';
import path from 'node:path';
import { StudioError, throwIfAborted } from '../../src-shared/errors.js';
import { moveDurably, removeDeadTemps } from './atomic-write.js';
import { samplerName, summarizeInfotext } from './infotext.js';
import { readPngFileMetadata, type PngMetadata } from './png-meta.js';
import { timelineRelOf, type GalleryIndex, type IndexEntry } from './store.js';
import type { ImportFailure, ReconcileReport } from './types.js';

export const TRASH_DIR = 'trash';
export const THUMBS_DIR = 'thumbs';

const WEBUI_RNG: Record<string, string> = { CPU: 'torch-cpu', NV: 'philox', GPU: 'gpu' };

/** The item id of a gallery file: its name without `.png` (ids and names never diverge). */
export function idFromFile(rel: string): string {
  return path.basename(rel, '.png');
}

/** An index row from a PNG's metadata; works for our files, WebUI's and files with no metadata at all. */
export function entryFromMetadata(meta: PngMetadata, rel: string, fallbackCreatedMs: number, fileSize: number | null): IndexEntry {
  const g = meta.gallery;
  const created = g ? Date.parse(g.created) : NaN;
  const base = {
    id: idFromFile(rel), file: rel, createdMs: Number.isFinite(created) ? created : Math.round(fallbackCreatedMs),
    source: g?.source ?? 'found', width: meta.width, height: meta.height, watermark: g?.watermark ?? { status: 'unknown' as const },
    favourite: g?.favourite ?? false, tags: g?.tags ?? [], trashed: rel.startsWith(`${TRASH_DIR}/`), fileSize,
  };
  const p = meta.params;
  if (p) {
    return {
      ...base, prompt: p.prompt, negativePrompt: p.negativePrompt, seed: p.seed, rngSource: p.rngSource, scheduler: p.scheduler,
      sampler: samplerName(p.scheduler), steps: p.steps, guidance: p.guidance,
      model: { name: p.model.name || null, hash: p.model.hash ?? null, id: p.model.id ?? null }, timingsMs: p.timingsMs ?? null, params: p,
    };
  }
  const s = meta.infotext ? summarizeInfotext(meta.infotext) : undefined;
  return {
    ...base, prompt: s?.prompt ?? '', negativePrompt: s?.negativePrompt ?? '', seed: s?.seed ?? null,
    rngSource: s?.rng ? (WEBUI_RNG[s.rng] ?? s.rng) : null, scheduler: s?.scheduler ?? s?.sampler ?? null, sampler: s?.sampler ?? null,
    steps: s?.steps ?? null, guidance: s?.guidance ?? null, model: { name: s?.modelName ?? null, hash: s?.modelHash ?? null, id: null },
    timingsMs: null, params: null,
  };
}

/** An index row for one gallery file (relative path), read from its chunks. */
export async function entryFromFile(dir: string, rel: string): Promise<IndexEntry> {
  const file = path.join(dir, rel);
  const st = await stat(file);
  const hasTimeline = (await stat(path.join(dir, timelineRelOf(rel))).catch(() => undefined))?.isDirectory() ?? false;
  return { ...entryFromMetadata(await readPngFileMetadata(file), rel, st.mtimeMs, st.size), hasTimeline };
}

async function dirNames(dir: string, test: (name: string) => boolean): Promise<string[]> {
  try {
    return (await readdir(dir, { withFileTypes: true })).filter((d) => d.isDirectory() && test(d.name)).map((d) => d.name);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw err;
  }
}

/** Every timeline folder of the gallery, relative: `x.timeline` and `trash/x.timeline`. */
export async function listTimelineDirs(dir: string): Promise<Set<string>> {
  const isTimeline = (n: string) => n.endsWith('.timeline') && !n.startsWith('.');
  const main = await dirNames(dir, isTimeline);
  const trash = (await dirNames(path.join(dir, TRASH_DIR), isTimeline)).map((n) => `${TRASH_DIR}/${n}`);
  return new Set([...main, ...trash]);
}

/**
 * Moves each timeline folder whose PNG is on the other side (gallery vs trash: a move interrupted between
 * the two renames) to its PNG; then sets every row's timeline flag from the folders. Returns how many moved.
 */
async function relinkTimelines(dir: string, index: GalleryIndex, pngs: Set<string>): Promise<number> {
  const dirs = await listTimelineDirs(dir);
  let moved = 0;
  for (const rel of dirs) {
    const png = `${rel.slice(0, -'.timeline'.length)}.png`;
    if (pngs.has(png)) continue;
    const other = png.startsWith(`${TRASH_DIR}/`) ? png.slice(TRASH_DIR.length + 1) : `${TRASH_DIR}/${png}`;
    if (!pngs.has(other) || dirs.has(timelineRelOf(other))) continue; // an orphan: left for the user, never deleted
    await moveDurably(path.join(dir, rel), path.join(dir, timelineRelOf(other)));
    dirs.delete(rel);
    dirs.add(timelineRelOf(other));
    moved++;
  }
  for (const [file, flag] of index.timelineFlags()) {
    const has = dirs.has(timelineRelOf(file));
    if (has !== flag) index.setTimeline(path.basename(file, '.png'), has);
  }
  return moved;
}

async function pngNames(dir: string): Promise<string[]> {
  try {
    return (await readdir(dir)).filter((n) => n.toLowerCase().endsWith('.png') && !n.startsWith('.'));
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw err;
  }
}

/** Every image file of the gallery, relative: `x.png` and `trash/x.png`. */
export async function listGalleryFiles(dir: string): Promise<string[]> {
  const main = await pngNames(dir);
  const trash = (await pngNames(path.join(dir, TRASH_DIR))).map((n) => `${TRASH_DIR}/${n}`);
  return [...main, ...trash];
}

function failure(file: string, err: unknown): ImportFailure {
  if (err instanceof StudioError) return { file, code: err.code, message: err.message };
  const e = err as NodeJS.ErrnoException;
  return { file, code: e?.code ? `fs/${e.code}` : 'gallery/unreadable', message: e?.message ?? String(err) };
}

/** Reads many files' rows with a few reads in flight; unreadable files are reported, not fatal. */
export async function scanFiles(dir: string, rels: string[], signal?: AbortSignal, onProgress?: (done: number, total: number) => void): Promise<{ entries: IndexEntry[]; unreadable: ImportFailure[] }> {
  const entries: IndexEntry[] = [];
  const unreadable: ImportFailure[] = [];
  let next = 0;
  let done = 0;
  const worker = async () => {
    while (next < rels.length) {
      throwIfAborted(signal, 'gallery scan');
      const rel = rels[next++];
      try {
        entries.push(await entryFromFile(dir, rel));
      } catch (err) {
        if ((err as NodeJS.ErrnoException).code === 'ENOENT') continue; // deleted meanwhile: nothing to index
        unreadable.push(failure(path.join(dir, rel), err));
      }
      onProgress?.(++done, rels.length);
    }
  };
  await Promise.all(Array.from({ length: Math.min(8, rels.length) }, worker));
  return { entries: dedupeIds(entries, dir, unreadable), unreadable };
}

/** The same id in the gallery and the trash (a copy made by hand): the gallery one wins. */
function dedupeIds(entries: IndexEntry[], dir: string, unreadable: ImportFailure[]): IndexEntry[] {
  const byId = new Map<string, IndexEntry>();
  for (const e of entries.sort((a, b) => Number(a.trashed) - Number(b.trashed))) {
    if (!byId.has(e.id)) byId.set(e.id, e);
    else unreadable.push({ file: path.join(dir, e.file), code: 'gallery/duplicate-id', message: `"${e.file}" has the same name as "${byId.get(e.id)!.file}"; rename one of them.` });
  }
  return [...byId.values()];
}

/** A timeline folder being written (timeline/format.ts writeTimeline): `.<name>.tmp-<pid>-<hex>`. */
const TIMELINE_TEMP_RE = /^\..+\.timeline\.tmp-(\d+)-[0-9a-f]{6}$/;

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM'; // exists, owned by someone else
  }
}

async function removeTemps(dir: string): Promise<number> {
  let n = 0;
  for (const d of [dir, path.join(dir, TRASH_DIR), path.join(dir, THUMBS_DIR)]) {
    try {
      n += await removeDeadTemps(d);
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err;
    }
  }
  for (const name of await dirNames(dir, (name) => TIMELINE_TEMP_RE.test(name))) {
    if (isAlive(Number(TIMELINE_TEMP_RE.exec(name)![1]))) continue;
    await rm(path.join(dir, name), { recursive: true, force: true });
    n++;
  }
  return n;
}

/** Brings the index in line with the folder, touching only the differences. */
export async function reconcile(dir: string, index: GalleryIndex, signal?: AbortSignal): Promise<ReconcileReport> {
  const tempRemoved = await removeTemps(dir);
  const onDisk = new Set(await listGalleryFiles(dir));
  const inIndex = index.files();
  const stale = [...inIndex].filter((f) => !onDisk.has(f));
  const dropped = stale.length ? index.removeFiles(stale) : 0;
  const missing = [...onDisk].filter((f) => !inIndex.has(f));
  const scanned = await scanFiles(dir, missing, signal);
  const { unreadable } = scanned;
  // The id may already be indexed from its other location (gallery vs trash) when both files exist.
  const entries = scanned.entries.filter((e) => {
    const other = index.fileOf(e.id);
    if (other === undefined || !onDisk.has(other)) return true;
    unreadable.push({ file: path.join(dir, e.file), code: 'gallery/duplicate-id', message: `"${e.file}" has the same name as "${other}"; rename one of them.` });
    return false;
  });
  if (entries.length) index.upsert(entries);
  await relinkTimelines(dir, index, onDisk);
  return { added: entries.length, dropped, tempRemoved, unreadable };
}

/** Re-indexes every file from its chunks and swaps the whole index in one transaction. */
export async function rebuild(dir: string, index: GalleryIndex, signal?: AbortSignal, onProgress?: (done: number, total: number) => void): Promise<{ indexed: number; unreadable: ImportFailure[]; tempRemoved: number }> {
  const tempRemoved = await removeTemps(dir);
  const files = await listGalleryFiles(dir);
  const { entries, unreadable } = await scanFiles(dir, files, signal, onProgress);
  throwIfAborted(signal, 'gallery rebuild');
  index.replaceAll(entries);
  await relinkTimelines(dir, index, new Set(files));
  return { indexed: entries.length, unreadable, tempRemoved };
}
