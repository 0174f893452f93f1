// onnxruntime as the engine uses it: execution-provider choice and fallback, component sessions,
// tensors in and out, copies that stay on the device. The float16 bit conversion is engine/float16.ts.
export {
  EP_NAMES, availableProviders, autoOrder, autoSkipReason, parseEp, sessionOptionsFor, type EpChoice, type EpName,
} from './providers.js';
export { ComponentSession, firstLine, type ComponentSessionOptions, type TensorSpec } from './session.js';
export { DeviceCopy } from './device-copy.js';
export { firstNonFinite, floatTensor, idsTensor, readFloat32, tensorToFloat32, timestepTensor } from './tensors.js';
export { NO_F16_SHADERS, webgpuHasFloat16 } from './webgpu-float16.js';
export { setNativeLogMode, nativeLogSeverity, type NativeLogMode } from './native-log.js';
export { skipForFailure, unavailableReason, type SkippedProvider } from './provider-skips.js';
