// Timelines as hosts use them: the live recorders of running jobs (with timeline.step events), gallery
// images' timeline folders, frames as data: URLs, cached VAE decodes and exports (the IPC handlers and the
// CLI's `timeline export` both come here). Recording itself is the job service's, through TimelineRecorder.
import { mkdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import type { OpParsed, OpResponse } from '../../src-shared/contract/index.js';
import { StudioError } from '../../src-shared/errors.js';
import { previewDataUrl } from '../engine/preview/index.js';
import {
  decodeStep, exportTimeline, readTimeline, renderFrame, stepLatents, type DecodedRgb, type TimelineArrays, type TimelineExportOptions,
  type TimelineRecorder,
} from '../timeline/index.js';
import type { EventBus } from './events.js';
import type { GalleryService } from './gallery-view.js';
import { resolveAppPaths } from './app-paths.js';

export const TIMELINE_EXPORT_URL_PREFIX = '/files/timeline-exports/';
/** Export file names: `<gallery id>-<view>-x<scale>.<webp|gif|png>`. */
export const TIMELINE_EXPORT_NAME_RE = /^[A-Za-z0-9_-]{1,64}-(xt|x0)-x\d{1,2}\.(webp|gif|png)$/;

/** Decodes latents [1,4,h,w] with the VAE of the model folder `modelDir` (the engine's, queued behind generations). */
export type ModelDecoder = (modelDir: string, latents: Float32Array, shape: readonly [number, number, number, number]) => Promise<DecodedRgb>;

export interface TimelineServiceDeps {
  gallery: GalleryService;
  events?: EventBus;
  /** Absent (the CLI's export): timeline.decode fails with timeline/no-decoder. */
  decode?: ModelDecoder;
  /** Model folders the app may load (a timeline names its folder; only a listed one is opened). */
  modelDirs?: () => Promise<string[]>;
  /** Where exports are written; default <data folder>/exports/timeline. */
  exportDir?: string;
}

interface Live {
  recorder: TimelineRecorder;
  modelDir?: string;
}

type Ref = { id?: string; jobId?: string };
interface Source {
  id: string;
  live: boolean;
  data: TimelineArrays;
  /** The folder, for a gallery image's timeline (decodes are cached there). */
  dir?: string;
}

const CACHE_SIZE = 3;

export class TimelineService {
  private readonly live = new Map<string, Live>();
  /** The last few timelines read from disk, by folder: scrubbing asks for many frames of one. */
  private readonly cache = new Map<string, Promise<TimelineArrays>>();
  readonly exportDir: string;

  constructor(private readonly deps: TimelineServiceDeps) {
    this.exportDir = deps.exportDir ?? path.join(resolveAppPaths().home, 'exports', 'timeline');
  }

  /**
   * Makes a running job's timeline visible (timeline.get/frame/decode with {jobId}) and emits
   * timeline.step after each recorded step. Call the returned function when the job ends.
   */
  track(jobId: string, recorder: TimelineRecorder, opts: { modelDir?: string } = {}): () => void {
    const stop = recorder.listen((step, recorded, total) => this.deps.events?.emit('timeline.step', { jobId, step, recorded, total }));
    this.live.set(jobId, { recorder, modelDir: opts.modelDir });
    return () => {
      stop();
      this.live.delete(jobId);
    };
  }

  async get(req: OpParsed<'timeline.get'>): Promise<OpResponse<'timeline.get'>> {
    const src = await this.source(req);
    const m = src.data.meta;
    const total = src.live ? this.live.get(src.id)!.recorder.total : m.shape[0];
    return {
      id: src.id,
      live: src.live,
      folder: src.dir ?? null,
      steps: m.steps,
      shape: [total, m.shape[1], m.shape[2], m.shape[3], m.shape[4]],
      batchIndex: 0,
      batch: { offset: m.batchOffset, of: m.batchOf },
      scheduler: m.scheduler,
      x0: m.x0,
      family: m.family,
      parameters: m.parameters,
    };
  }

  async frame(req: OpParsed<'timeline.frame'>): Promise<OpResponse<'timeline.frame'>> {
    const src = await this.source(req);
    const img = renderFrame(src.data, req.step, req.view, { batchIndex: req.batchIndex, channel: req.channel, scale: req.scale });
    return { url: await previewDataUrl(img), width: img.width, height: img.height };
  }

  async decode(req: OpParsed<'timeline.decode'>): Promise<OpResponse<'timeline.decode'>> {
    const src = await this.source(req);
    const modelDir = src.live ? this.live.get(src.id)!.modelDir : src.data.meta.modelDir;
    const decoder = await this.decoderFor(modelDir);
    if (src.dir) {
      const file = await decodeStep(src.dir, src.data, req.step, req.view, decoder, req.batchIndex);
      const png = await readFile(file);
      const [, , , h, w] = src.data.meta.shape;
      return { url: `data:image/png;base64,${png.toString('base64')}`, width: w * 8, height: h * 8 };
    }
    const [, , c, h, w] = src.data.meta.shape;
    const img = await decoder(stepLatents(src.data, req.step, req.view, req.batchIndex), [1, c, h, w]);
    return { url: await previewDataUrl({ width: img.width, height: img.height, data: img.rgb, channels: 3 }), width: img.width, height: img.height };
  }

  /** timeline.export: writes `<id>-<view>-x<scale>.<ext>` into the export folder and returns its URL. */
  async export(req: OpParsed<'timeline.export'>): Promise<OpResponse<'timeline.export'>> {
    const ext = req.format === 'sheet' ? 'png' : req.format;
    const name = `${req.id}-${req.view}-x${req.scale}.${ext}`;
    await mkdir(this.exportDir, { recursive: true });
    const r = await this.exportTo({ id: req.id }, path.join(this.exportDir, name), { format: req.format, view: req.view, scale: req.scale });
    return { url: `${TIMELINE_EXPORT_URL_PREFIX}${encodeURIComponent(name)}`, ...r };
  }

  /** Exports the timeline of a gallery image (`id`) or of a timeline folder (`dir`) to `out` (the CLI's `timeline export`). */
  async exportTo(from: { id: string } | { dir: string }, out: string, opts: TimelineExportOptions): Promise<{ bytes: number; frames: number; width: number; height: number }> {
    const data = 'dir' in from ? await this.read(path.resolve(from.dir)) : (await this.source({ id: from.id })).data;
    return exportTimeline(data, out, opts);
  }

  /** The file behind an export URL's name, or null when the name is not an export's. */
  exportFile(name: string): string | null {
    return TIMELINE_EXPORT_NAME_RE.test(name) ? path.join(this.exportDir, name) : null;
  }

  private async source(ref: Ref): Promise<Source> {
    if (ref.jobId !== undefined) {
      const live = this.live.get(ref.jobId);
      if (!live) throw new StudioError('timeline/unknown-job', `Job "${ref.jobId}" is not recording a timeline (finished, never started, or started without one). Open the image's timeline from the gallery instead.`, { jobId: ref.jobId });
      return { id: ref.jobId, live: true, data: live.recorder.snapshot() };
    }
    const id = ref.id!;
    const dir = await this.deps.gallery.timelineDir(id);
    return { id, live: false, data: await this.read(dir), dir };
  }

  private read(dir: string): Promise<TimelineArrays> {
    let p = this.cache.get(dir);
    if (!p) {
      p = readTimeline(dir);
      p.catch(() => this.cache.delete(dir)); // a folder fixed or restored later is read again
      this.cache.set(dir, p);
      if (this.cache.size > CACHE_SIZE) this.cache.delete(this.cache.keys().next().value!);
    }
    return p;
  }

  private async decoderFor(modelDir: string | undefined): Promise<(latents: Float32Array, shape: readonly [number, number, number, number]) => Promise<DecodedRgb>> {
    const { decode, modelDirs } = this.deps;
    if (!decode || !modelDirs) throw new StudioError('timeline/no-decoder', 'This host cannot decode timeline steps (no engine); use the app or the web host.');
    if (!modelDir) throw new StudioError('timeline/no-model', 'This timeline does not name the model folder that made it, so its steps cannot be decoded.');
    const listed = (await modelDirs()).map((d) => path.resolve(d));
    if (!listed.includes(path.resolve(modelDir))) {
      throw new StudioError('timeline/model-unavailable', `The model that made this timeline ("${modelDir}") is not among the app's models; add that folder (--model) to decode its steps.`, { modelDir });
    }
    return (latents, shape) => decode(modelDir, latents, shape);
  }
}
