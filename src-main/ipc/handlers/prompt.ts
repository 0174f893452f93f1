// prompt.tokenize: a prompt's CLIP token ids and pieces, and its count against the 75-token window.
import type { Studio } from '../../services/studio.js';
import type { HandlersOf } from './types.js';

export function promptHandlers(studio: Studio): HandlersOf<'prompt.tokenize'> {
  return {
    'prompt.tokenize': (req) => studio.prompt.tokenize(req.text, req.model),
  };
}
