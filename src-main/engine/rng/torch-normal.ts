// How PyTorch's CPU kernels turn mt19937 words into uniform and normal samples (torch 1.13; unchanged in 2.x
// for float32/float64): uniform_real_distribution (aten/src/ATen/core/TransformationHelper.h), normal_fill and
// normal_fill_16 / normal_fill_16_AVX2 (aten/src/ATen/native/cpu/DistributionTemplates.h) for >= 16 elements,
// and normal_distribution<double> with the generator's cached second sample (DistributionsHelper.h) below 16.
// Only mean 0, std 1 (randn): the kernels' final "* std + mean" then just turns -0 into +0.
import { logAvx, sincosAvx } from './avx-mathfun.js';
import { glibcCos, glibcLog, glibcSin } from './glibc-double.js';
import { glibcCosf, glibcLogf, glibcSinf } from './glibc-float.js';
import type { Mt19937 } from './mt19937.js';
import { toFloat16Bits } from '../float16.js';

/** Which float32 Box-Muller kernel: ATen's AVX2 one, or the scalar one (NO AVX, AVX512 and ARM builds). */
export type TorchVariant = 'avx2' | 'scalar';

const f = Math.fround;
const TWO_POW_M24 = 2 ** -24;
const TWO_POW_M53 = 2 ** -53;
const TWO_PI = 2 * Math.PI; // c10::pi<double> * 2, exact in double
const TWO_PI_F = f(TWO_PI); // _mm256_set1_ps(2.0f * c10::pi<double>)

/** uniform_real_distribution<float>(0, 1): the low 24 bits of one word, times 2^-24. */
export function fillUniformFloat32(mt: Mt19937, out: Float32Array, start: number, count: number): void {
  for (let i = start, end = start + count; i < end; i++) out[i] = (mt.nextUint32() & 0xffffff) * TWO_POW_M24;
}

/** uniform_real_distribution<double>(0, 1): random64() = (first word << 32) | second word, low 53 bits, times 2^-53. */
export function nextUniformFloat64(mt: Mt19937): number {
  const hi = mt.nextUint32();
  const lo = mt.nextUint32();
  return ((hi & 0x1fffff) * 4294967296 + lo) * TWO_POW_M53;
}

export function fillUniformFloat64(mt: Mt19937, out: Float64Array, start: number, count: number): void {
  for (let i = start, end = start + count; i < end; i++) out[i] = nextUniformFloat64(mt);
}

const sincosOut = new Float64Array(2);

/** normal_fill_16_AVX2 on data[off .. off+16): lanes j and j+8 form one Box-Muller pair. */
function normalFill16Avx2(data: Float32Array, off: number): void {
  for (let j = off; j < off + 8; j++) {
    const u1 = f(1 - data[j]);
    const u2 = data[j + 8];
    const radius = f(Math.sqrt(-2 * logAvx(u1))); // -2*x is exact; float sqrt via double is correctly rounded
    sincosAvx(f(TWO_PI_F * u2), sincosOut);
    data[j] = radius * sincosOut[1] + 0; // the store rounds the exact float product once; +0 clears -0
    data[j + 8] = radius * sincosOut[0] + 0;
  }
}

/** normal_fill_16<float> with glibc logf/cosf/sinf; theta is computed in double, then rounded to float. */
function normalFill16Scalar(data: Float32Array, off: number): void {
  for (let j = off; j < off + 8; j++) {
    const u1 = f(1 - data[j]);
    const u2 = data[j + 8];
    const radius = f(Math.sqrt(-2 * glibcLogf(u1)));
    const theta = f(TWO_PI * u2);
    data[j] = radius * glibcCosf(theta) + 0;
    data[j + 8] = radius * glibcSinf(theta) + 0;
  }
}

/** normal_fill_16<double>. */
function normalFill16Double(data: Float64Array, off: number): void {
  for (let j = off; j < off + 8; j++) {
    const u1 = 1 - data[j];
    const u2 = data[j + 8];
    const radius = Math.sqrt(-2 * glibcLog(u1));
    const theta = TWO_PI * u2;
    data[j] = radius * glibcCos(theta) + 0;
    data[j + 8] = radius * glibcSin(theta) + 0;
  }
}

/**
 * normal_fill / normal_fill_AVX2 for out.length >= 16: draw every uniform first, transform blocks of 16, and when
 * the length is not a multiple of 16 draw 16 fresh uniforms over the last 16 elements and transform them again.
 */
export function normalFillFloat32(mt: Mt19937, out: Float32Array, variant: TorchVariant): void {
  const n = out.length;
  const fill16 = variant === 'avx2' ? normalFill16Avx2 : normalFill16Scalar;
  fillUniformFloat32(mt, out, 0, n);
  for (let i = 0; i + 16 <= n; i += 16) fill16(out, i);
  if (n % 16 !== 0) {
    fillUniformFloat32(mt, out, n - 16, 16);
    fill16(out, n - 16);
  }
}

/** normal_fill<double> for out.length >= 16 (the same layout, uniforms from random64()). */
export function normalFillFloat64(mt: Mt19937, out: Float64Array): void {
  const n = out.length;
  fillUniformFloat64(mt, out, 0, n);
  for (let i = 0; i + 16 <= n; i += 16) normalFill16Double(out, i);
  if (n % 16 !== 0) {
    fillUniformFloat64(mt, out, n - 16, 16);
    normalFill16Double(out, n - 16);
  }
}

/**
 * at::normal_distribution<double>, used for every dtype when a tensor has fewer than 16 elements. Box-Muller gives
 * two samples; the second (r·sin θ) is kept in the generator and returned by the next call, across randn calls.
 */
export class DoubleNormalSampler {
  private cached: number | undefined;

  constructor(private readonly mt: Mt19937) {}

  next(): number {
    if (this.cached !== undefined) {
      const v = this.cached;
      this.cached = undefined;
      return v + 0;
    }
    const u1 = nextUniformFloat64(this.mt);
    const u2 = nextUniformFloat64(this.mt);
    // NOTE: torch 1.13 computes log(1 - u2); newer torch writes log1p(-u2) (same value, rounding may differ
    // in the last bit of a float64 result).
    const r = Math.sqrt(-2 * glibcLog(1 - u2));
    const theta = TWO_PI * u1;
    this.cached = r * glibcSin(theta);
    return r * glibcCos(theta) + 0;
  }
}

/** The value of float16 bits h (exact as a number). */
function halfToNumber(h: number): number {
  const exp = (h >> 10) & 0x1f;
  const mant = h & 0x3ff;
  const mag = exp === 0 ? mant * 2 ** -24 : (mant + 1024) * 2 ** (exp - 25);
  return h & 0x8000 ? -mag : mag;
}

/** A value rounded to float16 the way c10::Half(float) does from a float or double: via float32. */
function toHalf(value: number): number {
  return halfToNumber(toFloat16Bits(value));
}

/**
 * normal_fill<c10::Half> as in torch 1.13 to 2.7: 11-bit uniforms and Box-Muller in half precision (every
 * named intermediate is a Half; expressions run in float with glibc logf/cosf/sinf). Returns float16 bits.
 */
export function normalFillFloat16(mt: Mt19937, n: number): Uint16Array {
  const values = new Float64Array(n); // the Half values, held exactly
  const drawUniforms = (start: number, count: number): void => {
    for (let i = start; i < start + count; i++) values[i] = (mt.nextUint32() & 0x7ff) * 2 ** -11; // exact in half
  };
  const fill16 = (off: number): void => {
    for (let j = off; j < off + 8; j++) {
      const u1 = toHalf(1 - values[j]);
      const u2 = values[j + 8];
      const radius = toHalf(Math.sqrt(f(-2 * glibcLogf(u1))));
      const theta = toHalf(TWO_PI * u2);
      values[j] = toHalf(radius * glibcCosf(theta) + 0);
      values[j + 8] = toHalf(radius * glibcSinf(theta) + 0);
    }
  };
  drawUniforms(0, n);
  for (let i = 0; i + 16 <= n; i += 16) fill16(i);
  if (n % 16 !== 0) {
    drawUniforms(n - 16, 16);
    fill16(n - 16);
  }
  const out = new Uint16Array(n);
  for (let i = 0; i < n; i++) out[i] = toFloat16Bits(values[i]);
  return out;
}
