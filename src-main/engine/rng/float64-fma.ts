// float64 fused multiply-add (a*b + c rounded once), as x86 vfmadd*sd computes it, for the glibc ports.
// Hand-written: JavaScript has no fma. Boldo & Melquiond's emulation (IEEE Trans. Computers 57(4), 2008):
// the exact product as uh + ul (Veltkamp/Dekker), then their correctly rounded sum of three: th + tl = uh + c
// exactly (TwoSum), v = tl + ul rounded to odd, result = RN(th + v). Valid without overflow or underflow
// (|a*b| and |c| well inside the double range); assumes a little-endian host for the bit step.

const SPLITTER = 134217729; // 2^27 + 1

const scratch = new Float64Array(1);
const words = new Uint32Array(scratch.buffer); // [low, high] on little-endian hosts

/** x rounded to odd at double precision, given x = th + tl exactly with th = RN(x). */
function roundToOdd(th: number, tl: number): number {
  if (tl === 0) return th;
  scratch[0] = th;
  if ((words[0] & 1) === 1) return th; // already odd
  // Step one ulp from th towards th + tl: away from zero when tl has th's sign, else towards zero.
  const away = (tl > 0) === (th > 0);
  if (away) {
    words[0] = (words[0] + 1) >>> 0;
    if (words[0] === 0) words[1] = (words[1] + 1) >>> 0;
  } else {
    if (words[0] === 0) words[1] = (words[1] - 1) >>> 0;
    words[0] = (words[0] - 1) >>> 0;
  }
  return scratch[0];
}

export function fma(a: number, b: number, c: number): number {
  const uh = a * b;
  // Exact product error ul = a*b - uh.
  let t = SPLITTER * a;
  const ah = t - (t - a);
  const al = a - ah;
  t = SPLITTER * b;
  const bh = t - (t - b);
  const bl = b - bh;
  const ul = ((ah * bh - uh) + ah * bl + al * bh) + al * bl;
  if (ul === 0) return uh + c;
  // th + tl = uh + c exactly.
  const th = uh + c;
  let bb = th - uh;
  const tl = (uh - (th - bb)) + (c - bb);
  // vh + vl = tl + ul exactly; v = that sum rounded to odd.
  const vh = tl + ul;
  bb = vh - tl;
  const vl = (tl - (vh - bb)) + (ul - bb);
  return th + roundToOdd(vh, vl);
}

/** c - a*b with one rounding (vfnmadd). */
export function fnma(a: number, b: number, c: number): number {
  return fma(-a, b, c);
}
