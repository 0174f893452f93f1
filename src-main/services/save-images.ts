// Turns a finished generation into PNGs: the parameters of each image (WebUI infotext + full JSON), the
// invisible watermark, and either a gallery entry (whose file bytes are returned) or only the encoded bytes.
// The one place GenerationParams are built from a request and an engine result.
import { randomBytes } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import type { GenerationParams } from '../../src-shared/generation-params.js';
import { modelQuickHash } from '../engine/models/index.js';
import type { EngineResult } from '../engine/pipeline/index.js';
import { DEFAULT_WATERMARK, encodeGeneratedPng, type Gallery, type WatermarkSettings } from '../gallery/index.js';
import type { OpParsed } from '../../src-shared/contract/index.js';
import type { TimelineRecorder } from '../timeline/index.js';
import { linkTimeline } from './timeline-link.js';

type GenerateParsed = OpParsed<'generate.start'>;

export interface SavedImage {
  /** The gallery id, when it was saved into the gallery. */
  id?: string;
  /** The PNG exactly as saved (watermark and metadata included). */
  png: Buffer;
  width: number;
  height: number;
  params: GenerationParams;
}

export interface SaveInput {
  /** Save into this gallery; without one the PNGs are only encoded. */
  gallery?: Gallery;
  request: GenerateParsed;
  result: EngineResult;
  seed: bigint;
  appVersion: string;
  /** false: unmarked; true: the gallery's default mark; settings: that mark. */
  watermark: boolean | Partial<WatermarkSettings>;
  /** Where the initial latents came from, when not from the seed. */
  initialLatents?: string;
  /** The generation's recorded timeline: each image saved into the gallery gets its own row of it. */
  timeline?: TimelineRecorder;
}

export async function saveImages(input: SaveInput): Promise<SavedImage[]> {
  const { result, request } = input;
  const folder = result.model.folder;
  const hash = await modelQuickHash(folder);
  const t = result.timings;
  const out: SavedImage[] = [];
  for (let i = 0; i < result.images.length; i++) {
    const img = result.images[i];
    const params: GenerationParams = {
      prompt: request.prompt, negativePrompt: request.negativePrompt, steps: result.steps, guidance: result.guidance,
      seed: input.seed.toString(), rngSource: request.rng, scheduler: result.scheduler, schedulerConfig: result.schedulerConfig,
      width: result.width, height: result.height, batchSize: result.images.length, batchIndex: i,
      model: { name: folder.name, hash }, ep: result.ep,
      ...(input.initialLatents ? { initialLatents: input.initialLatents } : {}),
      timingsMs: { total: Math.round(t.totalMs), unet: Math.round(t.unetStepsMs.reduce((a, b) => a + b, 0)), vaeDecode: Math.round(t.vaeDecodeMs) },
      appVersion: input.appVersion,
    };
    const rgb = { data: img.rgb, width: img.width, height: img.height };
    if (input.gallery) {
      const item = await input.gallery.save(rgb, params, { watermark: input.watermark });
      if (input.timeline) await linkTimeline(input.gallery, item, input.timeline, i, { ...params });
      out.push({ id: item.id, png: await readFile(item.file), width: img.width, height: img.height, params });
    } else {
      const meta = { id: `out-${randomBytes(4).toString('hex')}`, created: new Date() };
      const wm = typeof input.watermark === 'object' ? { ...DEFAULT_WATERMARK, ...input.watermark, enabled: true } : { ...DEFAULT_WATERMARK, enabled: input.watermark };
      const { png } = await encodeGeneratedPng(rgb, params, wm, meta);
      out.push({ png, width: img.width, height: img.height, params });
    }
  }
  return out;
}
