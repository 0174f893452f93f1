// The services composed once per host: engine, model catalog, gallery, job queue and the event bus.
// Every host (Electron, web host, CLI, tests) creates one Studio, hands it to the ipc router or calls its
// services directly, and closes it on exit. Folders and the app version come from the host, resolved once.
import path from 'node:path';
import type { OpResponse, SchedulerInfo } from '../../src-shared/contract/index.js';
import { Engine } from '../engine/pipeline/index.js';
import { availableProviders, type EpChoice } from '../engine/runtime/index.js';
import { listSchedulers } from '../engine/schedulers/index.js';
import { APP_NAME, APP_VERSION, resolveAppPaths, type AppPaths } from './app-paths.js';
import { EventBus } from './events.js';
import { Logger } from './log.js';
import { GalleryService } from './gallery-view.js';
import { JobQueue } from './jobs.js';
import { LabService } from './lab.js';
import { DownloadJobs, ModelCatalog, ModelService, type PullRequestOptions } from './models.js';
import { PromptService } from './prompt.js';
import { ImageParametersService } from './image-parameters.js';

import { TimelineService } from './timeline.js';

export type HostKind = 'electron' | 'web' | 'cli';

export interface StudioOptions {
  host: HostKind;
  /** The data folders; default: resolved from LATENT_STUDIO_HOME (with `galleryDir` overriding the gallery's). */
  paths?: AppPaths;
  /** Gallery folder; default: gallery/ in the data folder. Ignored when `paths` is given. */
  galleryDir?: string;
  /** Model folders given at startup (--model). */
  modelFolders?: string[];
  /** List the Hugging Face cache too (default true); its location (default: HF_HUB_CACHE/HF_HOME rules). */
  scanHubCache?: boolean;
  hubCacheDir?: string;
  /** The data folder instead of LATENT_STUDIO_HOME's (tests). Ignored when `paths` is given. */
  dataDir?: string;
  /** Environment the model manager reads (HF_*, proxies); default process.env. */
  env?: NodeJS.ProcessEnv;
  /** Settings every download starts from (proxy, timeouts; tests pass a dispatcher or catalog). */
  pullDefaults?: PullRequestOptions;
  ep?: EpChoice;
  threads?: number;
  lowMemory?: boolean;
  watermark?: boolean;
  /** Where notices (gallery recoveries, warnings) go; default stderr. */
  log?: (message: string) => void;
  /** Let onnxruntime's own warnings through to the terminal (--verbose); default quiet. */
  verbose?: boolean;
  /** The host's logger (file in the data folder); default: none (no file, nothing on stderr). */
  logger?: Logger;
}

export class Studio {
  readonly events = new EventBus();
  readonly paths: AppPaths;
  readonly engine: Engine;
  readonly models: ModelCatalog;
  /** The model manager (Models screen, CLI) and its download jobs. */
  readonly modelService: ModelService;
  readonly downloads: DownloadJobs;
  readonly gallery: GalleryService;
  readonly jobs: JobQueue;
  readonly logger: Logger;
  readonly prompt: PromptService;
  readonly lab: LabService;
  readonly timeline: TimelineService;
  readonly imageParameters: ImageParametersService;

  constructor(readonly options: StudioOptions) {
    const log = options.log ?? ((m: string) => process.stderr.write(`${m}\n`));
    this.paths = options.paths ?? resolveAppPaths({ env: options.dataDir ? { LATENT_STUDIO_HOME: options.dataDir } : options.env, galleryDir: options.galleryDir });
    this.logger = options.logger ?? new Logger({ stderrLevel: 'silent' });
    this.engine = new Engine({ ep: options.ep ?? 'auto', threads: options.threads, lowMemory: options.lowMemory, nativeLog: options.verbose ? 'verbose' : 'quiet' });
    this.modelService = new ModelService({
      appVersion: APP_VERSION, dataDir: this.paths.home, cacheDir: options.hubCacheDir,
      env: options.env, folders: options.modelFolders, pullDefaults: options.pullDefaults,
    });
    this.downloads = new DownloadJobs(this.modelService, this.events);
    this.models = new ModelCatalog(this.modelService, { folders: options.modelFolders, scanHubCache: options.scanHubCache });
    this.gallery = new GalleryService(this.paths.galleryDir, (m) => log(`gallery: ${m}`));
    this.prompt = new PromptService(this.models);
    this.imageParameters = new ImageParametersService(listSchedulers().map((s) => s.id));
    this.lab = new LabService({ engine: this.engine, models: this.models, gallery: this.gallery });
    this.jobs = new JobQueue({
      engine: this.engine, models: this.models, gallery: this.gallery, events: this.events, watermark: options.watermark, appVersion: APP_VERSION,
      log: this.logger.scoped('jobs'),
    });
    this.timeline = new TimelineService({
      gallery: this.gallery,
      events: this.events,
      decode: async (dir, latents, shape) => (await this.engine.decode(dir, latents, shape))[0],
      modelDirs: async () => (await this.models.list()).models.map((m) => m.path),
      // Beside the gallery folder in the data folder: <home>/exports/timeline.
      exportDir: path.join(this.paths.home, 'exports', 'timeline'),
    });
  }

  appInfo(): OpResponse<'app.info'> {
    // NOTE: the CLI is a host too, but the UI only ever runs under Electron or the web host.
    return { name: APP_NAME, version: APP_VERSION, providers: availableProviders(), host: this.options.host === 'electron' ? 'electron' : 'web' };
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
