// app.info, models.list, schedulers.list: what every screen picks from.
import type { Studio } from '../../services/studio.js';
import type { HandlersOf } from './types.js';

export function appHandlers(studio: Studio): HandlersOf<'app.info' | 'models.list' | 'schedulers.list'> {
  return {
    'app.info': async () => studio.appInfo(),
    'models.list': () => studio.models.list(),
    'schedulers.list': async () => ({ schedulers: studio.schedulers() }),
  };
}
