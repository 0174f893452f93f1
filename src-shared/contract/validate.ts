// Request validation at the edge: turns zod issues into one StudioError whose message names each bad
// field, the bad value and what is allowed. The scheduler list comes from the caller (main asks the engine).
import type { z } from 'zod';
import { StudioError } from '../errors.js';
import { OPS, isOpName, type OpName, type OpParsed } from './ops/index.js';

export interface ValidationContext {
  /** Scheduler ids the engine has; a generate.start naming another is rejected. */
  schedulers?: readonly string[];
}

/** Validates `input` for `op`; throws StudioError `contract/bad-request` (or `contract/unknown-op`). */
export function parseRequest<O extends OpName>(op: O, input: unknown, ctx: ValidationContext = {}): OpParsed<O> {
  if (!isOpName(op)) throw unknownOp(op);
  const result = OPS[op].request.safeParse(input ?? {});
  if (!result.success) throw badRequest(op, result.error.issues);
  const parsed = result.data as OpParsed<O>;
  if (op === 'generate.start' && ctx.schedulers) checkScheduler(parsed as OpParsed<'generate.start'>, ctx.schedulers);
  return parsed;
}

export function unknownOp(op: unknown): StudioError {
  const shown = typeof op === 'string' ? `"${op}"` : String(op);
  return new StudioError('contract/unknown-op', `Unknown operation ${shown}. Known operations: ${Object.keys(OPS).join(', ')}.`, { op: String(op) });
}

function checkScheduler(req: OpParsed<'generate.start'>, known: readonly string[]): void {
  if (req.scheduler == null || known.includes(req.scheduler)) return;
  throw new StudioError(
    'engine/unknown-scheduler',
    `Unknown scheduler "${req.scheduler}". Choose one of: ${known.join(', ')}.`,
    { value: req.scheduler, allowed: known.join(',') },
  );
}

function badRequest(op: string, issues: readonly z.core.$ZodIssue[]): StudioError {
  const parts = issues.slice(0, 6).map(describeIssue);
  const more = issues.length > 6 ? ` (and ${issues.length - 6} more)` : '';
  const first = issues[0];
  return new StudioError('contract/bad-request', `Invalid ${op} request: ${parts.join('; ')}${more}.`, {
    op,
    field: first ? fieldName(first.path) : null,
  });
}

function describeIssue(issue: z.core.$ZodIssue): string {
  const field = fieldName(issue.path);
  if (issue.code === 'unrecognized_keys') return `unknown field(s) ${issue.keys.map((k) => `"${k}"`).join(', ')}`;
  if (issue.code === 'invalid_type' && issue.expected === 'object' && !field) return 'the request must be a JSON object';
  return field ? `${field} ${issue.message}` : issue.message;
}

function fieldName(path: readonly PropertyKey[]): string {
  return path.map((p) => (typeof p === 'number' ? `[${p}]` : String(p))).join('.');
}
