// Any other folder with the standard component graphs (onnxruntime's SD-Turbo and SD 1.5 builds,
// hand-made exports): weights inside each model.onnx. Last in the table: it matches the least.
import { type ModelLayout, STANDARD_COMPONENTS, STANDARD_REQUIRED } from './types.js';

export const plainOnnxLayout: ModelLayout = {
  id: 'onnx',
  label: 'ONNX Stable Diffusion folder (self-contained graphs)',
  detect: (l) => l.files.has('unet/model.onnx'),
  components: STANDARD_COMPONENTS,
  requiredFiles: STANDARD_REQUIRED,
  externalData: [],
};
