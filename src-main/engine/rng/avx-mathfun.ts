// One lane of PyTorch's AVX2 log256_ps and sincos256_ps (aten/src/ATen/native/cpu/avx_mathfun.h, the cephes
// float polynomials of Pommier's sse_mathfun), reproduced bit for bit in float32, including the FMA contractions
// GCC 12 makes at -O2 -mavx2 -mfma (read from its output, and confirmed on every input torch can pass here).
// Hand-written: no library exposes these approximations. Valid for the inputs torch's normal_fill_16_AVX2 feeds
// them: log of x in (0, 1], sincos of x in [0, 2π).
import { fmaf } from './float32-fma.js';

const f = Math.fround;

const scratchF32 = new Float32Array(1);
const scratchU32 = new Uint32Array(scratchF32.buffer);

// log256_ps constants (each a float32 constant in the original).
const SQRTHF = f(0.707106781186547524);
const LOG_P = [
  7.0376836292e-2, -1.1514610310e-1, 1.1676998740e-1, -1.2420140846e-1, 1.4249322787e-1,
  -1.6668057665e-1, 2.0000714765e-1, -2.4999993993e-1, 3.3333331174e-1,
].map(f);
const [P0, P1, P2, P3, P4, P5, P6, P7, P8] = LOG_P;
const LOG_Q1 = f(-2.12194440e-4);
const LOG_Q2 = f(0.693359375);
const MIN_NORM = 2 ** -126;

/** log256_ps for one lane, x > 0. */
export function logAvx(x: number): number {
  if (x < MIN_NORM) x = MIN_NORM; // "cut off denormalized stuff"
  scratchF32[0] = x;
  const bits = scratchU32[0];
  // Exponent and mantissa: m in [0.5, 1), x = m * 2^e.
  let e = (bits >>> 23) - 127 + 1;
  scratchU32[0] = (bits & 0x807fffff) | 0x3f000000;
  const m = scratchF32[0];
  let t: number;
  if (m < SQRTHF) {
    e -= 1;
    t = f(f(m - 1) + m);
  } else {
    t = f(m - 1);
  }
  const z = f(t * t);
  let y = fmaf(P0, t, P1);
  y = fmaf(y, t, P2);
  y = fmaf(y, t, P3);
  y = fmaf(y, t, P4);
  y = fmaf(y, t, P5);
  y = fmaf(y, t, P6);
  y = fmaf(y, t, P7);
  y = fmaf(y, t, P8);
  y = f(y * t);
  // NOTE: GCC fuses y*z with the following add and keeps e*q1 as a separate, rounded product.
  y = fmaf(y, z, f(e * LOG_Q1));
  y = f(y - z * 0.5); // vfnmadd of an exact product: one rounding
  const s = f(t + y);
  return fmaf(e, LOG_Q2, s);
}

// sincos256_ps constants.
const FOPI = f(1.27323954473516);
const MINUS_DP1 = f(-0.78515625);
const MINUS_DP2 = f(-2.4187564849853515625e-4);
const MINUS_DP3 = f(-3.77489497744594108e-8);
const SIN_P0 = f(-1.9515295891e-4);
const SIN_P1 = f(8.3321608736e-3);
const SIN_P2 = f(-1.6666654611e-1);
const COS_P0 = f(2.443315711809948e-5);
const COS_P1 = f(-1.388731625493765e-3);
const COS_P2 = f(4.166664568298827e-2);

/** sincos256_ps for one lane, 0 <= x < 2^31: writes sin(x) to out[0] and cos(x) to out[1]. */
export function sincosAvx(x: number, out: Float64Array): void {
  let j = f(x * FOPI) | 0; // cvttps: truncation
  j = (j + 1) & ~1;
  const y = j; // exact as float32 for these magnitudes
  let r = fmaf(y, MINUS_DP1, x);
  r = fmaf(y, MINUS_DP2, r);
  r = fmaf(y, MINUS_DP3, r);
  const negSin = (j & 4) !== 0;
  const negCos = (~(j - 2) & 4) !== 0;
  const z = f(r * r);
  // Cosine polynomial. NOTE: GCC fuses the second y*z with "- z*0.5" (vfmsub), the first stays rounded.
  let yc = fmaf(COS_P0, z, COS_P1);
  yc = fmaf(yc, z, COS_P2);
  yc = f(yc * z);
  yc = fmaf(yc, z, -(z * 0.5));
  yc = f(yc + 1);
  // Sine polynomial.
  let ys = fmaf(SIN_P0, z, SIN_P1);
  ys = fmaf(ys, z, SIN_P2);
  ys = f(ys * z);
  ys = fmaf(ys, r, r);
  // Select by quadrant; the original adds +0 to the chosen value (so -0 becomes +0) before flipping signs.
  let sin: number;
  let cos: number;
  if ((j & 2) === 0) {
    sin = ys + 0;
    cos = yc + 0;
  } else {
    sin = yc + 0;
    cos = ys + 0;
  }
  out[0] = negSin ? -sin : sin;
  out[1] = negCos ? -cos : cos;
}
