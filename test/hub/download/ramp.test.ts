// The connection ramp (hub/ramp.ts): one connection to start, more in proportion to how idle the
// downloader is, none while it is busy, never more than the maximum.
import { describe, expect, it } from 'vitest';
import { ConnectionRamp } from '../../../src-main/hub/download/ramp.js';

/** Runs a ramp whose busy share follows `shares` (one per look), and returns the connections after each look. */
async function run(max: number, shares: number[], start?: number, hold?: () => boolean): Promise<number[]> {
  const seen: number[] = [];
  let look = 0;
  const ramp = new ConnectionRamp({ max, start, everyMs: 5, hold, sample: () => shares[Math.min(look++, shares.length - 1)] }, () => seen.push(ramp.connections));
  const initial = ramp.connections;
  ramp.start();
  await new Promise((r) => setTimeout(r, 5 * shares.length + 60));
  ramp.stop();
  return [initial, ...seen];
}

describe('connection ramp', () => {
  it('keeps one connection while the downloader is the busy side', async () => {
    expect(await run(8, [0.9, 0.7, 0.5, 0.95])).toEqual([1]);
  });

  it('goes straight to the maximum when the downloader mostly waits', async () => {
    expect(await run(8, [0.02])).toEqual([1, 8]);
  });

  it('ignores a single idle look between busy ones (a sender that stalls for a moment)', async () => {
    expect(await run(8, [0.9, 0.1, 0.9, 0.05, 0.8, 0.9])).toEqual([1]);
  });

  it('adds in proportion to the idle share, at least one at a time, after two idle looks', async () => {
    // 1 connection at 0.3 busy: 0.5/0.3 → 2; 2 at 0.3: 1/0.3 → 4; 4 at 0.45: 2/0.45 → 5; then busy.
    expect(await run(8, [0.3, 0.3, 0.3, 0.3, 0.45, 0.45, 0.8])).toEqual([1, 2, 4, 5]);
  });

  it('adds nothing while held (a paused download)', async () => {
    let held = 3;
    expect(await run(8, [0.01, 0.01, 0.01, 0.3, 0.3, 0.9], undefined, () => held-- > 0)).toEqual([1, 2]);
  });

  it('starts with `start` connections and never passes the maximum', async () => {
    expect(await run(3, [0.01, 0.01, 0.01], 2)).toEqual([2, 3]);
    expect(await run(4, [0.01], 4)).toEqual([4]);
  });
});
