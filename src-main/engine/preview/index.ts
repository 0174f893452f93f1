// Latent previews without the VAE: the linear map per family and the encoder to PNG/WebP data URLs.
export { PREVIEW_FACTORS, latentPreview, previewFactors, toByte, type PreviewImage } from './latent-preview.js';
export { encodePreview, latentPreviewDataUrl, previewDataUrl, type PreviewFormat, type RawImage } from './encode.js';
