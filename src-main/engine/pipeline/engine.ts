// The engine as its hosts use it: keeps one loaded model (sessions reused across generations),
// runs one generation at a time, and with `auto` falls back to the next provider when one fails
// to create its sessions or to run the first step.
import path from 'node:path';
import { StudioError, isCancelled } from '../../../src-shared/errors.js';
import { setNativeLogMode, skipForFailure, type EpChoice, type EpName, type NativeLogMode } from '../runtime/index.js';
import { LoadedModel, type LoadOptions, type SkippedProvider } from './loaded-model.js';
import { txt2img } from './txt2img.js';
import type { GenerateHooks, GenerateRequest, GenerateResult, GeneratedImage } from './types.js';
import { decodeLatents } from './vae-decode.js';

export interface EngineOptions {
  ep?: EpChoice;
  lowMemory?: boolean;
  threads?: number;
  /** onnxruntime's native logging: 'quiet' (default, errors only) or 'verbose' (the host's --verbose). Process-wide. */
  nativeLog?: NativeLogMode;
}

export interface EngineResult extends GenerateResult {
  model: LoadedModel;
  skipped: SkippedProvider[];
}

export class Engine {
  private loaded: { key: string; model: LoadedModel } | null = null;
  private queue: Promise<unknown> = Promise.resolve();

  constructor(private options: EngineOptions = {}) {
    if (options.nativeLog) setNativeLogMode(options.nativeLog);
  }

  /** New provider, threads or memory mode: the next load uses them (a running generation finishes on the old ones). */
  configure(options: EngineOptions): void {
    this.options = { ...options };
    if (options.nativeLog) setNativeLogMode(options.nativeLog);
  }

  /** Loads (or reuses) the model at `dir` on the engine's provider. */
  async load(dir: string, exclude: EpName[] = []): Promise<LoadedModel> {
    const { ep = 'auto', threads = 0, lowMemory = false } = this.options;
    const key = `${path.resolve(dir)}|${exclude.join(',')}|${ep}|${threads}|${lowMemory}`;
    if (this.loaded?.key === key) return this.loaded.model;
    await this.unload();
    const opts: LoadOptions = { ep: this.options.ep ?? 'auto', lowMemory: this.options.lowMemory, threads: this.options.threads, exclude };
    const model = await LoadedModel.load(dir, opts);
    this.loaded = { key, model };
    return model;
  }

  async unload(): Promise<void> {
    const m = this.loaded?.model;
    this.loaded = null;
    await m?.release();
  }

  /** Runs `fn` with the model at `dir` loaded, queued like a generation (so no load swaps it mid-run). */
  withModel<T>(dir: string, fn: (model: LoadedModel) => Promise<T>): Promise<T> {
    const run = this.queue.then(async () => fn(await this.load(dir)));
    this.queue = run.catch(() => undefined);
    return run;
  }

  /** Generates; queued behind any generation in progress. */
  generate(dir: string, request: GenerateRequest, hooks: GenerateHooks = {}): Promise<EngineResult> {
    const run = this.queue.then(() => this.generateNow(dir, request, hooks));
    this.queue = run.catch(() => undefined);
    return run;
  }

  /** VAE-decodes latents [batch,4,h,w] with the model at `dir` (a timeline step); queued like a generation. */
  decode(dir: string, latents: Float32Array, shape: readonly [number, number, number, number]): Promise<GeneratedImage[]> {
    const run = this.queue.then(async () => (await decodeLatents(await this.load(dir), latents, shape[0], shape[2], shape[3])).images);
    this.queue = run.catch(() => undefined);
    return run;
  }

  private async generateNow(dir: string, request: GenerateRequest, hooks: GenerateHooks): Promise<EngineResult> {
    const failed: EpName[] = [];
    const reasons: SkippedProvider[] = [];
    for (;;) {
      const model = await this.load(dir, failed);
      let firstStepDone = false;
      try {
        const result = await txt2img(model, request, {
          ...hooks,
          onStep: (e) => {
            firstStepDone = true;
            hooks.onStep?.(e);
          },
        });
        return { ...result, model, skipped: [...reasons, ...model.skipped.filter((s) => !reasons.some((r) => r.ep === s.ep))] };
      } catch (err) {
        // Only a provider failure before the first step completes is retried, and only under `auto`.
        const retry = (this.options.ep ?? 'auto') === 'auto' && !firstStepDone && model.ep !== 'cpu' && !isCancelled(err) && isProviderFailure(err);
        if (!retry) throw err;
        failed.push(model.ep);
        reasons.push(skipForFailure(model.ep, err));
      }
    }
  }
}

function isProviderFailure(err: unknown): boolean {
  return err instanceof StudioError && (err.code === 'engine/run-failed' || err.code === 'engine/non-finite' || err.code === 'engine/session-failed');
}
