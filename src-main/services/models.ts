// The models the app knows: folders given at startup (--model, settings) plus complete ONNX snapshots in
// the Hugging Face cache. Ids are what generate.start takes; only listed folders can ever be loaded, so
// a renderer cannot make main open an arbitrary path. The model manager itself is in models/.
import path from 'node:path';
import type { ModelInfo } from '../../src-shared/contract/index.js';
import { StudioError } from '../../src-shared/errors.js';
import type { ModelService } from './models/service.js';

export {
  ModelService, formatBytes, MIRROR_CHOICES,
  type ModelServiceOptions, type PullRequestOptions, type MirrorChoice, type PullProgress,
} from './models/service.js';
export { DownloadJobs } from './models/downloads.js';

export interface ModelCatalogOptions {
  /** Model folders given at startup, in order. */
  folders?: string[];
  /** Also list the Hugging Face cache (default true); the service knows where it is. */
  scanHubCache?: boolean;
  /** The built-in demo model's folder (services/default-model.ts), listed last so real models come first. */
  builtin?: string;
}

export class ModelCatalog {
  private last: ModelInfo[] = [];

  constructor(private readonly service: ModelService, private readonly options: ModelCatalogOptions = {}) {}

  /** Lists the models; warnings say what could not be scanned (the cache is optional, so it is not fatal). */
  async list(): Promise<{ models: ModelInfo[]; warnings: string[] }> {
    const models: ModelInfo[] = [];
    const warnings: string[] = [];
    const taken = new Set<string>();
    const uniqueId = (base: string) => {
      let id = base;
      for (let i = 2; taken.has(id); i++) id = `${base}-${i}`;
      taken.add(id);
      return id;
    };
    for (const dir of this.options.folders ?? []) {
      const abs = path.resolve(dir);
      const name = path.basename(abs);
      models.push({ id: uniqueId(name), name, source: 'folder', path: abs });
    }
    if (this.options.scanHubCache ?? true) {
      try {
        for (const m of await scanHubCache(this.service)) models.push({ ...m, id: uniqueId(m.name) });
      } catch (err) {
        warnings.push(`The Hugging Face cache could not be listed: ${(err as Error).message}`);
      }
    }
    if (this.options.builtin) {
      const abs = path.resolve(this.options.builtin);
      models.push({ id: uniqueId(path.basename(abs)), name: path.basename(abs), source: 'builtin', path: abs });
    }
    this.last = models;
    return { models, warnings };
  }

  /** The folder of model `id` (as models.list gave it). */
  async resolve(id: string): Promise<ModelInfo> {
    let found = this.last.find((m) => m.id === id);
    if (!found) found = (await this.list()).models.find((m) => m.id === id);
    if (!found) {
      const known = this.last.map((m) => m.id);
      throw new StudioError(
        'models/unknown-model',
        `Unknown model "${id}". ${known.length ? `Choose one of: ${known.join(', ')}.` : 'No models are known: start with --model DIR or download one with "latent-studio models pull".'}`,
        { id },
      );
    }
    return found;
  }
}

/** Complete ONNX snapshots in the Hugging Face cache (and folders imported with `models import`). */
async function scanHubCache(service: ModelService): Promise<Omit<ModelInfo, 'id'>[]> {
  const out: Omit<ModelInfo, 'id'>[] = [];
  for (const m of await service.list()) {
    const complete = m.revisions.find((r) => r.onnx);
    if (complete) out.push({ name: m.repo, source: m.kind === 'local' ? 'imported' : 'hf-cache', path: complete.path });
  }
  return out;
}
