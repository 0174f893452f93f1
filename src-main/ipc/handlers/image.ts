// image.parameters: the generation parameters of a dropped PNG (ours, WebUI's, ComfyUI's).
import type { Studio } from '../../services/studio.js';
import type { HandlersOf } from './types.js';

export function imageHandlers(studio: Studio): HandlersOf<'image.parameters'> {
  return {
    'image.parameters': async (req) => studio.imageParameters.read(req.png),
  };
}
