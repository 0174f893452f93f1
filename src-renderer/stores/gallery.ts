// The Gallery screen's state: filters, the results as a sparse list filled block by block for the virtual
// grid, the multi-selection, the open image (details, watermark check) and the export job with its events.
import { defineStore } from 'pinia';
import { markRaw } from 'vue';
import {
  EXPORT_NAME_TEMPLATE_DEFAULT, type EventPayload, type GalleryItemView, type GallerySearchRequest, type OpResponse, type WireError,
} from '../../src-shared/contract/index.js';
import { errorInfo, useApi } from '../api/index.js';

/** Results are fetched in blocks of this many (one request each) as the grid scrolls to them. */
export const BLOCK = 100;

export interface GalleryFilters {
  query: string;
  model: string;
  /** Our scheduler id, '' for any. */
  sampler: string;
  /** `WxH`, '' for any. */
  size: string;
  /** `YYYY-MM-DD` (local days), '' for open. */
  since: string;
  until: string;
  favourite: boolean;
  trashed: boolean;
}

export type ExportFormat = 'png' | 'jpeg' | 'webp' | 'avif';
export type ExportStatus = 'idle' | 'running' | 'done' | 'failed' | 'cancelled';
type ErrorInfo = WireError;

const EMPTY_FILTERS: GalleryFilters = { query: '', model: '', sampler: '', size: '', since: '', until: '', favourite: false, trashed: false };

/** The search request for the filters (dates are local days; `until` includes its whole day). */
export function searchRequest(f: GalleryFilters): GallerySearchRequest {
  const req: GallerySearchRequest = { query: f.query, trashed: f.trashed };
  if (f.model) req.model = f.model;
  if (f.sampler) req.sampler = f.sampler;
  const size = /^(\d+)x(\d+)$/.exec(f.size);
  if (size) Object.assign(req, { width: Number(size[1]), height: Number(size[2]) });
  const day = (s: string) => (/^\d{4}-\d{2}-\d{2}$/.test(s) ? new Date(`${s}T00:00:00`).getTime() : NaN);
  if (Number.isFinite(day(f.since))) req.since = day(f.since);
  if (Number.isFinite(day(f.until))) req.until = day(f.until) + 86_400_000 - 1;
  if (f.favourite) req.favourite = true;
  return req;
}

export const useGalleryStore = defineStore('gallery', {
  state: () => ({
    filters: { ...EMPTY_FILTERS } as GalleryFilters,
    total: 0,
    /** Results by index; holes are blocks not fetched yet. Items are raw (never edited in place). */
    items: {} as Record<number, GalleryItemView>,
    /** Bumped on every new search, so answers to an older one are dropped. */
    generation: 0,
    loading: false,
    facets: null as OpResponse<'gallery.facets'> | null,
    selected: [] as string[],
    /** The grid's keyboard position (restored when coming back from the detail view). */
    focusIndex: 0,
    detail: null as OpResponse<'gallery.image'> | null,
    /** Index of the open image in the results, when it was opened from the grid. */
    detailIndex: null as number | null,
    watermark: null as OpResponse<'gallery.watermark'> | null,
    exportForm: { format: 'png' as ExportFormat, template: EXPORT_NAME_TEMPLATE_DEFAULT, zip: false, to: '', toEdited: false },
    exportJob: { jobId: null as string | null, status: 'idle' as ExportStatus, done: 0, total: 0, to: '', downloadUrl: null as string | null, count: 0 },
    exportError: null as ErrorInfo | null,
    error: null as ErrorInfo | null,
    subscribed: false,
  }),
  getters: {
    filtered: (s) => Object.entries(s.filters).some(([k, v]) => k !== 'trashed' && v !== EMPTY_FILTERS[k as keyof GalleryFilters]),
  },
  actions: {
    /** Subscribes to export events (once) and loads the first block, the facets and the export target. */
    async init(): Promise<void> {
      if (!this.subscribed) {
        const api = useApi();
        api.on('gallery.exportProgress', (p) => this.onExportProgress(p));
        api.on('gallery.exportDone', (p) => this.onExportDone(p));
        api.on('gallery.exportError', (p) => this.onExportError(p));
        this.subscribed = true;
      }
      await Promise.all([this.refresh(), this.loadExportTarget()]);
    },

    /** Starts the results over for the current filters (keeps the selection of ids still shown later). */
    async refresh(): Promise<void> {
      const generation = ++this.generation;
      this.loading = true;
      const blocks = loadedBlocks.get(this) ?? new Set<number>();
      blocks.clear();
      loadedBlocks.set(this, blocks);
      blocks.add(0);
      try {
        const [page, facets] = await Promise.all([
          useApi().invoke('gallery.search', { ...searchRequest(this.filters), offset: 0, limit: BLOCK, withTotal: true }),
          useApi().invoke('gallery.facets', { trashed: this.filters.trashed }),
        ]);
        if (generation !== this.generation) return;
        const items: Record<number, GalleryItemView> = {};
        page.items.forEach((it, i) => (items[i] = markRaw(it)));
        this.$patch({ items, total: page.total ?? page.items.length, facets, error: null, focusIndex: Math.min(this.focusIndex, Math.max(0, (page.total ?? 0) - 1)) });
      } catch (err) {
        if (generation === this.generation) this.error = errorInfo(err);
      } finally {
        if (generation === this.generation) this.loading = false;
      }
    },

    /** Makes sure the results from `start` to `end` (exclusive) are fetched. */
    ensureRange(start: number, end: number): void {
      const blocks = loadedBlocks.get(this);
      if (!blocks) return;
      for (let b = Math.floor(Math.max(0, start) / BLOCK); b * BLOCK < Math.min(end, this.total); b++) {
        if (blocks.has(b)) continue;
        blocks.add(b);
        void this.fetchBlock(b, this.generation);
      }
    },

    async fetchBlock(b: number, generation: number): Promise<void> {
      try {
        const page = await useApi().invoke('gallery.search', { ...searchRequest(this.filters), offset: b * BLOCK, limit: BLOCK, withTotal: false });
        if (generation !== this.generation) return;
        page.items.forEach((it, i) => (this.items[b * BLOCK + i] = markRaw(it)));
      } catch (err) {
        if (generation !== this.generation) return;
        loadedBlocks.get(this)?.delete(b);
        this.error = errorInfo(err);
      }
    },

    setFilters(patch: Partial<GalleryFilters>): Promise<void> {
      this.$patch({ filters: { ...this.filters, ...patch }, focusIndex: 0 });
      if (patch.trashed !== undefined) this.selected = [];
      return this.refresh();
    },

    clearFilters(): Promise<void> {
      return this.setFilters({ ...EMPTY_FILTERS, trashed: this.filters.trashed });
    },

    toggleSelected(id: string): void {
      this.selected = this.selected.includes(id) ? this.selected.filter((s) => s !== id) : [...this.selected, id];
    },

    clearSelection(): void {
      this.selected = [];
    },

    /** Loads one image for the detail view, then reads its watermark back from the pixels. */
    async openDetail(id: string, index: number | null): Promise<void> {
      this.$patch({ detailIndex: index, watermark: null, error: null });
      if (index !== null) this.focusIndex = index;
      try {
        const detail = await useApi().invoke('gallery.image', { id });
        this.detail = detail;
        const watermark = await useApi().invoke('gallery.watermark', { id });
        if (this.detail?.item.id === id) this.watermark = watermark;
      } catch (err) {
        this.error = errorInfo(err);
      }
    },

    closeDetail(): void {
      this.$patch({ detail: null, watermark: null });
    },

    /** The id at `index` of the results, fetching its block first when needed. */
    async idAt(index: number): Promise<string | null> {
      if (index < 0 || index >= this.total) return null;
      if (!this.items[index]) await this.fetchBlock(Math.floor(index / BLOCK), this.generation);
      return this.items[index]?.id ?? null;
    },

    async setFavourite(id: string, favourite: boolean): Promise<void> {
      try {
        const { item } = await useApi().invoke('gallery.favourite', { id, favourite });
        if (this.detail?.item.id === id) this.detail = { ...this.detail, item };
        const index = Object.keys(this.items).find((k) => this.items[Number(k)].id === id);
        if (index !== undefined) this.items[Number(index)] = markRaw(item);
        if (this.filters.favourite) await this.refresh();
      } catch (err) {
        this.error = errorInfo(err);
      }
    },

    /** Moves to the trash (or, in the trash view, restores) the given images, then shows the results anew. */
    async moveImages(ids: string[], to: 'trash' | 'gallery'): Promise<void> {
      if (!ids.length) return;
      try {
        await useApi().invoke(to === 'trash' ? 'gallery.trash' : 'gallery.restore', { ids });
        this.selected = this.selected.filter((s) => !ids.includes(s));
        if (this.detail && ids.includes(this.detail.item.id)) this.detail = { ...this.detail, item: { ...this.detail.item, trashed: to === 'trash' } };
        await this.refresh();
      } catch (err) {
        this.error = errorInfo(err);
      }
    },

    async emptyTrash(): Promise<void> {
      try {
        await useApi().invoke('gallery.emptyTrash', {});
        this.selected = [];
        await this.refresh();
      } catch (err) {
        this.error = errorInfo(err);
      }
    },

    async loadExportTarget(): Promise<void> {
      if (this.exportForm.toEdited) return;
      try {
        this.exportForm.to = (await useApi().invoke('gallery.exportTarget', { zip: this.exportForm.zip })).to;
      } catch (err) {
        this.exportError = errorInfo(err);
      }
    },

    async startExport(ids: string[]): Promise<void> {
      const f = this.exportForm;
      this.$patch({ exportError: null, exportJob: { jobId: null, status: 'running', done: 0, total: ids.length, to: '', downloadUrl: null, count: 0 } });
      try {
        const { jobId, to } = await useApi().invoke('gallery.export', { ids, format: f.format, template: f.template, zip: f.zip, to: f.to.trim() || undefined });
        this.$patch({ exportJob: { jobId, to } });
      } catch (err) {
        this.$patch({ exportError: errorInfo(err), exportJob: { status: 'failed' } });
      }
    },

    async cancelExport(): Promise<void> {
      if (this.exportJob.jobId) await useApi().invoke('gallery.cancelExport', { jobId: this.exportJob.jobId });
    },

    onExportProgress(p: EventPayload<'gallery.exportProgress'>): void {
      if (this.exportJob.jobId === p.jobId || (this.exportJob.jobId === null && this.exportJob.status === 'running')) this.$patch({ exportJob: { jobId: p.jobId, done: p.done, total: p.total } });
    },

    onExportDone(p: EventPayload<'gallery.exportDone'>): void {
      if (this.exportJob.jobId !== p.jobId) return;
      this.$patch({ exportJob: { status: 'done', to: p.to, downloadUrl: p.downloadUrl, count: p.files.length, done: p.files.length } });
      if (!this.exportForm.toEdited) void this.loadExportTarget(); // the next export gets a fresh default folder
    },

    onExportError(p: EventPayload<'gallery.exportError'>): void {
      if (this.exportJob.jobId !== p.jobId) return;
      const cancelled = p.error.code === 'cancelled';
      this.$patch({ exportJob: { status: cancelled ? 'cancelled' : 'failed' }, exportError: cancelled ? null : p.error });
    },
  },
});

/** Which blocks of the current search were asked for (not state: nothing renders from it). */
const loadedBlocks = new WeakMap<object, Set<number>>();
