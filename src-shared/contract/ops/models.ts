// The Models screen's operations: the curated catalog, installed models, downloads as jobs (pull, pause,
// resume, cancel, the list a reloaded page reattaches to), mirror health, verify, delete, import and the
// float16 conversion. Progress and results arrive as download.* events; `models.list` (app.ts) stays the
// pick list of the Generate screen.
import { z } from 'zod';
import { jobIdSchema, text } from '../common.js';

/** A download's progress: the download.progress event and the models.downloads list share it. */
export const DOWNLOAD_STATES = ['queued', 'running', 'paused', 'verifying'] as const;
export const FILE_STATES = ['queued', 'resolving', 'downloading', 'verifying', 'done', 'cached', 'failed'] as const;

export const downloadFileSchema = z.object({
  path: z.string(),
  bytes: z.number(),
  total: z.number(),
  state: z.enum(FILE_STATES),
});
export type DownloadFileView = z.infer<typeof downloadFileSchema>;

export const downloadProgressSchema = z.object({
  jobId: z.string(),
  /** The repository (or, for a conversion, the model id). */
  repo: z.string(),
  /** `pull` for models.pull, `convert` for models.convertFp16. */
  kind: z.enum(['pull', 'convert']),
  files: z.array(downloadFileSchema),
  bytes: z.number(),
  total: z.number(),
  bytesPerSecond: z.number(),
  /** null while unknown. */
  etaSeconds: z.number().nullable(),
  state: z.enum(DOWNLOAD_STATES),
  /** The endpoint in use (label), once known. */
  endpoint: z.string().optional(),
  /** A note worth showing: a failover, a retry, a fallback to the cache. */
  message: z.string().optional(),
});
export type DownloadProgress = z.infer<typeof downloadProgressSchema>;

const stringError = (i: { input: unknown }): string => (i.input === undefined ? 'is required' : 'must be text');

/** A Hugging Face repository id (org/name), or a catalog id. */
export const repoIdSchema = z
  .string({ error: stringError })
  .regex(/^[A-Za-z0-9][A-Za-z0-9._-]*(\/[A-Za-z0-9][A-Za-z0-9._-]*)?$/, 'must be a repository id (org/name) or a catalog id')
  .max(200, { error: 'is longer than 200 characters' });

/** An installed model's id as models.installed gives it. */
export const installedIdSchema = z.string({ error: stringError }).min(1, { error: 'is required: pick an id from models.installed' }).max(300);

export const MIRRORS = ['hf', 'hf-mirror', 'modelscope', 'auto', 'custom'] as const;
export const mirrorSchema = z.enum(MIRRORS, { error: `must be one of: ${MIRRORS.join(', ')}` });
export type MirrorName = z.infer<typeof mirrorSchema>;

export const precisionSchema = z.enum(['float32', 'float16', 'mixed']);
export type ModelPrecision = z.infer<typeof precisionSchema>;

export const catalogEntrySchema = z.object({
  /** The catalog id (also accepted by models.pull as `repo`). */
  id: z.string(),
  name: z.string(),
  family: z.string(),
  license: z.string(),
  /** Approximate download size. */
  sizeBytes: z.number(),
  /** The Hugging Face repository, when the entry has one; else the ModelScope one. */
  repo: z.string(),
  revision: z.string(),
  /** Sources the entry can be pulled from. */
  sources: z.array(z.enum(['hf', 'modelscope'])),
  recommended: z.object({ sampler: z.string(), steps: z.number(), guidance: z.number(), size: z.number() }),
  verified: z.boolean(),
  notes: z.string().optional(),
  /** A complete snapshot of it is in the cache. */
  installed: z.boolean(),
  /** Its models.installed id when installed. */
  installedId: z.string().optional(),
});
export type CatalogEntryView = z.infer<typeof catalogEntrySchema>;

export const installedModelSchema = z.object({
  /** Stable id: the repository id for the hub cache, `local:<name>` for imported folders, the folder name for startup folders and the built-in demo model. */
  id: z.string(),
  name: z.string(),
  /** The engine's layout id (diffusers-onnx, optimum, plain-onnx). */
  layout: z.string(),
  precision: precisionSchema,
  /** Bytes on disk (the snapshot's files, links followed). */
  sizeBytes: z.number(),
  source: z.enum(['hf-cache', 'imported', 'folder', 'builtin']),
  path: z.string(),
});
export type InstalledModelView = z.infer<typeof installedModelSchema>;

export const mirrorHealthSchema = z.object({
  mirror: z.enum(['hf', 'hf-mirror', 'modelscope', 'custom']),
  endpoint: z.string(),
  ok: z.boolean(),
  /** Round trip of the probe; null when it failed. */
  latencyMs: z.number().nullable(),
  error: z.string().optional(),
});
export type MirrorHealth = z.infer<typeof mirrorHealthSchema>;

const jobRequest = z.object({ jobId: jobIdSchema }).strict();
const idRequest = z.object({ id: installedIdSchema }).strict();

export const modelsPullSchema = z.object({
  repo: repoIdSchema,
  /** Branch, tag or commit; default: the catalog's revision, else main. */
  revision: text(200).optional(),
  /** Default: the app's setting, else auto. `custom` needs `endpoint`. */
  mirror: mirrorSchema.optional(),
  /** An http(s) URL (HF API) or modelscope:URL; only with mirror `custom` (or alone, meaning custom). */
  endpoint: text(500).optional(),
}).strict();
export type ModelsPullRequest = z.input<typeof modelsPullSchema>;

export const MODELS_OPS = {
  'models.catalog': {
    request: z.object({}).strict(),
    response: z.object({ entries: z.array(catalogEntrySchema) }),
  },
  'models.installed': {
    request: z.object({}).strict(),
    response: z.object({ models: z.array(installedModelSchema), warnings: z.array(z.string()) }),
  },
  'models.pull': {
    request: modelsPullSchema,
    response: z.object({ jobId: z.string() }),
  },
  'models.pause': {
    request: jobRequest,
    response: z.object({ paused: z.boolean() }),
  },
  'models.resume': {
    request: jobRequest,
    response: z.object({ resumed: z.boolean() }),
  },
  'models.cancel': {
    request: jobRequest,
    response: z.object({ cancelled: z.boolean() }),
  },
  'models.downloads': {
    request: z.object({}).strict(),
    /** Queued, running, paused and verifying jobs, each with its last progress (oldest first). */
    response: z.object({ downloads: z.array(downloadProgressSchema) }),
  },
  'models.probe': {
    request: z.object({ endpoint: text(500).optional() }).strict(),
    response: z.object({ mirrors: z.array(mirrorHealthSchema) }),
  },
  'models.verify': {
    request: idRequest,
    response: z.object({
      id: z.string(),
      ok: z.boolean(),
      files: z.number(),
      verified: z.number(),
      bytes: z.number(),
      /** Files without a known hash (checked by size only). */
      unchecked: z.array(z.string()),
      problems: z.array(z.object({ path: z.string(), problem: z.string(), detail: z.string() })),
    }),
  },
  'models.delete': {
    request: idRequest,
    response: z.object({ id: z.string(), freedBytes: z.number() }),
  },
  'models.import': {
    request: z.object({ path: text(4096).min(1, { error: 'is required: the model folder' }), name: text(200).optional() }).strict(),
    response: z.object({ model: installedModelSchema }),
  },
  'models.convertFp16': {
    request: idRequest,
    /** A job: progress and the new folder (imported as `<name>-fp16`) arrive as download.* events with kind "convert". */
    response: z.object({ jobId: z.string() }),
  },
} as const;
