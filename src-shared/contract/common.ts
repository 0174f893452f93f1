// Building blocks shared by ops and events: limits, ids, the wire form of errors, and the seed rule.
// Pure TypeScript + zod: no Node, DOM or Vue imports (the renderer bundles this folder).
import { z } from 'zod';
import { SEED_MAX, SEED_MIN, SIZE_MAX, SIZE_MIN } from './limits.js';

// NOTE: zod compiles object parsers with `new Function` unless told not to; the renderer's CSP forbids
// eval (and Chromium logs the refused attempt), and our requests are too small for the JIT to matter.
z.config({ jitless: true });


/** A StudioError as it crosses IPC, HTTP or the event socket. */
export const wireErrorSchema = z.object({
  code: z.string(),
  message: z.string(),
  params: z.record(z.string(), z.union([z.string(), z.number(), z.boolean(), z.null()])).optional(),
});
export type WireError = z.infer<typeof wireErrorSchema>;

/** Text up to `max` characters, with messages naming what is wrong. */
export const text = (max: number) =>
  z.string({ error: (i) => (i.input === undefined ? 'is required' : `must be text, got ${describe(i.input)}`) }).max(max, { error: `is longer than ${max} characters` });

/** The empty request of an op that takes no arguments. */
export const emptyRequest = z.object({}).strict();

const stringError = (i: { input: unknown }): string => (i.input === undefined ? 'is required' : `must be text, got ${describe(i.input)}`);

export const jobIdSchema = z.string({ error: stringError }).regex(/^job-[a-z0-9-]{1,40}$/, 'must be a job id as returned by generate.start (job-…)');
export const galleryIdSchema = z.string({ error: stringError }).regex(/^[A-Za-z0-9_-]{1,64}$/, 'must be a gallery image id');

const numberError = (i: { input: unknown }): string =>
  i.input === undefined ? 'is required' : typeof i.input === 'number' ? `must be a finite number, got ${describe(i.input)}` : `must be a number, got ${describe(i.input)}`;

/** A finite number in [min, max]: rejects NaN and ±Infinity, which JSON cannot carry but IPC can. */
export function finiteIn(min: number, max: number) {
  return z.number({ error: numberError }).refine((v) => v >= min && v <= max, { error: (i) => `must be from ${min} to ${max}, got ${describe(i.input)}`, abort: true });
}

/** A whole number in [min, max], with a message naming both. */
export function intIn(min: number, max: number) {
  return z
    .number({ error: numberError })
    .refine((v) => Number.isInteger(v), { error: (i) => `must be a whole number, got ${describe(i.input)}`, abort: true })
    .refine((v) => v >= min && v <= max, { error: (i) => `must be from ${min} to ${max}, got ${describe(i.input)}`, abort: true });
}

/**
 * The same number field when it arrives as text (CLI flags, form fields): a numeric string becomes a number,
 * NaN and Infinity by name too (so the message names them); anything else stays text and is refused by `schema`.
 */
export function fromText<T extends z.ZodType>(schema: T) {
  return z.preprocess((v) => (typeof v === 'string' && /^\s*([+-]?(\d+\.?\d*|\.\d+)(e[+-]?\d+)?|[+-]?Infinity|NaN)\s*$/i.test(v) ? Number(v) : v), schema);
}

/** An image side: a multiple of 8 from SIZE_MIN to SIZE_MAX. */
export function imageSide() {
  return intIn(SIZE_MIN, SIZE_MAX).refine((v) => v % 8 === 0, {
    error: (i) => `must be a multiple of 8, got ${describe(i.input)} (try ${Math.max(SIZE_MIN, Math.round(Number(i.input) / 8) * 8)})`,
  });
}

/** A seed: a decimal integer string (full 64-bit range) or a safe integer. Normalized to its decimal string. */
export const seedSchema = z
  .union([z.string(), z.number()], { error: (i) => `must be an integer or a decimal string, got ${describe(i.input)}` })
  .superRefine((v, ctx) => {
    const why = seedProblem(v);
    if (why) ctx.addIssue({ code: 'custom', message: `${why}; use an integer from ${SEED_MIN} to ${SEED_MAX}` });
  })
  .transform((v) => BigInt(typeof v === 'number' ? v : v.trim()).toString());

function seedProblem(v: string | number): string | undefined {
  if (typeof v === 'number') {
    if (!Number.isFinite(v) || !Number.isInteger(v)) return `${describe(v)} is not an integer`;
    if (!Number.isSafeInteger(v)) return `${v} is beyond 2^53 and lost digits as a number; pass it as a string`;
    return undefined;
  }
  const t = v.trim();
  if (!/^[+-]?\d{1,20}$/.test(t)) return `${JSON.stringify(v)} is not a decimal integer`;
  const n = BigInt(t);
  if (n < SEED_MIN || n > SEED_MAX) return `${t} is out of range`;
  return undefined;
}

/** A value as a message shows it: NaN and Infinity by name, strings quoted, objects by kind. */
export function describe(v: unknown): string {
  if (typeof v === 'number') return Number.isNaN(v) ? 'NaN' : String(v);
  if (typeof v === 'string') return JSON.stringify(v.length > 40 ? `${v.slice(0, 40)}…` : v);
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'a list';
  if (typeof v === 'object') return 'an object';
  return String(v);
}
