// A model folder with its onnxruntime sessions on one execution provider: created once and reused
// across generations; in low-memory mode the text encoder and VAE are created per use and released.
import { StudioError } from '../../../src-shared/errors.js';
import { inspectModelFolder, type ModelFolder } from '../models/index.js';
import { type EpChoice, type EpName, type SkippedProvider, autoOrder, autoSkipReason, availableProviders, skipForFailure, unavailableReason } from '../runtime/index.js';
import type { Tensor } from 'onnxruntime-node';
import { DeviceCopy } from '../runtime/index.js';
import { DeviceStepper, variantKey, type StepVariant } from './device-step.js';
import { ComponentSession, firstLine, type ComponentSessionOptions } from '../runtime/index.js';
import { ClipTokenizer } from '../tokenizer/index.js';
import { type TextEncoderIo, type UnetIo, type VaeDecoderIo, textEncoderIo, unetIo, vaeDecoderIo } from './component-io.js';

export interface LoadOptions {
  ep?: EpChoice;
  lowMemory?: boolean;
  threads?: number;
  /** Providers to leave out of `auto` (ones that already failed here). */
  exclude?: EpName[];
  /** WebGPU: upload the text embeddings once per generation instead of on every step (default true). */
  residentContext?: boolean;
  /**
   * WebGPU: keep the latents on the device between steps — guidance and the scheduler step run there too,
   * for schedulers that allow it (default true). Off: every step's U-Net input and output go through the CPU.
   */
  residentLatents?: boolean;
}

export type { SkippedProvider };

type Role = 'text_encoder' | 'vae_decoder';

export class LoadedModel {
  private transient = new Map<Role, ComponentSession>();
  /** Sessions only some tasks need (the Lab's VAE encoder), made on first use and kept until release. */
  private extras = new Map<string, Promise<ComponentSession>>();

  private constructor(
    readonly folder: ModelFolder,
    readonly tokenizer: ClipTokenizer,
    readonly ep: EpName,
    readonly skipped: SkippedProvider[],
    readonly unet: ComponentSession,
    readonly unetIo: UnetIo,
    private textEncoder: ComponentSession | null,
    readonly textIo: TextEncoderIo,
    private vaeDecoder: ComponentSession | null,
    readonly vaeIo: VaeDecoderIo,
    private readonly sessionOptions: ComponentSessionOptions,
    private readonly residentContext: boolean,
    /** The U-Net's output stays on the device and steps may run there (WebGPU with residentLatents). */
    readonly residentLatents: boolean,
  ) {}

  private steppers = new Map<string, Promise<DeviceStepper | null>>();
  private downloaders = new Map<string, Promise<DeviceCopy>>();

  /** A CPU copy of a tensor the GPU holds (WebGPU outputs left on the device). */
  async download(t: Tensor): Promise<Tensor> {
    const type = t.type === 'float16' ? 'float16' : 'float32';
    let d = this.downloaders.get(type);
    if (!d) this.downloaders.set(type, (d = DeviceCopy.download(type)));
    try {
      return await (await d).copy(t);
    } catch (cause) {
      throw new StudioError('engine/run-failed', `Reading a result back from the GPU failed on ${this.ep}: ${firstLine(cause)}`, { ep: this.ep }, { cause });
    }
  }

  /** On WebGPU with resident latents, the step graph for this variant (built once); null elsewhere or if it cannot be built. */
  deviceStepper(variant: StepVariant): Promise<DeviceStepper | null> {
    if (!this.residentLatents) return Promise.resolve(null);
    const key = variantKey(variant);
    let s = this.steppers.get(key);
    // NOTE: a step graph that cannot be made leaves the steps on the CPU, as before.
    if (!s) this.steppers.set(key, (s = DeviceStepper.create(variant).catch(() => null)));
    return s;
  }

  private uploader: Promise<DeviceCopy | null> | undefined;

  /** On WebGPU, the uploader that keeps U-Net inputs on the device across steps; null elsewhere. */
  deviceUploader(): Promise<DeviceCopy | null> {
    if (this.ep !== 'webgpu' || !this.residentContext) return Promise.resolve(null);
    const type = this.unetIo.context.type;
    if (type !== 'float32' && type !== 'float16') return Promise.resolve(null);
    // NOTE: if the uploader cannot be made, steps simply upload as before.
    return (this.uploader ??= DeviceCopy.upload(type).catch(() => null));
  }

  get lowMemory(): boolean {
    return !!this.sessionOptions.lowMemory;
  }

  /** Loads the folder on the chosen provider; with `auto`, falls back in order and records why. */
  static async load(dir: string, opts: LoadOptions = {}): Promise<LoadedModel> {
    const folder = await inspectModelFolder(dir);
    const tokenizer = await ClipTokenizer.fromDir(folder.tokenizerDir);
    const choice = opts.ep ?? 'auto';
    const available = availableProviders();
    const skipped: SkippedProvider[] = [];
    let candidates: EpName[];
    if (choice === 'auto') {
      candidates = [];
      for (const ep of autoOrder()) {
        if (opts.exclude?.includes(ep)) skipped.push({ ep, reason: 'failed on an earlier attempt' });
        else if (!available.includes(ep)) skipped.push({ ep, reason: unavailableReason(ep) });
        else if (autoSkipReason(ep)) skipped.push({ ep, reason: autoSkipReason(ep)! });
        else candidates.push(ep);
      }
    } else {
      if (!available.includes(choice)) {
        throw new StudioError('engine/ep-unavailable', `Execution provider "${choice}" is not available here: ${unavailableReason(choice)}. Available: ${available.join(', ')}.`, { ep: choice });
      }
      candidates = [choice];
    }
    let lastError: unknown;
    for (const ep of candidates) {
      try {
        return await LoadedModel.loadOn(folder, tokenizer, ep, skipped, opts);
      } catch (err) {
        if (choice !== 'auto') throw err;
        lastError = err;
        skipped.push(skipForFailure(ep, err));
      }
    }
    throw lastError ?? new StudioError('engine/no-provider', 'No execution provider could load the model.', { dir });
  }

  private static async loadOn(folder: ModelFolder, tokenizer: ClipTokenizer, ep: EpName, skipped: SkippedProvider[], opts: LoadOptions): Promise<LoadedModel> {
    const so: ComponentSessionOptions = { threads: opts.threads, lowMemory: opts.lowMemory };
    const residentLatents = ep === 'webgpu' && (opts.residentLatents ?? true);
    const opened: ComponentSession[] = [];
    try {
      const unet = await ComponentSession.create(folder.components.unet, ep, { ...so, outputsOnGpu: residentLatents });
      opened.push(unet);
      const uIo = unetIo(unet);
      const text = await ComponentSession.create(folder.components.text_encoder, ep, so);
      opened.push(text);
      const tIo = textEncoderIo(text);
      const vae = await ComponentSession.create(folder.components.vae_decoder, ep, so);
      opened.push(vae);
      const vIo = vaeDecoderIo(vae);
      checkCompatible(folder, tIo, uIo);
      const model = new LoadedModel(folder, tokenizer, ep, skipped, unet, uIo, text, tIo, vae, vIo, so, opts.residentContext ?? true, residentLatents);
      if (opts.lowMemory) {
        await text.release();
        await vae.release();
        model.textEncoder = null;
        model.vaeDecoder = null;
      }
      return model;
    } catch (err) {
      await Promise.all(opened.map((s) => s.release()));
      throw err;
    }
  }

  /** Runs `fn` with the text encoder or VAE session, creating it first in low-memory mode and releasing it after. */
  async withSession<T>(role: Role, fn: (s: ComponentSession) => Promise<T>): Promise<T> {
    const kept = role === 'text_encoder' ? this.textEncoder : this.vaeDecoder;
    if (kept) return fn(kept);
    const s = await ComponentSession.create(this.folder.components[role], this.ep, this.sessionOptions);
    this.transient.set(role, s);
    try {
      return await fn(s);
    } finally {
      this.transient.delete(role);
      this.releasedOrtMs += s.ortMs;
      await s.release();
    }
  }

  /**
   * Runs `fn` with the session `key`, made by `create` (on this model's provider) on first use and kept;
   * in low-memory mode made per use and released, as the text encoder and VAE are.
   */
  async withExtraSession<T>(key: string, create: (ep: EpName, options: ComponentSessionOptions) => Promise<ComponentSession>, fn: (s: ComponentSession) => Promise<T>): Promise<T> {
    if (this.lowMemory) {
      const s = await create(this.ep, this.sessionOptions);
      try {
        return await fn(s);
      } finally {
        this.releasedOrtMs += s.ortMs;
        await s.release();
      }
    }
    let made = this.extras.get(key);
    if (!made) {
      made = create(this.ep, this.sessionOptions);
      made.catch(() => this.extras.delete(key)); // a failed creation is retried next time; the caller sees the error
      this.extras.set(key, made);
    }
    return fn(await made);
  }

  /** Milliseconds spent inside onnxruntime by every session since the last reset. */
  ortMs(): number {
    let ms = this.unet.ortMs;
    for (const s of [this.textEncoder, this.vaeDecoder, ...this.transient.values()]) if (s) ms += s.ortMs;
    return ms + this.releasedOrtMs;
  }

  /** onnxruntime time of low-memory sessions already released. */
  private releasedOrtMs = 0;

  resetTimers(): void {
    this.releasedOrtMs = 0;
    for (const s of [this.unet, this.textEncoder, this.vaeDecoder]) s?.resetTimer();
  }

  async release(): Promise<void> {
    const uploader = await this.uploader;
    this.uploader = undefined;
    await uploader?.release();
    const steppers = await Promise.all(this.steppers.values());
    this.steppers.clear();
    await Promise.all(steppers.map((s) => s?.release()));
    const downloaders = await Promise.allSettled(this.downloaders.values());
    this.downloaders.clear();
    await Promise.all(downloaders.map((d) => (d.status === 'fulfilled' ? d.value.release() : undefined)));
    const extras = await Promise.allSettled(this.extras.values());
    this.extras.clear();
    await Promise.all(extras.map((e) => (e.status === 'fulfilled' ? e.value.release() : undefined)));
    await Promise.all([this.unet, this.textEncoder, this.vaeDecoder, ...this.transient.values()].map((s) => s?.release()));
  }
}

function checkCompatible(folder: ModelFolder, t: TextEncoderIo, u: UnetIo): void {
  const ctx = typeof u.context.shape[2] === 'number' ? u.context.shape[2] : undefined;
  if (t.hiddenSize && ctx && t.hiddenSize !== ctx) {
    throw new StudioError(
      'engine/incompatible-components',
      `${folder.dir}: the text encoder gives ${t.hiddenSize}-wide embeddings but the U-Net expects ${ctx}; the parts come from different models.`,
      { dir: folder.dir },
    );
  }
}
