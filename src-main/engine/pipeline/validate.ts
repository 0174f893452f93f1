// Checks a generation request once, at the engine's edge, with errors that name the parameter.
import { StudioError } from '../../../src-shared/errors.js';
import { BATCH_MAX, BATCH_MIN, DEFAULT_GUIDANCE, DEFAULT_STEPS, SIZE_MAX, SIZE_MIN, SIZE_STEP, STEPS_MAX, STEPS_MIN } from '../../../src-shared/contract/limits.js';
import type { GenerateRequest } from './types.js';

export interface CheckedRequest {
  prompt: string;
  negativePrompt: string;
  steps: number;
  guidance: number;
  width: number;
  height: number;
  batchSize: number;
}

function bad(param: string, message: string, value: unknown): StudioError {
  return new StudioError(`engine/bad-${param}`, message, { param, value: String(value) });
}

export function checkRequest(req: GenerateRequest, defaults: { width: number; height: number }): CheckedRequest {
  if (typeof req.prompt !== 'string') throw bad('prompt', 'The prompt must be text.', req.prompt);
  const negativePrompt = req.negativePrompt ?? '';
  if (typeof negativePrompt !== 'string') throw bad('negative-prompt', 'The negative prompt must be text.', negativePrompt);
  const steps = req.steps ?? DEFAULT_STEPS;
  if (!Number.isInteger(steps) || steps < STEPS_MIN || steps > STEPS_MAX) throw bad('steps', `Steps must be a whole number from ${STEPS_MIN} to ${STEPS_MAX}, got ${steps}.`, steps);
  const guidance = req.guidance ?? DEFAULT_GUIDANCE;
  if (typeof guidance !== 'number' || !Number.isFinite(guidance)) throw bad('guidance', `Guidance must be a finite number, got ${guidance}.`, guidance);
  const width = req.width ?? defaults.width;
  const height = req.height ?? defaults.height;
  for (const [name, v] of [['width', width], ['height', height]] as const) {
    if (!Number.isInteger(v) || v < SIZE_MIN || v > SIZE_MAX || v % SIZE_STEP !== 0) {
      throw bad(name, `The ${name} must be a multiple of ${SIZE_STEP} from ${SIZE_MIN} to ${SIZE_MAX}, got ${v}.`, v);
    }
  }
  const batchSize = req.batchSize ?? 1;
  if (!Number.isInteger(batchSize) || batchSize < BATCH_MIN || batchSize > BATCH_MAX) throw bad('batch', `The batch size must be a whole number from ${BATCH_MIN} to ${BATCH_MAX}, got ${batchSize}.`, batchSize);
  return { prompt: req.prompt, negativePrompt, steps, guidance, width, height, batchSize };
}
