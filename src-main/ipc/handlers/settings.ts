// settings.*: the Settings screen (values with their sources, changes, reset). The token goes in, never out.
import type { Studio } from '../../services/studio.js';
import type { HandlersOf } from './types.js';

export function settingsHandlers(studio: Studio): HandlersOf<'settings.get' | 'settings.set' | 'settings.reset'> {
  return {
    'settings.get': () => studio.settings.view(),
    'settings.set': (patch) => studio.settings.set(patch),
    'settings.reset': ({ keys }) => studio.settings.reset(keys),
  };
}
