// Latents → a small RGB picture without the VAE: WebUI's "Approx cheap" linear map per model family,
// rgb[c] = Σ_l latent[l]·C[l][c], then (x+1)/2 clamped, at latent size (H/8 × W/8). Serves the live
// preview of a running job and the timeline's frames alike. It does not scale, encode or decode.
import { StudioError } from '../../../src-shared/errors.js';

/** Rows: latent channels 0–3; columns: R, G, B (sd_samplers_common.py, samples_to_images_tensor "Approx cheap"). */
const SD_CHEAP: readonly (readonly number[])[] = Object.freeze([
  Object.freeze([0.298, 0.207, 0.208]),
  Object.freeze([0.187, 0.286, 0.173]),
  Object.freeze([-0.158, 0.189, 0.264]),
  Object.freeze([-0.184, -0.271, -0.473]),
]);

/**
 * The factors per model family (engine/models ModelFamily). Every family here has SD 1.x/2.x's 4-channel
 * VAE latent space: sd-turbo is SD 2.1 distilled, lcm the LCM-distilled SD 1.5 checkpoints.
 */
export const PREVIEW_FACTORS: Readonly<Record<string, readonly (readonly number[])[]>> = Object.freeze({
  sd1: SD_CHEAP,
  sd2: SD_CHEAP,
  'sd2-v': SD_CHEAP,
  'sd-turbo': SD_CHEAP,
  lcm: SD_CHEAP,
});

export interface PreviewImage {
  width: number;
  height: number;
  /** Interleaved RGB, 8 bits, [height, width, 3]. */
  rgb: Uint8Array;
}

/** The latent-to-RGB factors of a family; an unknown family is an error (its latent space may differ). */
export function previewFactors(family: string): readonly (readonly number[])[] {
  const c = Object.prototype.hasOwnProperty.call(PREVIEW_FACTORS, family) ? PREVIEW_FACTORS[family] : undefined;
  if (!c) {
    throw new StudioError('engine/unknown-family', `No latent preview factors for model family "${family}". Known families: ${Object.keys(PREVIEW_FACTORS).join(', ')}.`, { family });
  }
  return c;
}

/**
 * The preview of image `batchIndex` of `latents` [batch,4,h,w] (float32 or float16 values already
 * widened to numbers), as RGB of h × w.
 */
export function latentPreview(latents: ArrayLike<number>, batchIndex: number, shape: readonly number[], family: string): PreviewImage {
  const [batch, channels, h, w] = shape;
  if (shape.length !== 4 || channels !== 4 || latents.length !== batch * 4 * h * w) {
    throw new StudioError('engine/bad-latents', `A latent preview needs [batch, 4, h, w] latents; got shape [${shape.join(', ')}] with ${latents.length} values.`, { shape: shape.join('x') });
  }
  if (!Number.isInteger(batchIndex) || batchIndex < 0 || batchIndex >= batch) {
    throw new StudioError('engine/bad-batch-index', `Image ${batchIndex} is not in a batch of ${batch}; choose 0 to ${batch - 1}.`, { batchIndex, batch });
  }
  const c = previewFactors(family);
  const plane = h * w;
  const base = batchIndex * 4 * plane;
  const rgb = new Uint8Array(plane * 3);
  for (let p = 0; p < plane; p++) {
    const l0 = latents[base + p];
    const l1 = latents[base + plane + p];
    const l2 = latents[base + 2 * plane + p];
    const l3 = latents[base + 3 * plane + p];
    for (let k = 0; k < 3; k++) {
      const v = l0 * c[0][k] + l1 * c[1][k] + l2 * c[2][k] + l3 * c[3][k];
      rgb[p * 3 + k] = toByte((v + 1) / 2);
    }
  }
  return { width: w, height: h, rgb };
}

/** [0, 1] → 0–255, clamped (NaN → 0), rounded as diffusers' numpy_to_pil rounds. */
export function toByte(x: number): number {
  if (!(x > 0)) return 0;
  if (x >= 1) return 255;
  return Math.round(x * 255);
}
