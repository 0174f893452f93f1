// diffusers' own ONNX export (scripts/convert_stable_diffusion_checkpoint_to_onnx.py, the `onnx` branches):
// OnnxStableDiffusionPipeline, all U-Net weights in one external file unet/weights.pb.
import { type ModelLayout, STANDARD_COMPONENTS, STANDARD_REQUIRED, modelIndexClass } from './types.js';

export const diffusersOnnxLayout: ModelLayout = {
  id: 'diffusers-onnx',
  label: "diffusers ONNX export (OnnxStableDiffusionPipeline)",
  detect: (l) => modelIndexClass(l) === 'OnnxStableDiffusionPipeline' || l.files.has('unet/weights.pb'),
  components: STANDARD_COMPONENTS,
  requiredFiles: STANDARD_REQUIRED,
  externalData: ['unet/weights.pb'],
};
