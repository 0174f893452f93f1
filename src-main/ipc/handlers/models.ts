// models.*: the Models screen (catalog, installed models, download jobs, mirrors, verify/delete/import/convert).
// NOTE: the contract landed first so the Models screen can be built against it; the service follows on this branch.
import { StudioError } from '../../../src-shared/errors.js';
import type { OpName } from '../../../src-shared/contract/index.js';
import type { Studio } from '../../services/studio.js';
import type { HandlersOf } from './types.js';

type ModelsOp = Extract<OpName, `models.${'catalog' | 'installed' | 'pull' | 'pause' | 'resume' | 'cancel' | 'downloads' | 'probe' | 'verify' | 'delete' | 'import' | 'convertFp16'}`>;

export function modelsHandlers(_studio: Studio): HandlersOf<ModelsOp> {
  const pending = (op: string) => async (): Promise<never> => {
    throw new StudioError('models/not-ready', `${op} is not wired to the model service yet in this build.`, { op });
  };
  return {
    'models.catalog': pending('models.catalog'),
    'models.installed': pending('models.installed'),
    'models.pull': pending('models.pull'),
    'models.pause': pending('models.pause'),
    'models.resume': pending('models.resume'),
    'models.cancel': pending('models.cancel'),
    'models.downloads': pending('models.downloads'),
    'models.probe': pending('models.probe'),
    'models.verify': pending('models.verify'),
    'models.delete': pending('models.delete'),
    'models.import': pending('models.import'),
    'models.convertFp16': pending('models.convertFp16'),
  };
}
