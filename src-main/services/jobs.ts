// The one generation path: every host (web host, Electron, CLI) starts a generation here. A request is the
// contract's generate.start; the queue runs one job at a time on the shared Engine, saves each image (gallery
// with watermark and parameters, or just the encoded PNG), and reports every step, the result and any failure
// as job.* events, each step with a small preview of its latents. Every generation records its timeline (every
// step's latent and predicted x0), linked from each saved image. Cancelling a queued job drops it, a running one
// aborts at the next step.
import { randomBytes } from 'node:crypto';
import { toWireError, type EventPayload, type JobSummary, type OpParsed } from '../../src-shared/contract/index.js';
import { CancelledError } from '../../src-shared/errors.js';
import type { Engine, EngineResult, StepEvent } from '../engine/pipeline/index.js';
import { latentPreviewDataUrl } from '../engine/preview/index.js';
import { parseSeed, randomSeed } from '../engine/rng/index.js';
import { schedulerIdForConfig } from '../engine/schedulers/index.js';
import { TimelineRecorder } from '../timeline/index.js';
import type { EventBus } from './events.js';
import type { LogFn } from './log.js';
import type { WatermarkSettings } from '../gallery/index.js';
import { type GalleryService, imageUrl, thumbUrl } from './gallery-view.js';
import type { ModelCatalog } from './models.js';
import { saveImages, type SavedImage } from './save-images.js';
import type { TimelineService } from './timeline.js';

export type GenerateParsed = OpParsed<'generate.start'>;

/** What a host may add to a request that is not part of the contract (the CLI's files). */
export interface JobOptions {
  /** Save into the gallery (default true); without it the PNGs are still encoded, watermarked, for the caller. */
  gallery?: boolean;
  /** Embed the invisible watermark (default: the queue's setting). */
  watermark?: boolean;
  /** Initial latents [batch,4,h/8,w/8] instead of the seed's noise, and where they came from (recorded in the PNG). */
  initialLatents?: { data: Float32Array; source: string };
  /** Record the timeline (default true): every saved image links its own; the CLI may also write it whole. */
  timeline?: boolean;
  /** Cancels the job when it fires (the CLI's Ctrl-C). */
  signal?: AbortSignal;
  /** Called on every step with the engine's event (the CLI's progress bar). */
  onStep?: (e: StepEvent, progress: EventPayload<'job.progress'>) => void;
}

/** Everything a generation produced: the event the UI got, the engine's result, the saved PNGs. */
export interface JobOutcome {
  done: EventPayload<'job.done'>;
  result: EngineResult;
  images: SavedImage[];
  /** Every step of the generation (the whole batch), when recorded. */
  timeline?: TimelineRecorder;
}

interface Job {
  id: string;
  request: GenerateParsed;
  options: JobOptions;
  modelDir: string;
  seed: bigint;
  controller: AbortController;
  /** The last progress reported, for job.list. */
  progress: { step: number; total: number; elapsedMs: number; preview?: string };
  settle: { resolve(o: JobOutcome): void; reject(err: unknown): void };
  outcome: Promise<JobOutcome>;
}

export interface JobQueueDeps {
  engine: Engine;
  models: ModelCatalog;
  gallery: GalleryService;
  events: EventBus;
  appVersion: string;
  /** Embed the invisible watermark in saved images (default true), with these settings (the Settings screen's message). */
  watermark?: boolean | Partial<WatermarkSettings>;
  /** Makes a running job's timeline visible to the viewer (timeline.get with {jobId}). */
  timeline?: TimelineService;
  /** Each job's story, tagged with its id (queued, ran where, done or failed with the native detail). */
  log?: LogFn;
}

export class JobQueue {
  private readonly waiting: Job[] = [];
  private running: Job | undefined;
  private pumping: Promise<void> | undefined;

  constructor(private readonly deps: JobQueueDeps) {}

  /** Validated request → job id and the seed it will use (random when none was given), at once. */
  async start(request: GenerateParsed, options: JobOptions = {}): Promise<{ jobId: string; seed: string }> {
    const job = await this.enqueue(request, options);
    // NOTE: callers of start() follow the job through events; the outcome's rejection is reported there too.
    job.outcome.catch(() => undefined);
    return { jobId: job.id, seed: job.seed.toString() };
  }

  /** Starts a job and waits for it: what the CLI does (events still go to every subscriber). */
  async run(request: GenerateParsed, options: JobOptions = {}): Promise<JobOutcome & { jobId: string }> {
    const job = await this.enqueue(request, options);
    return { jobId: job.id, ...(await job.outcome) };
  }

  /** The running job, then the queued ones, with their last progress: a reloaded page picks them up from this. */
  list(): JobSummary[] {
    const jobs = this.running ? [this.running, ...this.waiting] : [...this.waiting];
    return jobs.map((j) => ({
      jobId: j.id, state: j === this.running ? 'running' : 'queued', request: { ...j.request }, seed: j.seed.toString(), ...j.progress,
    }));
  }

  /** True when the job was queued or running and is now being cancelled. */
  cancel(jobId: string): boolean {
    const queued = this.waiting.findIndex((j) => j.id === jobId);
    if (queued >= 0) {
      const [job] = this.waiting.splice(queued, 1);
      job.controller.abort();
      this.fail(job, new CancelledError('generation'));
      return true;
    }
    if (this.running?.id === jobId && !this.running.controller.signal.aborted) {
      this.running.controller.abort();
      return true;
    }
    return false;
  }

  /** Cancels everything and waits for the running job to stop. */
  async close(): Promise<void> {
    for (const j of [...this.waiting]) this.cancel(j.id);
    if (this.running) this.running.controller.abort();
    await this.pumping;
  }

  private async enqueue(request: GenerateParsed, options: JobOptions): Promise<Job> {
    const model = await this.deps.models.resolve(request.model);
    const seed = request.seed != null ? parseSeed(request.seed) : randomSeed();
    let settle!: Job['settle'];
    const outcome = new Promise<JobOutcome>((resolve, reject) => (settle = { resolve, reject }));
    const job: Job = {
      id: `job-${Date.now().toString(36)}-${randomBytes(4).toString('hex')}`, request, options, modelDir: model.path, seed,
      controller: new AbortController(), progress: { step: 0, total: request.steps ?? 0, elapsedMs: 0 }, settle, outcome,
    };
    this.waiting.push(job);
    this.deps.log?.('info', `queued: ${request.width ?? '?'}×${request.height ?? '?'}, ${request.steps ?? 'default'} steps, scheduler ${request.scheduler ?? 'model default'}, seed ${seed}, model ${model.path}`, { job: job.id });
    if (options.signal) {
      const stop = () => this.cancel(job.id);
      if (options.signal.aborted) stop();
      else {
        options.signal.addEventListener('abort', stop, { once: true });
        outcome.finally(() => options.signal?.removeEventListener('abort', stop)).catch(() => undefined);
      }
    }
    this.pumping ??= this.pump().finally(() => (this.pumping = undefined));
    return job;
  }

  private async pump(): Promise<void> {
    for (let job = this.waiting.shift(); job; job = this.waiting.shift()) {
      this.running = job;
      try {
        const outcome = await this.run1(job);
        const t = outcome.done.timings;
        for (const s of outcome.result.skipped) this.deps.log?.('warn', `skipped ${s.ep}: ${s.reason}${s.detail ? `\n${s.detail}` : ''}`, { job: job.id });
        this.deps.log?.('info', `done on ${outcome.done.ep} in ${t.totalMs} ms (U-Net ${t.unetMs} ms, VAE ${t.vaeDecodeMs} ms): ${outcome.images.map((i) => i.id ?? 'not saved').join(', ')}`, { job: job.id });
        this.deps.events.emit('job.done', outcome.done);
        job.settle.resolve(outcome);
      } catch (err) {
        this.fail(job, err);
      } finally {
        this.running = undefined;
      }
    }
  }

  private async run1(job: Job): Promise<JobOutcome> {
    const { engine } = this.deps;
    const r = job.request;
    const started = Date.now();
    this.progress(job, { jobId: job.id, step: 0, total: r.steps ?? 0, elapsedMs: 0 });
    const model = await engine.load(job.modelDir);
    if (job.controller.signal.aborted) throw new CancelledError('generation');
    const defaults = model.folder.defaults;
    const steps = r.steps ?? defaults.steps;
    const family = defaults.family;
    const recorder = job.options.timeline === false ? undefined : new TimelineRecorder({
      scheduler: r.scheduler ?? schedulerIdForConfig(model.folder.schedulerConfig), family, modelDir: job.modelDir,
      parameters: { prompt: r.prompt, negativePrompt: r.negativePrompt, seed: job.seed.toString(), steps, model: model.folder.name },
    });
    const untrack = recorder && this.deps.timeline ? this.deps.timeline.track(job.id, recorder, { modelDir: job.modelDir }) : () => {};
    // Previews are encoded off the step (PNG of H/8×W/8) and sent in order; a failed one only loses that preview.
    let previews: Promise<void> = Promise.resolve();
    let result: EngineResult;
    try {
      result = await engine.generate(
        job.modelDir,
        {
          prompt: r.prompt, negativePrompt: r.negativePrompt, steps, guidance: r.guidance ?? defaults.guidance,
          seed: job.seed, rngSource: r.rng, scheduler: r.scheduler ?? undefined, width: r.width, height: r.height, batchSize: r.batch,
          initialLatents: job.options.initialLatents?.data,
        },
        {
          signal: job.controller.signal,
          captureLatents: !!recorder,
          onStep: (e) => {
            recorder?.record(e);
            const p = { jobId: job.id, ...userSteps(e, steps), elapsedMs: Date.now() - started };
            job.options.onStep?.(e, p);
            const latents = e.latents;
            const shape = e.latentShape;
            if (!latents || !shape) return this.progress(job, p);
            previews = previews.then(() => latentPreviewDataUrl(latents, 0, shape, family).then(
              (preview) => this.progress(job, { ...p, preview }),
              (err: unknown) => {
                this.deps.log?.('warn', `no preview for step ${e.step}: ${(err as Error).message}`, { job: job.id });
                this.progress(job, p);
              },
            ));
          },
        },
      );
      await previews;
    } finally {
      untrack();
    }
    const images = await saveImages({
      timeline: recorder,
      gallery: job.options.gallery === false ? undefined : await this.deps.gallery.open(),
      request: r,
      result,
      seed: job.seed,
      appVersion: this.deps.appVersion,
      watermark: job.options.watermark === false ? false : (this.deps.watermark ?? true),
      initialLatents: job.options.initialLatents?.source,
    });
    const t = result.timings;
    const done: EventPayload<'job.done'> = {
      jobId: job.id,
      images: images.filter((img) => img.id).map((img) => ({ id: img.id!, imageUrl: imageUrl(img.id!), thumbUrl: thumbUrl(img.id!), width: img.width, height: img.height })),
      seed: job.seed.toString(),
      scheduler: result.scheduler,
      ep: result.ep,
      skippedProviders: result.skipped.map((s) => ({ ep: s.ep, reason: s.reason })),
      latentsOnDevice: result.latentsOnDevice,
      timings: { totalMs: Math.round(t.totalMs), unetMs: Math.round(t.unetStepsMs.reduce((a, b) => a + b, 0)), vaeDecodeMs: Math.round(t.vaeDecodeMs) },
    };
    return { done, result, images, timeline: recorder };
  }

  private progress(job: Job, p: EventPayload<'job.progress'>): void {
    job.progress = { step: p.step, total: p.total, elapsedMs: p.elapsedMs, ...(p.preview ? { preview: p.preview } : {}) };
    this.deps.events.emit('job.progress', p);
  }

  private fail(job: Job, err: unknown): void {
    const wire = toWireError(err);
    if (wire.code === 'cancelled') this.deps.log?.('info', 'cancelled', { job: job.id });
    else this.deps.log?.('error', `failed: [${wire.code}] ${wire.message}${detailOf(err)}`, { job: job.id });
    this.deps.events.emit('job.error', { jobId: job.id, error: toWireError(err) });
    job.settle.reject(err);
  }
}

/** The native text behind an error (onnxruntime's message, a stack for bugs), for the log only. */
function detailOf(err: unknown): string {
  const cause = (err as { cause?: unknown })?.cause;
  if (cause) return `\n${(cause as Error)?.stack ?? String(cause)}`;
  return err instanceof Error && !(err as { code?: unknown }).code ? `\n${err.stack ?? ''}` : '';
}

/**
 * Progress in the steps the user asked for. A sampler may call the U-Net more often than that (PNDM's
 * warm-up repeats a timestep: 12 steps are 13 calls); the count still ends at the user's number.
 */
export function userSteps(e: Pick<StepEvent, 'step' | 'total'>, steps: number): { step: number; total: number } {
  if (e.total === steps) return { step: e.step, total: steps };
  return { step: Math.min(steps, Math.ceil((e.step * steps) / e.total)), total: steps };
}
