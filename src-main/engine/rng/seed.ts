// Seeds as torch takes them: any integer in [-2^63, 2^64 - 1]. Negative seeds are their 64-bit two's complement
// (torch/csrc/Generator.cpp unpack_uint64), and mt19937 keeps the low 32 bits (2^32 + 5 seeds like 5).
import { randomInt } from 'node:crypto';
import { StudioError } from '../../../src-shared/errors.js';

export const MIN_SEED = -(2n ** 63n);
export const MAX_SEED = 2n ** 64n - 1n;

function badSeed(value: unknown, why: string): StudioError {
  const shown = typeof value === 'string' ? JSON.stringify(value) : String(value);
  return new StudioError(
    'engine/bad-seed',
    `Seed ${shown} ${why}. Use an integer from ${MIN_SEED} to ${MAX_SEED}.`,
    { value: String(value), min: MIN_SEED.toString(), max: MAX_SEED.toString() },
  );
}

/** A seed from user input (CLI flag, API field, PNG metadata): a decimal integer string, a safe integer or a bigint. */
export function parseSeed(value: string | number | bigint): bigint {
  let seed: bigint;
  if (typeof value === 'bigint') {
    seed = value;
  } else if (typeof value === 'number') {
    if (!Number.isInteger(value)) throw badSeed(value, 'is not an integer');
    if (!Number.isSafeInteger(value)) throw badSeed(value, 'is beyond 2^53 and lost digits as a number; pass it as a string');
    seed = BigInt(value);
  } else if (typeof value === 'string') {
    const text = value.trim();
    if (!/^[+-]?\d+$/.test(text)) throw badSeed(value, 'is not a decimal integer');
    seed = BigInt(text);
  } else {
    throw badSeed(value, 'is not a number');
  }
  if (seed < MIN_SEED || seed > MAX_SEED) throw badSeed(value, 'is out of range');
  return seed;
}

/** A fresh seed when none is given: uniform in [0, 2^32), from the OS CSPRNG (what a diffusers user typically passes). */
export function randomSeed(): bigint {
  return BigInt(randomInt(0, 2 ** 32));
}

/** The unsigned 32-bit value torch's mt19937 is seeded with. */
export function mt19937Seed(seed: bigint): number {
  return Number(BigInt.asUintN(32, seed));
}
