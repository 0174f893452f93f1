// The timeline domain: recording a generation's every step, the folder format, frames, VAE decodes
// on demand and exports. Everything else in this folder is internal.
export { TimelineRecorder, type StepListener, type TimelineRecorderOptions } from './recorder.js';
export {
  DECODED_DIR, TIMELINE_FORMAT, TIMELINE_JSON, TIMELINE_VERSION, X0_FILE, XT_FILE, readTimeline, readTimelineMeta, writeTimeline,
  type TimelineArrays, type TimelineMeta, type TimelineStep,
} from './format.js';
export { FRAME_VIEWS, renderFrame, stepLatents, type FrameOptions, type FrameView } from './frames.js';
export { decodeStep, decodedPath, type DecodedRgb, type LatentDecoder } from './decoded.js';
export { exportTimeline, type ExportView, type TimelineExportFormat, type TimelineExportOptions } from './export.js';
