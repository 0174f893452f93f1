// The gallery as the UI sees it: one Gallery opened lazily and kept, page-numbered search, items as
// contract views with host-relative URLs, and the files behind those URLs. Saving lives in jobs.ts.
import type { GalleryItemView, OpParsed, OpResponse } from '../../src-shared/contract/index.js';
import { StudioError } from '../../src-shared/errors.js';
import { Gallery, formatInfotext, type GalleryItem } from '../gallery/index.js';

/** URL layout shared by the web host and the Electron protocol. */
export const GALLERY_URL_PREFIX = '/files/gallery/';
export const THUMB_URL_PREFIX = '/files/thumbs/';

export function imageUrl(id: string): string {
  return `${GALLERY_URL_PREFIX}${encodeURIComponent(id)}.png`;
}
export function thumbUrl(id: string): string {
  return `${THUMB_URL_PREFIX}${encodeURIComponent(id)}.webp`;
}

export function toView(item: GalleryItem): GalleryItemView {
  return {
    id: item.id,
    created: item.created,
    prompt: item.prompt,
    negativePrompt: item.negativePrompt,
    seed: item.seed,
    scheduler: item.scheduler,
    steps: item.steps,
    guidance: item.guidance,
    width: item.width,
    height: item.height,
    model: item.model.name,
    imageUrl: imageUrl(item.id),
    thumbUrl: thumbUrl(item.id),
    hasTimeline: item.timeline !== null,
  };
}

export class GalleryService {
  private opening: Promise<Gallery> | undefined;
  private closed = false;

  /** `dir`: the gallery folder (the host resolves it). */
  constructor(readonly dir: string, private readonly onNotice?: (message: string) => void) {}

  open(): Promise<Gallery> {
    if (this.closed) return Promise.reject(new StudioError('gallery/closed', 'The gallery was closed; restart the app.'));
    this.opening ??= Gallery.open({ dir: this.dir, onNotice: (n) => this.onNotice?.(n.message) }).catch((err: unknown) => {
      this.opening = undefined; // let the next call retry (a folder made writable, a disk remounted)
      throw err;
    });
    return this.opening;
  }

  async search(req: OpParsed<'gallery.search'>): Promise<OpResponse<'gallery.search'>> {
    const g = await this.open();
    const text = req.query.trim() || undefined;
    let cursor: string | undefined;
    // NOTE: the index pages by cursor; page numbers walk the cursors (cheap: one indexed query per page).
    for (let p = 1; p < req.page; p++) {
      const skipped = g.search({ text, limit: req.pageSize, cursor });
      if (!skipped.nextCursor) return { items: [], page: req.page, hasMore: false, total: g.search({ text, limit: 1, withTotal: true }).total ?? 0 };
      cursor = skipped.nextCursor;
    }
    const page = g.search({ text, limit: req.pageSize, cursor, withTotal: true });
    return { items: page.items.map(toView), page: req.page, hasMore: page.nextCursor !== null, total: page.total ?? page.items.length };
  }

  async image(id: string): Promise<OpResponse<'gallery.image'>> {
    const item = await this.require(id);
    return { item: toView(item), parameters: item.params ? { ...item.params } : null, infotext: item.params ? formatInfotext(item.params) : null };
  }

  /** The gallery folder (absolute): the only place gallery URLs may read from. */
  async folder(): Promise<string> {
    return (await this.open()).dir;
  }

  /** Absolute path of the PNG behind imageUrl(id). */
  async imageFile(id: string): Promise<string> {
    return (await this.require(id)).file;
  }

  /** Absolute path of the thumbnail behind thumbUrl(id), made on first request. */
  async thumbFile(id: string): Promise<string> {
    const g = await this.open();
    return g.thumbnail(id);
  }

  /** The timeline folder of image `id` (timeline/none when it was generated without one). */
  async timelineDir(id: string): Promise<string> {
    const item = await this.require(id);
    if (!item.timeline) throw new StudioError('timeline/none', `Image "${id}" has no timeline: it was generated without recording one. Generate with the timeline turned on.`, { id });
    return item.timeline;
  }

  private async require(id: string): Promise<GalleryItem> {
    const g = await this.open();
    const item = g.get(id);
    if (!item || item.trashed) throw new StudioError('gallery/unknown-id', `No image "${id}" in the gallery. Search the gallery for its current images.`, { id });
    return item;
  }

  async close(): Promise<void> {
    this.closed = true;
    const g = await this.opening?.catch(() => undefined); // a failed open has nothing to close
    g?.close();
  }
}
