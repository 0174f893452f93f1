// torch.Generator('cpu').manual_seed(seed) and the draws diffusers makes from it: randn (float32/float64) and
// rand, each call continuing the same stream, as one torch generator object would.
import { Mt19937 } from './mt19937.js';
import { mt19937Seed } from './seed.js';
import { elementCount } from './shape.js';
import { toFloat16Bits } from '../float16.js';
import {
  DoubleNormalSampler, fillUniformFloat32, fillUniformFloat64, normalFillFloat16, normalFillFloat32, normalFillFloat64,
  type TorchVariant,
} from './torch-normal.js';

export class TorchGenerator {
  readonly seed: bigint;
  readonly variant: TorchVariant;
  private readonly mt: Mt19937;
  /** Holds the generator's cached second Box-Muller sample (next_double_normal_sample). */
  private readonly doubleNormal: DoubleNormalSampler;

  constructor(seed: bigint, variant: TorchVariant = 'avx2') {
    this.seed = seed;
    this.variant = variant;
    this.mt = new Mt19937(mt19937Seed(seed));
    this.doubleNormal = new DoubleNormalSampler(this.mt);
  }

  /** torch.randn(shape, generator=g) in float32. */
  randn(shape: readonly number[]): Float32Array {
    const n = elementCount(shape);
    const out = new Float32Array(n);
    if (n >= 16) normalFillFloat32(this.mt, out, this.variant);
    else for (let i = 0; i < n; i++) out[i] = this.doubleNormal.next();
    return out;
  }

  /** torch.randn(shape, generator=g, dtype=torch.float64). */
  randnFloat64(shape: readonly number[]): Float64Array {
    const n = elementCount(shape);
    const out = new Float64Array(n);
    if (n >= 16) normalFillFloat64(this.mt, out);
    else for (let i = 0; i < n; i++) out[i] = this.doubleNormal.next();
    return out;
  }

  /**
   * torch.randn(shape, generator=g, dtype=torch.float16) as torch 1.13 to 2.7 compute it on the CPU (half-precision
   * Box-Muller; torch 2.8+ draws float32 and casts instead), as float16 bits. Same for both variants.
   */
  randnFloat16(shape: readonly number[]): Uint16Array {
    const n = elementCount(shape);
    if (n >= 16) return normalFillFloat16(this.mt, n);
    const out = new Uint16Array(n);
    for (let i = 0; i < n; i++) out[i] = toFloat16Bits(this.doubleNormal.next());
    return out;
  }

  /** torch.rand(shape, generator=g) in float32: [0, 1) in steps of 2^-24. */
  rand(shape: readonly number[]): Float32Array {
    const n = elementCount(shape);
    const out = new Float32Array(n);
    fillUniformFloat32(this.mt, out, 0, n);
    return out;
  }

  /** torch.rand(shape, generator=g, dtype=torch.float64): [0, 1) in steps of 2^-53. */
  randFloat64(shape: readonly number[]): Float64Array {
    const n = elementCount(shape);
    const out = new Float64Array(n);
    fillUniformFloat64(this.mt, out, 0, n);
    return out;
  }
}
