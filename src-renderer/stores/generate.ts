// The Generate screen's state: the form, the lists it picks from (models, schedulers), the running job
// with its progress, and the last results. Talks to main only through api/.
import { defineStore } from 'pinia';
import type { EventPayload, GeneratedImageView, ModelInfo, OpRequest, SchedulerInfo } from '../../src-shared/contract/index.js';
import { errorInfo, useApi } from '../api/index.js';

export interface GenerateForm {
  model: string;
  prompt: string;
  negativePrompt: string;
  steps: number;
  guidance: number;
  /** Empty: a random seed. */
  seed: string;
  width: number;
  height: number;
  /** Empty: the model's own scheduler. */
  scheduler: string;
  batch: number;
}

export type JobStatus = 'idle' | 'starting' | 'running' | 'done' | 'failed' | 'cancelled';

export const useGenerateStore = defineStore('generate', {
  state: () => ({
    form: { model: '', prompt: '', negativePrompt: '', steps: 20, guidance: 7.5, seed: '', width: 512, height: 512, scheduler: '', batch: 1 } as GenerateForm,
    models: [] as ModelInfo[],
    schedulers: [] as SchedulerInfo[],
    providers: [] as string[],
    version: '',
    jobId: null as string | null,
    status: 'idle' as JobStatus,
    step: 0,
    total: 0,
    elapsedMs: 0,
    preview: null as string | null,
    images: [] as GeneratedImageView[],
    lastSeed: null as string | null,
    /** The prompt of the shown results (their alt text starts with it). */
    lastPrompt: '',
    lastInfo: '',
    /** Why the providers tried before the one that ran were passed over (empty when the first one ran). */
    providerNote: '',
    error: null as { code: string; message: string } | null,
    ready: false,
  }),
  getters: {
    busy: (s) => s.status === 'starting' || s.status === 'running',
    percent: (s) => (s.total > 0 ? Math.round((100 * s.step) / s.total) : 0),
  },
  actions: {
    /** Loads the lists and subscribes to job events; call once when the app mounts. */
    async init(): Promise<void> {
      const api = useApi();
      api.on('job.progress', (p) => this.onProgress(p));
      api.on('job.done', (p) => this.onDone(p));
      api.on('job.error', (p) => this.onError(p));
      try {
        const [info, models, schedulers] = await Promise.all([api.invoke('app.info', {}), api.invoke('models.list', {}), api.invoke('schedulers.list', {})]);
        this.version = info.version;
        this.providers = info.providers;
        this.models = models.models;
        this.schedulers = schedulers.schedulers;
        if (!this.form.model && this.models.length) this.form.model = this.models[0].id;
      } catch (err) {
        this.error = errorInfo(err);
      }
      this.ready = true;
    },

    async generate(): Promise<void> {
      if (this.busy) return;
      const f = this.form;
      const request: OpRequest<'generate.start'> = {
        model: f.model, prompt: f.prompt, negativePrompt: f.negativePrompt, steps: f.steps, guidance: f.guidance,
        seed: f.seed.trim() === '' ? null : f.seed.trim(), width: f.width, height: f.height,
        scheduler: f.scheduler || null, batch: f.batch,
      };
      this.$patch({ status: 'starting', error: null, step: 0, total: f.steps, elapsedMs: 0, preview: null });
      try {
        const started = await useApi().invoke('generate.start', request);
        // NOTE: events of this job may already have arrived; keep a later status they set.
        this.jobId = started.jobId;
        this.lastSeed = started.seed;
        if (this.status === 'starting') this.status = 'running';
      } catch (err) {
        this.status = 'failed';
        this.error = errorInfo(err);
      }
    },

    async cancel(): Promise<void> {
      if (!this.jobId || !this.busy) return;
      try {
        await useApi().invoke('job.cancel', { jobId: this.jobId });
      } catch (err) {
        this.error = errorInfo(err);
      }
    },

    randomizeSeed(): void {
      this.form.seed = '';
    },

    reuseSeed(): void {
      if (this.lastSeed) this.form.seed = this.lastSeed;
    },

    onProgress(p: EventPayload<'job.progress'>): void {
      if (p.jobId !== this.jobId && this.status !== 'starting') return;
      this.$patch({ step: p.step, total: p.total || this.total, elapsedMs: p.elapsedMs, preview: p.preview ?? this.preview });
    },

    onDone(p: EventPayload<'job.done'>): void {
      if (p.jobId !== this.jobId && this.status !== 'starting') return;
      this.$patch({ status: 'done', images: p.images, lastSeed: p.seed, step: this.total, lastPrompt: this.form.prompt });
      this.lastInfo = `seed ${p.seed} · ${p.scheduler} · ${p.ep} · ${(p.timings.totalMs / 1000).toFixed(1)} s`;
      this.providerNote = p.skippedProviders.map((s) => `${s.ep} skipped: ${s.reason}`).join(' · ');
    },

    onError(p: EventPayload<'job.error'>): void {
      if (p.jobId !== this.jobId && this.status !== 'starting') return;
      // Cancelling is not failing: no error box.
      if (p.error.code === 'cancelled') this.$patch({ status: 'cancelled', error: null });
      else this.$patch({ status: 'failed', error: { code: p.error.code, message: p.error.message } });
    },
  },
});
