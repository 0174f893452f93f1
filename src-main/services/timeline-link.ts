// The gallery save path's hook (a service: it joins the gallery and the timeline domains): writes one image's row of a recorded timeline as that image's
// `<id>.timeline/` folder beside its PNG and marks the gallery row. Nothing here runs a model.
import type { Gallery, GalleryItem } from '../gallery/index.js';
import type { TimelineRecorder } from '../timeline/index.js';

/** After `gallery.save(...)` of image `batchIndex` of the generation: gives `item` its timeline. */
export function linkTimeline(gallery: Gallery, item: GalleryItem, recorder: TimelineRecorder, batchIndex: number, parameters?: Record<string, unknown>): Promise<GalleryItem> {
  return gallery.attachTimeline(item.id, (dir) => recorder.finish(dir, { batchIndex, parameters }));
}
