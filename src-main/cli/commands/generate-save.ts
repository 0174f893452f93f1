// Saving generated images: into the gallery (watermarked, with the WebUI and JSON metadata chunks)
// unless --no-gallery; --out copies get the very same PNG bytes.
import { randomBytes } from 'node:crypto';
import type { GenerationParams } from '../../../src-shared/generation-params.js';
import { modelQuickHash } from '../../engine/models/index.js';
import type { EngineResult } from '../../engine/pipeline/index.js';
import { DEFAULT_WATERMARK, Gallery, encodeGeneratedPng } from '../../gallery/index.js';
import { APP_VERSION } from '../../services/paths.js';

export interface SaveOutcome {
  galleryIds: string[];
  /** Encoded PNG per image (reused for --out). */
  pngBytes: Buffer[];
}

export interface SaveFlags {
  gallery: boolean;
  watermark: boolean;
  prompt: string;
  negative?: string;
  rng: string;
  latents?: string;
}

export async function saveGenerated(result: EngineResult, flags: SaveFlags, seed: bigint): Promise<SaveOutcome> {
  const folder = result.model.folder;
  const hash = await modelQuickHash(folder);
  const t = result.timings;
  const paramsFor = (i: number): GenerationParams => ({
    prompt: flags.prompt,
    negativePrompt: flags.negative ?? '',
    steps: result.steps,
    guidance: result.guidance,
    seed: seed.toString(),
    rngSource: flags.rng as GenerationParams['rngSource'],
    scheduler: result.scheduler,
    schedulerConfig: result.schedulerConfig,
    width: result.width,
    height: result.height,
    batchSize: result.images.length,
    batchIndex: i,
    model: { name: folder.name, hash },
    ep: result.ep,
    ...(flags.latents ? { initialLatents: flags.latents } : {}),
    timingsMs: { total: Math.round(t.totalMs), unet: Math.round(t.unetStepsMs.reduce((a, b) => a + b, 0)), vaeDecode: Math.round(t.vaeDecodeMs) },
    appVersion: APP_VERSION,
  });
  const image = (i: number) => ({ data: result.images[i].rgb, width: result.images[i].width, height: result.images[i].height });
  const galleryIds: string[] = [];
  const pngBytes: Buffer[] = [];
  if (flags.gallery) {
    const gallery = await Gallery.open({ onNotice: (n) => process.stderr.write(`gallery: ${n.message}\n`) });
    try {
      for (let i = 0; i < result.images.length; i++) {
        const item = await gallery.save(image(i), paramsFor(i), { watermark: flags.watermark });
        galleryIds.push(item.id);
        const { readFile } = await import('node:fs/promises');
        pngBytes.push(await readFile(item.file));
      }
    } finally {
      gallery.close();
    }
  } else {
    for (let i = 0; i < result.images.length; i++) {
      const { png } = await encodeGeneratedPng(image(i), paramsFor(i), { ...DEFAULT_WATERMARK, enabled: flags.watermark }, { id: `out-${randomBytes(4).toString('hex')}`, created: new Date() });
      pngBytes.push(png);
    }
  }
  return { galleryIds, pngBytes };
}
