// models.*: the Models screen (catalog, installed models, download jobs, mirrors, verify/delete/import/convert).
import { StudioError } from '../../../src-shared/errors.js';
import type { OpName } from '../../../src-shared/contract/index.js';
import type { Studio } from '../../services/studio.js';
import type { HandlersOf } from './types.js';

type ModelsOp = Extract<OpName, `models.${'catalog' | 'installed' | 'pull' | 'pause' | 'resume' | 'cancel' | 'downloads' | 'probe' | 'verify' | 'delete' | 'import' | 'convertFp16'}`>;

export function modelsHandlers(studio: Studio): HandlersOf<ModelsOp> {
  const models = studio.modelService;
  const downloads = studio.downloads;
  return {
    'models.catalog': async () => ({ entries: await models.catalog() }),
    'models.installed': () => models.installed(),
    'models.pull': async (req) => downloads.pull(req),
    'models.pause': async (req) => ({ paused: downloads.pause(req.jobId) }),
    'models.resume': async (req) => ({ resumed: downloads.resume(req.jobId) }),
    'models.cancel': async (req) => ({ cancelled: downloads.cancel(req.jobId) }),
    'models.downloads': async () => ({ downloads: downloads.list() }),
    'models.probe': async (req) => ({ mirrors: await models.probe(req.endpoint) }),
    'models.verify': async (req) => {
      const m = await models.findInstalled(req.id);
      if (m.source !== 'hf-cache') {
        throw new StudioError('models/not-verifiable', `"${req.id}" is a local folder (${m.path}): there are no hub hashes to check it against. Only downloaded models can be verified.`, { id: req.id });
      }
      const r = await models.verify(m.id);
      return { id: m.id, ok: r.problems.length === 0, files: r.files, verified: r.ok, bytes: r.bytes, unchecked: r.unchecked, problems: r.problems.map(({ path, problem, detail }) => ({ path, problem, detail })) };
    },
    'models.delete': (req) => models.delete(req.id),
    'models.import': async (req) => {
      const local = await models.importFolder(req.path, { name: req.name });
      return { model: await models.findInstalled(local.id) };
    },
    'models.convertFp16': async (req) => {
      await models.findInstalled(req.id); // an unknown id fails the request, not the job
      return downloads.convertFp16(req.id);
    },
  };
}
