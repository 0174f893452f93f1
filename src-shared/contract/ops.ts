// Every operation the renderer may ask of main, once: name (`area.verb`) → request and response
// validators; the TypeScript types are inferred from them. Main validates each request with these
// (renderers and browsers are untrusted); responses are typed, not re-validated.
import { z } from 'zod';
import {
  BATCH_MAX, GUIDANCE_MAX, PAGE_SIZE_MAX, PROMPT_MAX, STEPS_MAX, describe, finiteIn, galleryIdSchema, imageSide, intIn, jobIdSchema, seedSchema,
} from './common.js';

const empty = z.object({}).strict();

const text = (max: number) =>
  z.string({ error: (i) => (i.input === undefined ? 'is required' : `must be text, got ${describe(i.input)}`) }).max(max, { error: `is longer than ${max} characters` });

export const modelInfoSchema = z.object({
  /** Stable id to pass to generate.start: the folder name (de-duplicated) or the hub repo id. */
  id: z.string(),
  name: z.string(),
  source: z.enum(['folder', 'hf-cache', 'imported']),
  path: z.string(),
});
export type ModelInfo = z.infer<typeof modelInfoSchema>;

export const schedulerInfoSchema = z.object({ id: z.string(), label: z.string() });
export type SchedulerInfo = z.infer<typeof schedulerInfoSchema>;

/** One gallery image as the UI shows it; URLs are host-relative and work under both hosts. */
export const galleryItemSchema = z.object({
  id: z.string(),
  created: z.string(),
  prompt: z.string(),
  negativePrompt: z.string(),
  seed: z.string().nullable(),
  scheduler: z.string().nullable(),
  steps: z.number().nullable(),
  guidance: z.number().nullable(),
  width: z.number(),
  height: z.number(),
  model: z.string().nullable(),
  imageUrl: z.string(),
  thumbUrl: z.string(),
});
export type GalleryItemView = z.infer<typeof galleryItemSchema>;

/** The generate.start request; `scheduler` is checked against the engine's list by the caller's context. */
export const generateStartSchema = z.object({
  model: z.string({ error: 'is required: pick a model id from models.list' }).min(1, { error: 'is required: pick a model id from models.list' }),
  prompt: text(PROMPT_MAX),
  negativePrompt: text(PROMPT_MAX).default(''),
  /** Omitted: the model family's default (50 for SD, fewer for Turbo/LCM); likewise guidance and size. */
  steps: intIn(1, STEPS_MAX).optional(),
  guidance: finiteIn(0, GUIDANCE_MAX).optional(),
  /** Omitted or null: a random seed, reported in job.done. */
  seed: seedSchema.nullish(),
  width: imageSide().optional(),
  height: imageSide().optional(),
  /** Omitted or null: the model's own scheduler. */
  scheduler: z.string().nullish(),
  batch: intIn(1, BATCH_MAX).default(1),
}).strict();
export type GenerateStartRequest = z.input<typeof generateStartSchema>;

export const OPS = {
  'app.info': {
    request: empty,
    response: z.object({ name: z.string(), version: z.string(), providers: z.array(z.string()), host: z.enum(['electron', 'web']) }),
  },
  'models.list': {
    request: empty,
    response: z.object({ models: z.array(modelInfoSchema), warnings: z.array(z.string()) }),
  },
  'schedulers.list': {
    request: empty,
    response: z.object({ schedulers: z.array(schedulerInfoSchema) }),
  },
  'generate.start': {
    request: generateStartSchema,
    response: z.object({ jobId: z.string(), seed: z.string() }),
  },
  'job.cancel': {
    request: z.object({ jobId: jobIdSchema }).strict(),
    response: z.object({ cancelled: z.boolean() }),
  },
  'gallery.search': {
    request: z.object({
      query: text(500).default(''),
      /** 1-based. */
      page: intIn(1, 100_000).default(1),
      pageSize: intIn(1, PAGE_SIZE_MAX).default(48),
    }).strict(),
    response: z.object({ items: z.array(galleryItemSchema), page: z.number(), hasMore: z.boolean(), total: z.number() }),
  },
  'gallery.image': {
    request: z.object({ id: galleryIdSchema }).strict(),
    response: z.object({ item: galleryItemSchema, parameters: z.record(z.string(), z.unknown()).nullable() }),
  },
} as const;

export type OpName = keyof typeof OPS;
/** What a caller sends (defaults may be omitted). */
export type OpRequest<O extends OpName> = z.input<(typeof OPS)[O]['request']>;
/** What a handler receives after validation (defaults filled, seeds normalized). */
export type OpParsed<O extends OpName> = z.output<(typeof OPS)[O]['request']>;
export type OpResponse<O extends OpName> = z.output<(typeof OPS)[O]['response']>;

export const OP_NAMES = Object.freeze(Object.keys(OPS) as OpName[]);

export function isOpName(name: unknown): name is OpName {
  return typeof name === 'string' && Object.prototype.hasOwnProperty.call(OPS, name);
}
