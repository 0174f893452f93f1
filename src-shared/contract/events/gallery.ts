// Events of gallery export jobs: progress after every file, the result, the failure or cancellation.
import { z } from 'zod';
import { wireErrorSchema } from '../common.js';

export const GALLERY_EVENTS = {
  'gallery.exportProgress': z.object({ jobId: z.string(), done: z.number(), total: z.number() }),
  'gallery.exportDone': z.object({
    jobId: z.string(),
    /** The folder or .zip written. */
    to: z.string(),
    zip: z.boolean(),
    files: z.array(z.object({ id: z.string(), name: z.string(), bytes: z.number() })),
    /** Where the web host serves the zip for download (host-relative); null for folders. */
    downloadUrl: z.string().nullable(),
  }),
  /** A failed or cancelled export (code `cancelled`: not a failure). A zip is never left half-written; a folder keeps the files already written. */
  'gallery.exportError': z.object({ jobId: z.string(), error: wireErrorSchema }),
} as const;
