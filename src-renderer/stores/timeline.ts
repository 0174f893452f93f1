// The Timeline screen's state: which timeline (a gallery image, or a running job followed by its
// timeline.step events), the current step and view, playback, and frames rendered ahead and cached here.
// It draws nothing and knows no layout; decodes and exports are asked for only when the user asks.
import { defineStore } from 'pinia';
import type { OpResponse } from '../../src-shared/contract/index.js';
import { errorInfo, useApi } from '../api/index.js';

export type TimelineInfo = OpResponse<'timeline.get'>;
export type FrameView = 'xt' | 'x0' | 'channels' | 'diff';
export type ScreenView = FrameView | 'compare';
export type ChannelScale = 'shared' | 'per-channel';
export type ExportFormat = 'webp' | 'gif' | 'sheet';
export interface Frame { url: string; width: number; height: number }
export interface ErrorState { code: string; message: string; params?: Record<string, unknown> }

export const SPEEDS = [0.5, 1, 2, 4] as const;
/** Steps per second at 1×. */
const BASE_RATE = 4;

type Ref = { id: string } | { jobId: string };

/** The event subscriptions of the live timeline on screen. */
let unsubscribes: (() => void)[] = [];
function unsubscribe(): void {
  for (const off of unsubscribes) off();
  unsubscribes = [];
}
let timer: ReturnType<typeof setInterval> | undefined;
let prefetching = false;
let prefetchAgain = false;

export function frameKey(view: FrameView, step: number, scale: ChannelScale = 'shared'): string {
  return view === 'channels' ? `channels-${scale}:${step}` : `${view}:${step}`;
}

export const useTimelineStore = defineStore('timeline', {
  state: () => ({
    ref: null as Ref | null,
    info: null as TimelineInfo | null,
    loading: false,
    /** No id given and no gallery image has a timeline. */
    empty: false,
    error: null as ErrorState | null,
    step: 0,
    compareStep: 0,
    view: 'xt' as ScreenView,
    scale: 'shared' as ChannelScale,
    playing: false,
    speed: 1 as (typeof SPEEDS)[number],
    frames: {} as Record<string, Frame>,
    frameErrors: {} as Record<string, ErrorState>,
    decoded: {} as Record<string, Frame>,
    decoding: false,
    decodeError: null as ErrorState | null,
    exporting: false,
    exported: null as (OpResponse<'timeline.export'> & { format: ExportFormat }) | null,
    exportError: null as ErrorState | null,
    /** Set when the running job on screen finished: the gallery image that now holds its timeline. */
    finishedImageId: null as string | null,
  }),
  getters: {
    count: (s) => s.info?.steps.length ?? 0,
    total: (s) => s.info?.shape[0] ?? 0,
    current: (s) => s.info?.steps[s.step] ?? null,
  },
  actions: {
    /** Opens a gallery image's timeline, a running job's (`jobId`), or the newest image with one. */
    async open(target: { id?: string; jobId?: string }): Promise<void> {
      this.stop();
      unsubscribe();
      this.$patch({ ref: null, finishedImageId: null, loading: true, error: null, empty: false, info: null, step: 0, compareStep: 0, exported: null, exportError: null, decodeError: null });
      this.frames = {};
      this.frameErrors = {};
      this.decoded = {};
      try {
        const ref = target.jobId ? { jobId: target.jobId } : target.id ? { id: target.id } : await this.latest();
        if (!ref) {
          this.empty = true;
          return;
        }
        this.ref = ref;
        if ('jobId' in ref) unsubscribes = [
          useApi().on('timeline.step', (p) => {
            if (p.jobId === ref.jobId) void this.refreshLive();
          }),
          // The finished job's timeline is its gallery image's now: the view opens that one.
          useApi().on('job.done', (p) => {
            if (p.jobId === ref.jobId) this.finishedImageId = p.images[this.info?.batchIndex ?? 0]?.id ?? null;
          }),
        ];
        const info = await useApi().invoke('timeline.get', ref);
        this.info = info;
        this.$patch({ step: Math.max(0, info.steps.length - 1), compareStep: 0 });
        void this.prefetch();
      } catch (err) {
        this.error = errorInfo(err);
      } finally {
        this.loading = false;
      }
    },

    /** The newest gallery image that has a timeline, among the newest 48 (the search has no timeline filter). */
    async latest(): Promise<Ref | null> {
      const r = await useApi().invoke('gallery.search', { sort: 'date-desc', limit: 48, withTotal: false });
      const item = r.items.find((i) => i.hasTimeline);
      return item ? { id: item.id } : null;
    },

    async refreshLive(): Promise<void> {
      if (!this.ref || !('jobId' in this.ref)) return;
      try {
        const ref = this.ref;
        const info = await useApi().invoke('timeline.get', ref);
        // NOTE: step events answer out of order: keep the longest timeline seen.
        if (this.ref !== ref || info.steps.length <= this.count) return;
        const atEnd = this.step >= this.count - 1;
        this.info = info;
        this.error = null; // a job asked for before it started recording answers once it does
        if (atEnd) this.seek(info.steps.length - 1);
        void this.prefetch();
      } catch (err) {
        // NOTE: the job finished: its timeline is now the gallery image's; keep showing what was recorded.
        if (errorInfo(err).code !== 'timeline/unknown-job') this.error = errorInfo(err);
      }
    },

    /** Renders ahead: every step's x_t (the thumbnails), then every step of the view on screen. One pass at a time. */
    async prefetch(): Promise<void> {
      if (prefetching) {
        prefetchAgain = true;
        return;
      }
      prefetching = true;
      try {
        do {
          prefetchAgain = false;
          const view: FrameView = this.view === 'compare' ? 'xt' : this.view;
          await this.frame(view, this.step);
          for (let i = 0; i < this.count; i++) await this.frame('xt', i);
          for (let i = 0; i < this.count; i++) await this.frame(view, i);
        } while (prefetchAgain);
      } finally {
        prefetching = false;
      }
    },

    async frame(view: FrameView, step: number): Promise<Frame | undefined> {
      const key = frameKey(view, step, this.scale);
      const ref = this.ref;
      if (this.frames[key] || this.frameErrors[key] || !ref || step >= this.count) return this.frames[key];
      if (view === 'diff' && step === 0) return undefined; // no previous step: the view says so
      try {
        const f = await useApi().invoke('timeline.frame', { ...ref, step, view, ...(view === 'channels' ? { scale: this.scale } : {}) });
        // NOTE: another timeline may have been opened meanwhile: its frames must not get this one's.
        if (this.ref === ref) this.frames[key] = f;
        return f;
      } catch (err) {
        if (this.ref === ref) this.frameErrors[key] = errorInfo(err);
        return undefined;
      }
    },

    seek(step: number): void {
      const n = this.count;
      if (n === 0) return;
      this.step = Math.min(n - 1, Math.max(0, Math.round(step)));
      this.decodeError = null;
      void this.frame(this.view === 'compare' ? 'xt' : this.view, this.step);
    },

    setCompareStep(step: number): void {
      this.compareStep = Math.min(this.count - 1, Math.max(0, Math.round(step)));
      void this.frame('xt', this.compareStep);
    },

    setView(view: ScreenView): void {
      this.view = view;
      void this.prefetch();
    },

    setScale(scale: ChannelScale): void {
      this.scale = scale;
      void this.prefetch();
    },

    play(): void {
      if (this.count === 0) return;
      if (this.step >= this.count - 1) this.step = 0;
      this.playing = true;
      this.restartTimer();
    },

    stop(): void {
      this.playing = false;
      if (timer) clearInterval(timer);
      timer = undefined;
    },

    setSpeed(speed: (typeof SPEEDS)[number]): void {
      this.speed = speed;
      if (this.playing) this.restartTimer();
    },

    restartTimer(): void {
      if (timer) clearInterval(timer);
      timer = setInterval(() => {
        if (this.step >= this.count - 1) this.stop();
        else this.seek(this.step + 1);
      }, 1000 / (BASE_RATE * this.speed));
    },

    async decode(): Promise<void> {
      if (!this.ref) return;
      const view = this.view === 'x0' ? 'x0' : 'xt';
      const key = `${view}:${this.step}`;
      if (this.decoded[key]) return;
      this.$patch({ decoding: true, decodeError: null });
      try {
        this.decoded[key] = await useApi().invoke('timeline.decode', { ...this.ref, step: this.step, view });
      } catch (err) {
        this.decodeError = errorInfo(err);
      } finally {
        this.decoding = false;
      }
    },

    async exportAs(format: ExportFormat, view: 'xt' | 'x0'): Promise<void> {
      if (!this.ref || !('id' in this.ref)) return;
      this.$patch({ exporting: true, exportError: null, exported: null });
      try {
        const r = await useApi().invoke('timeline.export', { id: this.ref.id, format, view, scale: 4 });
        this.exported = { ...r, format };
      } catch (err) {
        this.exportError = errorInfo(err);
      } finally {
        this.exporting = false;
      }
    },

    leave(): void {
      this.stop();
      unsubscribe();
    },
  },
});
