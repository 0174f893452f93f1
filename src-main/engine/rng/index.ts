// Seeded initial noise that reproduces reference generators bit for bit: PyTorch's CPU generator (mt19937 +
// torch's Box-Muller kernels, AVX2 or scalar) and AUTOMATIC1111's Philox "NV" generator. Not here: CUDA's own
// generator (only its WebUI imitation), bfloat16, and torch >= 2.8's float16 randn (float32 then cast).
import type { RngSource } from '../../../src-shared/generation-params.js';
import { StudioError } from '../../../src-shared/errors.js';
import { PhiloxGenerator } from './philox.js';
import { parseSeed } from './seed.js';
import { TorchGenerator } from './torch-generator.js';

export { parseSeed, randomSeed, MIN_SEED, MAX_SEED } from './seed.js';
export { TorchGenerator } from './torch-generator.js';
export { PhiloxGenerator } from './philox.js';
export type { TorchVariant } from './torch-normal.js';

/** A stream of normal noise; successive randn calls continue it, as diffusers' one generator per generation. */
export interface NoiseGenerator {
  readonly source: RngSource;
  readonly seed: bigint;
  randn(shape: readonly number[]): Float32Array;
}

const SOURCES: readonly RngSource[] = ['torch-cpu', 'torch-cpu-scalar', 'philox'];

/** 'torch-cpu' is torch's default x86-64 (AVX2) kernel; 'torch-cpu-scalar' its scalar one; 'philox' WebUI's NV. */
export function createGenerator(source: RngSource, seed: bigint): NoiseGenerator {
  seed = parseSeed(seed); // range check (engine/bad-seed), also for callers that bypass the types
  switch (source) {
    case 'torch-cpu':
    case 'torch-cpu-scalar': {
      const gen = new TorchGenerator(seed, source === 'torch-cpu' ? 'avx2' : 'scalar');
      return { source, seed, randn: (shape) => gen.randn(shape) };
    }
    case 'philox': {
      const gen = new PhiloxGenerator(seed);
      return { source, seed, randn: (shape) => gen.randn(shape) };
    }
    default:
      throw new StudioError('engine/unknown-rng', `Unknown noise source "${String(source)}". Choose one of: ${SOURCES.join(', ')}.`, { source: String(source) });
  }
}
