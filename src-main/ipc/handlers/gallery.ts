// gallery.*: browsing, curating and exporting the gallery.
import type { Studio } from '../../services/studio.js';
import type { HandlersOf } from './types.js';

type GalleryOp = 'gallery.search' | 'gallery.facets' | 'gallery.image' | 'gallery.watermark' | 'gallery.favourite' | 'gallery.trash'
  | 'gallery.restore' | 'gallery.emptyTrash' | 'gallery.export' | 'gallery.exportTarget' | 'gallery.cancelExport';

export function galleryHandlers(studio: Studio): HandlersOf<GalleryOp> {
  return {
    'gallery.search': (req) => studio.gallery.search(req),
    'gallery.facets': (req) => studio.gallery.facets(req.trashed),
    'gallery.image': (req) => studio.gallery.image(req.id),
    'gallery.watermark': (req) => studio.gallery.watermark(req.id),
    'gallery.favourite': (req) => studio.gallery.favourite(req.id, req.favourite),
    'gallery.trash': (req) => studio.gallery.trash(req.ids),
    'gallery.restore': (req) => studio.gallery.restore(req.ids),
    'gallery.emptyTrash': () => studio.gallery.emptyTrash(),
    'gallery.export': (req) => studio.galleryExports.start(req),
    'gallery.exportTarget': async (req) => ({ to: studio.galleryExports.defaultTarget(req.zip) }),
    'gallery.cancelExport': async (req) => studio.galleryExports.cancel(req.jobId),
  };
}
