// Runtime checks for the JSON we read back from PNG chunks (they come from disk: trust nothing).
// Unknown keys are kept, so files written by a newer version survive a rebuild by an older one.
import { z } from 'zod';
import type { GenerationParams } from '../../src-shared/generation-params.js';
import type { GalleryChunk } from './types.js';

const finite = z.number().refine(Number.isFinite, 'must be a finite number');

const generationParamsSchema = z.looseObject({
  prompt: z.string(),
  negativePrompt: z.string(),
  steps: z.number().int().min(0),
  guidance: finite,
  seed: z.string().regex(/^-?\d+$/, 'must be a decimal integer'),
  rngSource: z.enum(['torch-cpu', 'torch-cpu-scalar', 'philox']),
  scheduler: z.string(),
  schedulerConfig: z.record(z.string(), z.unknown()).optional(),
  width: z.number().int().positive(),
  height: z.number().int().positive(),
  batchSize: z.number().int().positive(),
  batchIndex: z.number().int().min(0),
  model: z.looseObject({ name: z.string(), id: z.string().optional(), revision: z.string().optional(), hash: z.string().optional() }),
  ep: z.string().optional(),
  initialLatents: z.string().optional(),
  timingsMs: z.record(z.string(), finite).optional(),
  appVersion: z.string(),
});

const galleryChunkSchema = z.looseObject({
  v: z.literal(1),
  id: z.string().min(1),
  created: z.string().refine((s) => Number.isFinite(Date.parse(s)), 'must be an ISO date'),
  source: z.enum(['generated', 'imported', 'found']),
  favourite: z.boolean(),
  tags: z.array(z.string()),
  watermark: z.looseObject({
    status: z.enum(['marked', 'too-small', 'off', 'unknown']),
    method: z.enum(['dwtDct', 'dwtDctSvd']).optional(),
    type: z.enum(['bytes', 'bits', 'b16', 'uuid']).optional(),
    message: z.string().optional(),
  }),
});

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined; // an unparsable chunk is reported by the caller as "invalid", like a schema failure
  }
}

/** The GenerationParams in a `latent-studio` chunk, or an explanation of why it is unusable. */
export function parseGenerationParams(text: string): { params?: GenerationParams; error?: string } {
  const r = generationParamsSchema.safeParse(parseJson(text));
  if (r.success) return { params: r.data as GenerationParams };
  return { error: r.error.issues.map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`).join('; ') };
}

export function parseGalleryChunk(text: string): GalleryChunk | undefined {
  const r = galleryChunkSchema.safeParse(parseJson(text));
  return r.success ? (r.data as GalleryChunk) : undefined;
}
