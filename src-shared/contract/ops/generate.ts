// Generation jobs: start one (it queues), cancel one. Progress and results arrive as job.* events.
import { z } from 'zod';
import { describe, emptyRequest, finiteIn, fromText, imageSide, intIn, jobIdSchema, seedSchema, text } from '../common.js';
import { RNG_SOURCES } from '../../generation-params.js';
import { BATCH_MAX, BATCH_MIN, GUIDANCE_MAX, GUIDANCE_MIN, PROMPT_MAX, STEPS_MAX, STEPS_MIN } from '../limits.js';

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
  batch: intIn(BATCH_MIN, BATCH_MAX).default(1),
  /** Where the initial noise comes from (torch's CPU generator by default, as diffusers). */
  rng: z.enum(RNG_SOURCES, { error: (i) => `must be one of ${RNG_SOURCES.join(', ')}, got ${describe(i.input)}` }).default('torch-cpu'),
}).strict();
export type GenerateStartRequest = z.input<typeof generateStartSchema>;

/** generate.start from text fields (the CLI's flags): the same fields, limits and defaults, numbers coerced here. */
export const generateStartFromTextSchema = generateStartSchema.extend({
  steps: fromText(generateStartSchema.shape.steps.unwrap()).optional(),
  guidance: fromText(generateStartSchema.shape.guidance.unwrap()).optional(),
  width: fromText(generateStartSchema.shape.width.unwrap()).optional(),
  height: fromText(generateStartSchema.shape.height.unwrap()).optional(),
  batch: fromText(intIn(BATCH_MIN, BATCH_MAX)).default(1),
});

/** A job as job.list reports it: what was asked, where it is (a reloaded page shows it from this). */
export const jobSummarySchema = z.object({
  jobId: z.string(),
  state: z.enum(['queued', 'running']),
  request: z.record(z.string(), z.unknown()),
  seed: z.string(),
  step: z.number(),
  total: z.number(),
  elapsedMs: z.number(),
  preview: z.string().optional(),
});
export type JobSummary = z.infer<typeof jobSummarySchema>;

export const GENERATE_OPS = {
  'generate.start': {
    request: generateStartSchema,
    response: z.object({ jobId: z.string(), seed: z.string() }),
  },
  /** The running job first, then the queued ones in order. */
  'job.list': {
    request: emptyRequest,
    response: z.object({ jobs: z.array(jobSummarySchema) }),
  },
  'job.cancel': {
    request: z.object({ jobId: jobIdSchema }).strict(),
    response: z.object({ cancelled: z.boolean() }),
  },
} as const;
