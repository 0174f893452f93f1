// The gallery as the UI sees it: one Gallery opened lazily and kept, filtered search by offset, facets,
// items as contract views with host-relative URLs, the files behind those URLs, the watermark check,
// favourites and trash. Saving lives in jobs.ts, export jobs in gallery-export.ts.
import path from 'node:path';
import type { GalleryItemView, OpParsed, OpResponse } from '../../src-shared/contract/index.js';
import { StudioError } from '../../src-shared/errors.js';
import { Gallery, formatInfotext, type GalleryItem } from '../gallery/index.js';

/** URL layout shared by the web host and the Electron protocol. */
export const GALLERY_URL_PREFIX = '/files/gallery/';
export const THUMB_URL_PREFIX = '/files/thumbs/';
export const EXPORT_URL_PREFIX = '/files/exports/';

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
    sampler: item.sampler,
    steps: item.steps,
    guidance: item.guidance,
    width: item.width,
    height: item.height,
    model: item.model.name,
    favourite: item.favourite,
    trashed: item.trashed,
    watermark: item.watermark.status,
    imageUrl: imageUrl(item.id),
    thumbUrl: thumbUrl(item.id),
    hasTimeline: item.timeline !== null,
  };
}

export class GalleryService {
  private opening: Promise<Gallery> | undefined;
  private closed = false;

  /**
   * `dir`: the gallery folder (the host resolves it); `exportsDir`: where exports go by default and the only
   * folder whose zips the hosts serve.
   */
  constructor(readonly dir: string, readonly exportsDir: string, private readonly onNotice?: (message: string) => void) {}

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
    const page = g.search({
      text: req.query.trim() || undefined, model: req.model || undefined, sampler: req.sampler || undefined, width: req.width, height: req.height,
      since: req.since, until: req.until, favourite: req.favourite, trashed: req.trashed, sort: req.sort, offset: req.offset, limit: req.limit,
      withTotal: req.withTotal,
    });
    return { items: page.items.map(toView), offset: req.offset, hasMore: page.nextCursor !== null, total: page.total ?? null };
  }

  async facets(trashed: boolean): Promise<OpResponse<'gallery.facets'>> {
    return (await this.open()).facets(trashed);
  }

  /** One image (in the gallery or the trash) with its parameters and infotext. */
  async image(id: string): Promise<OpResponse<'gallery.image'>> {
    const item = await this.require(id);
    return { item: toView(item), parameters: item.params ? { ...item.params } : null, infotext: item.params ? formatInfotext(item.params) : null };
  }

  /** The gallery folder (absolute): the only place gallery URLs may read from. */
  async folder(): Promise<string> {
    return (await this.open()).dir;
  }

  /** Reads the item's recorded mark (or the default one for foreign images) back from its pixels. */
  async watermark(id: string): Promise<OpResponse<'gallery.watermark'>> {
    const g = await this.open();
    const item = await this.require(id);
    const recorded = item.watermark.status;
    try {
      const r = await g.verifyItem(id);
      const readable = r.verdict === 'likely' || r.verdict === 'very-likely';
      return { status: readable ? 'readable' : 'not-found', recorded, matching: r.matching, total: r.total };
    } catch (err) {
      if (err instanceof StudioError && err.code === 'gallery/too-small-to-verify') return { status: 'too-small', recorded, matching: 0, total: 0 };
      throw err;
    }
  }

  async favourite(id: string, favourite: boolean): Promise<OpResponse<'gallery.favourite'>> {
    const g = await this.open();
    await this.require(id);
    return { item: toView(await g.setFavourite(id, favourite)) };
  }

  /** Moves images to the trash; returns how many moved (already trashed ones are left as they are). */
  async trash(ids: string[]): Promise<OpResponse<'gallery.trash'>> {
    const g = await this.open();
    const moving = ids.filter((id) => g.get(id)?.trashed === false);
    await g.delete(ids);
    return { count: moving.length };
  }

  async restore(ids: string[]): Promise<OpResponse<'gallery.restore'>> {
    const g = await this.open();
    const moving = ids.filter((id) => g.get(id)?.trashed === true);
    await g.restore(ids);
    return { count: moving.length };
  }

  async emptyTrash(): Promise<OpResponse<'gallery.emptyTrash'>> {
    return { removed: await (await this.open()).emptyTrash() };
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

  /** Absolute path of an exported zip directly in exportsDir (what EXPORT_URL_PREFIX serves), or undefined. */
  exportZipFile(name: string): string | undefined {
    return /^[A-Za-z0-9][A-Za-z0-9_.-]{0,200}\.zip$/.test(name) ? path.join(this.exportsDir, name) : undefined;
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
    if (!item) throw new StudioError('gallery/unknown-id', `No image "${id}" in the gallery or its trash. Search the gallery for its current images.`, { id });
    return item;
  }

  async close(): Promise<void> {
    this.closed = true;
    const g = await this.opening?.catch(() => undefined); // a failed open has nothing to close
    g?.close();
  }
}
