// The Lab: experiments that show how diffusion works. LabBench runs them on a model folder (the CLI
// uses it as is); LabService serves the lab.* ops on top of it: model ids, gallery images, latents
// kept under ids (the last LAB_LATENTS_KEPT) and pictures as data: URLs. Not here: the math (engine/lab).
import { randomBytes } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { LAB_LATENTS_KEPT, LAB_NOISE_RANGE, type OpParsed, type OpResponse } from '../../src-shared/contract/index.js';
import { StudioError } from '../../src-shared/errors.js';
import { denoiseStep, encodeImage, forwardNoise, loadVaeImage, type DenoiseStepResult, type EncodedImage, type NoiseFrame, type VaeImage } from '../engine/lab/index.js';
import { Engine, decodeLatents, type GeneratedImage, type LoadedModel } from '../engine/pipeline/index.js';
import { parseSeed, randomSeed } from '../engine/rng/index.js';
import { parseEp } from '../engine/runtime/index.js';
import { schedulerIdForConfig } from '../engine/schedulers/index.js';
import type { GalleryService } from './gallery-view.js';
import { channelStripUrl, channelUrls, compareRgb, dataUrlBytes, rgbDataUrl } from './lab-images.js';
import type { ModelCatalog } from './models.js';

/** The providers a bench may be asked for (the CLI's --ep choices). */
export { EP_NAMES } from '../engine/runtime/index.js';

export type LatentShape = [number, number, number, number];

export interface RoundTrip {
  image: VaeImage;
  encoded: EncodedImage;
  decoded: GeneratedImage;
  scalingFactor: number;
}

export interface NoiseRun {
  scheduler: string;
  numSteps: number;
  timesteps: number[];
  frames: Array<NoiseFrame & { image: GeneratedImage }>;
}

export interface StepRun {
  result: DenoiseStepResult;
  noisyImage: GeneratedImage;
  predictedImage: GeneratedImage;
}

/** Image values per latent value: 3·H·W over 4·(H/8)·(W/8). */
const compression = (shape: readonly number[]) => (3 * shape[2] * 8 * shape[3] * 8) / (shape[1] * shape[2] * shape[3]);
/** How much the round trip's difference image is amplified. */
const DIFF_GAIN = 4;

/** The Lab's experiments on model folders, through the engine's loaded model (sessions reused). */
export class LabBench {
  private constructor(private readonly engine: Engine, private readonly ownsEngine: boolean) {}

  /** A bench on the studio's engine (queued with its generations). */
  static on(engine: Engine): LabBench {
    return new LabBench(engine, false);
  }

  /** A bench with an engine of its own (the CLI); close() releases it. */
  static standalone(options: { ep?: string; threads?: number } = {}): LabBench {
    return new LabBench(new Engine({ ep: parseEp(options.ep ?? 'auto'), threads: options.threads }), true);
  }

  /** Image file bytes → latents (mean, or sampled with `seed`) → decoded back. */
  async encode(dir: string, bytes: Uint8Array, opts: { sample?: boolean; seed?: bigint } = {}): Promise<RoundTrip> {
    const image = await loadVaeImage(bytes);
    return this.engine.withModel(dir, async (model) => {
      const encoded = await encodeImage(model, image.chw, image.width, image.height, { sample: opts.sample, seed: opts.seed });
      const decoded = await decodeOne(model, encoded.latents, encoded.shape);
      return { image, encoded, decoded, scalingFactor: model.folder.vaeScalingFactor };
    });
  }

  /** Scaled latents [1, 4, h, w] → the image the VAE decoder makes of latents / scaling_factor. */
  decode(dir: string, latents: Float32Array, shape: readonly number[]): Promise<GeneratedImage> {
    const s = checkShape(latents, shape);
    return this.engine.withModel(dir, (model) => decodeOne(model, latents, s));
  }

  /** Forward diffusion of `latents` to the given steps of a schedule, each frame decoded. */
  noise(dir: string, latents: Float32Array, shape: readonly number[], opts: { scheduler?: string; numSteps?: number; steps: number[]; seed: bigint }): Promise<NoiseRun> {
    const s = checkShape(latents, shape);
    return this.engine.withModel(dir, async (model) => {
      const scheduler = opts.scheduler ?? schedulerIdForConfig(model.folder.schedulerConfig);
      const numSteps = opts.numSteps ?? model.folder.defaults.steps;
      const run = forwardNoise(model.folder.schedulerConfig, latents, s, { scheduler, numSteps, steps: opts.steps, seed: opts.seed });
      const frames = [];
      for (const f of run.frames) frames.push({ ...f, image: await decodeOne(model, f.unetInput, s) });
      return { scheduler, numSteps, timesteps: run.timesteps, frames };
    });
  }

  /** One U-Net call on `latents` noised to `timestep`, with the prediction decoded. */
  denoiseStep(dir: string, latents: Float32Array, shape: readonly number[], opts: { timestep: number; prompt: string; seed: bigint }): Promise<StepRun> {
    const s = checkShape(latents, shape);
    return this.engine.withModel(dir, async (model) => {
      const result = await denoiseStep(model, latents, s, opts);
      return { result, noisyImage: await decodeOne(model, result.noisy, s), predictedImage: await decodeOne(model, result.predictedOriginal, s) };
    });
  }

  async close(): Promise<void> {
    if (this.ownsEngine) await this.engine.unload();
  }
}

async function decodeOne(model: LoadedModel, latents: Float32Array, shape: LatentShape): Promise<GeneratedImage> {
  return (await decodeLatents(model, latents, 1, shape[2], shape[3])).images[0];
}

function checkShape(latents: Float32Array, shape: readonly number[]): LatentShape {
  const n = shape.reduce((a, b) => a * b, 1);
  if (shape.length !== 4 || shape[0] !== 1 || shape[1] !== 4 || n !== latents.length) {
    throw new StudioError(
      'lab/bad-latents',
      `Latents of shape [${shape.join(', ')}] (${latents.length} values) cannot be used: one image's latents [1, 4, height/8, width/8] are needed, as lab encode writes them.`,
      { shape: shape.join('x') },
    );
  }
  return shape as LatentShape;
}

interface KeptLatents {
  latents: Float32Array;
  shape: LatentShape;
}

/** The lab.* ops: ids in, data: URLs out. */
export class LabService {
  readonly bench: LabBench;
  private readonly kept = new Map<string, KeptLatents>();

  constructor(private readonly deps: { engine: Engine; models: ModelCatalog; gallery: GalleryService }) {
    this.bench = LabBench.on(deps.engine);
  }

  async encode(req: OpParsed<'lab.encode'>): Promise<OpResponse<'lab.encode'>> {
    const dir = (await this.deps.models.resolve(req.model)).path;
    const bytes = req.image.startsWith('data:') ? dataUrlBytes(req.image) : await readFile(await this.deps.gallery.imageFile(req.image));
    const seed = req.sample ? (req.seed != null ? parseSeed(req.seed) : randomSeed()) : undefined;
    const rt = await this.bench.encode(dir, bytes, { sample: req.sample, seed });
    const { shape, latents } = rt.encoded;
    const latentId = this.keep({ latents, shape });
    const channels = await channelUrls(latents, shape);
    const cmp = compareRgb(rt.image, rt.decoded, DIFF_GAIN);
    return {
      latentId,
      shape: [...shape],
      width: rt.image.width,
      height: rt.image.height,
      ...(rt.image.resizedFrom ? { resizedFrom: rt.image.resizedFrom } : {}),
      channels: channels.urls,
      channelRanges: channels.ranges,
      compression: compression(shape),
      scalingFactor: rt.scalingFactor,
      sampled: req.sample,
      seed: seed === undefined ? null : seed.toString(),
      decodedUrl: await rgbDataUrl(rt.decoded),
      diffUrl: await rgbDataUrl(cmp.diff),
      diffGain: DIFF_GAIN,
      psnr: cmp.psnr,
    };
  }

  async noise(req: OpParsed<'lab.noise'>): Promise<OpResponse<'lab.noise'>> {
    const dir = (await this.deps.models.resolve(req.model)).path;
    const kept = this.latents(req.latentId);
    const seed = req.seed != null ? parseSeed(req.seed) : randomSeed();
    const run = await this.bench.noise(dir, kept.latents, kept.shape, { scheduler: req.scheduler ?? undefined, numSteps: req.numSteps, steps: req.steps, seed });
    const frames = [];
    for (const f of run.frames) frames.push({ step: f.step, timestep: f.timestep, sigma: f.sigma, decodedUrl: await rgbDataUrl(f.image) });
    return { scheduler: run.scheduler, numSteps: run.numSteps, timesteps: run.timesteps, seed: seed.toString(), frames };
  }

  async denoiseStep(req: OpParsed<'lab.denoiseStep'>): Promise<OpResponse<'lab.denoiseStep'>> {
    const dir = (await this.deps.models.resolve(req.model)).path;
    const kept = this.latents(req.latentId);
    const seed = req.seed != null ? parseSeed(req.seed) : randomSeed();
    const { result: r, noisyImage, predictedImage } = await this.bench.denoiseStep(dir, kept.latents, kept.shape, { timestep: req.timestep, prompt: req.prompt, seed });
    return {
      timestep: r.timestep,
      alphaBar: r.alphaBar,
      sigma: r.sigma,
      predictionType: r.predictionType,
      seed: seed.toString(),
      noisyUrl: await rgbDataUrl(noisyImage),
      noiseUrl: await channelStripUrl(r.predictedNoise, kept.shape, LAB_NOISE_RANGE),
      trueNoiseUrl: await channelStripUrl(r.noise, kept.shape, LAB_NOISE_RANGE),
      noiseRange: LAB_NOISE_RANGE,
      noiseError: rms(r.predictedNoise, r.noise),
      predictedUrl: await rgbDataUrl(predictedImage),
    };
  }

  private keep(latents: KeptLatents): string {
    const id = `lat-${randomBytes(6).toString('hex')}`;
    this.kept.set(id, latents);
    while (this.kept.size > LAB_LATENTS_KEPT) this.kept.delete(this.kept.keys().next().value!);
    return id;
  }

  /** The kept latents `id`, now the most recently used. */
  private latents(id: string): KeptLatents {
    const k = this.kept.get(id);
    if (!k) {
      throw new StudioError('lab/unknown-latents', `No latents "${id}" are kept (the Lab keeps the last ${LAB_LATENTS_KEPT} encodings, until the app restarts). Encode the image again with lab.encode.`, { id });
    }
    this.kept.delete(id);
    this.kept.set(id, k);
    return k;
  }
}

function rms(a: Float32Array, b: Float32Array): number {
  let s = 0;
  for (let i = 0; i < a.length; i++) s += (a[i] - b[i]) ** 2;
  return Math.sqrt(s / a.length);
}
