// lab.*: the Lab's experiments (VAE round trip, forward diffusion, one U-Net step).
import type { Studio } from '../../services/studio.js';
import type { HandlersOf } from './types.js';

export function labHandlers(studio: Studio): HandlersOf<'lab.encode' | 'lab.noise' | 'lab.denoiseStep'> {
  return {
    'lab.encode': (req) => studio.lab.encode(req),
    'lab.noise': (req) => studio.lab.noise(req),
    'lab.denoiseStep': (req) => studio.lab.denoiseStep(req),
  };
}
