// OpenCV's COLOR_BGR2YUV / COLOR_YUV2BGR, reproduced exactly: the 8-bit fixed-point path and the
// float32 path (SIMD lanes with FMA, scalar tail without). Ports modules/imgproc/src/color_yuv.simd.hpp
// (RGB2YCrCb_i/_f, YCrCb2RGB_i/_f with isCrCb=false). Hand-written: sharp/libvips use other formulas.
// Input and output here are interleaved RGB (not OpenCV's BGR); planes are row-major, one per channel.

/** Y, U, V planes of one image, `width*height` each. */
export interface YuvPlanes<T extends Uint8Array | Float32Array> { y: T; u: T; v: T }

/** 8-bit RGB → Y, U, V with OpenCV's 14-bit fixed-point coefficients (exact for all 2^24 colours). */
export function rgbToYuv8(rgb: Uint8Array, pixels: number): YuvPlanes<Uint8Array> {
  const y = new Uint8Array(pixels);
  const u = new Uint8Array(pixels);
  const v = new Uint8Array(pixels);
  for (let i = 0, j = 0; i < pixels; i++, j += 3) {
    const r = rgb[j];
    const b = rgb[j + 2];
    // NOTE: U and V use the already rounded Y, as OpenCV does.
    const yy = (1868 * b + 9617 * rgb[j + 1] + 4899 * r + 8192) >> 14;
    y[i] = yy;
    u[i] = clamp8(((b - yy) * 8061 + 2105344) >> 14);
    v[i] = clamp8(((r - yy) * 14369 + 2105344) >> 14);
  }
  return { y, u, v };
}

/** Only the U plane over the top-left `rows × cols` region (what the decoder needs). */
export function rgbToU8(rgb: Uint8Array, width: number, rows: number, cols: number): Uint8Array {
  const u = new Uint8Array(rows * cols);
  for (let r = 0; r < rows; r++) {
    let j = r * width * 3;
    const o = r * cols;
    for (let c = 0; c < cols; c++, j += 3) {
      const b = rgb[j + 2];
      const yy = (1868 * b + 9617 * rgb[j + 1] + 4899 * rgb[j] + 8192) >> 14;
      u[o + c] = clamp8(((b - yy) * 8061 + 2105344) >> 14);
    }
  }
  return u;
}

/** Y, U, V (8-bit) → RGB with OpenCV's fixed-point inverse and saturation. */
export function yuvToRgb8(p: YuvPlanes<Uint8Array>, pixels: number): Uint8Array {
  const out = new Uint8Array(pixels * 3);
  const { y, u, v } = p;
  for (let i = 0, j = 0; i < pixels; i++, j += 3) {
    const yy = y[i];
    const uu = u[i] - 128;
    const vv = v[i] - 128;
    out[j] = clamp8(yy + ((vv * 18678 + 8192) >> 14));
    out[j + 1] = clamp8(yy + ((uu * -6472 + vv * -9519 + 8192) >> 14));
    out[j + 2] = clamp8(yy + ((uu * 33292 + 8192) >> 14));
  }
  return out;
}

function clamp8(x: number): number {
  return x < 0 ? 0 : x > 255 ? 255 : x;
}

// ---- float32 path (diffusers' SDXL watermarker hands OpenCV float32 0..255 values) ----------------

const f = Math.fround;
const R2Y = f(0.299), G2Y = f(0.587), B2Y = f(0.114);
const B2U = f(0.492), R2V = f(0.877);
const U2B = f(2.032), U2G = f(-0.395), V2G = f(-0.581), V2R = f(1.14);
// NOTE: OpenCV treats float images as 0..1, so the chroma offset is 0.5 even for 0..255 values.
const DELTA = 0.5;
/** float32 lanes of OpenCV's AVX2 build (the reference machine); the last `width % LANES` pixels of a row take the scalar path. */
const FLOAT_SIMD_LANES = 8;

const f64 = new Float64Array(1);
const words = new Uint32Array(f64.buffer);
const LO = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1 ? 0 : 1;

/** float32 fused multiply-add a*b+c with one rounding (float64 sum made round-to-odd, then rounded to float32). */
function fma32(a: number, b: number, c: number): number {
  const p = a * b; // exact: two float32 significands fit in a float64
  const s = p + c;
  // TwoSum error of the float64 addition; if non-zero, force the last bit odd (round-to-odd) so the
  // second rounding to float32 cannot land on a false tie.
  const bb = s - p;
  const err = (p - (s - bb)) + (c - bb);
  if (err === 0 || s === 0) return f(s);
  f64[0] = s;
  if ((words[LO] & 1) === 0) {
    const towardBigger = (err > 0) === (s > 0);
    if (towardBigger) {
      if (words[LO] === 0xffffffff) { words[LO] = 0; words[1 - LO]++; } else words[LO]++;
    } else if (words[LO] === 0) { words[LO] = 0xffffffff; words[1 - LO]--; } else words[LO]--;
  }
  return f(f64[0]);
}

/** float32 RGB (0..255) → float32 Y, U, V as OpenCV 4.6 computes on AVX2. */
export function rgbToYuvF32(rgb: Float32Array, width: number, height: number): YuvPlanes<Float32Array> {
  const n = width * height;
  const y = new Float32Array(n);
  const u = new Float32Array(n);
  const v = new Float32Array(n);
  const simdEnd = width - (width % FLOAT_SIMD_LANES);
  for (let row = 0; row < height; row++) {
    for (let col = 0; col < width; col++) {
      const i = row * width + col;
      const r = rgb[3 * i], g = rgb[3 * i + 1], b = rgb[3 * i + 2];
      let yy: number;
      if (col < simdEnd) {
        yy = fma32(b, B2Y, fma32(g, G2Y, f(r * R2Y)));
        u[i] = fma32(f(b - yy), B2U, DELTA);
        v[i] = fma32(f(r - yy), R2V, DELTA);
      } else {
        yy = f(f(f(b * B2Y) + f(g * G2Y)) + f(r * R2Y));
        u[i] = f(f(f(b - yy) * B2U) + DELTA);
        v[i] = f(f(f(r - yy) * R2V) + DELTA);
      }
      y[i] = yy;
    }
  }
  return { y, u, v };
}

/** float32 Y, U, V → float32 RGB (not clamped, as OpenCV leaves float results). */
export function yuvToRgbF32(p: YuvPlanes<Float32Array>, width: number, height: number): Float32Array {
  const out = new Float32Array(width * height * 3);
  const simdEnd = width - (width % FLOAT_SIMD_LANES);
  for (let row = 0; row < height; row++) {
    for (let col = 0; col < width; col++) {
      const i = row * width + col;
      const yy = p.y[i];
      const uu = f(p.u[i] - DELTA);
      const vv = f(p.v[i] - DELTA);
      if (col < simdEnd) {
        out[3 * i] = fma32(vv, V2R, yy);
        out[3 * i + 1] = fma32(vv, V2G, fma32(uu, U2G, yy));
        out[3 * i + 2] = fma32(uu, U2B, yy);
      } else {
        out[3 * i] = f(yy + f(vv * V2R));
        out[3 * i + 1] = f(f(yy + f(uu * U2G)) + f(vv * V2G));
        out[3 * i + 2] = f(yy + f(uu * U2B));
      }
    }
  }
  return out;
}
