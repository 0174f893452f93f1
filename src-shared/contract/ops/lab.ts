// The Lab: experiments that show how diffusion works, on one model: the VAE round trip (lab.encode),
// forward diffusion (lab.noise) and one U-Net step (lab.denoiseStep). Encoded latents stay in main
// under a latentId (the last LAB_LATENTS_KEPT); every image comes back as a data: URL (PNG).
import { z } from 'zod';
import { intIn, seedSchema, text } from '../common.js';
import { LAB_IMAGE_URL_MAX, LAB_NOISE_FRAMES_MAX, LAB_TIMESTEP_MAX, PROMPT_MAX, STEPS_MAX, STEPS_MIN } from '../limits.js';

const modelId = z.string({ error: 'is required: pick a model id from models.list' }).min(1, { error: 'is required: pick a model id from models.list' });
const pngUrl = z.string().startsWith('data:image/png;base64,');

export const latentIdSchema = z.string({ error: 'is required' }).regex(/^lat-[a-z0-9]{1,40}$/, 'must be a latent id as returned by lab.encode (lat-…)');

/** A data: URL of a PNG, JPEG or WebP image, or the id of a gallery image. */
export const labImageSchema = z
  .string({ error: 'is required: a data: URL of a PNG/JPEG/WebP image, or a gallery image id' })
  .max(LAB_IMAGE_URL_MAX, { error: `is longer than ${LAB_IMAGE_URL_MAX} characters` })
  .refine((v) => (v.startsWith('data:') ? /^data:image\/(png|jpeg|webp);base64,/.test(v) : /^[A-Za-z0-9_-]{1,64}$/.test(v)), {
    error: 'must be a data:image/png, data:image/jpeg or data:image/webp base64 URL, or a gallery image id',
  });

export const LAB_OPS = {
  /** Image → VAE encoder → latents (kept as latentId) → VAE decoder: the round trip and what it loses. */
  'lab.encode': {
    request: z.object({
      model: modelId,
      image: labImageSchema,
      /** Sample the posterior (mean + std·randn, as diffusers' img2img); default: its mean. */
      sample: z.boolean().default(false),
      /** The sampling seed; omitted with sample: a random one, reported back. Ignored for the mean. */
      seed: seedSchema.nullish(),
    }).strict(),
    response: z.object({
      latentId: z.string(),
      /** [1, 4, height/8, width/8] */
      shape: z.array(z.number()),
      /** The image as encoded: sides cut down to multiples of 8 (resizedFrom: the file's own size, if resized). */
      width: z.number(),
      height: z.number(),
      resizedFrom: z.object({ width: z.number(), height: z.number() }).optional(),
      /** The 4 latent channels as grayscale PNGs (width/8 × height/8), each stretched over its own range. */
      channels: z.array(pngUrl),
      channelRanges: z.array(z.object({ min: z.number(), max: z.number() })),
      /** Image values per latent value: (3·H·W) / (4·H/8·W/8) = 48. */
      compression: z.number(),
      /** The latents as stored: scaling_factor · (mean, or mean + std·noise when sampled). */
      scalingFactor: z.number(),
      sampled: z.boolean(),
      /** The sampling seed (decimal string); null for the mean. */
      seed: z.string().nullable(),
      /** The latents decoded back (VAE decoder of latents / scaling_factor). */
      decodedUrl: pngUrl,
      /** |image − decoded| per channel, times diffGain so small losses are visible. */
      diffUrl: pngUrl,
      diffGain: z.number(),
      /** PSNR of the decoded image against the encoded one, 8-bit, in dB; null when they are identical. */
      psnr: z.number().nullable(),
    }),
  },
  /**
   * Forward diffusion: the latents noised by scheduler.add_noise with one seeded draw, at chosen steps of
   * the scheduler's setTimesteps(numSteps) schedule; `steps` are indices into that schedule (0 = the
   * noisiest, where denoising starts; PNDM repeats its second timestep). Each frame is decoded from what
   * the U-Net is fed there (scale_model_input(add_noise(…))), which is the same for every scheduler.
   */
  'lab.noise': {
    request: z.object({
      model: modelId,
      latentId: latentIdSchema,
      /** Omitted or null: the model's own scheduler. */
      scheduler: z.string().nullish(),
      /** The n of setTimesteps(n); omitted: the model's default step count. */
      numSteps: intIn(STEPS_MIN, STEPS_MAX).optional(),
      steps: z.array(intIn(0, STEPS_MAX)).min(1, { error: 'must name at least one step' }).max(LAB_NOISE_FRAMES_MAX, { error: `may name at most ${LAB_NOISE_FRAMES_MAX} steps` }),
      /** Omitted or null: a random seed, reported back. */
      seed: seedSchema.nullish(),
    }).strict(),
    response: z.object({
      scheduler: z.string(),
      numSteps: z.number(),
      /** The whole schedule, so a screen can label a slider with it. */
      timesteps: z.array(z.number()),
      seed: z.string(),
      frames: z.array(z.object({ step: z.number(), timestep: z.number(), sigma: z.number(), decodedUrl: pngUrl })),
    }),
  },
  /**
   * One U-Net call: the latents noised to a training timestep (x_t = sqrt(ᾱ)x0 + sqrt(1−ᾱ)ε), the U-Net run
   * once with the prompt (no guidance), its output read as predicted noise ε̂ and predicted clean latents.
   */
  'lab.denoiseStep': {
    request: z.object({
      model: modelId,
      latentId: latentIdSchema,
      /** A training timestep: 0 (clean) to 999 (pure noise). */
      timestep: intIn(0, LAB_TIMESTEP_MAX),
      /** The empty prompt is the unconditional prediction. */
      prompt: text(PROMPT_MAX).default(''),
      /** Seeds ε. Omitted or null: a random seed, reported back. */
      seed: seedSchema.nullish(),
    }).strict(),
    response: z.object({
      timestep: z.number(),
      alphaBar: z.number(),
      sigma: z.number(),
      /** The model's prediction_type: epsilon, v_prediction or sample (ε̂ and x̂0 are derived either way). */
      predictionType: z.string(),
      seed: z.string(),
      /** x_t decoded: the U-Net's input. */
      noisyUrl: pngUrl,
      /** ε̂ and the true ε: the 4 channels side by side, gray over [-noiseRange, noiseRange]. */
      noiseUrl: pngUrl,
      trueNoiseUrl: pngUrl,
      noiseRange: z.number(),
      /** Root mean square of ε̂ − ε: how well the U-Net guessed the noise. */
      noiseError: z.number(),
      /** x̂0 = (x_t − sqrt(1−ᾱ)·ε̂) / sqrt(ᾱ), the latent minus the predicted noise, decoded. */
      predictedUrl: pngUrl,
    }),
  },
} as const;
