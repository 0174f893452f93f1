// The services composed once per host: engine, model catalog, gallery, job queue and the event bus.
// Every host (Electron, web host, CLI, tests) creates one Studio, hands it to the ipc router or calls its
// services directly, and closes it on exit. Folders and the app version come from the host, resolved once.
import type { OpResponse, SchedulerInfo } from '../../src-shared/contract/index.js';
import { Engine } from '../engine/pipeline/index.js';
import { availableProviders, type EpChoice } from '../engine/runtime/index.js';
import { listSchedulers } from '../engine/schedulers/index.js';
import path from 'node:path';
import type { SettingsValues } from '../../src-shared/contract/index.js';
import { APP_NAME, APP_VERSION, resolveAppPaths, type AppPaths } from './app-paths.js';
import { FileSecretStore, type SecretStore } from './secret-store.js';
import { SettingsService } from './settings.js';
import { EventBus } from './events.js';
import { Logger } from './log.js';
import { GalleryExports } from './gallery-export.js';
import { GalleryService } from './gallery-view.js';
import { JobQueue } from './jobs.js';
import { LabService } from './lab.js';
import { DownloadJobs, ModelCatalog, ModelService, type PullRequestOptions } from './models.js';
import { PromptService } from './prompt.js';
import { ImageParametersService } from './image-parameters.js';

export type HostKind = 'electron' | 'web' | 'cli';
import { TimelineService } from './timeline.js';

export interface StudioOptions {
  host: HostKind;
  /** The data folders; default: resolved from LATENT_STUDIO_HOME (with `galleryDir` overriding the gallery's). */
  paths?: AppPaths;
  /** Gallery folder; default: gallery/ in the data folder. Ignored when `paths` is given. */
  galleryDir?: string;
  /** Model folders given at startup (--model). */
  modelFolders?: string[];
  /** The built-in demo model's folder in the data folder (installDefaultModel), listed after every other model. */
  builtinModel?: string;
  /** List the Hugging Face cache too (default true); its location (default: HF_HUB_CACHE/HF_HOME rules). */
  scanHubCache?: boolean;
  hubCacheDir?: string;
  /** The data folder instead of LATENT_STUDIO_HOME's (tests). Ignored when `paths` is given. */
  dataDir?: string;
  /** Environment the settings and the model manager read (HF_*, proxies, LATENT_STUDIO_*); default process.env. */
  env?: NodeJS.ProcessEnv;
  /** Settings every download starts from (proxy, timeouts; tests pass a dispatcher or catalog). */
  pullDefaults?: PullRequestOptions;
  /** The model catalog (default resources/catalog.json); tests point it at a fake hub's repositories. */
  catalogFile?: string;
  /** Where gallery exports go by default; default: exports/ in the data folder. */
  exportsDir?: string;
  ep?: EpChoice;
  threads?: number;
  lowMemory?: boolean;
  watermark?: boolean;
  /** Where the hub token is kept: Electron passes its safeStorage store; default a 0600 file in the data folder. */
  secrets?: SecretStore;
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
  readonly galleryExports: GalleryExports;
  readonly jobs: JobQueue;
  readonly logger: Logger;
  readonly prompt: PromptService;
  readonly lab: LabService;
  readonly imageParameters: ImageParametersService;
  readonly settings: SettingsService;
  readonly timeline: TimelineService;

  constructor(readonly options: StudioOptions) {
    const log = options.log ?? ((m: string) => process.stderr.write(`${m}\n`));
    const env = options.env ?? process.env;
    this.paths = options.paths ?? resolveAppPaths({ env: options.dataDir ? { LATENT_STUDIO_HOME: options.dataDir } : env, galleryDir: options.galleryDir });
    const dataDir = this.paths.home;
    this.logger = options.logger ?? new Logger({ stderrLevel: 'silent' });
    // The host's explicit options are its command line: they beat the environment and settings.json.
    const { ep, threads, lowMemory, watermark, galleryDir } = options;
    this.settings = new SettingsService({
      dataDir, env, flags: definedOnly({ ep, threads, lowMemory, watermark, galleryDir }),
      secrets: options.secrets ?? new FileSecretStore(dataDir), availableProviders: availableProviders(), log,
    });
    const s = this.settings.values();
    const nativeLog = options.verbose ? 'verbose' : 'quiet';
    this.engine = new Engine({ ...engineOptions(s), nativeLog });
    const settings = this.settings;
    this.modelService = new ModelService({
      appVersion: APP_VERSION, dataDir, cacheDir: options.hubCacheDir, env: options.env, folders: options.modelFolders, builtin: options.builtinModel, catalogFile: options.catalogFile,
      // NOTE: a getter, so the proxy, token and mirror saved on the Settings screen apply to the next download.
      get pullDefaults() { return { ...settings.pullDefaults(), ...options.pullDefaults }; },
    });
    this.downloads = new DownloadJobs(this.modelService, this.events);
    this.models = new ModelCatalog(this.modelService, { folders: options.modelFolders, builtin: options.builtinModel, scanHubCache: options.scanHubCache });
    this.gallery = new GalleryService(s.galleryDir ? path.resolve(s.galleryDir) : this.paths.galleryDir, options.exportsDir ?? path.join(dataDir, 'exports'), (m) => log(`gallery: ${m}`));
    this.galleryExports = new GalleryExports(this.gallery, this.events);
    this.prompt = new PromptService(this.models);
    this.imageParameters = new ImageParametersService(listSchedulers().map((sc) => sc.id));
    this.lab = new LabService({ engine: this.engine, models: this.models, gallery: this.gallery });
    this.timeline = new TimelineService({
      gallery: this.gallery,
      events: this.events,
      decode: async (dir, latents, shape) => (await this.engine.decode(dir, latents, shape))[0],
      modelDirs: async () => (await this.models.list()).models.map((m) => m.path),
      exportDir: path.join(dataDir, 'exports', 'timeline'),
    });
    this.jobs = new JobQueue({
      engine: this.engine, models: this.models, gallery: this.gallery, events: this.events, appVersion: APP_VERSION,
      // NOTE: a getter, so a watermark switched off on the Settings screen applies to the next saved image.
      get watermark() {
        const v = settings.values();
        return v.watermark && v.watermarkMessage ? { message: v.watermarkMessage } : v.watermark;
      },
      log: this.logger.scoped('jobs'),
      timeline: this.timeline,
    });
    this.settings.onChange((values, view) => {
      this.applySettings(values);
      this.events.emit('settings.changed', view);
    });
    this.events.subscribe((e) => {
      if (e.event === 'job.done') this.settings.noteRun({ ep: e.payload.ep, skipped: e.payload.skippedProviders });
    });
  }

  /**
   * Pushes changed settings to the running services: provider, threads and memory mode to the engine
   * (next load); watermark is read per saved image; mirror, proxy and token per download
   * (settings.downloadSettings()); the gallery folder applies at the next start.
   */
  applySettings(values: SettingsValues): void {
    this.engine.configure({ ...engineOptions(values), nativeLog: this.options.verbose ? 'verbose' : 'quiet' });
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
    await this.galleryExports.close();
    await this.engine.unload();
    await this.gallery.close();
  }
}

function engineOptions(s: SettingsValues): { ep: EpChoice; threads?: number; lowMemory: boolean } {
  return { ep: s.ep, threads: s.threads || undefined, lowMemory: s.lowMemory };
}

function definedOnly<T extends object>(o: T): Partial<T> {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as Partial<T>;
}
