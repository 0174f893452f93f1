// One-level 2-D Haar DWT as PyWavelets 1.1.1 computes `pywt.dwt2(x, 'haar')` and `pywt.idwt2`,
// product by product (each product rounded, then each sum), in float64 or float32. Hand-written: the
// low bits decide numpy's truncation to uint8, so no textbook (a+b+c+d)/2 form will do.
// The inverse takes imwatermark's swapped detail bands (maxDct.py / dwtDctSvd.py `encode`).

/** PyWavelets' Haar filter tap, the double nearest 1/√2. */
const H = 0.7071067811865476;
const H32 = Math.fround(H);
const f = Math.fround;

/** The four sub-bands of a `rows × cols` region (both even), each `rows/2 × cols/2`, row-major. */
export interface HaarBands<T extends Float64Array | Float32Array> {
  ll: T; // cA
  h: T; // cH: detail along rows (axis 0), approximation along columns
  v: T; // cV: approximation along rows, detail along columns
  d: T; // cD
  rows: number; // of each band
  cols: number;
}

/**
 * Forward transform of the top-left `rows × cols` of a plane with row stride `stride` (float64).
 * Axis 0 (vertical pairs) first, then axis 1, as `dwtn` does.
 */
export function haarForward64(src: ArrayLike<number>, stride: number, rows: number, cols: number): HaarBands<Float64Array> {
  const br = rows >> 1, bc = cols >> 1;
  const ll = new Float64Array(br * bc), h = new Float64Array(br * bc), v = new Float64Array(br * bc), d = new Float64Array(br * bc);
  for (let i = 0; i < br; i++) {
    const top = 2 * i * stride, bot = top + stride;
    for (let j = 0, k = i * bc; j < bc; j++, k++) {
      const p00 = src[top + 2 * j], p01 = src[top + 2 * j + 1], p10 = src[bot + 2 * j], p11 = src[bot + 2 * j + 1];
      const l0 = H * p10 + H * p00, l1 = H * p11 + H * p01;
      const d0 = -H * p10 + H * p00, d1 = -H * p11 + H * p01;
      ll[k] = H * l1 + H * l0;
      v[k] = -H * l1 + H * l0;
      h[k] = H * d1 + H * d0;
      d[k] = -H * d1 + H * d0;
    }
  }
  return { ll, h, v, d, rows: br, cols: bc };
}

/** Only the approximation band LL of the forward transform (float64), for the decoder. */
export function haarLL64(src: ArrayLike<number>, stride: number, rows: number, cols: number): Float64Array {
  const br = rows >> 1, bc = cols >> 1;
  const ll = new Float64Array(br * bc);
  for (let i = 0; i < br; i++) {
    const top = 2 * i * stride, bot = top + stride;
    for (let j = 0, k = i * bc; j < bc; j++, k++) {
      const l0 = H * src[bot + 2 * j] + H * src[top + 2 * j];
      const l1 = H * src[bot + 2 * j + 1] + H * src[top + 2 * j + 1];
      ll[k] = H * l1 + H * l0;
    }
  }
  return ll;
}

/**
 * Inverse transform with the detail bands exchanged, as imwatermark calls `idwt2((cA, (cV, cH, cD)))`:
 * in exact arithmetic this transposes every 2×2 pixel block. Writes into the 8-bit plane `out` (row
 * stride `stride`): a Uint8Array store truncates and wraps exactly like numpy's unsafe float64 → uint8 cast on x86-64.
 */
export function haarInverseSwapped64(b: HaarBands<Float64Array>, out: Uint8Array, stride: number): void {
  const { ll, d, rows, cols } = b;
  // NOTE: the reference's swap: its "horizontal" band is our cV and its "vertical" band our cH.
  const hs = b.v, vs = b.h;
  for (let i = 0; i < rows; i++) {
    const top = 2 * i * stride, bot = top + stride;
    for (let j = 0, k = i * cols; j < cols; j++, k++) {
      const a = ll[k], hh = hs[k], vv = vs[k], dd = d[k];
      // Axis 1 (columns) first, then axis 0, as `idwtn` undoes them in reverse order.
      const e0 = H * a + H * vv, e1 = H * a + -H * vv;
      const f0 = H * hh + H * dd, f1 = H * hh + -H * dd;
      out[top + 2 * j] = H * e0 + H * f0;
      out[bot + 2 * j] = H * e0 + -H * f0;
      out[top + 2 * j + 1] = H * e1 + H * f1;
      out[bot + 2 * j + 1] = H * e1 + -H * f1;
    }
  }
}

/** Forward transform in float32 (PyWavelets keeps float32 input in float32 with float32 taps). */
export function haarForward32(src: Float32Array, stride: number, rows: number, cols: number): HaarBands<Float32Array> {
  const br = rows >> 1, bc = cols >> 1;
  const ll = new Float32Array(br * bc), h = new Float32Array(br * bc), v = new Float32Array(br * bc), d = new Float32Array(br * bc);
  for (let i = 0; i < br; i++) {
    const top = 2 * i * stride, bot = top + stride;
    for (let j = 0, k = i * bc; j < bc; j++, k++) {
      const p00 = src[top + 2 * j], p01 = src[top + 2 * j + 1], p10 = src[bot + 2 * j], p11 = src[bot + 2 * j + 1];
      const l0 = f(f(H32 * p10) + f(H32 * p00)), l1 = f(f(H32 * p11) + f(H32 * p01));
      const d0 = f(f(-H32 * p10) + f(H32 * p00)), d1 = f(f(-H32 * p11) + f(H32 * p01));
      ll[k] = f(H32 * l1) + f(H32 * l0);
      v[k] = f(-H32 * l1) + f(H32 * l0);
      h[k] = f(H32 * d1) + f(H32 * d0);
      d[k] = f(-H32 * d1) + f(H32 * d0);
    }
  }
  return { ll, h, v, d, rows: br, cols: bc };
}

/** The swapped inverse in float32, written into `out` (a float32 plane with row stride `stride`). */
export function haarInverseSwapped32(b: HaarBands<Float32Array>, out: Float32Array, stride: number): void {
  const { ll, d, rows, cols } = b;
  const hs = b.v, vs = b.h;
  for (let i = 0; i < rows; i++) {
    const top = 2 * i * stride, bot = top + stride;
    for (let j = 0, k = i * cols; j < cols; j++, k++) {
      const a = ll[k], hh = hs[k], vv = vs[k], dd = d[k];
      const e0 = f(f(H32 * a) + f(H32 * vv)), e1 = f(f(H32 * a) + f(-H32 * vv));
      const f0 = f(f(H32 * hh) + f(H32 * dd)), f1 = f(f(H32 * hh) + f(-H32 * dd));
      out[top + 2 * j] = f(H32 * e0) + f(H32 * f0);
      out[bot + 2 * j] = f(H32 * e0) + f(-H32 * f0);
      out[top + 2 * j + 1] = f(H32 * e1) + f(H32 * f1);
      out[bot + 2 * j + 1] = f(H32 * e1) + f(-H32 * f1);
    }
  }
}
