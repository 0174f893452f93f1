// The services composed once per host: engine, model catalog, gallery, job queue and the event bus.
// Hosts (Electron, web host, tests) create one Studio, hand it to the ipc router, and close it on exit.
import { Engine } from '../engine/pipeline/index.js';
import type { OpResponse, SchedulerInfo } from '../../src-shared/contract/index.js';
import { availableProviders, type EpChoice } from '../engine/runtime/index.js';
import { listSchedulers } from '../engine/schedulers/index.js';
import path from 'node:path';
import { APP_VERSION, latentStudioHome } from './paths.js';
import { FileSecretStore, type SecretStore } from './secret-store.js';
import { SettingsService } from './settings.js';
import type { SettingsValues } from '../../src-shared/contract/index.js';
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
  /** The data folder: settings.json, imported models (default: LATENT_STUDIO_HOME, else the user-data folder). */
  dataDir?: string;
  /** Environment the settings and the model manager read (HF_*, proxies, LATENT_STUDIO_*); default process.env. */
  env?: NodeJS.ProcessEnv;
  /** Settings every download starts from (proxy, timeouts; tests pass a dispatcher or catalog). */
  pullDefaults?: PullRequestOptions;
  /** The model catalog (default resources/catalog.json); tests point it at a fake hub's repositories. */
  catalogFile?: string;
  /** Gallery folder; default: gallery/ in the data folder (LATENT_STUDIO_HOME). */
  galleryDir?: string;
  ep?: EpChoice;
  threads?: number;
  watermark?: boolean;
  lowMemory?: boolean;
  host: 'electron' | 'web';
  /** Where the hub token is kept: Electron passes its safeStorage store; default a 0600 file in the data folder. */
  secrets?: SecretStore;
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
  readonly settings: SettingsService;

  constructor(readonly options: StudioOptions) {
    const log = options.log ?? ((m: string) => process.stderr.write(`${m}\n`));
    const env = options.env ?? process.env;
    const dataDir = options.dataDir ?? latentStudioHome(env);
    // The host's explicit options are its command line: they beat the environment and settings.json.
    const { ep, threads, lowMemory, watermark, galleryDir } = options;
    this.settings = new SettingsService({
      dataDir, env, flags: definedOnly({ ep, threads, lowMemory, watermark, galleryDir }),
      secrets: options.secrets ?? new FileSecretStore(dataDir), availableProviders: availableProviders(), log,
    });
    const s = this.settings.values();
    this.engine = new Engine(engineOptions(s));
    const settings = this.settings;
    this.modelService = new ModelService({
      appVersion: APP_VERSION, dataDir, cacheDir: options.hubCacheDir, env: options.env, folders: options.modelFolders, catalogFile: options.catalogFile,
      // NOTE: a getter, so the proxy, token and mirror saved on the Settings screen apply to the next download.
      get pullDefaults() { return { ...settings.pullDefaults(), ...options.pullDefaults }; },
    });
    this.downloads = new DownloadJobs(this.modelService, this.events);
    this.models = new ModelCatalog(this.modelService, { folders: options.modelFolders, scanHubCache: options.scanHubCache });
    this.gallery = new GalleryService(s.galleryDir || path.join(dataDir, 'gallery'), (m) => log(`gallery: ${m}`));
    // NOTE: a getter, so a watermark switched off on the Settings screen applies to the next saved image.
    this.jobs = new JobQueue({ engine: this.engine, models: this.models, gallery: this.gallery, events: this.events, get watermark() { return settings.values().watermark; } });
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
    this.engine.configure(engineOptions(values));
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

function engineOptions(s: SettingsValues): { ep: EpChoice; threads?: number; lowMemory: boolean } {
  return { ep: s.ep, threads: s.threads || undefined, lowMemory: s.lowMemory };
}

function definedOnly<T extends object>(o: T): Partial<T> {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as Partial<T>;
}
