// float32 fused multiply-add, as the x86 vfmadd*ps instructions compute it: a*b + c rounded once to float32.
// Hand-written: JavaScript has no fma. Inputs must be float32 values (results of Math.fround).

/**
 * fma(a, b, c) for float32 a, b, c. The product of two float32 values is exact in float64, so a*b + c is
 * rounded once to float64 (s) and then to float32; that double rounding differs from one rounding only when
 * s falls exactly on a float32 midpoint while the float64 sum was inexact. Then the sign of the float64
 * rounding error (two-sum) says on which side of the midpoint the exact value lies.
 */
export function fmaf(a: number, b: number, c: number): number {
  const p = a * b;
  const s = p + c;
  const r = Math.fround(s);
  const d = s - r; // exact: r is the float32 nearest s
  if (d !== 0) {
    const other = r + 2 * d; // the float32 on the other side, when s is their midpoint
    if (Math.fround(other) === other) {
      const bb = s - p;
      const err = (p - (s - bb)) + (c - bb); // exact p + c - s
      if (err !== 0 && (err > 0) === (d > 0)) return other;
    }
  }
  return r;
}
