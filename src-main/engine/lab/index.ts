// The Lab's experiments on a loaded model: VAE encode (mean or seeded sample, as diffusers' img2img), forward
// diffusion with a scheduler's add_noise, one denoising step. Not the generation loop (pipeline/).
export { denoiseStep, type DenoiseStepResult } from './denoise-step.js';
export { forwardNoise, type NoiseFrame } from './forward-noise.js';
export { loadVaeImage, type VaeImage } from './image-input.js';
export { encodeImage, type EncodedImage } from './vae-encode.js';
