// Operations on an image the user brings (dropped on the window): image.parameters reads the generation
// parameters a PNG carries (ours, WebUI's infotext, ComfyUI's prompt graph). Not here: importing it into
// the gallery (gallery import does that) or reading pixels.
import { z } from 'zod';
import { PNG_DROP_MAX_BYTES } from '../limits.js';

/** base64 takes 4 characters per 3 bytes; the prefix (`data:image/png;base64,`) is short. */
const DATA_URL_MAX = Math.ceil(PNG_DROP_MAX_BYTES / 3) * 4 + 64;

export const imageSourceSchema = z.enum(['latent-studio', 'webui', 'comfyui']);
export type ImageSource = z.infer<typeof imageSourceSchema>;

/** Parameters read from an image, in our terms; a field the image does not carry is null. */
export const imageParametersSchema = z.object({
  prompt: z.string(),
  negativePrompt: z.string(),
  steps: z.number().nullable(),
  guidance: z.number().nullable(),
  seed: z.string().nullable(),
  width: z.number().nullable(),
  height: z.number().nullable(),
  /** Our scheduler id, or null when we have none for the image's sampler (then `sampler` names it). */
  scheduler: z.string().nullable(),
  /** The sampler as the image names it (`DPM++ 2M Karras`, `dpmpp_2m karras`), null when absent. */
  sampler: z.string().nullable(),
  /** The model name the image records (a checkpoint file name for ComfyUI), when it records one. */
  model: z.string().optional(),
});
export type ImageParameters = z.infer<typeof imageParametersSchema>;

export const IMAGE_OPS = {
  'image.parameters': {
    request: z.object({
      png: z
        .string({ error: 'is required: a data: URL of the PNG (FileReader.readAsDataURL)' })
        .max(DATA_URL_MAX, { error: `is larger than ${PNG_DROP_MAX_BYTES / 1048576} MB; parameters are read from PNGs up to that size` })
        .regex(/^data:[\w.+-]*\/?[\w.+-]*(;[\w=.-]+)*;base64,/, { error: 'must be a base64 data: URL (data:image/png;base64,…)' }),
    }).strict(),
    response: z.object({ source: imageSourceSchema, parameters: imageParametersSchema }),
  },
} as const;
