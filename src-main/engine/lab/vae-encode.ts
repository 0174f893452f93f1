// Image → latents as diffusers' img2img makes them: the VAE encoder's posterior mean and std (read out
// of the graph before its unseeded draw, see vae-encoder-graph.ts), then either the mean or
// mean + std·randn(torch generator), times the VAE's scaling factor. Not here: image decoding (image-input.ts).
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { StudioError } from '../../../src-shared/errors.js';
import type { RngSource } from '../../../src-shared/generation-params.js';
import { readOnnxModel, writeOnnxModel } from '../onnx/index.js';
import type { LoadedModel } from '../pipeline/index.js';
import { createGenerator } from '../rng/index.js';
import { ComponentSession, type ComponentSessionOptions } from '../runtime/index.js';
import type { EpName } from '../runtime/index.js';
import { floatTensor, tensorToFloat32 } from '../runtime/index.js';
import { posteriorModel } from './vae-encoder-graph.js';

export interface EncodeOptions {
  /** Sample the posterior (diffusers' latent_dist.sample(generator)); otherwise take its mean. */
  sample?: boolean;
  /** The generator's seed for sampling (its first draw, as img2img's). */
  seed?: bigint;
  rngSource?: RngSource;
}

export interface EncodedImage {
  /** [1, 4, height/8, width/8] */
  shape: [number, number, number, number];
  mean: Float32Array;
  std: Float32Array;
  /** The draw used for sampling; absent for the mean. */
  noise?: Float32Array;
  /** scaling_factor · (mean or mean + std·noise): what img2img hands to scheduler.add_noise. */
  latents: Float32Array;
}

const f32 = Math.fround;
const SESSION_KEY = 'vae_encoder:posterior';

/** Encodes one image, [1, 3, height, width] in [-1, 1]. */
export async function encodeImage(model: LoadedModel, chw: Float32Array, width: number, height: number, opts: EncodeOptions = {}): Promise<EncodedImage> {
  const file = model.folder.components.vae_encoder;
  if (!file) {
    throw new StudioError('engine/no-vae-encoder', `${model.folder.dir} has no VAE encoder (vae_encoder/model.onnx), so it cannot encode images. Use a model exported with its vae_encoder.`, { dir: model.folder.dir });
  }
  if (opts.sample && opts.seed === undefined) {
    throw new StudioError('engine/seed-required', 'Sampling the posterior needs a seed; pass one, or take the mean.', {});
  }
  if (chw.length !== 3 * width * height || width % 8 || height % 8) {
    throw new StudioError('engine/bad-image-size', `The encoder input holds ${chw.length} values for ${width}×${height}; 3 × width × height with sides a multiple of 8 are needed.`, { width, height });
  }
  const [mean, std] = await model.withExtraSession(SESSION_KEY, (ep, so) => createPosteriorSession(file, ep, so), async (session) => {
    const input = session.inputs[0];
    const res = await session.run({ [input.name]: floatTensor(input, chw, [1, 3, height, width]) }, session.outputs.map((o) => o.name));
    return session.outputs.map((o) => Float32Array.from(tensorToFloat32(res[o.name], 'The VAE encoder')));
  });
  const shape: EncodedImage['shape'] = [1, 4, height / 8, width / 8];
  const n = 4 * (height / 8) * (width / 8);
  if (mean.length !== n || std.length !== n) {
    throw new StudioError('engine/bad-model-io', `${file} gave a posterior of ${mean.length} values; ${shape.join('×')} = ${n} were expected (a 4-channel latent at 1/8 of the image size).`, { file });
  }
  const noise = opts.sample ? createGenerator(opts.rngSource ?? 'torch-cpu', opts.seed!).randn(shape) : undefined;
  const scale = f32(model.folder.vaeScalingFactor);
  const latents = new Float32Array(n);
  for (let i = 0; i < n; i++) latents[i] = f32(scale * (noise ? f32(mean[i] + f32(std[i] * noise[i])) : mean[i]));
  return { shape, mean, std, latents, ...(noise ? { noise } : {}) };
}

/** A session on the encoder cut to [mean, std], written to a temporary file that is removed once loaded. */
async function createPosteriorSession(file: string, ep: EpName, options: ComponentSessionOptions): Promise<ComponentSession> {
  const { model } = posteriorModel(await readOnnxModel(file), file);
  const dir = await mkdtemp(path.join(os.tmpdir(), 'latent-studio-vae-encoder-'));
  try {
    const cut = path.join(dir, 'model.onnx');
    await writeOnnxModel(model, cut);
    return await ComponentSession.create(cut, ep, options);
  } finally {
    await rm(dir, { recursive: true, force: true }).catch(() => undefined);
  }
}
