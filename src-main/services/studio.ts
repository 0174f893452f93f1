// The services composed once per host: engine, model catalog, gallery, job queue and the event bus.
// Hosts (Electron, web host, tests) create one Studio, hand it to the ipc router, and close it on exit.
import { Engine } from '../engine/pipeline/index.js';
import type { OpResponse, SchedulerInfo } from '../../src-shared/contract/index.js';
import { availableProviders, type EpChoice } from '../engine/runtime/providers.js';
import { listSchedulers } from '../engine/schedulers/index.js';
import path from 'node:path';
import { APP_VERSION, latentStudioHome } from './paths.js';
import { EventBus } from './events.js';
import { GalleryExports } from './gallery-export.js';
import { GalleryService } from './gallery-view.js';
import { JobQueue } from './jobs.js';
import { ModelCatalog } from './models.js';

export interface StudioOptions {
  /** Model folders given at startup (--model). */
  modelFolders?: string[];
  /** List the Hugging Face cache too (default true); its location (default: HF_HUB_CACHE/HF_HOME rules). */
  scanHubCache?: boolean;
  hubCacheDir?: string;
  /** Gallery folder; default: gallery/ in the data folder (LATENT_STUDIO_HOME). */
  galleryDir?: string;
  /** Where gallery exports go by default; default: exports/ beside the gallery folder (in the data folder). */
  exportsDir?: string;
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
  readonly galleryExports: GalleryExports;
  readonly jobs: JobQueue;

  constructor(readonly options: StudioOptions) {
    const log = options.log ?? ((m: string) => process.stderr.write(`${m}\n`));
    this.engine = new Engine({ ep: options.ep ?? 'auto', threads: options.threads });
    this.models = new ModelCatalog({ folders: options.modelFolders, scanHubCache: options.scanHubCache, hubCacheDir: options.hubCacheDir });
    const exportsDir = options.exportsDir ?? path.join(options.galleryDir ? path.dirname(path.resolve(options.galleryDir)) : latentStudioHome(), 'exports');
    this.gallery = new GalleryService(options.galleryDir, exportsDir, (m) => log(`gallery: ${m}`));
    this.galleryExports = new GalleryExports(this.gallery, this.events);
    this.jobs = new JobQueue({ engine: this.engine, models: this.models, gallery: this.gallery, events: this.events, watermark: options.watermark });
  }

  appInfo(): OpResponse<'app.info'> {
    return { name: 'Latent Studio', version: APP_VERSION, providers: availableProviders(), host: this.options.host };
  }

  schedulers(): SchedulerInfo[] {
    return listSchedulers().map(({ id, label }) => ({ id, label }));
  }

  async close(): Promise<void> {
    await this.jobs.close();
    await this.galleryExports.close();
    await this.engine.unload();
    await this.gallery.close();
  }
}
