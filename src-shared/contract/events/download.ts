// Events of model jobs (downloads, and float16 conversions, which the Models screen lists beside them):
// progress, the result, the failure. Each carries the job id models.pull / models.convertFp16 returned.
import { z } from 'zod';
import { wireErrorSchema } from '../common.js';

export { DOWNLOAD_STATES, FILE_STATES, downloadFileSchema, downloadProgressSchema, type DownloadProgress } from '../ops/models.js';
import { downloadProgressSchema } from '../ops/models.js';

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
