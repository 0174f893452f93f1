// The last step: latents / scaling_factor → VAE decoder → images, post-processed as diffusers'
// VaeImageProcessor + numpy_to_pil do (clamp(x/2+0.5, 0, 1), then round-half-even of x*255).
import { performance } from 'node:perf_hooks';
import type { Tensor } from 'onnxruntime-node';
import { floatTensor, tensorToFloat32 } from '../runtime/index.js';
import type { LoadedModel } from './loaded-model.js';
import type { GeneratedImage } from './types.js';

export async function decodeLatents(model: LoadedModel, latents: Float32Array, batch: number, h8: number, w8: number): Promise<{ images: GeneratedImage[]; ms: number }> {
  const t0 = performance.now();
  const n = 4 * h8 * w8;
  const scale = Math.fround(model.folder.vaeScalingFactor);
  const images = await model.withSession('vae_decoder', async (session) => {
    const out: GeneratedImage[] = [];
    const io = model.vaeIo;
    const rows = io.fixedBatch ?? 1;
    for (let b = 0; b < batch; b++) {
      // One image per call bounds memory at large sizes; the result is the same as a batched call.
      const input = new Float32Array(rows * n);
      for (let r = 0; r < rows; r++) {
        for (let i = 0; i < n; i++) input[r * n + i] = Math.fround(latents[b * n + i] / scale);
      }
      const feeds: Record<string, Tensor> = { [io.latent.name]: floatTensor(io.latent, input, [rows, 4, h8, w8]) };
      const res = await session.run(feeds, [io.image]);
      out.push(postprocess(tensorToFloat32(res[io.image], 'The VAE decoder'), h8 * 8, w8 * 8));
    }
    return out;
  });
  return { images, ms: performance.now() - t0 };
}

/** NCHW decoder output (first image) → NHWC float [0,1] and 8-bit RGB. */
export function postprocess(chw: Float32Array, height: number, width: number): GeneratedImage {
  const plane = height * width;
  const float = new Float32Array(plane * 3);
  const rgb = new Uint8Array(plane * 3);
  for (let c = 0; c < 3; c++) {
    const src = c * plane;
    for (let i = 0; i < plane; i++) {
      let v = Math.fround(Math.fround(chw[src + i] / 2) + 0.5);
      v = v < 0 ? 0 : v > 1 ? 1 : v;
      float[i * 3 + c] = v;
      rgb[i * 3 + c] = roundHalfEven(Math.fround(v * 255));
    }
  }
  return { width, height, rgb, float };
}

function roundHalfEven(x: number): number {
  const r = Math.round(x);
  return r - x === 0.5 && r % 2 !== 0 ? r - 1 : r;
}
