// AUTOMATIC1111's "NV" generator (modules/rng_philox.py): Philox 4x32-10 per element (counter = [offset, 0, index,
// 0], key = the 32-bit halves of the seed as uint64) and one Box-Muller branch in float64, as WebUI runs it with
// numpy to imitate torch.randn on CUDA. Each randn call advances the offset. Hand-written: no npm package has it.
import { glibcLog, glibcSin } from './glibc-double.js';
import { elementCount } from './shape.js';

const M0 = 0xd2511f53;
const M1 = 0xcd9e8d57;
const W0 = 0x9e3779b9;
const W1 = 0xbb67ae85;
// numpy float32 constants, widened to float64 where the script multiplies them with uint32 arrays.
const INV_2POW32 = Math.fround(2.3283064e-10);
const INV_2POW32_2PI = Math.fround(2.3283064e-10 * 6.2831855);
const NEAR_TIE = 2 ** -40;

/** High 32 bits of the 64-bit product a * b for unsigned 32-bit a, b. */
function mulHi(a: number, b: number): number {
  const t = a * (b & 0xffff); // < 2^48: exact
  const u = a * (b >>> 16);
  return Math.floor((u + Math.floor(t / 65536)) / 65536);
}

/**
 * sqrt(-2 log u) · sin v in float64, rounded to float32. V8's log/sin are within an ulp of glibc's, so their
 * product rounds to the same float32 unless it lies within 2^-40 (relative) of a float32 rounding boundary;
 * only then is the exact glibc computation needed.
 */
function boxMullerSin(u: number, v: number): number {
  const r = Math.sqrt(-2 * Math.log(u)) * Math.sin(v);
  if (Math.fround(r * (1 + NEAR_TIE)) === Math.fround(r * (1 - NEAR_TIE))) return r;
  return Math.sqrt(-2 * glibcLog(u)) * glibcSin(v);
}

export class PhiloxGenerator {
  readonly seed: bigint;
  private readonly key0: number;
  private readonly key1: number;
  private offset = 0;

  constructor(seed: bigint) {
    this.seed = seed;
    const key = BigInt.asUintN(64, seed);
    this.key0 = Number(key & 0xffffffffn);
    this.key1 = Number(key >> 32n);
  }

  /** Generator.randn(shape) of rng_philox.py, as float32. */
  randn(shape: readonly number[]): Float32Array {
    const n = elementCount(shape);
    const out = new Float32Array(n);
    const offset = this.offset >>> 0;
    this.offset++;
    for (let i = 0; i < n; i++) {
      let c0 = offset;
      let c1 = 0;
      let c2 = i;
      let c3 = 0;
      let k0 = this.key0;
      let k1 = this.key1;
      for (let round = 0; round < 10; round++) {
        if (round > 0) {
          k0 = (k0 + W0) >>> 0;
          k1 = (k1 + W1) >>> 0;
        }
        const hi0 = mulHi(c0, M0);
        const lo0 = Math.imul(c0, M0) >>> 0;
        const hi1 = mulHi(c2, M1);
        const lo1 = Math.imul(c2, M1) >>> 0;
        c0 = (hi1 ^ c1 ^ k0) >>> 0;
        c1 = lo1;
        c2 = (hi0 ^ c3 ^ k1) >>> 0;
        c3 = lo0;
      }
      // box_muller(g[0], g[1]): only the sine branch is kept.
      const u = c0 * INV_2POW32 + INV_2POW32 / 2;
      const v = c1 * INV_2POW32_2PI + INV_2POW32_2PI / 2;
      out[i] = boxMullerSin(u, v);
    }
    return out;
  }
}
