// glibc's float logf, sinf and cosf (sysdeps/ieee754/flt-32: e_logf.c, s_sinf.c, s_cosf.c, s_sincosf.h,
// sincosf_poly.h; the ARM optimized-routines algorithms in glibc since 2.28), reproduced bit for bit.
// Hand-written because those functions are not correctly rounded (about 0.7% of logf and 1.3% of sinf/cosf
// results on torch's inputs differ from the correctly rounded value) and torch's scalar Box-Muller calls them.
// The double arithmetic is done without fused multiply-adds: glibc's FMA build gives the same float results
// on every input torch can pass (checked exhaustively against glibc 2.36). Domain here: logf for x > 0,
// sinf/cosf for |x| < 120 (torch passes [0, 2π)).

import { hexFloat, hexFloats } from './hex-float.js';

const scratchF32 = new Float32Array(1);
const scratchU32 = new Uint32Array(scratchF32.buffer);

function bitsOf(x: number): number {
  scratchF32[0] = x;
  return scratchU32[0];
}

function floatOf(bits: number): number {
  scratchU32[0] = bits;
  return scratchF32[0];
}

// __logf_data (e_logf_data.c): 1/c and log(c) for 16 subintervals, ln 2, and the log1p polynomial.
const LOGF_INVC = hexFloats([
  '0x1.661ec79f8f3bep+0', '0x1.571ed4aaf883dp+0', '0x1.49539f0f010bp+0', '0x1.3c995b0b80385p+0',
  '0x1.30d190c8864a5p+0', '0x1.25e227b0b8eap+0', '0x1.1bb4a4a1a343fp+0', '0x1.12358f08ae5bap+0',
  '0x1.0953f419900a7p+0', '0x1p+0', '0x1.e608cfd9a47acp-1', '0x1.ca4b31f026aap-1',
  '0x1.b2036576afce6p-1', '0x1.9c2d163a1aa2dp-1', '0x1.886e6037841edp-1', '0x1.767dcf5534862p-1',
]);
const LOGF_LOGC = hexFloats([
  '-0x1.57bf7808caadep-2', '-0x1.2bef0a7c06ddbp-2', '-0x1.01eae7f513a67p-2', '-0x1.b31d8a68224e9p-3',
  '-0x1.6574f0ac07758p-3', '-0x1.1aa2bc79c81p-3', '-0x1.a4e76ce8c0e5ep-4', '-0x1.1973c5a611cccp-4',
  '-0x1.252f438e10c1ep-5', '0x0p+0', '0x1.aa5aa5df25984p-5', '0x1.c5e53aa362eb4p-4',
  '0x1.526e57720db08p-3', '0x1.bc2860d22477p-3', '0x1.1058bc8a07ee1p-2', '0x1.4043057b6ee09p-2',
]);
const LN2 = hexFloat('0x1.62e42fefa39efp-1');
const LOGF_A0 = hexFloat('-0x1.00ea348b88334p-2');
const LOGF_A1 = hexFloat('0x1.5575b0be00b6ap-2');
const LOGF_A2 = hexFloat('-0x1.ffffef20a4123p-2');

/** glibc logf for a float32 value x > 0 (subnormals included). */
export function glibcLogf(x: number): number {
  let ix = bitsOf(x);
  if (ix === 0x3f800000) return 0;
  if (ix < 0x00800000) ix = bitsOf(x * 2 ** 23) - (23 << 23); // subnormal: normalize
  const tmp = (ix - 0x3f330000) >>> 0;
  const i = (tmp >>> 19) & 15;
  const k = (tmp | 0) >> 23;
  const z = floatOf((ix - (tmp & 0xff800000)) >>> 0);
  const r = z * LOGF_INVC[i] - 1;
  const y0 = LOGF_LOGC[i] + k * LN2;
  const r2 = r * r;
  let y = LOGF_A1 * r + LOGF_A2;
  y = LOGF_A0 * r2 + y;
  y = y * r2 + (y0 + r);
  return Math.fround(y);
}

// __sincosf_table (s_sincosf_data.c, non-TOINT_INTRINSICS build as on x86-64). Entry 1 negates the
// cosine polynomial. Layout per entry: c0..c4 (cosine), s1..s3 (sine).
const SINCOSF = [
  hexFloats(['0x1p+0', '-0x1.ffffffd0c621cp-2', '0x1.55553e1068f19p-5', '-0x1.6c087e89a359dp-10', '0x1.99343027bf8c3p-16',
    '-0x1.555545995a603p-3', '0x1.1107605230bc4p-7', '-0x1.994eb3774cf24p-13']),
  hexFloats(['-0x1p+0', '0x1.ffffffd0c621cp-2', '-0x1.55553e1068f19p-5', '0x1.6c087e89a359dp-10', '-0x1.99343027bf8c3p-16',
    '-0x1.555545995a603p-3', '0x1.1107605230bc4p-7', '-0x1.994eb3774cf24p-13']),
];
const HPI_INV_SCALED = hexFloat('0x1.45f306dc9c883p+23'); // 2/π · 2^24
const HPI = hexFloat('0x1.921fb54442d18p0');
const QUADRANT_SIGN = [1, -1, -1, 1];
const TOP12_PIO4 = 0x3f4; // abstop12((float)(π/4))
const TOP12_TINY = 0x398; // abstop12(0x1p-12f)
const TOP12_120 = 0x42f; // abstop12(120.0f)

/** sinf_poly: the sine polynomial for even n, the cosine one for odd n. */
function sinfPoly(x: number, x2: number, p: Float64Array, n: number): number {
  if ((n & 1) === 0) {
    const x3 = x * x2;
    const s1 = p[6] + x2 * p[7];
    const x7 = x3 * x2;
    const s = x + x3 * p[5];
    return Math.fround(s + x7 * s1);
  }
  const x4 = x2 * x2;
  const c2 = p[3] + x2 * p[4];
  const c1 = p[0] + x2 * p[1];
  const x6 = x4 * x2;
  const c = c1 + x4 * p[2];
  return Math.fround(c + x6 * c2);
}

function sinOrCos(y: number, wantCos: boolean): number {
  const top = (bitsOf(y) >>> 20) & 0x7ff;
  if (top < TOP12_PIO4) {
    if (top < TOP12_TINY) return wantCos ? 1 : y;
    return sinfPoly(y, y * y, SINCOSF[0], wantCos ? 1 : 0);
  }
  if (top >= TOP12_120) return Number.NaN; // outside this port's domain (torch never passes it)
  const r = y * HPI_INV_SCALED;
  const n = ((r | 0) + 0x800000) >> 24;
  const x = y - n * HPI;
  const p = SINCOSF[(n & 2) === 0 ? 0 : 1];
  return sinfPoly(x * QUADRANT_SIGN[n & 3], x * x, p, wantCos ? n ^ 1 : n);
}

/** glibc sinf for a float32 value, |y| < 120. */
export function glibcSinf(y: number): number {
  return sinOrCos(y, false);
}

/** glibc cosf for a float32 value, |y| < 120. */
export function glibcCosf(y: number): number {
  return sinOrCos(y, true);
}
