// The model manager as the CLI and the app share it: pull, list, verify, remove, import and float16
// conversion over the hub cache, plus the views the Models screen shows (catalog, installed, mirror
// health). The host's version, data folder and cache folder are fixed here once; the hub and the engine
// receive them as arguments. Download jobs (queue, pause, events) live in downloads.ts.
import { rm } from 'node:fs/promises';
import path from 'node:path';
import type { CatalogEntryView, InstalledModelView, MirrorHealth, MirrorName } from '../../../src-shared/contract/index.js';
import { StudioError } from '../../../src-shared/errors.js';
import { inspectModelFolder } from '../../engine/models/index.js';
import { convertFolderToFloat16, type ConvertFolderHooks, type Float16Report } from '../../engine/onnx/index.js';
import * as hub from '../../hub/index.js';
import { describeInstalled } from './installed.js';

export { formatBytes, MIRROR_CHOICES } from '../../hub/index.js';
export type { CachedModel, LocalModel, MirrorChoice, PullHooks, PullProgress, PullResult, RemoveReport, VerifyReport } from '../../hub/index.js';

/** What a pull may set; the service adds the app version, data folder and defaults. */
export type PullRequestOptions = Omit<hub.PullOptions, 'appVersion' | 'dataDir'>;

export interface ModelServiceOptions {
  appVersion: string;
  /** The Latent Studio data folder (imported-model registry, copy-mode manifests, converted models). */
  dataDir: string;
  /** The Hugging Face hub cache (default: HF_HUB_CACHE / HF_HOME / ~/.cache/huggingface/hub from `env`). */
  cacheDir?: string;
  env?: NodeJS.ProcessEnv;
  /** Model folders given at startup (--model): listed as installed, never deleted. */
  folders?: string[];
  /** The built-in demo model's folder: listed last, never deleted (the next start would copy it back). */
  builtin?: string;
  /** Pull settings every pull starts from: the app's proxy, timeouts, a test's dispatcher or catalog. */
  pullDefaults?: PullRequestOptions;
  /** Catalog file (default resources/catalog.json). */
  catalogFile?: string;
}

export class ModelService {
  readonly env: NodeJS.ProcessEnv;

  constructor(readonly options: ModelServiceOptions) {
    this.env = options.env ?? process.env;
  }

  /** The cache folder to use: a flag's folder, else the configured one, else the environment's. */
  cacheDirOf(flag?: string): string {
    if (flag) return path.resolve(flag);
    return this.options.cacheDir ? path.resolve(this.options.cacheDir) : hub.resolveHubCacheDir(this.env);
  }

  pull(repo: string, opts: PullRequestOptions = {}, hooks: hub.PullHooks = {}): Promise<hub.PullResult> {
    const defaults = this.options.pullDefaults ?? {};
    const cacheDir = opts.cacheDir ?? defaults.cacheDir ?? this.options.cacheDir;
    return hub.pullModel(repo, { env: this.env, ...defaults, ...stripUndefined(opts), cacheDir, appVersion: this.options.appVersion, dataDir: this.options.dataDir }, hooks);
  }

  list(cacheDir?: string): Promise<hub.CachedModel[]> {
    return hub.listCachedModels(this.cacheDirOf(cacheDir), { dataDir: this.options.dataDir, env: this.env });
  }

  verify(repo: string, opts: { revision?: string; cacheDir?: string; signal?: AbortSignal } = {}): Promise<hub.VerifyReport> {
    return hub.verifyCachedModel(repo, { ...opts, cacheDir: this.cacheDirOf(opts.cacheDir), dataDir: this.options.dataDir, env: this.env });
  }

  remove(repo: string, opts: { revision?: string; cacheDir?: string } = {}): Promise<hub.RemoveReport> {
    return hub.removeCachedModel(repo, { ...opts, cacheDir: this.cacheDirOf(opts.cacheDir), dataDir: this.options.dataDir, env: this.env });
  }

  importFolder(dir: string, opts: { name?: string } = {}): Promise<hub.LocalModel> {
    return hub.importLocalModel(dir, { dataDir: this.options.dataDir, name: opts.name });
  }

  /** Writes a float16 copy of model folder `dir` into `out` (a clear error first when `dir` is not a model). */
  async convertFp16(dir: string, out: string, hooks: ConvertFolderHooks = {}): Promise<Record<string, Float16Report>> {
    await inspectModelFolder(dir);
    return convertFolderToFloat16(dir, out, hooks);
  }

  async catalog(): Promise<CatalogEntryView[]> {
    const catalog = await hub.loadCatalog(this.options.catalogFile);
    const cached = await this.list();
    const complete = new Set(cached.filter((m) => m.kind === 'hf-cache' && m.revisions.some((r) => r.onnx)).map((m) => m.repo));
    return catalog.models.map((e) => {
      const src = e.sources.hf ?? e.sources.modelscope!;
      const repos = [e.sources.hf?.repo, e.sources.modelscope?.repo].filter((r): r is string => !!r);
      const installedId = repos.find((r) => complete.has(r));
      return {
        id: e.id, name: e.name, family: e.family, license: e.license, sizeBytes: e.sizeBytes,
        repo: src.repo, revision: src.revision,
        sources: (['hf', 'modelscope'] as const).filter((k) => e.sources[k]),
        recommended: e.recommended, verified: e.verified, ...(e.notes ? { notes: e.notes } : {}),
        installed: installedId !== undefined, ...(installedId ? { installedId } : {}),
      };
    });
  }

  /** Startup folders, complete hub-cache snapshots and imported folders, with layout, precision and size. */
  async installed(): Promise<{ models: InstalledModelView[]; warnings: string[] }> {
    const found: { id: string; name: string; source: InstalledModelView['source']; path: string }[] = [];
    const warnings: string[] = [];
    for (const dir of this.options.folders ?? []) {
      const abs = path.resolve(dir);
      found.push({ id: path.basename(abs), name: path.basename(abs), source: 'folder', path: abs });
    }
    try {
      for (const m of await this.list()) {
        const r = m.revisions.find((x) => x.onnx);
        if (r) found.push({ id: m.repo, name: m.kind === 'local' ? m.repo.slice('local:'.length) : m.repo, source: m.kind === 'local' ? 'imported' : 'hf-cache', path: r.path });
      }
    } catch (err) {
      warnings.push(`The Hugging Face cache could not be listed: ${(err as Error).message}`);
    }
    if (this.options.builtin) {
      const abs = path.resolve(this.options.builtin);
      found.push({ id: path.basename(abs), name: path.basename(abs), source: 'builtin', path: abs });
    }
    const models: InstalledModelView[] = [];
    for (const f of found) {
      try {
        models.push({ ...f, ...(await describeInstalled(f.path)) });
      } catch (err) {
        warnings.push(`${f.path}: ${(err as Error).message}`);
      }
    }
    return { models, warnings };
  }

  /** One installed model by its models.installed id. */
  async findInstalled(id: string): Promise<InstalledModelView> {
    const { models } = await this.installed();
    const found = models.find((m) => m.id === id);
    if (!found) {
      throw new StudioError('models/unknown-model', `Unknown model "${id}". ${models.length ? `Choose one of: ${models.map((m) => m.id).join(', ')}.` : 'No models are installed: pull one from the catalog.'}`, { id });
    }
    return found;
  }

  /** Removes an installed model: a hub-cache repository, or the registration of an imported folder (its files stay). */
  async delete(id: string): Promise<{ id: string; freedBytes: number }> {
    const m = await this.findInstalled(id);
    if (m.source === 'folder') {
      throw new StudioError('models/not-deletable', `"${id}" is a folder given at startup (${m.path}); Latent Studio does not delete it. Remove it yourself, or start without --model ${m.path}.`, { id, path: m.path });
    }
    if (m.source === 'builtin') {
      throw new StudioError('models/not-deletable', `"${id}" is the built-in demo model (${m.path}); the app copies it back on every start. It is small (random weights) and stays listed after every real model.`, { id, path: m.path });
    }
    const r = await this.remove(id);
    return { id, freedBytes: r.freedBytes };
  }

  /** Each known mirror's health (and `endpoint` as `custom` when given). */
  async probe(endpoint?: string, signal?: AbortSignal): Promise<MirrorHealth[]> {
    const catalog = await hub.loadCatalog(this.options.catalogFile);
    const first = catalog.models.find((m) => m.sources.hf) ?? catalog.models[0];
    const hfRepo = { repo: first?.sources.hf?.repo ?? 'stable-diffusion-v1-5/stable-diffusion-v1-5', revision: first?.sources.hf?.revision ?? 'main' };
    const msEntry = catalog.models.find((m) => m.sources.modelscope);
    const msRepo = { repo: msEntry?.sources.modelscope?.repo ?? hfRepo.repo, revision: msEntry?.sources.modelscope?.revision ?? 'master' };
    const targets: { mirror: Exclude<MirrorName, 'auto'>; endpoint: string; repo: string; revision: string }[] = [
      { mirror: 'hf', endpoint: hub.hfEndpointUrl(this.env), ...hfRepo },
      { mirror: 'hf-mirror', endpoint: hub.HF_MIRROR, ...hfRepo },
      { mirror: 'modelscope', endpoint: `modelscope:${hub.modelscopeEndpointUrl(this.env)}`, ...msRepo },
    ];
    if (endpoint) targets.push({ mirror: 'custom', endpoint, ...(/modelscope/i.test(endpoint) ? msRepo : hfRepo) });
    const d = this.options.pullDefaults ?? {};
    const health = await hub.probeEndpoints(targets, { appVersion: this.options.appVersion, env: this.env, proxy: d.proxy, fallbackProxy: d.fallbackProxy, dispatcher: d.dispatcher, timeouts: d.timeouts, signal });
    return health.map((h, i) => ({
      mirror: targets[i].mirror,
      endpoint: targets[i].endpoint.replace(/^modelscope:/, ''),
      ok: h.ok,
      latencyMs: h.latencyMs ?? null,
      ...(h.error ? { error: h.error } : {}),
    }));
  }

  /** Where the float16 copy of installed model `m` goes: the data folder's models/, never inside the hub cache. */
  convertedFolder(m: InstalledModelView): string {
    const slug = m.name.toLowerCase().replace(/[^a-z0-9._-]+/g, '-').replace(/^-+|-+$/g, '') || 'model';
    return path.join(this.options.dataDir, 'models', `${slug}-fp16`);
  }

  /** Removes a half-written conversion. */
  async discard(folder: string): Promise<void> {
    await rm(folder, { recursive: true, force: true });
  }
}

function stripUndefined<T extends object>(o: T): Partial<T> {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as Partial<T>;
}
