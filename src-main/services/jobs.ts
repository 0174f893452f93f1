// The generation queue: generate.start enqueues and returns a job id at once; one job runs at a time on
// the shared Engine; every step, the result and any failure become job.* events. Cancelling a queued
// job drops it, a running one aborts at the next step. Saving into the gallery happens here.
import { randomBytes } from 'node:crypto';
import { toWireError, type EventPayload, type JobSummary, type OpParsed } from '../../src-shared/contract/index.js';
import { CancelledError } from '../../src-shared/errors.js';
import type { GenerationParams } from '../../src-shared/generation-params.js';
import { modelQuickHash } from '../engine/models/index.js';
import type { Engine, EngineResult } from '../engine/pipeline/index.js';
import { parseSeed, randomSeed } from '../engine/rng/index.js';
import type { EventBus } from './events.js';
import { type GalleryService, imageUrl, thumbUrl } from './gallery-view.js';
import type { ModelCatalog } from './models.js';
import { APP_VERSION } from './paths.js';

type GenerateParsed = OpParsed<'generate.start'>;

interface Job {
  id: string;
  request: GenerateParsed;
  modelDir: string;
  seed: bigint;
  controller: AbortController;
  /** The last progress reported, for job.list. */
  progress: { step: number; total: number; elapsedMs: number; preview?: string };
}

export interface JobQueueDeps {
  engine: Engine;
  models: ModelCatalog;
  gallery: GalleryService;
  events: EventBus;
  /** Embed the invisible watermark in saved images (default true). */
  watermark?: boolean;
}

export class JobQueue {
  private readonly waiting: Job[] = [];
  private running: Job | undefined;
  private pumping: Promise<void> | undefined;
  private readonly hashes = new Map<string, Promise<string>>();

  constructor(private readonly deps: JobQueueDeps) {}

  /** Validated request → job id and the seed it will use (random when none was given). */
  async start(request: GenerateParsed): Promise<{ jobId: string; seed: string }> {
    const model = await this.deps.models.resolve(request.model);
    const seed = request.seed != null ? parseSeed(request.seed) : randomSeed();
    const job: Job = { id: `job-${Date.now().toString(36)}-${randomBytes(4).toString('hex')}`, request, modelDir: model.path, seed, controller: new AbortController(), progress: { step: 0, total: request.steps ?? 0, elapsedMs: 0 } };
    this.waiting.push(job);
    this.pumping ??= this.pump().finally(() => (this.pumping = undefined));
    return { jobId: job.id, seed: seed.toString() };
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
      this.emitError(job, new CancelledError('generation'));
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

  private async pump(): Promise<void> {
    for (let job = this.waiting.shift(); job; job = this.waiting.shift()) {
      this.running = job;
      try {
        await this.run(job);
      } catch (err) {
        this.emitError(job, err);
      } finally {
        this.running = undefined;
      }
    }
  }

  private async run(job: Job): Promise<void> {
    const { engine, events } = this.deps;
    const r = job.request;
    const started = Date.now();
    this.progress(job, { jobId: job.id, step: 0, total: r.steps ?? 0, elapsedMs: 0 });
    const model = await engine.load(job.modelDir);
    if (job.controller.signal.aborted) throw new CancelledError('generation');
    const defaults = model.folder.defaults;
    const result = await engine.generate(
      job.modelDir,
      {
        prompt: r.prompt, negativePrompt: r.negativePrompt, steps: r.steps ?? defaults.steps, guidance: r.guidance ?? defaults.guidance,
        seed: job.seed, rngSource: 'torch-cpu', scheduler: r.scheduler ?? undefined, width: r.width, height: r.height, batchSize: r.batch,
      },
      {
        signal: job.controller.signal,
        onStep: (e) => this.progress(job, { jobId: job.id, step: e.step, total: e.total, elapsedMs: Date.now() - started }),
      },
    );
    const ids = await this.save(job, result);
    const t = result.timings;
    events.emit('job.done', {
      jobId: job.id,
      images: ids.map((id, i) => ({ id, imageUrl: imageUrl(id), thumbUrl: thumbUrl(id), width: result.images[i].width, height: result.images[i].height })),
      seed: job.seed.toString(),
      scheduler: result.scheduler,
      ep: result.ep,
      skippedProviders: result.skipped.map((s) => ({ ep: s.ep, reason: s.reason })),
      latentsOnDevice: result.latentsOnDevice,
      timings: { totalMs: Math.round(t.totalMs), unetMs: Math.round(t.unetStepsMs.reduce((a, b) => a + b, 0)), vaeDecodeMs: Math.round(t.vaeDecodeMs) },
    });
  }

  /** Saves each image (watermarked, with WebUI + JSON parameters) and returns the gallery ids. */
  private async save(job: Job, result: EngineResult): Promise<string[]> {
    const folder = result.model.folder;
    let hash = this.hashes.get(folder.dir);
    if (!hash) {
      hash = modelQuickHash(folder);
      this.hashes.set(folder.dir, hash);
      hash.catch(() => this.hashes.delete(folder.dir)); // retried next time; this job reports the error
    }
    const modelHash = await hash;
    const gallery = await this.deps.gallery.open();
    const t = result.timings;
    const ids: string[] = [];
    for (let i = 0; i < result.images.length; i++) {
      const img = result.images[i];
      const params: GenerationParams = {
        prompt: job.request.prompt, negativePrompt: job.request.negativePrompt, steps: result.steps, guidance: result.guidance,
        seed: job.seed.toString(), rngSource: 'torch-cpu', scheduler: result.scheduler, schedulerConfig: result.schedulerConfig,
        width: result.width, height: result.height, batchSize: result.images.length, batchIndex: i,
        model: { name: folder.name, hash: modelHash }, ep: result.ep,
        timingsMs: { total: Math.round(t.totalMs), unet: Math.round(t.unetStepsMs.reduce((a, b) => a + b, 0)), vaeDecode: Math.round(t.vaeDecodeMs) },
        appVersion: APP_VERSION,
      };
      const item = await gallery.save({ data: img.rgb, width: img.width, height: img.height }, params, { watermark: this.deps.watermark ?? true });
      ids.push(item.id);
    }
    return ids;
  }

  private progress(job: Job, p: EventPayload<'job.progress'>): void {
    job.progress = { step: p.step, total: p.total, elapsedMs: p.elapsedMs, ...(p.preview ? { preview: p.preview } : {}) };
    this.deps.events.emit('job.progress', p);
  }

  private emitError(job: Job, err: unknown): void {
    this.deps.events.emit('job.error', { jobId: job.id, error: toWireError(err) });
  }
}
