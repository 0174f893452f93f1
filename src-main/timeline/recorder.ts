// Records a generation's timeline from its step events (engine hooks with captureLatents): each step's
// latents and predicted x0 as float16, its timestep, sigma, guidance strength and duration; writes the
// folder at the end. It runs no model and decides no file names (the caller or the gallery does).
import type { StepEvent } from '../engine/pipeline/index.js';
import { float32ToFloat16 } from '../engine/float16.js';
import { TIMELINE_FORMAT, TIMELINE_VERSION, writeTimeline, type TimelineArrays, type TimelineMeta, type TimelineStep } from './format.js';

export interface TimelineRecorderOptions {
  /** The latents' shape [batch, 4, H/8, W/8]; omitted: taken from the first step event (StepEvent.latentShape). */
  shape?: readonly [number, number, number, number];
  /** Our scheduler id (decides how x0 was obtained, see docs/timeline-format.md). */
  scheduler: string;
  /** Model family (ModelFolder.defaults.family): picks the preview factors. */
  family: string;
  /** The generation's parameters (GenerationParams); finish() may replace them with the final ones. */
  parameters: Record<string, unknown>;
  latentsOnDevice?: boolean;
  /** The model folder, so a step can be VAE-decoded later (only where the app still lists that folder). */
  modelDir?: string;
}

/** Schedulers whose diffusers step() returns no pred_original_sample: x0 comes from their model-output conversion. */
const X0_DERIVED: ReadonlySet<string> = new Set(['pndm', 'dpmpp-2m', 'dpmpp-2m-karras']);

export type StepListener = (step: TimelineStep, recorded: number, total: number) => void;

export class TimelineRecorder {
  private xt: Uint16Array | null = null;
  private x0: Uint16Array | null = null;
  private stepsTotal = 0;
  private readonly steps: TimelineStep[] = [];
  private readonly listeners = new Set<StepListener>();
  private perStep = 0;
  private shape: readonly [number, number, number, number] | undefined;
  private readonly created = new Date().toISOString();

  constructor(private readonly opts: TimelineRecorderOptions) {
    if (opts.shape) this.setShape(opts.shape);
  }

  private setShape(shape: readonly [number, number, number, number]): void {
    this.shape = shape;
    this.perStep = shape.reduce((a, b) => a * b, 1);
  }

  /** U-Net calls of the generation (0 before the first step arrives). */
  get total(): number {
    return this.stepsTotal;
  }

  /** Steps recorded so far. */
  get recorded(): number {
    return this.steps.length;
  }

  /** Feeds one step event (they arrive in order; the first one's `total` sizes the arrays). */
  record(e: StepEvent): void {
    if (!e.latents || !e.predOriginal) throw new Error('BUG: TimelineRecorder needs step events with latents and predOriginal (GenerateHooks.captureLatents)');
    if (!this.shape) {
      if (!e.latentShape) throw new Error('BUG: TimelineRecorder made without a shape needs StepEvent.latentShape');
      this.setShape(e.latentShape);
    }
    if (e.latents.length !== this.perStep || e.predOriginal.length !== this.perStep) {
      throw new Error(`BUG: step latents hold ${e.latents.length} values; the recorder was made for [${this.shape!.join(', ')}]`);
    }
    if (!this.xt) {
      this.stepsTotal = e.total;
      this.xt = new Uint16Array(e.total * this.perStep);
      this.x0 = new Uint16Array(e.total * this.perStep);
    }
    const i = this.steps.length;
    if (e.step !== i + 1 || i >= this.stepsTotal) throw new Error(`BUG: timeline step ${e.step} arrived after ${i} of ${this.stepsTotal}`);
    float32ToFloat16(e.latents, this.xt.subarray(i * this.perStep, (i + 1) * this.perStep));
    float32ToFloat16(e.predOriginal, this.x0!.subarray(i * this.perStep, (i + 1) * this.perStep));
    const step: TimelineStep = { index: i, timestep: e.timestep, sigma: e.sigma, guidanceStrength: e.guidanceStrength, ms: round3(e.stepMs) };
    this.steps.push(step);
    for (const l of this.listeners) l(step, this.steps.length, this.stepsTotal);
  }

  /** Calls `fn` after every recorded step; returns the unsubscribe function. */
  listen(fn: StepListener): () => void {
    this.listeners.add(fn);
    return () => this.listeners.delete(fn);
  }

  /**
   * The timeline as recorded so far (views, not copies), for one image of the batch or all of them.
   * A live generation's viewer reads this; finish() writes it.
   */
  snapshot(opts: { batchIndex?: number; parameters?: Record<string, unknown> } = {}): TimelineArrays {
    const [batch, c, h, w] = this.shape ?? [0, 4, 0, 0];
    const n = this.steps.length;
    const all = { xt: this.xt?.subarray(0, n * this.perStep) ?? new Uint16Array(0), x0: this.x0?.subarray(0, n * this.perStep) ?? new Uint16Array(0) };
    const b = opts.batchIndex;
    if (b !== undefined && (!Number.isInteger(b) || b < 0 || b >= batch)) throw new Error(`BUG: batch index ${b} outside a batch of ${batch}`);
    const meta: TimelineMeta = {
      format: TIMELINE_FORMAT,
      version: TIMELINE_VERSION,
      shape: [n, b === undefined ? batch : 1, c, h, w],
      steps: this.steps.slice(),
      scheduler: this.opts.scheduler,
      x0: X0_DERIVED.has(this.opts.scheduler) ? 'derived' : 'scheduler',
      family: this.opts.family,
      batchOffset: b ?? 0,
      batchOf: batch,
      parameters: opts.parameters ?? this.opts.parameters,
      latentsOnDevice: this.opts.latentsOnDevice ?? false,
      ...(this.opts.modelDir ? { modelDir: this.opts.modelDir } : {}),
      created: this.created,
    };
    if (b === undefined || batch === 1) return { meta, ...all };
    const per = c * h * w;
    const pick = (src: Uint16Array) => {
      const out = new Uint16Array(n * per);
      for (let s = 0; s < n; s++) out.set(src.subarray((s * batch + b) * per, (s * batch + b + 1) * per), s * per);
      return out;
    };
    return { meta, xt: pick(all.xt), x0: pick(all.x0) };
  }

  /**
   * Writes the folder `dir` (new or empty; written whole, then renamed into place): every image of the
   * batch, or only `batchIndex` (a gallery image's own timeline). Needs every step recorded.
   */
  async finish(dir: string, opts: { batchIndex?: number; parameters?: Record<string, unknown> } = {}): Promise<void> {
    if (this.steps.length === 0 || this.steps.length !== this.stepsTotal) {
      throw new Error(`BUG: timeline finished after ${this.steps.length} of ${this.stepsTotal} steps`);
    }
    await writeTimeline(dir, this.snapshot(opts));
  }
}

const round3 = (x: number) => Math.round(x * 1000) / 1000;
