// Requests, progress events and results of a generation, as the engine's callers see them.
import type { RngSource } from '../../../src-shared/generation-params.js';

export interface GenerateRequest {
  prompt: string;
  negativePrompt?: string;
  /** Denoising steps (default 50, as diffusers). */
  steps?: number;
  /** Classifier-free guidance scale (default 7.5); ≤ 1 skips the unconditional pass. */
  guidance?: number;
  seed: bigint;
  rngSource?: RngSource;
  /** Scheduler id; default: the model's own scheduler. */
  scheduler?: string;
  /** scheduler_config.json keys to override (diffusers' `from_config(config, **overrides)`), e.g. timestep_spacing. */
  schedulerOverrides?: Record<string, unknown>;
  width?: number;
  height?: number;
  batchSize?: number;
  /** Initial latents [batch, 4, height/8, width/8] instead of drawing them from the seed. */
  initialLatents?: Float32Array;
}

export interface StepEvent {
  /** 1-based step number. */
  step: number;
  total: number;
  timestep: number;
  /** Noise level sigma at this step. */
  sigma: number;
  /** Milliseconds since the generation started. */
  elapsedMs: number;
  /** This step's own duration (U-Net call, guidance and scheduler step), ms. */
  stepMs: number;
  /** Mean |cond − uncond| of the U-Net's noise prediction (how much the prompt steers); null without guidance. */
  guidanceStrength: number | null;
  /** Latents after this step [batch,4,h/8,w/8]; only when the caller asked for them (captureLatents). */
  latents?: Float32Array;
  /** The predicted final latents x0 of this step [batch,4,h/8,w/8] (see docs/timeline-format.md); with captureLatents. */
  predOriginal?: Float32Array;
  /** [batch, 4, h/8, w/8] of `latents` and `predOriginal`; with captureLatents. */
  latentShape?: readonly [number, number, number, number];
}

export interface GeneratedImage {
  width: number;
  height: number;
  /** Interleaved RGB, 8 bits, as diffusers' numpy_to_pil makes it. */
  rgb: Uint8Array;
  /** Float RGB in [0, 1], NHWC for this one image [height, width, 3]. */
  float: Float32Array;
}

export interface GenerationTimings {
  tokenizeMs: number;
  textEncoderMs: number;
  unetStepsMs: number[];
  vaeDecodeMs: number;
  totalMs: number;
  /** Sum of onnxruntime session.run time during this generation. */
  ortMs: number;
}

export interface GenerateResult {
  images: GeneratedImage[];
  seed: bigint;
  scheduler: string;
  schedulerConfig: Record<string, unknown>;
  steps: number;
  guidance: number;
  width: number;
  height: number;
  ep: string;
  /** The latents stayed on the GPU between steps (guidance and the scheduler step ran there). */
  latentsOnDevice: boolean;
  /** Final latents [batch,4,h/8,w/8] before VAE decoding. */
  latents: Float32Array;
  timings: GenerationTimings;
}

export interface GenerateHooks {
  signal?: AbortSignal;
  onStep?: (e: StepEvent) => void;
  /** Copy latents and the predicted x0 into step events (the timeline; costs a copy per step). */
  captureLatents?: boolean;
}
