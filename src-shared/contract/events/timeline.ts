// Events of a timeline being recorded: one per denoising step, so a viewer can follow a live generation.
import { z } from 'zod';
import { timelineStepSchema } from '../ops/timeline.js';

export const TIMELINE_EVENTS = {
  'timeline.step': z.object({
    jobId: z.string(),
    step: timelineStepSchema,
    /** Steps recorded so far, of `total`. */
    recorded: z.number(),
    total: z.number(),
  }),
} as const;
