// Events of generation jobs: progress (with the live preview), the result, the failure.
import { z } from 'zod';
import { wireErrorSchema } from '../common.js';

export const generatedImageSchema = z.object({
  id: z.string(),
  imageUrl: z.string(),
  thumbUrl: z.string(),
  width: z.number(),
  height: z.number(),
});
export type GeneratedImageView = z.infer<typeof generatedImageSchema>;

export const JOB_EVENTS = {
  /** Once when the job leaves the queue and after every denoising step. */
  'job.progress': z.object({
    jobId: z.string(),
    /** 0 before the first step (loading the model, encoding the prompt). */
    step: z.number(),
    total: z.number(),
    elapsedMs: z.number(),
    /** A small preview of the current latents as a data: URL, when the host makes one. */
    preview: z.string().optional(),
  }),
  'job.done': z.object({
    jobId: z.string(),
    images: z.array(generatedImageSchema),
    seed: z.string(),
    scheduler: z.string(),
    /** The execution provider that ran it, and why each one tried before it was passed over. */
    ep: z.string(),
    skippedProviders: z.array(z.object({ ep: z.string(), reason: z.string() })),
    /** The latents stayed on the GPU between steps. */
    latentsOnDevice: z.boolean(),
    timings: z.object({ totalMs: z.number(), unetMs: z.number(), vaeDecodeMs: z.number() }),
  }),
  /** A failed or cancelled job (code `cancelled`: not a failure, the UI shows no error). */
  'job.error': z.object({ jobId: z.string(), error: wireErrorSchema }),
} as const;
