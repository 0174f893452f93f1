// The math under the noise kernels, checked beyond the fixtures: float32/float64 fma against exact BigInt
// arithmetic; glibc logf/sinf/cosf and torch's AVX2 log/sincos on every input torch can give them (2^24 each);
// glibc double log/sin/cos on 200,000 inputs. The sha256 goldens were made on Debian 12 x86-64 (glibc 2.36, FMA
// CPU, GCC 12.2 -O2 -mavx2 -mfma for the AVX2 kernel) by writing the reference outputs as little-endian arrays.
import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { logAvx, sincosAvx } from '../../src-main/engine/rng/avx-mathfun.js';
import { fmaf } from '../../src-main/engine/rng/float32-fma.js';
import { fma } from '../../src-main/engine/rng/float64-fma.js';
import { glibcCos, glibcLog, glibcSin } from '../../src-main/engine/rng/glibc-double.js';
import { glibcCosf, glibcLogf, glibcSinf } from '../../src-main/engine/rng/glibc-float.js';
import { Mt19937 } from '../../src-main/engine/rng/mt19937.js';
import { nextUniformFloat64 } from '../../src-main/engine/rng/torch-normal.js';

const f = Math.fround;

/** A finite double as mantissa * 2^exponent (both exact). */
function exact(x: number): { m: bigint; e: number } {
  if (x === 0) return { m: 0n, e: 0 };
  const buf = new DataView(new ArrayBuffer(8));
  buf.setFloat64(0, x);
  const bits = buf.getBigUint64(0);
  const biased = Number((bits >> 52n) & 0x7ffn);
  let m = bits & ((1n << 52n) - 1n);
  if (biased !== 0) m |= 1n << 52n;
  return { m: bits >> 63n ? -m : m, e: (biased === 0 ? 1 : biased) - 1075 };
}

/** a*b + c exactly, rounded once to `bits` significant bits (53: float64, 24: float32), ties to even. */
function exactFma(a: number, b: number, c: number, bits: number): number {
  const p = exact(a);
  const q = exact(b);
  const r = exact(c);
  const pe = p.e + q.e;
  const e = Math.min(pe, r.e);
  let n = ((p.m * q.m) << BigInt(pe - e)) + (r.m << BigInt(r.e - e));
  if (n === 0n) return (a * b) + c; // sign of zero as IEEE
  const neg = n < 0n;
  if (neg) n = -n;
  // Keep bits+2 bits (guard and a sticky bit) so the final double->format rounding is a single correct one.
  const len = n.toString(2).length;
  let shift = len - (bits + 2);
  if (shift > 0) {
    const sticky = (n & ((1n << BigInt(shift)) - 1n)) !== 0n ? 1n : 0n;
    n = (n >> BigInt(shift)) | sticky;
  } else shift = 0;
  const v = Number(n) * 2 ** (e + shift);
  const rounded = bits === 24 ? f(v) : v;
  return neg ? -rounded : rounded;
}

function randomDouble(rnd: () => number, emin: number, emax: number): number {
  const m = 1 + rnd();
  return (rnd() < 0.5 ? -1 : 1) * m * 2 ** Math.floor(emin + rnd() * (emax - emin));
}

describe('fused multiply-add emulation', () => {
  // A small deterministic generator (mulberry32) for reproducible random operands.
  const rng = (seed: number) => () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };

  it('float64 fma equals the exact result on random, cancelling and near-tie operands', () => {
    const rnd = rng(1);
    let bad = 0;
    for (let i = 0; i < 30000; i++) {
      const a = randomDouble(rnd, -40, 40);
      const b = randomDouble(rnd, -40, 40);
      let c: number;
      switch (i % 3) {
        case 0: c = randomDouble(rnd, -90, 90); break;
        case 1: c = -(a * b) * (1 + (rnd() - 0.5) * 2 ** -40); break; // heavy cancellation
        default: c = -(a * b); // the product's rounding error is all that is left
      }
      if (!Object.is(fma(a, b, c), exactFma(a, b, c, 53))) bad++;
    }
    expect(bad).toBe(0);
  });

  it('float32 fmaf equals the exact result, including double-rounding midpoints', () => {
    const rnd = rng(2);
    let bad = 0;
    let doubleRounded = 0; // cases where rounding a*b + c to float64 first gives the wrong float32
    for (let i = 0; i < 30000; i++) {
      let a = f(randomDouble(rnd, -20, 20));
      let b = f(randomDouble(rnd, -20, 20));
      let c = f(randomDouble(rnd, -45, 45));
      if (i % 2 === 1) {
        // a*b = 2^e (1 - u²·2^-46) sits just below c's float32 midpoint; in float64 it rounds onto the midpoint.
        const u = 1 + Math.floor(rnd() * 64);
        const e = Math.floor(rnd() * 40) - 20;
        const sign = rnd() < 0.5 ? -1 : 1;
        a = sign * f((1 + u * 2 ** -23) * 2 ** e);
        b = f(1 - u * 2 ** -23);
        const odd = 2 ** 23 + 2 * Math.floor(rnd() * 2 ** 22) + (i % 4 === 1 ? 1 : 0);
        c = sign * odd * 2 ** (e + 1);
      }
      const want = exactFma(a, b, c, 24);
      if (f(a * b + c) !== want) doubleRounded++;
      if (!Object.is(fmaf(a, b, c), want)) bad++;
    }
    expect(bad).toBe(0);
    expect(doubleRounded).toBeGreaterThan(0);
  });
});

/** sha256 over a float32 function of every k in [0, 2^24), in chunks. */
function hashDomain(fn: (k: number) => number): string {
  const hash = createHash('sha256');
  const chunk = new Float32Array(1 << 20);
  for (let base = 0; base < 1 << 24; base += chunk.length) {
    for (let i = 0; i < chunk.length; i++) chunk[i] = fn(base + i);
    hash.update(new Uint8Array(chunk.buffer));
  }
  return hash.digest('hex');
}

const uniform = (k: number) => k * 2 ** -24; // what uniform_real_distribution<float> can return
const TWO_PI_F = f(2 * Math.PI);

describe('float32 kernels on their whole input domain (2^24 inputs each)', () => {
  it('glibc logf(1 - u)', () => {
    expect(hashDomain((k) => glibcLogf(f(1 - uniform(k))))).toBe('87df1a963dc44a28d123af1a15f80098af865dea8ef2a4d8079deec10de451bc');
  });
  it('glibc sinf and cosf of (float)(2π·u) in double', () => {
    expect(hashDomain((k) => glibcSinf(f(2 * Math.PI * uniform(k))))).toBe('abe1577cb74ef47d82b194b8e0ccdf573e710166350cf0e3aa6d009e0c5fc21a');
    expect(hashDomain((k) => glibcCosf(f(2 * Math.PI * uniform(k))))).toBe('505442c7683ba19b14c844adaabcec40648dde61da9e9f1c735939d0f83aa809');
  });
  it('AVX2 log256_ps(1 - u)', () => {
    expect(hashDomain((k) => logAvx(f(1 - uniform(k))))).toBe('20e15d6387eaf272777e51b53cb92f0d8d6c4bf7ae46cab661205cb928f524bd');
  });
  it('AVX2 sincos256_ps of 2π·u in float', () => {
    const sc = new Float64Array(2);
    expect(hashDomain((k) => (sincosAvx(f(TWO_PI_F * uniform(k)), sc), sc[0]))).toBe('cf51824cdb98f1c2f535f4cc1c24ce27ce429632ece60d42249e211f555b8dca');
    expect(hashDomain((k) => (sincosAvx(f(TWO_PI_F * uniform(k)), sc), sc[1]))).toBe('0159be50a0cb9ad5d1e32bf5a361bd792fd09b17bdcf5b000e8a4fe4638cde4d');
  });
  it('correctly rounded functions would not do: glibc logf is not fround(Math.log)', () => {
    let differ = 0;
    for (let k = 0; k < 1 << 20; k++) if (glibcLogf(f(1 - uniform(k))) !== f(Math.log(f(1 - uniform(k))))) differ++;
    expect(differ).toBeGreaterThan(1000);
  });
});

describe('glibc double log, sin, cos (FMA build)', () => {
  it('match glibc 2.36 on 200,000 torch-like inputs', () => {
    // Inputs: a torch mt19937 seeded 20240601; per i, x = 1 - u and θ = 2π·u' with u, u' from random64().
    const mt = new Mt19937(20240601);
    const n = 200000;
    const log = new Float64Array(n);
    const sin = new Float64Array(n);
    const cos = new Float64Array(n);
    for (let i = 0; i < n; i++) {
      const x = 1 - nextUniformFloat64(mt);
      const theta = 2 * Math.PI * nextUniformFloat64(mt);
      log[i] = glibcLog(x);
      sin[i] = glibcSin(theta);
      cos[i] = glibcCos(theta);
    }
    const sha = (a: Float64Array) => createHash('sha256').update(new Uint8Array(a.buffer)).digest('hex');
    expect(sha(log)).toBe('906cacd45298c23cade80ef1e1e82136e1bf4a49bf4b69f83e0dc7d38a3ac893');
    expect(sha(sin)).toBe('02707e7417fc8fb0fc3a281f5a59b0067dd0ccb25bbb2f8b31c44fa9f2b33360');
    expect(sha(cos)).toBe('aa1aae27b4fe663dfc25b9e2082772e849a3db131c5dfcb9ba2d46f9df53c4d5');
  });

  it('cover the ranges outside torch\'s: negative, tiny and large arguments, logs far from 1', () => {
    expect(glibcSin(-0)).toBe(-0);
    expect(glibcSin(1e-10)).toBe(1e-10);
    expect(glibcCos(1e-10)).toBe(1);
    expect(glibcSin(-1)).toBe(-glibcSin(1));
    expect(glibcCos(-2)).toBe(glibcCos(2));
    expect(Math.abs(glibcSin(1000) - Math.sin(1000))).toBeLessThan(1e-15);
    expect(Math.abs(glibcCos(123456.789) - Math.cos(123456.789))).toBeLessThan(1e-10);
    expect(Math.abs(glibcLog(1e-300) - Math.log(1e-300))).toBeLessThan(1e-12);
    expect(glibcLog(1)).toBe(0);
    expect(glibcLog(2)).toBe(Math.LN2);
  });
});
