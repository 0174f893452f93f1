// gallery.*: browsing the gallery.
import type { Studio } from '../../services/studio.js';
import type { HandlersOf } from './types.js';

export function galleryHandlers(studio: Studio): HandlersOf<'gallery.search' | 'gallery.image'> {
  return {
    'gallery.search': (req) => studio.gallery.search(req),
    'gallery.image': (req) => studio.gallery.image(req.id),
  };
}
