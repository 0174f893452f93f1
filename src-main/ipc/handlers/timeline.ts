// timeline.*: a generation's steps, frames, decodes and exports (services/timeline.ts).
import type { Studio } from '../../services/studio.js';
import type { HandlersOf } from './types.js';

export function timelineHandlers(studio: Studio): HandlersOf<'timeline.get' | 'timeline.frame' | 'timeline.decode' | 'timeline.export'> {
  return {
    'timeline.get': (req) => studio.timeline.get(req),
    'timeline.frame': (req) => studio.timeline.frame(req),
    'timeline.decode': (req) => studio.timeline.decode(req),
    'timeline.export': (req) => studio.timeline.export(req),
  };
}
