// The parameters of one generated image: what the engine used, what the gallery stores in the PNG
// (WebUI `parameters` chunk + full JSON chunk) and indexes. Pure TypeScript, shared by every layer.

/** Where the initial noise comes from; all reproduce a reference generator bit for bit. */
export const RNG_SOURCES = ['torch-cpu', 'torch-cpu-scalar', 'philox'] as const;
export type RngSource = (typeof RNG_SOURCES)[number];

export interface ModelRef {
  /** Display name, e.g. the folder name or the repository id. */
  name: string;
  /** Hub repository id (`org/name`) when the model came from the hub. */
  id?: string;
  /** Branch/tag/commit the snapshot was taken from. */
  revision?: string;
  /** Content hash of the model (sha256 hex of the U-Net graph); WebUI shows its first 10 characters. */
  hash?: string;
}

export interface GenerationParams {
  prompt: string;
  negativePrompt: string;
  steps: number;
  guidance: number;
  /** Decimal seed as the user gave it (full torch range [-2^63, 2^64-1], so a string, not a number). */
  seed: string;
  rngSource: RngSource;
  /** Our scheduler id: pndm, lms, ddim, euler, euler-a, dpmpp-2m, dpmpp-2m-karras, … */
  scheduler: string;
  /** The scheduler_config.json values in effect (diffusers keys), to regenerate exactly. */
  schedulerConfig?: Record<string, unknown>;
  width: number;
  height: number;
  batchSize: number;
  /** Which image of the batch this is (0-based). */
  batchIndex: number;
  model: ModelRef;
  /** Execution provider that ran the U-Net (cpu, webgpu, cuda, dml, coreml). */
  ep?: string;
  /** Set when the initial latents came from a file instead of the seed. */
  initialLatents?: string;
  timingsMs?: Record<string, number>;
  appVersion: string;
}
