// Helpers for validating CLI flags once at the edge, with errors that name the flag and the allowed values.
import { StudioError } from '../../src-shared/errors.js';

export function usageError(message: string, params?: Record<string, string | number>): StudioError {
  return new StudioError('cli/bad-argument', message, params);
}

export function parseIntFlag(flag: string, value: string | undefined, opts: { min?: number; max?: number } = {}): number | undefined {
  if (value === undefined) return undefined;
  if (!/^-?\d+$/.test(value.trim())) throw usageError(`${flag} must be a whole number, got "${value}".`, { flag, value });
  const n = Number(value);
  if (opts.min !== undefined && n < opts.min) throw usageError(`${flag} must be at least ${opts.min}, got ${n}.`, { flag, value });
  if (opts.max !== undefined && n > opts.max) throw usageError(`${flag} must be at most ${opts.max}, got ${n}.`, { flag, value });
  return n;
}

export function parseFloatFlag(flag: string, value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (value.trim() === '' || !Number.isFinite(n)) throw usageError(`${flag} must be a finite number, got "${value}".`, { flag, value });
  return n;
}

export function collect(value: string, previous: string[] = []): string[] {
  return [...previous, value];
}

/** Writes one line of JSON to stdout (the only thing --json prints there). */
export function printJson(value: unknown): void {
  process.stdout.write(`${JSON.stringify(value, (_k, v) => (typeof v === 'bigint' ? v.toString() : v))}\n`);
}
