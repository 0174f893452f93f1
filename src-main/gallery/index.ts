// The gallery domain's public surface: the Gallery service, its types, PNG parameter reading
// (`gallery info`, any PNG) and the WebUI infotext helpers. Everything else in this folder is internal.
export { Gallery, DEFAULT_WATERMARK, encodeGeneratedPng, newItemId, normalizeTags } from './gallery.js';
export { checkIsPng, describePng, type PngInfo } from './info.js';
export { formatInfotext, parseInfotext, samplerName, schedulerFromSampler, summarizeInfotext, WEBUI_SAMPLER_NAMES, type ParsedInfotext } from './infotext.js';
export { checkExportOptions } from './export.js';
export { DEFAULT_NAME_TEMPLATE, NAME_FIELDS } from './name-template.js';
export { MAX_IMAGE_PIXELS, MAX_IMAGE_SIDE, readPngFileMetadata, readPngMetadata, type PngMetadata } from './png-meta.js';
export { DEFAULT_PAGE, MAX_PAGE } from './store-query.js';
export { GalleryIndex, type IndexEntry } from './store.js';
export { THUMB_SIZE } from './thumbnails.js';
export { verifyImage, type MarkSpec } from './verify.js';
export { EXPORT_FORMATS, GALLERY_SORTS } from './types.js';
export {
  DEFAULT_MARK, PAYLOAD_TYPES, WATERMARK_METHODS, compareBits, decodePayload, detectWatermark, embedWatermark, encodePayload, readRgb,
  type PayloadType, type RgbImage, type WatermarkMethod,
} from './watermark/index.js';
export type {
  ExportedFile, ExportFormat, ExportOptions, ExportResult, GalleryChunk, GalleryFacets, GalleryItem, GalleryNotice, GalleryOpenOptions, GalleryPage,
  GalleryQuery, GallerySort, ImportFailure, ImportResult, ItemSource, ReconcileReport, SaveOptions, VerifyResult, WatermarkRecord,
  WatermarkSettings, WatermarkStatus,
} from './types.js';
