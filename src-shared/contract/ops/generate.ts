// Generation jobs: start one (it queues), cancel one. Progress and results arrive as job.* events.
import { z } from 'zod';
import { finiteIn, imageSide, intIn, jobIdSchema, seedSchema, text } from '../common.js';
import { BATCH_MAX, GUIDANCE_MAX, GUIDANCE_MIN, PROMPT_MAX, STEPS_MAX, STEPS_MIN } from '../limits.js';

/** The generate.start request; `scheduler` is checked against the engine's list by the caller's context. */
export const generateStartSchema = z.object({
  model: z.string({ error: 'is required: pick a model id from models.list' }).min(1, { error: 'is required: pick a model id from models.list' }),
  prompt: text(PROMPT_MAX),
  negativePrompt: text(PROMPT_MAX).default(''),
  /** Omitted: the model family's default (50 for SD, fewer for Turbo/LCM); likewise guidance and size. */
  steps: intIn(STEPS_MIN, STEPS_MAX).optional(),
  guidance: finiteIn(GUIDANCE_MIN, GUIDANCE_MAX).optional(),
  /** Omitted or null: a random seed, reported in job.done. */
  seed: seedSchema.nullish(),
  width: imageSide().optional(),
  height: imageSide().optional(),
  /** Omitted or null: the model's own scheduler. */
  scheduler: z.string().nullish(),
  batch: intIn(1, BATCH_MAX).default(1),
}).strict();
export type GenerateStartRequest = z.input<typeof generateStartSchema>;

export const GENERATE_OPS = {
  'generate.start': {
    request: generateStartSchema,
    response: z.object({ jobId: z.string(), seed: z.string() }),
  },
  'job.cancel': {
    request: z.object({ jobId: jobIdSchema }).strict(),
    response: z.object({ cancelled: z.boolean() }),
  },
} as const;
