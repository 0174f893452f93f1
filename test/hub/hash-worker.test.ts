// The whole-file hash on its worker thread (hub/hash-worker.ts) with its ring of read buffers
// (hub/hash-ring.ts), on a real file and a real worker: chunks claimed from the ring and bytes read back
// from the partial make one digest, identical to hashing the file; out-of-order chunks are refused; every
// slot is free again once hashed.
import { createHash, randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { SLOT_BYTES } from '../../src-main/hub/hash-ring.js';
import { ThreadHasher } from '../../src-main/hub/hash-worker.js';

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

function fileWith(data: Buffer): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'ls-hw-'));
  dirs.push(dir);
  const file = path.join(dir, 'partial');
  writeFileSync(file, data);
  return file;
}

const sha256 = (b: Buffer) => createHash('sha256').update(b).digest('hex');
const gitSha1 = (b: Buffer) => createHash('sha1').update(`blob ${b.length}\0`).update(b).digest('hex');

/** Puts `bytes` into a slot taken from the ring, as a socket read would. */
function readIntoSlot(hasher: ThreadHasher, bytes: Buffer): Buffer {
  const slot = hasher.ring.take();
  if (!slot) throw new Error('no free slot');
  bytes.copy(slot);
  return slot.subarray(0, bytes.length);
}

describe('ThreadHasher', () => {
  it('hashes chunks claimed from the ring and bytes read back from the file into one digest', async () => {
    const data = randomBytes(5 * SLOT_BYTES + 12_345);
    const hasher = new ThreadHasher(fileWith(data), ['sha256', 'git-sha1'], data.length);
    let pos = 0;
    const claim = (n: number) => {
      const chunk = readIntoSlot(hasher, data.subarray(pos, pos + n));
      expect(hasher.claim(chunk, pos)).toBe(true);
      pos += n;
    };
    claim(SLOT_BYTES);
    claim(300_000);
    // Bytes that arrived in a connection's own buffer: described to the worker as being on disk.
    pos += 700_000;
    hasher.advance(pos);
    expect(hasher.frontier).toBe(pos);
    claim(SLOT_BYTES);
    claim(SLOT_BYTES - 1);
    // The rest is left to digest(), which reads it back.
    const digests = await hasher.digest();
    expect(digests).toEqual({ sha256: sha256(data), 'git-sha1': gitSha1(data) });
  });

  it('refuses a chunk that does not continue the hash, or that is not in a slot, and frees every slot it hashed', async () => {
    const data = randomBytes(3 * SLOT_BYTES);
    const hasher = new ThreadHasher(fileWith(data), ['sha256'], data.length);
    const ahead = readIntoSlot(hasher, data.subarray(SLOT_BYTES, 2 * SLOT_BYTES));
    expect(hasher.claim(ahead, SLOT_BYTES)).toBe(false); // out of order: read back later instead
    expect(hasher.claim(Buffer.from(data.subarray(0, 1000)), 0)).toBe(false); // not ring memory
    const first = readIntoSlot(hasher, data.subarray(0, SLOT_BYTES));
    expect(hasher.claim(first, 0)).toBe(true);
    expect(hasher.claim(first, 0)).toBe(false); // claimed once only
    hasher.ring.give(ahead);
    expect((await hasher.digest()).sha256).toBe(sha256(data));
    let free = 0;
    while (hasher.ring.take()) free++;
    expect(free).toBe(hasher.ring.count);
  });

  it('reports a claimed chunk that skips bytes as a failure instead of a wrong digest', async () => {
    const data = randomBytes(2 * SLOT_BYTES);
    const hasher = new ThreadHasher(fileWith(data), ['sha256'], data.length);
    // Only the main thread's bookkeeping is wrong here (a bug, never a network event): the worker checks it.
    (hasher as unknown as { target: number }).target = 1000;
    const chunk = readIntoSlot(hasher, data.subarray(1000, 2000));
    expect(hasher.claim(chunk, 1000)).toBe(true);
    await expect(hasher.digest()).rejects.toThrow(/ring chunk at byte 1000 while the hash stands at 0/);
  });
});
