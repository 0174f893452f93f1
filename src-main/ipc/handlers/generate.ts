// generate.start and job.cancel: the job queue.
import type { Studio } from '../../services/studio.js';
import type { HandlersOf } from './types.js';

export function generateHandlers(studio: Studio): HandlersOf<'generate.start' | 'job.list' | 'job.cancel'> {
  return {
    'generate.start': (req) => studio.jobs.start(req),
    'job.list': async () => ({ jobs: studio.jobs.list() }),
    'job.cancel': async (req) => ({ cancelled: studio.jobs.cancel(req.jobId) }),
  };
}
