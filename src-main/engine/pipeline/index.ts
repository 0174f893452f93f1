// The generation pipeline: load a model folder onto a provider and turn prompts into images.
export { Engine, type EngineOptions, type EngineResult } from './engine.js';
export { LoadedModel, type LoadOptions, type SkippedProvider } from './loaded-model.js';
export { txt2img } from './txt2img.js';
export { decodeLatents, postprocess } from './vae-decode.js';
export { UnetRunner, guide } from './unet-runner.js';
export { encodePrompts, type EncodedPrompts } from './prompt-encoder.js';
export { checkRequest } from './validate.js';
export type { GenerateHooks, GenerateRequest, GenerateResult, GeneratedImage, GenerationTimings, StepEvent } from './types.js';
