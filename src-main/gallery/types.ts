// The gallery's public types: items, queries, options and results. No behaviour here.
import type { GenerationParams } from '../../src-shared/generation-params.js';
import type { PayloadType, WatermarkMethod } from './watermark/index.js';

/**
 * - `marked`: the mark was embedded before the file was written;
 * - `too-small`: watermarking was on but the image has fewer than MIN_WATERMARK_PIXELS ("too small: saved unmarked");
 * - `off`: watermarking was turned off for this image;
 * - `unknown`: the file came from elsewhere (import, or found in the folder); nothing was embedded by us.
 */
export type WatermarkStatus = 'marked' | 'too-small' | 'off' | 'unknown';

export interface WatermarkRecord {
  status: WatermarkStatus;
  method?: WatermarkMethod;
  type?: PayloadType;
  message?: string;
}

/** What `Gallery.open({watermark})` and `save(…, {watermark})` take. Defaults: DEFAULT_MARK, enabled. */
export interface WatermarkSettings {
  enabled: boolean;
  method: WatermarkMethod;
  type: PayloadType;
  message: string;
}

/** Where an item came from: saved by the studio, imported from a file, or found in the folder by a rebuild. */
export type ItemSource = 'generated' | 'imported' | 'found';

/** Our `latent-studio-gallery` iTXt chunk: what the PNG must carry so the index can be rebuilt from it. */
export interface GalleryChunk {
  v: 1;
  id: string;
  created: string;
  source: ItemSource;
  favourite: boolean;
  tags: string[];
  watermark: WatermarkRecord;
}

export interface GalleryItem {
  id: string;
  /** Absolute path of the PNG (inside `trash/` while trashed). */
  file: string;
  /** ISO 8601, UTC. */
  created: string;
  source: ItemSource;
  prompt: string;
  negativePrompt: string;
  /** Decimal, full 64-bit range; null when the file does not say. */
  seed: string | null;
  rngSource: string | null;
  /** Our scheduler id, or the WebUI sampler name when we have no such scheduler. */
  scheduler: string | null;
  /** WebUI display name ("Euler a", "DPM++ 2M Karras"). */
  sampler: string | null;
  steps: number | null;
  guidance: number | null;
  width: number;
  height: number;
  model: { name: string | null; hash: string | null; id: string | null };
  timingsMs: Record<string, number> | null;
  watermark: WatermarkRecord;
  favourite: boolean;
  tags: string[];
  trashed: boolean;
  /** Everything needed to regenerate, when the PNG carries our JSON chunk; null for foreign images. */
  params: GenerationParams | null;
  /** Absolute path of the image's timeline folder (`<id>.timeline/` beside the PNG), when it has one. */
  timeline: string | null;
}

export type GallerySort = 'date-desc' | 'date-asc' | 'seed-asc' | 'seed-desc';
export const GALLERY_SORTS: readonly GallerySort[] = Object.freeze(['date-desc', 'date-asc', 'seed-asc', 'seed-desc']);

export interface GalleryQuery {
  /** Full-text words (all must match; the last one also as a prefix). */
  text?: string;
  /** Which prompt the text searches. Default: 'prompt'. */
  textIn?: 'prompt' | 'negative' | 'both';
  /** Model name, or a prefix (≥ 6 hex digits) of its content hash. */
  model?: string;
  /** Our scheduler id or a WebUI sampler name. */
  sampler?: string;
  /** Created at or after / at or before (ms since epoch). */
  since?: number;
  until?: number;
  favourite?: boolean;
  /** Items carrying every one of these tags. */
  tags?: string[];
  /** Exact pixel size. */
  width?: number;
  height?: number;
  /** List the trash instead of the gallery. */
  trashed?: boolean;
  sort?: GallerySort;
  /** Page size, 1–500. Default 60. */
  limit?: number;
  /** `nextCursor` of the previous page (same query and sort). */
  cursor?: string;
  /** Skip this many matches instead (random access for a virtual grid; not with `cursor`). */
  offset?: number;
  /** Also count every match (costs a second query). */
  withTotal?: boolean;
}

export interface GalleryPage {
  items: GalleryItem[];
  /** Pass as `cursor` for the next page; null on the last page. */
  nextCursor: string | null;
  total?: number;
}

/** What the filter pickers offer: the values present, with how many images carry each. */
export interface GalleryFacets {
  models: Array<{ name: string; count: number }>;
  /** `scheduler` is the filter value (our id, or the foreign sampler name); `sampler` the display name. */
  samplers: Array<{ scheduler: string; sampler: string | null; count: number }>;
  sizes: Array<{ width: number; height: number; count: number }>;
  total: number;
}

export interface SaveOptions {
  /** Override the gallery's watermark settings for this image (false: save unmarked). */
  watermark?: boolean | Partial<WatermarkSettings>;
  created?: Date;
  favourite?: boolean;
  tags?: string[];
}

export type ExportFormat = 'png' | 'jpeg' | 'webp' | 'avif';
export const EXPORT_FORMATS: readonly ExportFormat[] = Object.freeze(['png', 'jpeg', 'webp', 'avif']);

export interface ExportOptions {
  /** A folder (created if missing) or a `.zip` file. */
  to: string;
  format?: ExportFormat;
  /** Fit inside this box (keeps the aspect ratio, never enlarges). */
  resize?: { width?: number; height?: number };
  /** Write the parameters (PNG text chunks; EXIF UserComment for JPEG/WebP/AVIF). Default true. */
  metadata?: boolean;
  /** Re-embed the item's mark after resizing. Default true. See export.ts for the exact semantics. */
  watermark?: boolean;
  /** File name template; default `{seed}-{prompt:40}`. Fields: id, seed, prompt[:N], date, model, index, sampler, steps, width, height. */
  name?: string;
  /** JPEG/WebP/AVIF quality 1–100 (default 90 / 90 / 60). */
  quality?: number;
  signal?: AbortSignal;
  onProgress?: (done: number, total: number) => void;
}

export interface ExportedFile {
  id: string;
  /** Folder export: absolute path; zip export: the entry name. */
  name: string;
  width: number;
  height: number;
  bytes: number;
  /** 'kept' (pixels unchanged or mark re-embedded), 'none' (item had no mark), 'dropped' (opted out after a resize), 'too-small' (resized below the minimum). */
  watermark: 'kept' | 'none' | 'dropped' | 'too-small';
}

export interface ExportResult { to: string; zip: boolean; files: ExportedFile[] }

export interface ImportFailure { file: string; code: string; message: string }
export interface ImportResult { items: GalleryItem[]; failed: ImportFailure[] }

export interface ReconcileReport {
  /** Files that had no row and were indexed. */
  added: number;
  /** Rows whose file was gone, dropped. */
  dropped: number;
  /** Leftover temporary files of dead writers, removed. */
  tempRemoved: number;
  /** PNGs in the folder that could not be indexed (left in place). */
  unreadable: ImportFailure[];
}

export interface VerifyResult {
  file: string;
  method: WatermarkMethod;
  type: PayloadType;
  expected: string;
  /** The bits read, as a 0/1 string, and decoded as `type`. */
  bits: string;
  message: string;
  matching: number;
  total: number;
  /** Stability's grading for 48 bits (≤27 none, 28–33 partial, 34–35 likely, ≥36 very likely), scaled to `total`. */
  verdict: 'none' | 'partial' | 'likely' | 'very-likely';
}

export interface GalleryNotice { code: string; message: string }

export interface GalleryOpenOptions {
  /** The gallery folder (the host resolves it: `$LATENT_STUDIO_HOME/gallery` by default). */
  dir: string;
  watermark?: Partial<WatermarkSettings>;
  /** Reconcile folder and index on open (default true). */
  reconcile?: boolean;
  /** Recoveries and reconcile results worth telling the user (the CLI prints them to stderr). */
  onNotice?: (notice: GalleryNotice) => void;
  signal?: AbortSignal;
}
