// The services composed once per host: engine, model catalog, gallery, job queue and the event bus.
// Hosts (Electron, web host, tests) create one Studio, hand it to the ipc router, and close it on exit.
import path from 'node:path';
import { Engine } from '../engine/pipeline/index.js';
import type { OpResponse, SchedulerInfo } from '../../src-shared/contract/index.js';
import { availableProviders, type EpChoice } from '../engine/runtime/providers.js';
import { listSchedulers } from '../engine/schedulers/index.js';
import { APP_VERSION } from './paths.js';
import { EventBus } from './events.js';
import { GalleryService } from './gallery-view.js';
import { JobQueue } from './jobs.js';
import { ModelCatalog } from './models.js';
import { TimelineService } from './timeline.js';

export interface StudioOptions {
  /** Model folders given at startup (--model). */
  modelFolders?: string[];
  /** List the Hugging Face cache too (default true); its location (default: HF_HUB_CACHE/HF_HOME rules). */
  scanHubCache?: boolean;
  hubCacheDir?: string;
  /** Gallery folder; default: gallery/ in the data folder (LATENT_STUDIO_HOME). */
  galleryDir?: string;
  ep?: EpChoice;
  threads?: number;
  watermark?: boolean;
  host: 'electron' | 'web';
  /** Where notices (gallery recoveries, warnings) go; default stderr. */
  log?: (message: string) => void;
}

export class Studio {
  readonly events = new EventBus();
  readonly engine: Engine;
  readonly models: ModelCatalog;
  readonly gallery: GalleryService;
  readonly jobs: JobQueue;
  readonly timeline: TimelineService;

  constructor(readonly options: StudioOptions) {
    const log = options.log ?? ((m: string) => process.stderr.write(`${m}\n`));
    this.engine = new Engine({ ep: options.ep ?? 'auto', threads: options.threads });
    this.models = new ModelCatalog({ folders: options.modelFolders, scanHubCache: options.scanHubCache, hubCacheDir: options.hubCacheDir });
    this.gallery = new GalleryService(options.galleryDir, (m) => log(`gallery: ${m}`));
    this.jobs = new JobQueue({ engine: this.engine, models: this.models, gallery: this.gallery, events: this.events, watermark: options.watermark });
    this.timeline = new TimelineService({
      gallery: this.gallery,
      events: this.events,
      decode: async (dir, latents, shape) => (await this.engine.decode(dir, latents, shape))[0],
      modelDirs: async () => (await this.models.list()).models.map((m) => m.path),
      // Beside the gallery folder (both default to the data folder): <home>/exports/timeline.
      exportDir: options.galleryDir ? path.join(path.dirname(path.resolve(options.galleryDir)), 'exports', 'timeline') : undefined,
    });
  }

  appInfo(): OpResponse<'app.info'> {
    return { name: 'Latent Studio', version: APP_VERSION, providers: availableProviders(), host: this.options.host };
  }

  schedulers(): SchedulerInfo[] {
    return listSchedulers().map(({ id, label }) => ({ id, label }));
  }

  async close(): Promise<void> {
    await this.jobs.close();
    await this.engine.unload();
    await this.gallery.close();
  }
}
