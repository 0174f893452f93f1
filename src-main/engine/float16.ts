// IEEE 754 half precision <-> float32 conversion on typed arrays (round to nearest even).
// Hand-written: Node 20 has no Float16Array, and onnxruntime-node passes float16 tensors as Uint16Array bits.
// Decoding uses a 65,536-entry table; encoding uses exponent-indexed base/shift tables (van der Zijp).

const F32 = new Float32Array(1);
const U32 = new Uint32Array(F32.buffer);

let decodeTable: Float32Array | undefined;

function buildDecodeTable(): Float32Array {
  const table = new Float32Array(65536);
  for (let h = 0; h < 65536; h++) {
    const sign = (h & 0x8000) << 16;
    const exp = (h >> 10) & 0x1f;
    const mant = h & 0x3ff;
    let bits: number;
    if (exp === 0) {
      if (mant === 0) bits = sign;
      else {
        // subnormal: normalise the mantissa
        let e = -1;
        let m = mant;
        do { e++; m <<= 1; } while ((m & 0x400) === 0);
        bits = sign | ((127 - 15 - e) << 23) | ((m & 0x3ff) << 13);
      }
    } else if (exp === 0x1f) {
      bits = sign | 0x7f800000 | (mant << 13);
    } else {
      bits = sign | ((exp - 15 + 127) << 23) | (mant << 13);
    }
    U32[0] = bits >>> 0;
    table[h] = F32[0];
  }
  return table;
}

/** float16 bits -> float32 values. */
export function float16ToFloat32(src: Uint16Array, dst: Float32Array = new Float32Array(src.length)): Float32Array {
  const table = (decodeTable ??= buildDecodeTable());
  for (let i = 0; i < src.length; i++) dst[i] = table[src[i]];
  return dst;
}

/** One float32 value -> float16 bits, round to nearest even, overflow to infinity, NaN kept. */
export function toFloat16Bits(value: number): number {
  F32[0] = value;
  const x = U32[0];
  const sign = (x >>> 16) & 0x8000;
  const exp = (x >>> 23) & 0xff;
  let mant = x & 0x7fffff;
  if (exp === 0xff) return sign | 0x7c00 | (mant ? 0x200 : 0);
  let e = exp - 127 + 15;
  if (e >= 0x1f) return sign | 0x7c00;
  if (e <= 0) {
    if (e < -10) return sign;
    mant |= 0x800000;
    const shift = 14 - e;
    const half = 1 << (shift - 1);
    const rem = mant & ((1 << shift) - 1);
    let h = mant >>> shift;
    if (rem > half || (rem === half && (h & 1))) h++;
    return sign | h;
  }
  const rem = mant & 0x1fff;
  let h = (e << 10) | (mant >>> 13);
  if (rem > 0x1000 || (rem === 0x1000 && (h & 1))) h++; // may carry into the exponent: correct
  return sign | h;
}

/** float32 values -> float16 bits. */
export function float32ToFloat16(src: Float32Array, dst: Uint16Array = new Uint16Array(src.length)): Uint16Array {
  const bits = new Uint32Array(src.buffer, src.byteOffset, src.length);
  for (let i = 0; i < src.length; i++) {
    const x = bits[i];
    const sign = (x >>> 16) & 0x8000;
    const exp = (x >>> 23) & 0xff;
    // fast path for the normal range of half precision
    if (exp > 112 && exp < 143) {
      const mant = x & 0x7fffff;
      const rem = mant & 0x1fff;
      let h = ((exp - 112) << 10) | (mant >>> 13);
      if (rem > 0x1000 || (rem === 0x1000 && (h & 1))) h++;
      dst[i] = sign | h;
    } else {
      dst[i] = toFloat16Bits(src[i]);
    }
  }
  return dst;
}
