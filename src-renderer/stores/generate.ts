// The Generate screen's state: the form, the lists it picks from, the jobs main runs (asked with job.list on
// load and kept current by job.* events, so a reload loses nothing), the results strip and the errors.
// Talks to main only through api/; the form's pure rules live in generate-form.ts.
import { defineStore } from 'pinia';
import type { EventPayload, GeneratedImageView, JobSummary, ModelInfo, OpRequest, SchedulerInfo } from '../../src-shared/contract/index.js';
import { useApi } from '../api/index.js';
import type { ErrorInfo } from '../composables/use-error-text.js';
import { DEFAULT_FORM, formFromParameters, requestsOf, type GenerateForm } from './generate-form.js';

export type { GenerateForm } from './generate-form.js';
export type RunStatus = 'idle' | 'starting' | 'running' | 'done' | 'failed' | 'cancelled';

/** A queued or running job as the screen shows it. */
export interface JobView {
  jobId: string;
  state: 'queued' | 'running';
  prompt: string;
  seed: string;
  step: number;
  total: number;
  elapsedMs: number;
  preview?: string;
  /** When (page clock) the first denoising step was seen, for it/s; null until then. */
  firstStepAt: number | null;
  firstStep: number;
  lastStepAt: number | null;
}

/** One finished batch in the strip, with the parameters it was made with. */
export interface ResultView {
  jobId: string;
  images: GeneratedImageView[];
  prompt: string;
  negativePrompt: string;
  seed: string;
  scheduler: string;
  steps: number | null;
  guidance: number | null;
  seconds: number;
}

export interface TokenCount { count: number; limit: number; truncated: boolean }

function errorOf(err: unknown): ErrorInfo {
  const e = err as { code?: unknown; message?: unknown; params?: unknown };
  return {
    code: typeof e?.code === 'string' ? e.code : 'internal',
    message: typeof e?.message === 'string' ? e.message : String(err),
    ...(e?.params && typeof e.params === 'object' ? { params: e.params as Record<string, unknown> } : {}),
  };
}

function viewOf(j: JobSummary): JobView {
  const prompt = typeof j.request.prompt === 'string' ? j.request.prompt : '';
  return { jobId: j.jobId, state: j.state, prompt, seed: j.seed, step: j.step, total: j.total, elapsedMs: j.elapsedMs, preview: j.preview, firstStepAt: null, firstStep: 0, lastStepAt: null };
}

export const useGenerateStore = defineStore('generate', {
  state: () => ({
    form: { ...DEFAULT_FORM } as GenerateForm,
    aspectLock: false,
    models: [] as ModelInfo[],
    schedulers: [] as SchedulerInfo[],
    providers: [] as string[],
    version: '',
    ready: false,
    jobs: [] as JobView[],
    /** Requests of the jobs this page started (for the strip's parameters), by job id. */
    requests: {} as Record<string, OpRequest<'generate.start'>>,
    /** The jobs of the last Generate click; Interrupt cancels those still queued or running. */
    runJobIds: [] as string[],
    status: 'idle' as RunStatus,
    lastSeed: null as string | null,
    results: [] as ResultView[],
    /** A failure not tied to one field; field errors go to `fieldErrors` (shown next to the control). */
    error: null as ErrorInfo | null,
    fieldErrors: {} as Record<string, ErrorInfo>,
    tokens: { prompt: null as TokenCount | null, negativePrompt: null as TokenCount | null },
    tokenError: null as ErrorInfo | null,
    /** What the last dropped PNG filled the form from, or why it could not. */
    dropped: null as { source: string; sampler: string | null; unknownSampler: boolean } | null,
    dropError: null as ErrorInfo | null,
  }),
  getters: {
    busy: (s) => s.status === 'starting' || s.jobs.some((j) => s.runJobIds.includes(j.jobId)),
    running: (s) => s.jobs.find((j) => j.state === 'running') ?? null,
    queued: (s) => s.jobs.filter((j) => j.state === 'queued'),
  },
  actions: {
    /** Loads the lists and the jobs main is running, and subscribes to job events; once per app. */
    async init(): Promise<void> {
      const api = useApi();
      api.on('job.progress', (p) => this.onProgress(p));
      api.on('job.done', (p) => this.onDone(p));
      api.on('job.error', (p) => this.onError(p));
      try {
        const [info, models, schedulers] = await Promise.all([api.invoke('app.info', {}), api.invoke('models.list', {}), api.invoke('schedulers.list', {})]);
        this.$patch({ version: info.version, providers: info.providers, models: models.models, schedulers: schedulers.schedulers });
        if (!this.form.model && this.models.length) this.form.model = this.models[0].id;
        await this.refreshJobs();
      } catch (err) {
        this.error = errorOf(err);
      }
      this.ready = true;
    },

    /** Asks main for the running and queued jobs (after a reload, or when an unknown job reports). */
    async refreshJobs(): Promise<void> {
      const { jobs } = await useApi().invoke('job.list', {});
      const known = new Map(this.jobs.map((j) => [j.jobId, j]));
      this.jobs = jobs.map((j) => ({ ...viewOf(j), ...(known.get(j.jobId) ? { firstStepAt: known.get(j.jobId)!.firstStepAt, firstStep: known.get(j.jobId)!.firstStep } : {}) }));
      if (this.status === 'idle' && jobs.length) this.$patch({ runJobIds: jobs.map((j) => j.jobId), status: 'running' });
    },

    /** Queues one job per batch (batch count); seeds count up from a typed one. */
    async generate(): Promise<void> {
      if (this.busy || !this.form.model) return;
      // NOTE: $patch with an object merges; a function replaces the field errors instead of merging into them.
      this.$patch((s) => {
        s.status = 'starting';
        s.error = null;
        s.fieldErrors = {};
        s.runJobIds = [];
        s.dropped = null;
        s.dropError = null;
      });
      const api = useApi();
      for (const request of requestsOf(this.form)) {
        try {
          const started = await api.invoke('generate.start', request);
          this.requests[started.jobId] = request;
          this.runJobIds.push(started.jobId);
          this.lastSeed = started.seed;
          // NOTE: the job's first progress event may have arrived first; keep its entry.
          if (!this.jobs.some((j) => j.jobId === started.jobId)) {
            this.jobs.push({ jobId: started.jobId, state: 'queued', prompt: request.prompt, seed: started.seed, step: 0, total: request.steps ?? 0, elapsedMs: 0, firstStepAt: null, firstStep: 0, lastStepAt: null });
          }
        } catch (err) {
          this.showError(errorOf(err));
          break;
        }
      }
      if (this.status === 'starting') this.status = this.runJobIds.length ? 'running' : 'failed';
    },

    /** Interrupt: cancels the jobs of the last click that are still queued or running. */
    async interrupt(): Promise<void> {
      const live = this.jobs.filter((j) => this.runJobIds.includes(j.jobId));
      // The queued ones first, so none starts while the running one stops.
      for (const j of [...live].sort((a, b) => Number(a.state === 'running') - Number(b.state === 'running'))) await this.cancel(j.jobId);
    },

    async cancel(jobId: string): Promise<void> {
      try {
        await useApi().invoke('job.cancel', { jobId });
      } catch (err) {
        this.error = errorOf(err);
      }
    },

    /** Fills the form from the parameters of a result's image (gallery.image). */
    async reuse(imageId: string): Promise<void> {
      try {
        const { parameters, item } = await useApi().invoke('gallery.image', { id: imageId });
        // Our images carry GenerationParams; a foreign one only what the gallery indexed.
        const p = parameters ?? { ...item };
        this.fill(p, (parameters?.model as { name?: string } | undefined)?.name ?? item.model ?? undefined);
      } catch (err) {
        this.error = errorOf(err);
      }
    },

    /** The infotext of an image (for the clipboard). */
    async infotext(imageId: string): Promise<string | null> {
      try {
        return (await useApi().invoke('gallery.image', { id: imageId })).infotext;
      } catch (err) {
        this.error = errorOf(err);
        return null;
      }
    },

    /** Fills the form from a dropped PNG (a data: URL) through image.parameters. */
    async fillFromPng(dataUrl: string): Promise<void> {
      this.$patch({ dropped: null, dropError: null });
      try {
        const { source, parameters } = await useApi().invoke('image.parameters', { png: dataUrl });
        this.fill(parameters, parameters.model);
        this.dropped = { source, sampler: parameters.sampler, unknownSampler: parameters.scheduler === null && parameters.sampler !== null };
      } catch (err) {
        this.dropError = errorOf(err);
      }
    },

    fill(p: Readonly<Record<string, unknown>>, modelName?: string): void {
      const patch = formFromParameters(p, this.schedulers.map((s) => s.id));
      const model = modelName ? this.models.find((m) => m.name === modelName || m.id === modelName) : undefined;
      this.$patch({ form: { ...patch, ...(model ? { model: model.id } : {}) } });
      this.fieldErrors = {};
    },

    async countTokens(which: 'prompt' | 'negativePrompt'): Promise<void> {
      const text = this.form[which];
      try {
        const r = await useApi().invoke('prompt.tokenize', { text, ...(this.form.model ? { model: this.form.model } : {}) });
        // NOTE: a slow answer for older text must not overwrite a newer count.
        if (this.form[which] === text) this.$patch({ tokens: { [which]: { count: r.count, limit: r.limit, truncated: r.truncated } }, tokenError: null });
      } catch (err) {
        this.tokenError = errorOf(err);
      }
    },

    randomizeSeed(): void {
      this.form.seed = '';
    },

    reuseSeed(): void {
      if (this.lastSeed) this.form.seed = this.lastSeed;
    },

    showError(e: ErrorInfo): void {
      const field = typeof e.params?.field === 'string' ? e.params.field : null;
      if (e.code === 'contract/bad-request' && field) this.fieldErrors = { ...this.fieldErrors, [field]: e };
      else if (e.code === 'engine/unknown-scheduler') this.fieldErrors = { ...this.fieldErrors, scheduler: e };
      else if (e.code === 'models/unknown-model') this.fieldErrors = { ...this.fieldErrors, model: e };
      else this.error = e;
    },

    onProgress(p: EventPayload<'job.progress'>): void {
      const i = this.jobs.findIndex((j) => j.jobId === p.jobId);
      if (i < 0) return void this.refreshJobs().catch((err: unknown) => (this.error = errorOf(err)));
      const job = this.jobs[i];
      const now = performance.now();
      const first = job.firstStepAt === null && p.step > 0;
      this.jobs[i] = {
        ...job, state: 'running', step: p.step, total: p.total, elapsedMs: p.elapsedMs, preview: p.preview ?? job.preview,
        ...(first ? { firstStepAt: now, firstStep: p.step } : {}), ...(p.step > 0 ? { lastStepAt: now } : {}),
      };
    },

    onDone(p: EventPayload<'job.done'>): void {
      const job = this.jobs.find((j) => j.jobId === p.jobId);
      const req = this.requests[p.jobId];
      this.results.unshift({
        jobId: p.jobId, images: p.images, prompt: req?.prompt ?? job?.prompt ?? '', negativePrompt: req?.negativePrompt ?? '', seed: p.seed,
        scheduler: p.scheduler, steps: req?.steps ?? job?.total ?? null, guidance: req?.guidance ?? null, seconds: p.timings.totalMs / 1000,
      });
      this.lastSeed = p.seed;
      this.finish(p.jobId, 'done');
    },

    onError(p: EventPayload<'job.error'>): void {
      // Cancelling is not failing: no error box.
      if (p.error.code === 'cancelled') return this.finish(p.jobId, 'cancelled');
      if (this.runJobIds.includes(p.jobId)) this.showError({ code: p.error.code, message: p.error.message, ...(p.error.params ? { params: p.error.params } : {}) });
      this.finish(p.jobId, 'failed');
    },

    finish(jobId: string, how: 'done' | 'cancelled' | 'failed'): void {
      this.jobs = this.jobs.filter((j) => j.jobId !== jobId);
      delete this.requests[jobId];
      if (!this.runJobIds.includes(jobId)) return;
      const left = this.jobs.some((j) => this.runJobIds.includes(j.jobId));
      // The run's status: cancelled or failed sticks; done only when its last job is done.
      if (how !== 'done') this.status = how;
      else if (!left && this.status !== 'cancelled' && this.status !== 'failed') this.status = 'done';
    },
  },
});
