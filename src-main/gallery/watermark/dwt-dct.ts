// imwatermark's `dwtDct` rule on the LL band (imwatermark/maxDct.py, `encode_frame` /
// `diffuse_dct_matrix` / `decode_frame` / `infer_dct_matrix`): despite the name no DCT is computed;
// each 4×4 LL block quantises its largest-|value| coefficient (index 0 excluded). Also the block
// layout and the score tally that both methods share.

/** The quantisation step imwatermark uses for U (its default `scales[1]`). */
export const SCALE = 36;
/** LL blocks are 4×4 (8×8 pixels). */
export const BLOCK = 4;

/** numpy's float floor division `a // b` for b > 0 (npy_divmod: fmod-based, with its rounding fix-up). */
export function pyFloorDiv(a: number, b: number): number {
  let mod = a % b;
  let div = (a - mod) / b;
  if (mod !== 0 && mod < 0) {
    mod += b;
    div -= 1;
  }
  if (div === 0) return 0;
  let fl = Math.floor(div);
  if (div - fl > 0.5) fl += 1;
  return fl;
}

/** The quantised magnitude: 9 (bit 0) or 27 (bit 1) above a multiple of `scale`, sign kept. */
export function quantize(value: number, bit: number, scale: number): number {
  if (value >= 0) return (pyFloorDiv(value, scale) + 0.25 + 0.5 * bit) * scale;
  return -1.0 * (pyFloorDiv(-value, scale) + 0.25 + 0.5 * bit) * scale;
}

/** Where the blocks of an LL band lie: `blocksY × blocksX` blocks, LL row stride `stride`. */
export interface BlockGrid { blocksY: number; blocksX: number; stride: number }

export function blockGrid(llRows: number, llCols: number): BlockGrid {
  return { blocksY: Math.floor(llRows / BLOCK), blocksX: Math.floor(llCols / BLOCK), stride: llCols };
}

/** Index in 1..15 of the largest |value| of the 4×4 block at `base` (first on ties), as `np.argmax`. */
function argmaxAbs(ll: Float64Array | Float32Array, base: number, stride: number): number {
  let best = 1;
  let bestAbs = -1;
  for (let k = 1; k < 16; k++) {
    const a = Math.abs(ll[base + (k >> 2) * stride + (k & 3)]);
    if (a > bestAbs) {
      bestAbs = a;
      best = k;
    }
  }
  return best;
}

/** Embeds `bits` (block n carries bit n mod L) into `ll` in place. A Float32Array band stores float32 results. */
export function embedMaxDct(ll: Float64Array | Float32Array, grid: BlockGrid, bits: Uint8Array, scale = SCALE): void {
  const { blocksY, blocksX, stride } = grid;
  const len = bits.length;
  for (let i = 0, n = 0; i < blocksY; i++) {
    for (let j = 0; j < blocksX; j++, n++) {
      const base = i * BLOCK * stride + j * BLOCK;
      const k = argmaxAbs(ll, base, stride);
      const at = base + (k >> 2) * stride + (k & 3);
      ll[at] = quantize(ll[at], bits[n % len], scale);
    }
  }
}

/** Per block n, whether its largest-|value| coefficient reads as a 1; tallied per bit index. */
export function readMaxDct(ll: Float64Array, grid: BlockGrid, length: number, scale = SCALE): Uint8Array {
  const tally = new BitTally(length);
  const { blocksY, blocksX, stride } = grid;
  for (let i = 0, n = 0; i < blocksY; i++) {
    for (let j = 0; j < blocksX; j++, n++) {
      const base = i * BLOCK * stride + j * BLOCK;
      const k = argmaxAbs(ll, base, stride);
      const val = Math.abs(ll[base + (k >> 2) * stride + (k & 3)]);
      tally.add(n, val % scale > 0.5 * scale);
    }
  }
  return tally.bits();
}

/** The decoder's vote: bit = 1 iff mean(scores)·255 > 127; a bit that got no block reads 0 (NaN > 127). */
export class BitTally {
  private readonly ones: Uint32Array;
  private readonly count: Uint32Array;

  constructor(readonly length: number) {
    this.ones = new Uint32Array(length);
    this.count = new Uint32Array(length);
  }

  add(block: number, one: boolean): void {
    const b = block % this.length;
    this.count[b]++;
    if (one) this.ones[b]++;
  }

  bits(): Uint8Array {
    const out = new Uint8Array(this.length);
    for (let b = 0; b < this.length; b++) {
      const n = this.count[b];
      out[b] = n > 0 && (this.ones[b] / n) * 255 > 127 ? 1 : 0;
    }
    return out;
  }
}
