// Every limit and default of a generation request, written once: the contract validates with them, the
// engine checks with them as its last line of defence, the CLI parses with them, the renderer's controls
// take their min/max from them. Pure TypeScript: the renderer bundles this file.

/** Image side limits (multiples of 8). */
export const SIZE_MIN = 64;
export const SIZE_MAX = 2048;
export const SIZE_STEP = 8;
export const STEPS_MIN = 1;
export const STEPS_MAX = 1000;
export const BATCH_MIN = 1;
/** Images per U-Net batch; the CLI has always taken up to 64. */
export const BATCH_MAX = 64;
/** How many batches one request may queue (WebUI's "batch count"). */
export const BATCH_COUNT_MAX = 100;
export const GUIDANCE_MIN = 0;
export const GUIDANCE_MAX = 100;
export const PROMPT_MAX = 20_000;
export const PAGE_SIZE_MAX = 200;
/** Gallery: the deepest offset a search takes, how many ids one trash/restore/export takes. */
export const GALLERY_OFFSET_MAX = 10_000_000;
export const GALLERY_IDS_MAX = 10_000;
/** The gallery's export formats and default file name template (the CLI's; a test keeps them equal). */
export const EXPORT_FORMAT_NAMES = ['png', 'jpeg', 'webp', 'avif'] as const;
export const EXPORT_NAME_TEMPLATE_DEFAULT = '{seed}-{prompt:40}';
/** The torch seed range: any integer in [-2^63, 2^64 - 1]. */
export const SEED_MIN = -(2n ** 63n);
export const SEED_MAX = 2n ** 64n - 1n;
/** Generations one web-host client may have queued or running at once (the host refuses more). */
export const JOBS_PER_CLIENT_MAX = 8;
/** The largest PNG image.parameters reads (a dropped file; bytes before base64). */
export const PNG_DROP_MAX_BYTES = 30 * 1024 * 1024;
/** Intra-op threads onnxruntime may be given. */
export const THREADS_MAX = 256;

/** diffusers' defaults for SD 1.x/2.x when the model family says nothing else. */
export const DEFAULT_STEPS = 50;
export const DEFAULT_GUIDANCE = 7.5;

/** The slider ranges the UI offers (a user may still type any value the limits above allow). */
export const UI_RANGES = Object.freeze({
  steps: { min: STEPS_MIN, max: 150 },
  guidance: { min: GUIDANCE_MIN, max: 30, step: 0.5 },
  size: { min: SIZE_MIN, max: SIZE_MAX, step: SIZE_STEP },
  batch: { min: BATCH_MIN, max: 16 },
  batchCount: { min: 1, max: BATCH_COUNT_MAX },
});

/** The Lab: the longest image a lab.encode request may carry as a data: URL (characters). */
export const LAB_IMAGE_URL_MAX = 32 * 1024 * 1024;
/** Encoded latents the Lab keeps for later experiments (the oldest is forgotten first). */
export const LAB_LATENTS_KEPT = 8;
/** Frames one lab.noise request may ask for (each is one VAE decode). */
export const LAB_NOISE_FRAMES_MAX = 16;
/** The last training timestep of SD-family schedules (num_train_timesteps 1000). */
export const LAB_TIMESTEP_MAX = 999;
/** The Lab shows noise tensors (ε, ε̂) as gray levels over [-LAB_NOISE_RANGE, LAB_NOISE_RANGE]. */
export const LAB_NOISE_RANGE = 3;
