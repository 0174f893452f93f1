// ONNX files themselves: the protobuf schema, reading/writing models with external data, float16 conversion.
export {
  ATTR_TYPE, DATA_TYPE, ELEM_BYTES, IR_VERSION, OPSET, GraphProto, ModelProto, TensorProto, decodeModel, type ElemType,
} from './onnx-proto.js';
export { readOnnxModel, writeOnnxModel, type OnnxModelObject } from './model-file.js';
export { convertModelToFloat16, convertModelToFloat32, type Float16Report } from './float16-convert.js';
export { convertFolderToFloat16, type ConvertFolderHooks } from './convert-folder.js';
export { readGraphIoTypes, type GraphIoTypes } from './graph-io.js';
export { oneNodeModel, type OneNodeSpec } from './one-node-model.js';
