// "Never lost": a writer SIGKILLed mid-burst, a read-only folder, a full disk and a corrupt index each
// leave every saved image whole and indexed. Real child processes, real files, real SQLite.
//  - Read-only: the writer runs as an unprivileged user (setpriv to nobody when the tests run as root,
//    since root ignores permissions) and makes its own folder read-only with chmod: real EACCES.
//  - Full disk: the writer runs under a file-size limit (prlimit --fsize): the kernel refuses the
//    write with EFBIG, which the gallery treats like ENOSPC (same code, same clean-up).
import { spawn, spawnSync } from 'node:child_process';
import Database from 'better-sqlite3';
import { watch, type FSWatcher } from 'node:fs';
import { chmod, chown, readdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { Gallery } from '../../src-main/gallery/index.js';
import { parsePngChunks } from '../../src-main/gallery/png-chunks.js';
import { GalleryIndex } from '../../src-main/gallery/store.js';
import { REPO_ROOT } from '../helpers/fixtures.js';
import { patternImage, sampleParams } from './helpers/images.js';
import { tempDir } from './helpers/temp.js';

const RUN_TS = path.join(REPO_ROOT, 'bin/run-ts.js');
const NOBODY = 65534;

/** Every *.png of the gallery (and its trash) decodes completely and passes every chunk CRC. */
async function expectAllPngsWhole(dir: string, sizes = [256]): Promise<string[]> {
  const names = (await readdir(dir)).filter((n) => n.endsWith('.png'));
  for (const n of names) {
    const bytes = await readFile(path.join(dir, n));
    expect(() => parsePngChunks(bytes, n)).not.toThrow();
    const { info } = await sharp(bytes, { failOn: 'error' }).raw().toBuffer({ resolveWithObject: true });
    expect(sizes).toContain(info.width);
    expect(info.height).toBe(info.width);
  }
  return names;
}

type KillAt = { afterSaves: number; delayMs: number } | { on: 'temp' | 'png' };

/**
 * Runs the burst writer and SIGKILLs it: `delayMs` after its n-th acknowledged save, or (inotify) the
 * moment its next temp file or next final PNG appears, to land inside the write and the
 * rename→insert windows. Resolves with the ids whose save had returned.
 */
function killMidBurst(dir: string, at: KillAt): Promise<string[]> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [RUN_TS, 'test/gallery/helpers/burst-writer.ts', dir, '200', '512'], { cwd: REPO_ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
    const saved: string[] = [];
    let stderr = '';
    let buffered = '';
    let watcher: FSWatcher | undefined;
    child.stderr.on('data', (d) => (stderr += d));
    child.stdout.on('data', (d: Buffer) => {
      buffered += d.toString();
      const lines = buffered.split('\n');
      buffered = lines.pop()!;
      for (const line of lines) {
        if (line.startsWith('saved ')) saved.push(line.slice(6));
        if ('on' in at && saved.length === 2 && !watcher) {
          const suffix = at.on === 'temp' ? '.partial' : '.png';
          watcher = watch(dir, (_event, name) => {
            if (name?.endsWith(suffix) && !saved.some((id) => name === `${id}.png`)) child.kill('SIGKILL');
          });
        }
        if ('afterSaves' in at && saved.length === at.afterSaves) setTimeout(() => child.kill('SIGKILL'), at.delayMs);
        if (saved.length === 20) child.kill('SIGKILL'); // a watcher that never fired must not hang the test
      }
    });
    child.on('error', reject);
    child.on('close', (code, signal) => {
      watcher?.close();
      if (signal !== 'SIGKILL') reject(new Error(`writer ended with ${code}/${signal} before the kill: ${stderr}`));
      else resolve(saved);
    });
  });
}

/** What the crash left, read before anything repairs it. */
async function crashState(dir: string): Promise<{ partial: number; unindexed: number }> {
  const names = await readdir(dir);
  const index = GalleryIndex.open(dir, { check: false });
  try {
    const rows = index.files();
    return { partial: names.filter((n) => n.endsWith('.partial')).length, unindexed: names.filter((n) => n.endsWith('.png') && !rows.has(n)).length };
  } finally {
    index.close();
  }
}

describe('SIGKILL in the middle of a burst of saves', () => {
  it('leaves no half-written PNG, indexes every file, keeps the database intact', async () => {
    const dir = await tempDir();
    const acknowledged: string[] = [];
    const rounds: Array<[KillAt, keyof Awaited<ReturnType<typeof crashState>> | undefined]> = [
      [{ on: 'temp' }, 'partial'], [{ on: 'png' }, 'unindexed'], [{ on: 'temp' }, 'partial'], [{ on: 'png' }, 'unindexed'],
      // And kills spread over the ~50 ms save cycle of a 512×512 image (watermark, encode, write, fsync, rename, insert).
      ...[0, 9, 18, 27, 36, 45].map((delayMs): [KillAt, undefined] => [{ afterSaves: 2, delayMs }, undefined]),
    ];
    for (const [at, expectedState] of rounds) {
      acknowledged.push(...(await killMidBurst(dir, at)));
      const state = await crashState(dir);
      // The targeted kills really landed in their window: a temp file mid-write, or a PNG without its row.
      if (expectedState) expect(state[expectedState]).toBeGreaterThan(0);
      const g = await Gallery.open({ dir });
      try {
        expect(g.startup.reconcile).toMatchObject({ added: state.unindexed, tempRemoved: state.partial });
        const files = await expectAllPngsWhole(dir, [512]);
        expect((await readdir(dir)).filter((n) => n.endsWith('.partial'))).toEqual([]);
        expect(g.count()).toBe(files.length);
        for (const f of files) expect(g.get(path.basename(f, '.png'))).toMatchObject({ tags: ['burst'], watermark: { status: 'marked' } });
        for (const id of acknowledged) expect(g.get(id)).toBeDefined();
        expect(g.integrityCheck()).toBe('ok');
      } finally {
        g.close();
      }
    }
  }, 120_000);
});

describe('temp files of writers still running', () => {
  it('removes only the temp files of dead processes', async () => {
    const dir = await tempDir();
    const g = await Gallery.open({ dir });
    const kept = await g.save(patternImage(256, 256, 70), sampleParams());
    g.close();
    const dead = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))'], { encoding: 'utf8' }).stdout;
    const deadTemp = `.${kept.id}x.png.${dead}.0badc0de.partial`;
    const liveTemp = `.${kept.id}y.png.${process.pid}.0badc0de.partial`;
    await writeFile(path.join(dir, deadTemp), (await readFile(kept.file)).subarray(0, 1000));
    await writeFile(path.join(dir, liveTemp), 'in progress');
    const reopened = await Gallery.open({ dir });
    reopened.close();
    expect(reopened.startup.reconcile).toMatchObject({ added: 0, dropped: 0, tempRemoved: 1 });
    const names = await readdir(dir);
    expect(names).not.toContain(deadTemp);
    expect(names).toContain(liveTemp);
  });
});

function runOp(dir: string, op: string, wrap: string[] = []): Array<{ ok: boolean; code?: string; message?: string }> {
  const [cmd, ...args] = [...wrap, process.execPath, RUN_TS, 'test/gallery/helpers/gallery-op.ts', dir, op];
  const r = spawnSync(cmd, args, { cwd: REPO_ROOT, encoding: 'utf8', env: { ...process.env, HOME: '/tmp' }, timeout: 60_000 });
  if (r.status !== 0) throw new Error(`${op} failed (${r.status}): ${r.stderr}`);
  return r.stdout.trim().split('\n').map((l) => JSON.parse(l));
}

async function galleryWithOneImage(): Promise<{ dir: string; id: string }> {
  const root = await tempDir();
  await chmod(root, 0o755);
  const dir = path.join(root, 'gallery');
  const g = await Gallery.open({ dir });
  const { id } = await g.save(patternImage(256, 256, 1), sampleParams({ prompt: 'survivor' }));
  g.close();
  return { dir, id };
}

async function expectSurvivor(dir: string, id: string): Promise<void> {
  const g = await Gallery.open({ dir });
  try {
    expect(g.count()).toBe(1);
    expect(g.get(id)).toMatchObject({ prompt: 'survivor', favourite: false, trashed: false });
    expect(g.integrityCheck()).toBe('ok');
    await expectAllPngsWhole(dir);
    expect((await readdir(dir)).filter((n) => n.endsWith('.partial'))).toEqual([]);
  } finally {
    g.close();
  }
}

describe('a read-only gallery folder', () => {
  it('refuses to open, save, favourite or delete with gallery/read-only, and changes nothing', async () => {
    const { dir, id } = await galleryWithOneImage();
    let wrap: string[] = [];
    if (process.getuid?.() === 0) {
      // Root ignores file permissions: run the writer as nobody, owning its folder.
      const setpriv = spawnSync('setpriv', ['--version']);
      expect(setpriv.error, 'tests run as root need setpriv (util-linux) to drop privileges').toBeUndefined();
      for (const name of ['', ...(await readdir(dir))]) await chown(path.join(dir, name), NOBODY, NOBODY);
      wrap = ['setpriv', `--reuid=${NOBODY}`, `--regid=${NOBODY}`, '--clear-groups'];
    }
    const results = runOp(dir, 'readonly', wrap);
    expect(results).toHaveLength(4);
    for (const r of results) {
      expect(r).toMatchObject({ ok: false, code: 'gallery/read-only' });
      expect(r.message).toContain(dir);
      expect(r.message).toMatch(/not writable \((EACCES|EPERM|EROFS)\)/);
    }
    await expectSurvivor(dir, id);
  }, 60_000);
});

describe('a full disk', () => {
  it('fails the save with gallery/disk-full, removes the partial file, keeps everything else', async () => {
    const { dir, id } = await galleryWithOneImage();
    const prlimit = spawnSync('prlimit', ['--version']);
    expect(prlimit.error, 'the full-disk test needs prlimit (util-linux)').toBeUndefined();
    // 512×512 noise encodes to ~790 KB; the limit lets the database (a few KB) grow but not the image.
    const [r] = runOp(dir, 'save-noise', ['prlimit', '--fsize=393216']);
    expect(r).toMatchObject({ ok: false, code: 'gallery/disk-full' });
    expect(r.message).toMatch(/disk is full or the file size limit was reached \((EFBIG|ENOSPC)\)/);
    await expectSurvivor(dir, id);
    const [again] = runOp(dir, 'save-noise');
    expect(again.ok).toBe(true);
  }, 60_000);
});

describe('a corrupt database file', () => {
  for (const [name, damage] of [
    ['not a database at all', async (db: string) => writeFile(db, Buffer.alloc(20000, 0x41))],
    ['a damaged full-text index', async (db: string) => {
      const conn = new Database(db);
      conn.unsafeMode(true); // lets this test overwrite FTS5's shadow table, as a disk error would
      conn.prepare('UPDATE images_fts_data SET block = randomblob(length(block))').run();
      conn.close();
    }],
    ['a full-text structure record that makes SQLite run out of memory', async (db: string) => {
      const conn = new Database(db);
      conn.unsafeMode(true);
      // Found by fuzzing: FTS5 decodes this as an absurd segment count, so quick_check fails with
      // SQLITE_NOMEM (not SQLITE_CORRUPT), every time.
      conn.prepare("UPDATE images_fts_data SET block = X'4eca1d89557df60625caa3ada3d0c0c07101' WHERE id = 10").run();
      conn.close();
      const check = new Database(db);
      try {
        expect(() => check.pragma('quick_check(1)')).toThrow(expect.objectContaining({ code: 'SQLITE_NOMEM' }));
      } finally {
        check.close();
      }
    }],
    ['a damaged page', async (db: string) => {
      const bytes = await readFile(db);
      bytes.fill(0xee, 4096, Math.min(bytes.length, 4096 * 4));
      await writeFile(db, bytes);
    }],
  ] as const) {
    it(`(${name}) is kept aside and the index is rebuilt from the PNGs with their favourites and tags`, async () => {
      const dir = await tempDir();
      const g = await Gallery.open({ dir });
      const ids: string[] = [];
      for (let i = 0; i < 3; i++) ids.push((await g.save(patternImage(256, 256, 60 + i), sampleParams({ prompt: `kept ${i}` }))).id);
      await g.setFavourite(ids[0], true);
      await g.setTags(ids[1], ['blue']);
      await g.delete([ids[2]]);
      g.close();
      const db = path.join(dir, 'gallery.db');
      await damage(db);
      const damaged = await readFile(db);
      const notices: string[] = [];
      const reopened = await Gallery.open({ dir, onNotice: (n) => notices.push(`${n.code}: ${n.message}`) });
      try {
        const aside = reopened.startup.recoveredFrom!;
        expect(aside).toMatch(/^gallery\.db\.corrupt-/);
        expect(await readFile(path.join(dir, aside))).toEqual(damaged);
        expect(notices[0]).toMatch(/^gallery\/db-recovered: The gallery index was damaged .* kept as "gallery\.db\.corrupt-/);
        expect(reopened.count()).toBe(2);
        expect(reopened.get(ids[0])).toMatchObject({ favourite: true, prompt: 'kept 0' });
        expect(reopened.get(ids[1])).toMatchObject({ tags: ['blue'] });
        expect(reopened.get(ids[2])).toMatchObject({ trashed: true });
        expect(reopened.integrityCheck()).toBe('ok');
      } finally {
        reopened.close();
      }
    });
  }
});
