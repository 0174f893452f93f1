// The Lab screen's state: the model, each experiment's form, its last result, whether it runs and its
// error. lab.* ops are plain requests (no job id): "Cancel" aborts the wait on this side and drops the
// answer; main finishes the call. Latents stay in main under the latentId of the last encoding.
import { defineStore } from 'pinia';
import type { GalleryItemView, ModelInfo, OpRequest, OpResponse, SchedulerInfo } from '../../src-shared/contract/index.js';
import { useApi } from '../api/index.js';
import { parseStepList } from './lab-step-list.js';

export type Experiment = 'encode' | 'noise' | 'step' | 'tokens';

export interface LabError {
  code: string;
  message: string;
  params?: Record<string, unknown>;
}

export interface RunState {
  busy: boolean;
  error: LabError | null;
}

/** A picked file as a data: URL, maybe scaled down to fit one request (components/lab/image-upload). */
export interface UploadImage {
  url: string;
  name: string;
  width: number;
  height: number;
  /** The file's own size when it was scaled down. */
  resizedFrom?: { width: number; height: number };
}

/** The image to encode: a file from this computer or a gallery image (sent by id). */
export type LabSource = ({ kind: 'file' } & UploadImage) | { kind: 'gallery'; id: string; name: string; url: string; width: number; height: number };

const idle = (): Record<Experiment, RunState> => ({
  encode: { busy: false, error: null }, noise: { busy: false, error: null }, step: { busy: false, error: null }, tokens: { busy: false, error: null },
});

/** Not state: one AbortController per running experiment (the UI only needs `busy`). */
const controllers = new Map<Experiment, AbortController>();

function labError(err: unknown): LabError {
  const e = err as { code?: unknown; message?: unknown; params?: unknown };
  return {
    code: typeof e?.code === 'string' ? e.code : 'internal',
    message: typeof e?.message === 'string' ? e.message : String(err),
    ...(e?.params && typeof e.params === 'object' ? { params: e.params as Record<string, unknown> } : {}),
  };
}

/** Resolves with `work`, or rejects with the signal's reason as soon as it aborts (work goes on unheard). */
function unlessAborted<T>(work: Promise<T>, signal: AbortSignal): Promise<T> {
  return new Promise((resolve, reject) => {
    signal.addEventListener('abort', () => reject(signal.reason), { once: true });
    work.then(resolve, reject);
  });
}

const seedOf = (s: string) => (s.trim() === '' ? null : s.trim());

export const useLabStore = defineStore('lab', {
  state: () => ({
    models: [] as ModelInfo[],
    schedulers: [] as SchedulerInfo[],
    gallery: [] as GalleryItemView[],
    model: '',
    ready: false,
    /** An error of loading the lists (models, schedulers, gallery). */
    loadError: null as LabError | null,
    runs: idle(),
    source: null as LabSource | null,
    encodeForm: { sample: false, seed: '' },
    encoded: null as OpResponse<'lab.encode'> | null,
    /** The source `encoded` came from (the picker may already show another). */
    encodedSource: null as LabSource | null,
    noiseForm: { scheduler: '', numSteps: 10, steps: '0, 4, 9', seed: '' },
    noised: null as OpResponse<'lab.noise'> | null,
    stepForm: { timestep: 500, prompt: '', seed: '' },
    stepped: null as OpResponse<'lab.denoiseStep'> | null,
    tokenForm: { text: 'a photograph of an astronaut riding a horse' },
    tokens: null as OpResponse<'prompt.tokenize'> | null,
  }),
  actions: {
    /** Loads models, schedulers and recent gallery images; call when the screen mounts. */
    async init(): Promise<void> {
      const api = useApi();
      try {
        const [models, schedulers, gallery] = await Promise.all([
          api.invoke('models.list', {}), api.invoke('schedulers.list', {}), api.invoke('gallery.search', { query: '', limit: 48 }),
        ]);
        this.$patch({ models: models.models, schedulers: schedulers.schedulers, gallery: gallery.items, loadError: null }); // arrays: replaced, not merged
        if (!this.models.some((m) => m.id === this.model)) this.model = this.models[0]?.id ?? '';
      } catch (err) {
        this.loadError = labError(err);
      }
      this.ready = true;
    },

    /** Another model: the kept latents came from the old model's VAE, so every result goes. */
    setModel(id: string): void {
      if (id === this.model) return;
      this.cancelAll();
      this.$patch({ model: id, encoded: null, encodedSource: null, noised: null, stepped: null, tokens: null }); // nulls: nothing to merge
    },

    setSource(source: LabSource): void {
      this.$patch((s) => {
        s.source = source;
        s.runs.encode.error = null;
      });
    },

    /** An error found on this side (a file the browser cannot read), shown by the experiment. */
    fail(exp: Experiment, err: unknown): void {
      this.runs[exp] = { busy: false, error: labError(err) };
    },

    /** Runs `work` as experiment `exp`: one at a time per experiment, its answer dropped once cancelled. */
    async run<T>(exp: Experiment, work: () => Promise<T>, apply: (r: T) => void): Promise<void> {
      controllers.get(exp)?.abort();
      const ctl = new AbortController();
      controllers.set(exp, ctl);
      this.runs[exp] = { busy: true, error: null };
      try {
        const r = await unlessAborted(work(), ctl.signal);
        apply(r);
      } catch (err) {
        // Cancelling is not failing: an aborted wait leaves no error.
        if (!ctl.signal.aborted) this.runs[exp].error = labError(err);
      } finally {
        if (controllers.get(exp) === ctl) {
          controllers.delete(exp);
          this.runs[exp].busy = false;
        }
      }
    },

    cancel(exp: Experiment): void {
      const ctl = controllers.get(exp);
      if (!ctl) return;
      controllers.delete(exp);
      ctl.abort();
      this.runs[exp].busy = false;
    },

    /** Esc: stop waiting for every running experiment. */
    cancelAll(): void {
      for (const exp of [...controllers.keys()]) this.cancel(exp);
    },

    async encode(): Promise<void> {
      if (!this.source || !this.model) return;
      const f = this.encodeForm;
      const request: OpRequest<'lab.encode'> = {
        model: this.model, image: this.source.kind === 'gallery' ? this.source.id : this.source.url, sample: f.sample, seed: f.sample ? seedOf(f.seed) : null,
      };
      const source = this.source;
      // NOTE: results are replaced with $patch's function form: its object form merges nested objects,
      // which would keep an optional field (resizedFrom) of the previous result.
      await this.run('encode', () => useApi().invoke('lab.encode', request), (r) => this.$patch((s) => {
        s.encoded = r;
        s.encodedSource = source;
        s.noised = null;
        s.stepped = null;
        // Their errors were about the old latent.
        s.runs.noise.error = null;
        s.runs.step.error = null;
      }));
    },

    async noise(): Promise<void> {
      if (!this.encoded) return;
      const f = this.noiseForm;
      let steps: number[];
      try {
        steps = parseStepList(f.steps, f.numSteps);
      } catch (err) {
        this.fail('noise', err);
        return;
      }
      const request: OpRequest<'lab.noise'> = { model: this.model, latentId: this.encoded.latentId, scheduler: f.scheduler || null, numSteps: f.numSteps, steps, seed: seedOf(f.seed) };
      await this.run('noise', () => useApi().invoke('lab.noise', request), (r) => this.$patch((s) => void (s.noised = r)));
    },

    async denoiseStep(): Promise<void> {
      if (!this.encoded) return;
      const f = this.stepForm;
      const request: OpRequest<'lab.denoiseStep'> = { model: this.model, latentId: this.encoded.latentId, timestep: f.timestep, prompt: f.prompt, seed: seedOf(f.seed) };
      await this.run('step', () => useApi().invoke('lab.denoiseStep', request), (r) => this.$patch((s) => void (s.stepped = r)));
    },

    async tokenize(): Promise<void> {
      const request: OpRequest<'prompt.tokenize'> = { text: this.tokenForm.text, ...(this.model ? { model: this.model } : {}) };
      await this.run('tokens', () => useApi().invoke('prompt.tokenize', request), (r) => this.$patch((s) => void (s.tokens = r)));
    },
  },
});
