// Saving generated images: into the gallery (watermarked, with both metadata chunks) unless opted out.
// Until the gallery is wired, images are only written where --out asks.
import type { EngineResult } from '../../engine/pipeline/index.js';

export interface SaveOutcome {
  galleryIds: string[];
  outFiles: string[];
  /** Encoded PNG per image when the gallery made one (reused for --out). */
  pngBytes: Array<Buffer | undefined>;
}

export async function saveGenerated(result: EngineResult, _flags: { gallery: boolean; watermark: boolean }, _seed: bigint): Promise<SaveOutcome> {
  return { galleryIds: [], outFiles: [], pngBytes: result.images.map(() => undefined) };
}
