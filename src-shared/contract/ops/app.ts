// Operations about the app itself and the lists every screen picks from (models, schedulers).
import { z } from 'zod';
import { emptyRequest } from '../common.js';

export const modelInfoSchema = z.object({
  /** Stable id to pass to generate.start: the folder name (de-duplicated) or the hub repo id. */
  id: z.string(),
  name: z.string(),
  /** `builtin`: the demo model the app installs on first run (random weights: patterns, not pictures). */
  source: z.enum(['folder', 'hf-cache', 'imported', 'builtin']),
  path: z.string(),
});
export type ModelInfo = z.infer<typeof modelInfoSchema>;

export const schedulerInfoSchema = z.object({ id: z.string(), label: z.string() });
export type SchedulerInfo = z.infer<typeof schedulerInfoSchema>;

export const APP_OPS = {
  'app.info': {
    request: emptyRequest,
    response: z.object({ name: z.string(), version: z.string(), providers: z.array(z.string()), host: z.enum(['electron', 'web']) }),
  },
  'models.list': {
    request: emptyRequest,
    response: z.object({ models: z.array(modelInfoSchema), warnings: z.array(z.string()) }),
  },
  'schedulers.list': {
    request: emptyRequest,
    response: z.object({ schedulers: z.array(schedulerInfoSchema) }),
  },
} as const;
