// The gallery as the UI browses and curates it: filtered search with random access by offset (a virtual
// grid), facets for the filter pickers, one image, its watermark check, favourites, trash, and export jobs.
import { z } from 'zod';
import { galleryIdSchema, intIn, jobIdSchema, text } from '../common.js';
import { EXPORT_FORMAT_NAMES, GALLERY_IDS_MAX, GALLERY_OFFSET_MAX, PAGE_SIZE_MAX } from '../limits.js';

export const GALLERY_SORT_NAMES = ['date-desc', 'date-asc', 'seed-asc', 'seed-desc'] as const;

/** One gallery image as the UI shows it; URLs are host-relative and work under both hosts. */
export const galleryItemSchema = z.object({
  id: z.string(),
  created: z.string(),
  prompt: z.string(),
  negativePrompt: z.string(),
  seed: z.string().nullable(),
  scheduler: z.string().nullable(),
  /** WebUI display name of the sampler ("Euler a"). */
  sampler: z.string().nullable(),
  steps: z.number().nullable(),
  guidance: z.number().nullable(),
  width: z.number(),
  height: z.number(),
  model: z.string().nullable(),
  favourite: z.boolean(),
  trashed: z.boolean(),
  /** What was recorded when the file was written: marked, too-small (under 256×256), off, unknown (foreign). */
  watermark: z.enum(['marked', 'too-small', 'off', 'unknown']),
  imageUrl: z.string(),
  thumbUrl: z.string(),
  /** The image has a recorded timeline (timeline.get {id}). */
  hasTimeline: z.boolean(),
});
export type GalleryItemView = z.infer<typeof galleryItemSchema>;

const idsSchema = z.array(galleryIdSchema).min(1).max(GALLERY_IDS_MAX);
const side = intIn(1, 100_000);

export const gallerySearchRequestSchema = z.object({
  /** Full-text words over the prompt (all must match; the last also as a prefix). */
  query: text(500).default(''),
  model: text(200).optional(),
  /** Our scheduler id or a WebUI sampler name. */
  sampler: text(100).optional(),
  width: side.optional(),
  height: side.optional(),
  /** Created at or after / at or before, ms since 1970. */
  since: intIn(0, 8.64e15).optional(),
  until: intIn(0, 8.64e15).optional(),
  favourite: z.boolean().optional(),
  /** Browse the trash instead of the gallery. */
  trashed: z.boolean().default(false),
  sort: z.enum(GALLERY_SORT_NAMES).default('date-desc'),
  /** Random access: the index of the first result wanted. */
  offset: intIn(0, GALLERY_OFFSET_MAX).default(0),
  limit: intIn(1, PAGE_SIZE_MAX).default(48),
  /** Also count every match (a second query; a grid asks once per filter change). */
  withTotal: z.boolean().default(true),
}).strict();
export type GallerySearchRequest = z.input<typeof gallerySearchRequestSchema>;

export const GALLERY_OPS = {
  'gallery.search': {
    request: gallerySearchRequestSchema,
    response: z.object({ items: z.array(galleryItemSchema), offset: z.number(), hasMore: z.boolean(), total: z.number().nullable() }),
  },
  'gallery.facets': {
    request: z.object({ trashed: z.boolean().default(false) }).strict(),
    response: z.object({
      models: z.array(z.object({ name: z.string(), count: z.number() })),
      samplers: z.array(z.object({ scheduler: z.string(), sampler: z.string().nullable(), count: z.number() })),
      sizes: z.array(z.object({ width: z.number(), height: z.number(), count: z.number() })),
      total: z.number(),
    }),
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
  /** Reads the mark from the pixels: `readable` when the recorded (or default) mark is found. */
  'gallery.watermark': {
    request: z.object({ id: galleryIdSchema }).strict(),
    response: z.object({
      status: z.enum(['readable', 'too-small', 'not-found']),
      recorded: z.enum(['marked', 'too-small', 'off', 'unknown']),
      matching: z.number(),
      total: z.number(),
    }),
  },
  'gallery.favourite': {
    request: z.object({ id: galleryIdSchema, favourite: z.boolean() }).strict(),
    response: z.object({ item: galleryItemSchema }),
  },
  /** Moves images to the trash (restorable until the trash is emptied). */
  'gallery.trash': {
    request: z.object({ ids: idsSchema }).strict(),
    response: z.object({ count: z.number() }),
  },
  'gallery.restore': {
    request: z.object({ ids: idsSchema }).strict(),
    response: z.object({ count: z.number() }),
  },
  'gallery.emptyTrash': {
    request: z.object({}).strict(),
    response: z.object({ removed: z.number() }),
  },
  /** Starts an export job: progress and the outcome come as gallery.export* events. */
  'gallery.export': {
    request: z.object({
      ids: idsSchema,
      format: z.enum(EXPORT_FORMAT_NAMES).default('png'),
      /** File name template (the CLI's --name); default EXPORT_NAME_TEMPLATE_DEFAULT. */
      template: text(200).optional(),
      /** One .zip file instead of a folder. */
      zip: z.boolean().default(false),
      /** An absolute folder (or .zip path); default `<data folder>/exports/<date>`. */
      to: text(4096).optional(),
    }).strict(),
    response: z.object({ jobId: z.string(), to: z.string() }),
  },
  /** Where an export goes when `to` is left out (the UI prefills its path field with it). */
  'gallery.exportTarget': {
    request: z.object({ zip: z.boolean().default(false) }).strict(),
    response: z.object({ to: z.string() }),
  },
  'gallery.cancelExport': {
    request: z.object({ jobId: jobIdSchema }).strict(),
    response: z.object({ cancelled: z.boolean() }),
  },
} as const;
