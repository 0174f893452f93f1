// Events of model jobs (downloads, and float16 conversions, which the Models screen lists beside them):
// progress, the result, the failure. Each carries the job id models.pull / models.convertFp16 returned.
import { z } from 'zod';
import { wireErrorSchema } from '../common.js';

export const DOWNLOAD_STATES = ['queued', 'running', 'paused', 'verifying'] as const;
export const FILE_STATES = ['queued', 'resolving', 'downloading', 'verifying', 'done', 'cached', 'failed'] as const;

export const downloadFileSchema = z.object({
  path: z.string(),
  bytes: z.number(),
  total: z.number(),
  state: z.enum(FILE_STATES),
});
export type DownloadFileView = z.infer<typeof downloadFileSchema>;

export const downloadProgressSchema = z.object({
  jobId: z.string(),
  /** The repository (or, for a conversion, the model id). */
  repo: z.string(),
  /** `pull` for models.pull, `convert` for models.convertFp16. */
  kind: z.enum(['pull', 'convert']),
  files: z.array(downloadFileSchema),
  bytes: z.number(),
  total: z.number(),
  bytesPerSecond: z.number(),
  /** null while unknown. */
  etaSeconds: z.number().nullable(),
  state: z.enum(DOWNLOAD_STATES),
  /** The endpoint in use (label), once known. */
  endpoint: z.string().optional(),
  /** A note worth showing: a failover, a retry, a fallback to the cache. */
  message: z.string().optional(),
});
export type DownloadProgress = z.infer<typeof downloadProgressSchema>;

export const DOWNLOAD_EVENTS = {
  /** At least every 200 ms while bytes move, and at once on every state change. */
  'download.progress': downloadProgressSchema,
  'download.done': z.object({
    jobId: z.string(),
    repo: z.string(),
    revision: z.string(),
    /** The snapshot (or converted) folder. */
    path: z.string(),
    kind: z.enum(['pull', 'convert']),
    /** The models.installed id of the result. */
    modelId: z.string(),
  }),
  /**
   * A failed or cancelled job (code `cancelled`: not a failure, show nothing). Codes with advice in the
   * message: hub/gated, hub/disk-full, hub/proxy-auth, hub/repo-not-found, hub/unauthorized, hub/offline-not-cached.
   */
  'download.error': z.object({ jobId: z.string(), error: wireErrorSchema }),
} as const;
