// The services composed once per host: engine, model catalog, gallery, job queue and the event bus.
// Hosts (Electron, web host, tests) create one Studio, hand it to the ipc router, and close it on exit.
import { Engine } from '../engine/pipeline/index.js';
import type { OpResponse, SchedulerInfo } from '../../src-shared/contract/index.js';
import { availableProviders, type EpChoice } from '../engine/runtime/index.js';
import { listSchedulers } from '../engine/schedulers/index.js';
import { APP_VERSION, latentStudioHome } from './paths.js';
import { EventBus } from './events.js';
import { GalleryService } from './gallery-view.js';
import { JobQueue } from './jobs.js';
import { DownloadJobs, ModelCatalog, ModelService, type PullRequestOptions } from './models.js';

export interface StudioOptions {
  /** Model folders given at startup (--model). */
  modelFolders?: string[];
  /** List the Hugging Face cache too (default true); its location (default: HF_HUB_CACHE/HF_HOME rules). */
  scanHubCache?: boolean;
  hubCacheDir?: string;
  /** The data folder (default: LATENT_STUDIO_HOME, else the user-data folder). */
  dataDir?: string;
  /** Environment the model manager reads (HF_*, proxies); default process.env. */
  env?: NodeJS.ProcessEnv;
  /** Settings every download starts from (proxy, timeouts; tests pass a dispatcher or catalog). */
  pullDefaults?: PullRequestOptions;
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
  /** The model manager (Models screen, CLI) and its download jobs. */
  readonly modelService: ModelService;
  readonly downloads: DownloadJobs;
  readonly gallery: GalleryService;
  readonly jobs: JobQueue;

  constructor(readonly options: StudioOptions) {
    const log = options.log ?? ((m: string) => process.stderr.write(`${m}\n`));
    this.engine = new Engine({ ep: options.ep ?? 'auto', threads: options.threads });
    this.modelService = new ModelService({
      appVersion: APP_VERSION, dataDir: options.dataDir ?? latentStudioHome(options.env), cacheDir: options.hubCacheDir,
      env: options.env, folders: options.modelFolders, pullDefaults: options.pullDefaults,
    });
    this.downloads = new DownloadJobs(this.modelService, this.events);
    this.models = new ModelCatalog(this.modelService, { folders: options.modelFolders, scanHubCache: options.scanHubCache });
    this.gallery = new GalleryService(options.galleryDir, (m) => log(`gallery: ${m}`));
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
    await this.downloads.close();
    await this.engine.unload();
    await this.gallery.close();
  }
}
