// The body writer (hub/body-writer.ts) on a real file: synchronous while the disk keeps up, staged on the
// thread pool while writes are slow and back in line once they are quick again, in order either way, with
// backpressure and write errors reported.
import { randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { open } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { BodyWriter, type DiskState } from '../../../src-main/hub/download/body-writer.js';

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

function tempFile(size: number): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'ls-bw-'));
  dirs.push(dir);
  const file = path.join(dir, 'partial');
  writeFileSync(file, Buffer.alloc(size));
  return file;
}

/** Feeds `data` in chunks through one reused buffer, as the socket reader does. */
function feed(w: BodyWriter, data: Buffer, chunk: number): void {
  const reused = Buffer.alloc(chunk);
  for (let off = 0; off < data.length; off += chunk) {
    const n = data.copy(reused, 0, off, off + chunk);
    w.push(reused.subarray(0, n));
    reused.fill(0xee); // the reader overwrites its buffer: the writer must not keep a view of it
  }
}

const written = (seen: [number, number][]) => seen.reduce((n, [, len]) => n + len, 0);

/** Each write starts where the one before it ended. */
function expectInOrder(seen: [number, number][]): void {
  for (let i = 1; i < seen.length; i++) expect(seen[i][0]).toBe(seen[i - 1][0] + seen[i - 1][1]);
}

/** Waits (up to 5 s) for the thread pool's writes to make `done()` true. */
async function until(done: () => boolean): Promise<void> {
  for (let i = 0; i < 1000 && !done(); i++) await new Promise((r) => setTimeout(r, 5));
}

describe('BodyWriter', () => {
  it('writes synchronously at the offset while the disk is fast', async () => {
    const file = tempFile(5_000_000);
    const data = randomBytes(3_000_000);
    const fh = await open(file, 'r+');
    const disk: DiskState = { slow: false };
    const seen: [number, number][] = [];
    const w = new BodyWriter(fh, 1_000_000, disk, (pos, len) => seen.push([pos, len]), { slowMs: 10_000 });
    feed(w, data, 65_536);
    expect(written(seen)).toBe(data.length); // already written, before finish()
    await w.finish();
    await fh.close();
    expect(disk.slow).toBe(false);
    expect(readFileSync(file).subarray(1_000_000, 4_000_000).equals(data)).toBe(true);
  });

  it('switches every writer of the file to staged writes after a slow one, keeping the order', async () => {
    const file = tempFile(8_000_000);
    const data = randomBytes(7_000_000);
    const fh = await open(file, 'r+');
    const disk: DiskState = { slow: false };
    const seen: [number, number][] = [];
    const w = new BodyWriter(fh, 0, disk, (pos, len) => seen.push([pos, len]), { slowMs: -1 });
    feed(w, data.subarray(0, 3_500_000), 100_000);
    expect(disk.slow).toBe(true);
    const other = new BodyWriter(fh, 3_500_000, disk, (pos, len) => seen.push([pos, len]), { slowMs: 10_000 });
    feed(other, data.subarray(3_500_000), 100_000);
    expect(seen.filter(([pos]) => pos >= 3_500_000)).toEqual([]); // staged: nothing written synchronously
    await Promise.all([w.finish(), other.finish()]);
    await fh.close();
    expect(readFileSync(file).subarray(0, 7_000_000).equals(data)).toBe(true);
    expectInOrder(seen.filter(([p]) => p < 3_500_000));
    expectInOrder(seen.filter(([p]) => p >= 3_500_000));
  });

  it('goes back to writing in line once staged writes are quick again, without reordering', async () => {
    const file = tempFile(12_000_000);
    const data = randomBytes(10_000_000);
    const fh = await open(file, 'r+');
    const disk: DiskState = { slow: true };
    const seen: [number, number][] = [];
    const w = new BodyWriter(fh, 0, disk, (pos, len) => seen.push([pos, len]), { slowMs: 10_000, quickMs: 10_000, quickRun: 3 });
    feed(w, data.subarray(0, 5_000_000), 100_000); // four full stages and a partial one
    expect(seen).toEqual([]);
    // The pool writes the stages; after three quick ones the disk counts as fast, and the partial stage follows.
    await until(() => !disk.slow && written(seen) === 5_000_000);
    expect(disk.slow).toBe(false);
    expect(written(seen)).toBe(5_000_000);
    const before = seen.length;
    feed(w, data.subarray(5_000_000), 100_000);
    expect(seen.length).toBe(before + 50); // in line: each chunk written during its push
    await w.finish();
    await fh.close();
    expect(readFileSync(file).subarray(0, 10_000_000).equals(data)).toBe(true);
    expectInOrder(seen);
  });

  it('keeps staging while staged writes are slow, and hands over a partial stage once they are quick', async () => {
    const file = tempFile(4_000_000);
    const data = randomBytes(3_000_000);
    const fh = await open(file, 'r+');
    const disk: DiskState = { slow: true };
    const seen: [number, number][] = [];
    const w = new BodyWriter(fh, 0, disk, (pos, len) => seen.push([pos, len]), { slowMs: 10_000, quickMs: -1 });
    feed(w, data.subarray(0, 2_500_000), 100_000);
    await until(() => written(seen) >= 2 << 20);
    expect(disk.slow).toBe(true); // no staged write counts as quick
    expect(written(seen)).toBe(2 << 20); // the two full stages; the rest waits in the third
    disk.slow = false; // another writer of the file found the disk quick
    feed(w, data.subarray(2_500_000), 100_000);
    await until(() => written(seen) === 3_000_000);
    expect(written(seen)).toBe(3_000_000); // handed over without finish()
    await w.finish();
    await fh.close();
    expect(readFileSync(file).subarray(0, 3_000_000).equals(data)).toBe(true);
    expectInOrder(seen);
  });

  it('asks the reader to pause while too much waits for the disk, and resumes it', async () => {
    const file = tempFile(10_000_000);
    const fh = await open(file, 'r+');
    const w = new BodyWriter(fh, 0, { slow: true }, () => undefined, { backlogLimit: 2 << 20 });
    let resumed = false;
    feed(w, randomBytes(3 << 20), 1 << 16);
    expect(w.full(() => (resumed = true))).toBe(true);
    await w.finish();
    await fh.close();
    expect(resumed).toBe(true);
  });

  it('reports a write error to the reader and from finish()', async () => {
    const file = tempFile(1000);
    const ro = await open(file, 'r');
    const sync = new BodyWriter(ro, 0, { slow: false }, () => undefined);
    expect(() => sync.push(Buffer.alloc(10))).toThrow(/EBADF/);
    const staged = new BodyWriter(ro, 0, { slow: true }, () => undefined);
    feed(staged, Buffer.alloc(3 << 20), 1 << 16);
    await expect(staged.finish()).rejects.toThrow(/EBADF/);
    expect(() => staged.push(Buffer.alloc(10))).toThrow(/EBADF/);
    await ro.close();
  });
});
