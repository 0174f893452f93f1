// Element count of a tensor shape, validated (a bad shape is a caller's bug, but it must not hang or allocate wildly).
import { StudioError } from '../../../src-shared/errors.js';

/** Largest tensor the generators fill in one call (2^31 - 1 elements, typed-array friendly). */
const MAX_ELEMENTS = 2 ** 31 - 1;

export function elementCount(shape: readonly number[]): number {
  let n = 1;
  for (const d of shape) {
    if (!Number.isSafeInteger(d) || d < 0) {
      throw new StudioError('engine/bad-shape', `Tensor shape [${shape.join(', ')}] has a bad dimension ${d}; dimensions are integers >= 0.`, { shape: shape.join('x') });
    }
    n *= d;
  }
  if (n > MAX_ELEMENTS) {
    throw new StudioError('engine/bad-shape', `Tensor shape [${shape.join(', ')}] has ${n} elements; at most ${MAX_ELEMENTS} can be drawn at once.`, { shape: shape.join('x') });
  }
  return n;
}
