// The timeline of a generation: its steps, one frame of a step as a small preview (data: URL), a full VAE
// decode of a step (cached), and exports (animated WebP/GIF, contact sheet). A timeline is named by the
// gallery image it belongs to (`id`) or, while it is being recorded, by the running job (`jobId`).
import { z } from 'zod';
import { galleryIdSchema, intIn, jobIdSchema } from '../common.js';

/** One U-Net call of the timeline. */
export const timelineStepSchema = z.object({
  index: z.number(),
  timestep: z.number(),
  sigma: z.number(),
  /** Mean |cond − uncond| of the noise prediction: how much the prompt steers; null without guidance. */
  guidanceStrength: z.number().nullable(),
  ms: z.number(),
});
export type TimelineStepView = z.infer<typeof timelineStepSchema>;

export const TIMELINE_FRAME_VIEWS = ['xt', 'x0', 'channels', 'diff'] as const;
export const TIMELINE_DECODE_VIEWS = ['xt', 'x0'] as const;
export const TIMELINE_EXPORT_FORMATS = ['webp', 'gif', 'sheet'] as const;
/** Integer enlargement of exported frames (latent size × scale). */
export const TIMELINE_EXPORT_SCALE_MAX = 16;

/** Which timeline: exactly one of a gallery image id or a running job's id. */
const ref = {
  id: galleryIdSchema.optional(),
  jobId: jobIdSchema.optional(),
};
const oneRef = (v: { id?: string; jobId?: string }) => (v.id === undefined) !== (v.jobId === undefined);
const oneRefError = { error: 'give either id (a gallery image) or jobId (a running job), not both' };
const step = intIn(0, 100_000);

export const TIMELINE_OPS = {
  'timeline.get': {
    request: z.object(ref).strict().refine(oneRef, oneRefError),
    response: z.object({
      /** The gallery image id, or the job id of a live timeline. */
      id: z.string(),
      live: z.boolean(),
      /** The timeline folder on disk (a gallery image's `<id>.timeline/` beside its PNG); null while live. */
      folder: z.string().nullable(),
      /** Steps recorded so far (all of them unless live). */
      steps: z.array(timelineStepSchema),
      /** [steps, batch, 4, H/8, W/8] of the arrays; steps is the full count even while live. */
      shape: z.tuple([z.number(), z.number(), z.number(), z.number(), z.number()]),
      /** The row of the batch axis to show (0 for a gallery image: its folder holds only its own row). */
      batchIndex: z.number(),
      /** Where that row was in the generation's batch: image `offset` of `of`. */
      batch: z.object({ offset: z.number(), of: z.number() }),
      scheduler: z.string(),
      /** x0 is the scheduler's pred_original_sample, or derived from the model output (PNDM, DPM++). */
      x0: z.enum(['scheduler', 'derived']),
      family: z.string(),
      parameters: z.record(z.string(), z.unknown()),
    }),
  },
  'timeline.frame': {
    request: z.object({
      ...ref,
      step,
      view: z.enum(TIMELINE_FRAME_VIEWS),
      /** channels view: one channel (0–3) alone; omitted: all four in a 2×2 grid. */
      channel: intIn(0, 3).optional(),
      /** channels view: one min/max for all channels shown, or each its own. */
      scale: z.enum(['shared', 'per-channel']).default('shared'),
      batchIndex: intIn(0, 63).default(0),
    }).strict().refine(oneRef, oneRefError),
    /** A PNG data: URL at latent size (H/8 × W/8; channels: 2×2 of those); scale it with image-rendering: pixelated. */
    response: z.object({ url: z.string(), width: z.number(), height: z.number() }),
  },
  'timeline.decode': {
    request: z.object({ ...ref, step, view: z.enum(TIMELINE_DECODE_VIEWS), batchIndex: intIn(0, 63).default(0) }).strict().refine(oneRef, oneRefError),
    /** A PNG data: URL of the full-size decode (cached on disk for a gallery image). */
    response: z.object({ url: z.string(), width: z.number(), height: z.number() }),
  },
  'timeline.export': {
    request: z.object({
      id: galleryIdSchema,
      format: z.enum(TIMELINE_EXPORT_FORMATS),
      view: z.enum(TIMELINE_DECODE_VIEWS).default('xt'),
      scale: intIn(1, TIMELINE_EXPORT_SCALE_MAX).default(4),
    }).strict(),
    /** Synchronous (encoding takes well under a second for 50 latent-size frames); `url` serves the file. */
    response: z.object({ url: z.string(), bytes: z.number(), frames: z.number(), width: z.number(), height: z.number() }),
  },
} as const;
