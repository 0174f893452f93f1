// glibc's double log, sin and cos as libm runs them on x86-64 CPUs with FMA (the ifunc variants built with
// -mfma -mavx2): sysdeps/ieee754/dbl-64/e_log.c (ARM optimized-routines) and s_sin.c (IBM Accurate Mathematical
// Library), unchanged from glibc 2.28 to 2.42. Bit for bit, including the multiply-adds GCC 12 fuses there.
// Hand-written: these are not correctly rounded (about 0.06% of logs and 0.15% of sines differ from the correctly
// rounded value) and torch's double Box-Muller calls them. Domain: log of x > 0 normal, sin/cos of |x| < 105414350.
import { fma, fnma } from './float64-fma.js';
import { hexFloat, hexFloats } from './hex-float.js';
import { LOG_TABLE } from './glibc-log-data.js';

const scratch = new Float64Array(1);
const words = new Uint32Array(scratch.buffer); // [low, high], little-endian

// ---- log ---------------------------------------------------------------------------------------------------

const LN2HI = hexFloat('0x1.62e42fefa3800p-1');
const LN2LO = hexFloat('0x1.ef35793c76730p-45');
const [A0, A1, A2, A3, A4] = hexFloats([
  '-0x1.0000000000001p-1', '0x1.555555551305bp-2', '-0x1.fffffffeb459p-3', '0x1.999b324f10111p-3', '-0x1.55575e506c89fp-3',
]);
const [, B1, B2, B3, B4, B5, B6, B7, B8, B9, B10] = hexFloats([
  '-0x1p-1', '0x1.5555555555577p-2', '-0x1.ffffffffffdcbp-3', '0x1.999999995dd0cp-3', '-0x1.55555556745a7p-3',
  '0x1.24924a344de3p-3', '-0x1.fffffa4423d65p-4', '0x1.c7184282ad6cap-4', '-0x1.999eb43b068ffp-4',
  '0x1.78182f7afd085p-4', '-0x1.5521375d145cdp-4',
]);
const NEAR1_LO = 1 - 2 ** -4;
const NEAR1_HI = 1 + hexFloat('0x1.09p-4');

/** glibc log(x) for a normal x > 0. */
export function glibcLog(x: number): number {
  if (x >= NEAR1_LO && x < NEAR1_HI) {
    if (x === 1) return 0;
    const r = x - 1;
    const r2 = r * r;
    const r3 = r * r2;
    const p1 = fma(r2, B3, fma(r, B2, B1));
    const p2 = fma(r2, B6, fma(r, B5, B4));
    const p3 = fma(r3, B10, fma(r2, B9, fma(r, B8, B7)));
    const p = fma(fma(p3, r3, p2), r3, p1);
    // hi + lo = r - r^2/2 with rhi = r rounded to 26 bits (products by powers of two are exact).
    const w = r * 2 ** 27;
    const rhi = r + w - w;
    const rlo = r - rhi;
    const half = rhi * rhi * -0.5;
    const hi = r + half;
    let lo = r - hi + half;
    lo = fma(rlo * -0.5, rhi + r, lo);
    return hi + fma(p, r3, lo);
  }
  scratch[0] = x;
  const lowWord = words[0];
  const highWord = words[1];
  // x = 2^k z with z in [0x1.6p-1, 0x1.6p0); OFF = 0x3fe6000000000000.
  const tmpHigh = (highWord - 0x3fe60000) | 0;
  const i = (tmpHigh >>> 13) & 127;
  const k = tmpHigh >> 20;
  words[1] = (highWord - (tmpHigh & 0xfff00000)) >>> 0;
  words[0] = lowWord;
  const z = scratch[0];
  const invc = LOG_TABLE[2 * i];
  const logc = LOG_TABLE[2 * i + 1];
  const r = fma(z, invc, -1);
  const w = k * LN2HI + logc; // k*ln2hi is exact
  const hi = r + w;
  const lo = fma(k, LN2LO, w - hi + r);
  const r2 = r * r;
  const q = fma(fma(r, A4, A3), r2, fma(r, A2, A1));
  return fma(r * r2, q, fma(r2, A0, lo)) + hi;
}

// ---- sin, cos ----------------------------------------------------------------------------------------------

// usncs.h and s_sin.c constants.
const [S1, S2, S3, S4, S5] = hexFloats([
  '-0x1.5555555555555p-3', '0x1.1111111110ECEp-7', '-0x1.A01A019DB08B8p-13', '0x1.71DE27B9A7ED9p-19', '-0x1.ADDFFC2FCDF59p-26',
]);
const BIG = hexFloat('0x1.8p45'); // big + |x| rounds |x| to a multiple of 2^-7
const HP0 = hexFloat('0x1.921FB54442D18p0');
const HP1 = hexFloat('0x1.1A62633145C07p-54');
const MP1 = hexFloat('0x1.921FB58000000p0');
const MP2 = hexFloat('-0x1.DDE973C000000p-27');
const PP3 = hexFloat('-0x1.CB3B398000000p-55');
const PP4 = hexFloat('-0x1.d747f23e32ed7p-83');
const HPINV = hexFloat('0x1.45F306DC9C883p-1');
const TOINT = hexFloat('0x1.8p52');
const SN3 = -1.66666666666664880952546298448555e-1;
const SN5 = 8.33333214285722277379541354343671e-3;
const CS2 = 4.99999999999999999999950396842453e-1;
const CS4 = -4.16666666666664434524222570944589e-2;
const CS6 = 1.38888874007937613028114285595617e-3;

let sincosTable: Float64Array | undefined;

/**
 * __sincostab: for x = i/128, i = 0..109, sin(x) and cos(x) rounded to double plus the rounded remainders
 * (sn, ssn, cs, ccs). Recomputed here with exact rational arithmetic (BigInt, 2^-240 fixed point): the leading
 * values equal glibc's table; 18 of its 220 remainders are one unit off in the last place (~1e-35), which cannot
 * change a result in practice.
 */
function getSincosTable(): Float64Array {
  if (sincosTable) return sincosTable;
  const FRAC = 240n;
  const one = 1n << FRAC;
  const t = new Float64Array(440);
  for (let i = 0; i < 110; i++) {
    // Taylor series of sin and cos at i/128 in fixed point; the terms fall below 2^-240 long before k = 40.
    let term = one; // x^k / k!
    let sin = 0n;
    let cos = 0n;
    for (let k = 0; k <= 60; k++) {
      switch (k & 3) {
        case 0: cos += term; break;
        case 1: sin += term; break;
        case 2: cos -= term; break;
        default: sin -= term;
      }
      term = (term * BigInt(i)) / (128n * BigInt(k + 1));
      if (term === 0n) break;
    }
    const pair = (v: bigint, at: number): void => {
      const hi = Number(v) * 2 ** -240; // Number(bigint) rounds to nearest: exact scaling by a power of two
      t[at] = hi;
      t[at + 1] = Number(v - BigInt(hi * 2 ** 240)) * 2 ** -240;
    };
    pair(sin, 4 * i);
    pair(cos, 4 * i + 2);
  }
  sincosTable = t;
  return t;
}

function taylorSin(xx: number, a: number, da: number): number {
  const poly = fma(xx, fma(xx, fma(xx, fma(xx, S5, S4), S3), S2), S1);
  return a + fma(xx, fma(a, poly, -(da * 0.5)), da);
}

function doCos(x: number, dx: number): number {
  if (x < 0) dx = -dx;
  const ax = Math.abs(x);
  const u = BIG + ax;
  const k = (u - BIG) * 512; // 4 * round(|x| * 128)
  const xr = ax - (u - BIG) + dx;
  const xx = xr * xr;
  const s = fma(xr * xx, fma(xx, SN5, SN3), xr);
  const c = xx * fma(xx, fma(xx, CS6, CS4), CS2);
  const tab = getSincosTable();
  const sn = tab[k];
  const ssn = tab[k + 1];
  const cs = tab[k + 2];
  const ccs = tab[k + 3];
  const cor = fnma(s, sn, fnma(c, cs, fnma(s, ssn, ccs)));
  return cs + cor;
}

function doSin(x: number, dx: number): number {
  const xold = x;
  if (Math.abs(x) < 0.126) return taylorSin(x * x, x, dx);
  if (x <= 0) dx = -dx;
  const ax = Math.abs(x);
  const u = BIG + ax;
  const k = (u - BIG) * 512;
  const xr = ax - (u - BIG);
  const xx = xr * xr;
  const s = xr + fma(xr * xx, fma(xx, SN5, SN3), dx);
  const c = fma(xr, dx, xx * fma(xx, fma(xx, CS6, CS4), CS2));
  const tab = getSincosTable();
  const sn = tab[k];
  const ssn = tab[k + 1];
  const cs = tab[k + 2];
  const ccs = tab[k + 3];
  const cor = fma(s, cs, fnma(c, sn, fma(s, ccs, ssn)));
  return copySign(sn + cor, xold);
}

function copySign(magnitude: number, sign: number): number {
  return sign < 0 || Object.is(sign, -0) ? -Math.abs(magnitude) : Math.abs(magnitude);
}

const reduced = new Float64Array(2);

/** reduce_sincos: x = n·π/2 + (a + da); returns n & 3 and writes a, da to reduced[0..1]. */
function reduceSincos(x: number): number {
  const t = fma(x, HPINV, TOINT);
  const xn = t - TOINT;
  const y = fnma(xn, MP2, fnma(xn, MP1, x));
  const t2 = fnma(xn, PP3, y);
  let db = fnma(xn, PP3, y - t2);
  const b = fnma(xn, PP4, t2);
  db += fnma(xn, PP4, t2 - b);
  reduced[0] = b;
  reduced[1] = db;
  return xn & 3;
}

function doSincos(a: number, da: number, n: number): number {
  const r = (n & 1) !== 0 ? doCos(a, da) : doSin(a, da);
  return (n & 2) !== 0 ? -r : r;
}

function highWordAbs(x: number): number {
  scratch[0] = x;
  return words[1] & 0x7fffffff;
}

/** glibc sin(x), |x| < 105414350. */
export function glibcSin(x: number): number {
  const k = highWordAbs(x);
  if (k < 0x3e500000) return x;
  if (k < 0x3feb6000) return doSin(x, 0);
  if (k < 0x400368fd) {
    return copySign(doCos(HP0 - Math.abs(x), HP1), x);
  }
  if (k < 0x419921fb) {
    const n = reduceSincos(x);
    return doSincos(reduced[0], reduced[1], n);
  }
  return Number.NaN; // outside this port's domain (glibc's __branred range); torch never passes it
}

/** glibc cos(x), |x| < 105414350. */
export function glibcCos(x: number): number {
  const k = highWordAbs(x);
  if (k < 0x3e400000) return 1;
  if (k < 0x3feb6000) return doCos(x, 0);
  if (k < 0x400368fd) {
    const y = HP0 - Math.abs(x);
    const a = y + HP1;
    const da = (y - a) + HP1;
    return doSin(a, da);
  }
  if (k < 0x419921fb) {
    const n = reduceSincos(x);
    return doSincos(reduced[0], reduced[1], n + 1);
  }
  return Number.NaN;
}
