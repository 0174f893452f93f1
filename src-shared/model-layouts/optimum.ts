// Optimum / onnx-community and AMD exports: each component's graph with `model.onnx_data`
// (or `model.onnx.data`) beside it, ORTStableDiffusionPipeline, often int64 timesteps and mixed precision.
import { type ModelLayout, STANDARD_COMPONENTS, STANDARD_REQUIRED, modelIndexClass } from './types.js';

const DATA_FILES = ['model.onnx_data', 'model.onnx.data'];

export const optimumLayout: ModelLayout = {
  id: 'optimum',
  label: 'Optimum / onnx-community export (model.onnx + model.onnx_data)',
  detect: (l) =>
    modelIndexClass(l) === 'ORTStableDiffusionPipeline' ||
    [...l.files].some((f) => DATA_FILES.some((d) => f.endsWith(`/${d}`))),
  components: STANDARD_COMPONENTS,
  requiredFiles: STANDARD_REQUIRED,
  externalData: DATA_FILES.flatMap((d) => ['text_encoder', 'unet', 'vae_decoder', 'vae_encoder'].map((c) => `${c}/${d}`)),
};
