// Seeded initializer values: each tensor has its own xoshiro128** stream seeded from (seed, component,
// name), so values never depend on write order. Uniform noise stands in for normal (same variance).
// Hand-written: Math.random/crypto cannot be seeded identically everywhere. Bytes are little-endian.
import { float32ToFloat16 } from '../../src-main/engine/float16.js';
import type { Fill, Initializer } from './graph-builder.js';
import { ELEM_BYTES } from '../../src-main/engine/onnx/index.js';

/** FNV-1a over a string, as the seed of one tensor's stream. */
export function tensorSeed(seed: number, component: string, name: string): number {
  let h = 0x811c9dc5 ^ (seed >>> 0);
  const key = `${Math.floor(seed / 2 ** 32)}:${component}:${name}`;
  for (let i = 0; i < key.length; i++) {
    h ^= key.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

/** Fills `out` with uniform noise of standard deviation `std` (mean 0) from `seed`. */
export function fillUniform(out: Float32Array, std: number, seed: number): void {
  // splitmix32 expands the seed into the four state words.
  let z = seed >>> 0;
  const next = () => {
    z = (z + 0x9e3779b9) >>> 0;
    let t = z;
    t = Math.imul(t ^ (t >>> 16), 0x85ebca6b);
    t = Math.imul(t ^ (t >>> 13), 0xc2b2ae35);
    return (t ^ (t >>> 16)) >>> 0;
  };
  let s0 = next(), s1 = next(), s2 = next(), s3 = next();
  if ((s0 | s1 | s2 | s3) === 0) s0 = 1;
  const scale = (std * Math.sqrt(3) * 2) / 4294967296;
  const offset = std * Math.sqrt(3);
  for (let i = 0; i < out.length; i++) {
    // xoshiro128**
    const r = Math.imul(rotl(Math.imul(s1, 5), 7), 9) >>> 0;
    const t = s1 << 9;
    s2 ^= s0;
    s3 ^= s1;
    s1 ^= s2;
    s0 ^= s3;
    s2 ^= t;
    s3 = rotl(s3, 11);
    out[i] = r * scale - offset;
  }
}

function rotl(x: number, k: number): number {
  return (x << k) | (x >>> (32 - k));
}

function numel(dims: number[]): number {
  return dims.reduce((a, b) => a * b, 1);
}

function float32Values(init: Initializer, seed: number, component: string): Float32Array {
  const out = new Float32Array(numel(init.dims));
  const fill: Fill = init.fill;
  if (fill.kind === 'uniform') fillUniform(out, fill.std, tensorSeed(seed, component, init.name));
  else if (fill.kind === 'constant') out.fill(fill.value);
  else out.set(fill.values);
  return out;
}

/** Bytes of an initializer's raw_data (little-endian). */
export function initializerBytes(init: Initializer, seed: number, component: string): Uint8Array {
  switch (init.type) {
    case 'float32': {
      const v = float32Values(init, seed, component);
      return new Uint8Array(v.buffer, v.byteOffset, v.byteLength);
    }
    case 'float16': {
      const v = float32ToFloat16(float32Values(init, seed, component));
      return new Uint8Array(v.buffer, v.byteOffset, v.byteLength);
    }
    case 'int64': {
      const values = init.fill.kind === 'values' ? Array.from(init.fill.values) : new Array(numel(init.dims)).fill(init.fill.kind === 'constant' ? init.fill.value : 0);
      const v = BigInt64Array.from(values, (x) => BigInt(x));
      return new Uint8Array(v.buffer);
    }
    case 'int32': {
      const v = init.fill.kind === 'values' ? Int32Array.from(init.fill.values) : new Int32Array(float32Values(init, seed, component));
      return new Uint8Array(v.buffer);
    }
    case 'bool': {
      return Uint8Array.from(float32Values(init, seed, component), (x) => (x ? 1 : 0));
    }
  }
}

/** Byte length of an initializer's raw_data. */
export function initializerByteLength(init: Initializer): number {
  return numel(init.dims) * ELEM_BYTES[init.type];
}
