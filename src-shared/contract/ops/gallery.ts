// The gallery as the UI browses it: search pages and one image with its parameters.
import { z } from 'zod';
import { galleryIdSchema, intIn, text } from '../common.js';
import { PAGE_SIZE_MAX } from '../limits.js';

/** One gallery image as the UI shows it; URLs are host-relative and work under both hosts. */
export const galleryItemSchema = z.object({
  id: z.string(),
  created: z.string(),
  prompt: z.string(),
  negativePrompt: z.string(),
  seed: z.string().nullable(),
  scheduler: z.string().nullable(),
  steps: z.number().nullable(),
  guidance: z.number().nullable(),
  width: z.number(),
  height: z.number(),
  model: z.string().nullable(),
  imageUrl: z.string(),
  thumbUrl: z.string(),
  /** The image has a recorded timeline (timeline.get {id}). */
  hasTimeline: z.boolean(),
});
export type GalleryItemView = z.infer<typeof galleryItemSchema>;

export const GALLERY_OPS = {
  'gallery.search': {
    request: z.object({
      query: text(500).default(''),
      /** 1-based. */
      page: intIn(1, 100_000).default(1),
      pageSize: intIn(1, PAGE_SIZE_MAX).default(48),
    }).strict(),
    response: z.object({ items: z.array(galleryItemSchema), page: z.number(), hasMore: z.boolean(), total: z.number() }),
  },
  'gallery.image': {
    request: z.object({ id: galleryIdSchema }).strict(),
    response: z.object({
      item: galleryItemSchema,
      parameters: z.record(z.string(), z.unknown()).nullable(),
      /** The WebUI `parameters` text of the image (what "copy infotext" copies); null for foreign images. */
      infotext: z.string().nullable(),
    }),
  },
} as const;
