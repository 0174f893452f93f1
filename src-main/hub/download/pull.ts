// `pullModel`: the whole download of one model, in huggingface_hub's order: endpoints (probed for
// `auto`) → listing with failover (revision pinned to a commit) → layout check → selection → plan against
// the cache → disk check → verified blob downloads → snapshot links → ref. Offline or unreachable: the cache.
import { setMaxListeners } from 'node:events';
import { stat } from 'node:fs/promises';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { CancelledError, StudioError, throwIfAborted } from '../../../src-shared/errors.js';
import { fetchRefs } from '../remote/api.js';
import { allocatedPartialBytes, checkDiskSpace, formatBytes, publishSnapshot, symlinksSupported } from '../cache/cache.js';
import { blobsDir, expandPath, resolveHubCacheDir, snapshotDir, validateRepoId, validateRevision, writeRef } from '../cache/cache-paths.js';
import { findCachedSnapshot } from '../cache/cache-scan.js';
import { findCatalogEntry, loadCatalog, type CatalogEntry } from '../catalog.js';
import { ConnectionPool } from './control.js';
import { downloadBlob, type DownloadEnv } from './download.js';
import { isOffline, isTruthy, orderByHealth, planEndpoints, resolveHfToken, resolveModelscopeToken } from '../remote/endpoints.js';
import { HubHttp } from '../remote/http.js';
import { planFiles, uniqueTasks, type PinnedFile, type PlannedFile } from './plan.js';
import { ProgressTracker } from './progress.js';
import { writeManifest, type ManifestFile } from '../cache/records.js';
import { TransientError, isAbort, resolveRetry } from '../remote/retry.js';
import { assertOnnxLayout, checkOnnxLayout, matchesGlob, selectFiles } from '../cache/select.js';
import { Source, type SourceSetup } from '../remote/sources.js';
import type { Listing, PullHooks, PullOptions, PullResult } from '../types.js';

const MIB = 1 << 20;

interface RepoIds {
  entry?: CatalogEntry;
  hfRepo?: string;
  msRepo?: string;
}

/** A catalog id or either source's repository id → the repository on each source. */
function mapRepo(requested: string, entry: CatalogEntry | undefined): RepoIds {
  if (!entry) {
    const id = validateRepoId(requested);
    return { hfRepo: id, msRepo: id };
  }
  return { entry, hfRepo: entry.sources.hf?.repo, msRepo: entry.sources.modelscope?.repo };
}

/** Pulls a model into the hub cache and returns its snapshot folder. See PullOptions for every knob. */
export async function pullModel(repoArg: string, options: PullOptions, hooks: PullHooks = {}): Promise<PullResult> {
  const started = performance.now();
  const env = options.env ?? process.env;
  const signal = hooks.signal;
  throwIfAborted(signal, 'download');
  const requested = repoArg.trim();
  const cacheDir = path.resolve(options.cacheDir ? expandPath(options.cacheDir, env) : resolveHubCacheDir(env));
  const catalog = options.catalog ?? (await loadCatalog());
  const ids = mapRepo(requested, findCatalogEntry(catalog, requested));
  const explicitRev = options.revision !== undefined ? validateRevision(options.revision) : undefined;
  const hfRev = explicitRev ?? ids.entry?.sources.hf?.revision ?? 'main';
  const progress = new ProgressTracker(hooks.onProgress, hooks.progressIntervalMs);
  const seconds = () => (performance.now() - started) / 1000;

  const fromCache = async (why: string): Promise<PullResult | undefined> => {
    const msRev = explicitRev ?? ids.entry?.sources.modelscope?.revision ?? 'master';
    const candidates: [string | undefined, string][] = [[ids.hfRepo, hfRev], [ids.msRepo, msRev]];
    for (const [repo, rev] of candidates) {
      if (!repo) continue;
      const snap = await findCachedSnapshot(repo, rev, cacheDir);
      if (!snap) continue;
      const wanted = options.include?.length ? snap.files.filter((f) => options.include!.some((g) => matchesGlob(f, g))) : snap.files;
      if (options.include?.length ? wanted.length === 0 : snap.missing.length > 0) continue;
      progress.note(why);
      const bytes = await sizeOf(snap.path, wanted);
      progress.phase('done');
      return { repo: requested, revision: rev, commit: snap.commit, path: snap.path, files: wanted.length, bytes, downloadedBytes: 0, seconds: seconds(), cacheRepo: repo, source: 'cache' };
    }
    return undefined;
  };

  if (options.offline ?? isOffline(env)) {
    const cached = await fromCache('offline: using the cached snapshot');
    if (cached) return cached;
    throw new StudioError('hub/offline-not-cached', `Offline mode (HF_HUB_OFFLINE) is on and "${requested}" at "${hfRev}" is not complete in the cache ${cacheDir}. Unset HF_HUB_OFFLINE to download it.`, { repo: requested, revision: hfRev, cacheDir });
  }

  const plan = planEndpoints({ endpoints: options.endpoints, mirror: options.mirror, env, tokenToMirrors: options.tokenToMirrors });
  const hasHf = plan.endpoints.some((e) => e.kind === 'hf');
  const msSource = ids.entry?.sources.modelscope;
  const msRev = msSource ? (hasHf ? msSource.revision : explicitRev ?? msSource.revision) : explicitRev ?? 'master';
  const connections = Math.max(1, Math.min(64, options.connections ?? 8));
  const http = new HubHttp({ appVersion: options.appVersion, env, proxy: options.proxy, fallbackProxy: options.fallbackProxy, dispatcher: options.dispatcher, timeouts: options.timeouts, connections });
  const policy = resolveRetry(options.retry);
  try {
    const setup: SourceSetup = {
      http, policy, signal,
      hfToken: resolveHfToken(env, options.token),
      modelscopeToken: resolveModelscopeToken(env),
      onRetry: (src, err, wait) => progress.note(`${src.label}: ${err.message}; retrying in ${(wait / 1000).toFixed(1)} s`, src.label),
    };
    const pins = msSource && ids.entry?.sources.hf?.commit ? { commit: ids.entry.sources.hf.commit } : {};
    let sources = plan.endpoints.flatMap((ep) => {
      const repo = ep.kind === 'hf' ? ids.hfRepo : ids.msRepo;
      return repo ? [new Source(ep, repo, ep.kind === 'hf' ? hfRev : msRev, setup, plan.endpoints.length > 1, ep.kind === 'modelscope' ? pins : {})] : [];
    });
    if (sources.length === 0) {
      throw new StudioError('hub/no-source', `"${requested}" has no repository on the chosen endpoints (${plan.endpoints.map((e) => e.label).join(', ')}). The catalog lists it on: ${Object.keys(ids.entry?.sources ?? {}).join(', ')}.`, { repo: requested });
    }
    progress.phase('endpoints');
    if (plan.probe && sources.length > 1) sources = await orderByHealth(sources, (s) => s.probe());
    for (const s of sources) s.multiple = sources.length > 1;

    progress.phase('listing');
    let listed: { listing: Listing & { gated?: false | string }; usable: Source[] };
    try {
      listed = await listWithFailover(sources, signal);
    } catch (err) {
      if (err instanceof StudioError && ['hub/network', 'hub/no-endpoint'].includes(err.code)) {
        const cached = await fromCache(`${err.message} Using the cached snapshot.`);
        if (cached) return cached;
      }
      throw err;
    }
    const { listing, usable } = listed;
    const lister = usable[0];
    progress.note(`listed ${listing.repo} at ${listing.commit.slice(0, 12)} on ${lister.label}`, lister.label);
    if (listing.gated && !lister.auth) {
      const how = setup.hfToken
        ? `Your token is not sent to the third-party mirror ${lister.label}: use the official hub, or opt in to sending it there.`
        : 'Sign in there, accept the terms, then set a token with access (HF_TOKEN, or --token).';
      throw new StudioError('hub/gated', `"${listing.repo}" is a gated model: open https://huggingface.co/${listing.repo}. ${how}`, { repo: listing.repo, page: `https://huggingface.co/${listing.repo}` });
    }

    // Which cache folder and commit: the hub's, unless ModelScope listed it without pinned hub etags.
    let cacheRepo = listing.repo;
    let commit = listing.commit;
    let refName = lister.endpoint.kind === 'hf' ? hfRev : msRev;
    let pinMap: Map<string, PinnedFile> | undefined;
    if (lister.endpoint.kind === 'hf') {
      for (const s of usable) if (s.endpoint.kind === 'hf') s.revision = listing.commit;
    } else if (ids.entry?.sources.hf?.commit && ids.entry.files && ids.hfRepo) {
      cacheRepo = ids.hfRepo;
      commit = ids.entry.sources.hf.commit;
      refName = explicitRev && !hasHf ? ids.entry.sources.hf.revision : hfRev;
      pinMap = new Map(ids.entry.files.map((f) => [f.path, { size: f.size, etag: f.etag }]));
    }

    if (options.validate !== false) await validateLayout(listing, lister, refName);
    const include = options.include?.length ? options.include : ids.entry?.include;
    const selected = selectFiles(listing.files, { include, vaeEncoder: options.vaeEncoder });
    if (selected.length === 0) {
      throw new StudioError('hub/nothing-selected', `No file of "${listing.repo}" matches ${include?.length ? `--include ${include.join(', ')}` : 'what the engine needs'}.`, { repo: listing.repo });
    }
    for (const f of selected) {
      if (f.size === undefined) f.size = (await lister.resolve(f.path, signal)).size;
      if (f.size === undefined) throw new TransientError('protocol', `${lister.label} gives no size for ${f.path}`);
    }

    const planned = await planFiles(cacheDir, cacheRepo, commit, selected, pinMap);
    for (const f of planned) progress.addFile(f.path, f.size, f.state === 'fetch' ? 'queued' : 'cached');
    const tasks = uniqueTasks(planned);
    const blobs = blobsDir(cacheDir, cacheRepo);
    let needed = 0;
    for (const t of tasks) needed += Math.max(0, t.size - (await allocatedPartialBytes(blobs, t.key)));
    await checkDiskSpace(cacheDir, needed);

    progress.phase('downloading', tasks.length ? `${tasks.length} file(s), ${formatBytes(needed)} to fetch` : 'everything is cached');
    const names = await downloadAll(tasks, planned, {
      http, sources: usable, active: { index: 0 }, policy, signal, progress, blobsDir: blobs, pause: hooks.pause,
      pool: new ConnectionPool(connections),
      parallelThreshold: options.parallelThreshold ?? MIB,
      startConnections: options.startConnections,
      blockSize: options.blockSize,
    }, connections);

    progress.phase('publishing');
    const copyMode = !!options.disableSymlinks || isTruthy(env.HF_HUB_DISABLE_SYMLINKS) || !(await symlinksSupported(cacheDir));
    const links = planned.filter((f) => f.state !== 'snapshot').map((f) => ({ path: f.path, blobName: f.blobName ?? names.get(f.key)!, fresh: f.state === 'fetch' }));
    await publishSnapshot(cacheDir, cacheRepo, commit, links, copyMode);
    if (copyMode) await writeManifest({ dataDir: options.dataDir }, cacheDir, cacheRepo, commit, manifestOf(planned, names));
    await writeRef(cacheDir, cacheRepo, refName, commit);
    progress.phase('done');
    return {
      repo: requested, revision: refName, commit, path: snapshotDir(cacheDir, cacheRepo, commit),
      files: planned.length, bytes: planned.reduce((n, f) => n + f.size, 0), downloadedBytes: progress.transferred,
      seconds: seconds(), cacheRepo, source: lister.label,
    };
  } catch (err) {
    // A retryable failure that ran out of retries outside a file download (a size lookup, say) is still the user's to act on.
    if (err instanceof TransientError && !isAbort(err, signal)) {
      throw new StudioError('hub/network', `${err.message}. Check your connection or proxy, then run the same pull again (finished bytes are kept).`, { repo: requested }, { cause: err });
    }
    throw err;
  } finally {
    await http.close();
  }
}

/** Lists on each source in turn. RevisionNotFound is final; a "no" from the hub skips its mirrors (they proxy it). */
async function listWithFailover(sources: Source[], signal?: AbortSignal): Promise<{ listing: Listing & { gated?: false | string }; usable: Source[] }> {
  const failures: { source: Source; err: unknown }[] = [];
  let hubSaidNo = false;
  for (const [i, src] of sources.entries()) {
    if (hubSaidNo && src.endpoint.kind === 'hf') continue;
    try {
      const listing = await src.list();
      const refused = new Set(failures.filter((f) => f.err instanceof StudioError).map((f) => f.source));
      const usable = [...sources.slice(i), ...sources.slice(0, i)].filter((s) => !refused.has(s) && !(hubSaidNo && s.endpoint.kind === 'hf'));
      return { listing, usable };
    } catch (err) {
      if (isAbort(err, signal)) throw new CancelledError('download');
      if (err instanceof StudioError) {
        if (err.code === 'hub/revision-not-found' || err.code === 'hub/unsafe-path') throw err;
        if (src.endpoint.kind === 'hf') hubSaidNo = true;
      } else if (!(err instanceof TransientError)) throw err;
      failures.push({ source: src, err });
    }
  }
  const final = failures.find((f) => f.err instanceof StudioError);
  if (final) throw final.err;
  const detail = failures.map((f) => `${f.source.label}: ${(f.err as Error).message}`).join('; ');
  throw new StudioError('hub/network', `Could not list the model on any endpoint (${detail}). Check your connection or proxy (HTTPS_PROXY), or try another endpoint (--mirror hf-mirror, --mirror modelscope).`, { endpoints: sources.map((s) => s.endpoint.url).join(',') });
}

/** Checks the listing is an ONNX SD model; on failure looks for an `onnx` branch to suggest. */
async function validateLayout(listing: Listing, lister: Source, revision: string): Promise<void> {
  const paths = listing.files.map((f) => f.path);
  if (checkOnnxLayout(paths).ok) return;
  let branches: string[] = [];
  if (lister.endpoint.kind === 'hf') {
    try {
      branches = (await fetchRefs(lister.context(), listing.repo)).branches;
    } catch {
      // NOTE: the refs only improve the message; the layout error below is what matters.
    }
  }
  assertOnnxLayout(listing.repo, revision, paths, branches);
}

/** Downloads the unique blobs (a few files at a time; requests share the pool); the first failure stops the rest. */
async function downloadAll(tasks: PlannedFile[], planned: PlannedFile[], env: DownloadEnv, connections: number): Promise<Map<string, string>> {
  const names = new Map<string, string>();
  const local = new AbortController();
  const signal = env.signal ? AbortSignal.any([env.signal, local.signal]) : local.signal;
  setMaxListeners(0, signal); // one listener per file and request in flight: not a leak
  const files = new ConnectionPool(Math.max(2, connections));
  const dlEnv: DownloadEnv = { ...env, signal };
  const results = await Promise.allSettled(
    tasks.map((t) =>
      files.run(async () => {
        env.progress.setState(t.path, 'resolving');
        const { blobName } = await downloadBlob(dlEnv, t);
        names.set(t.key, blobName);
        for (const f of planned) if (f.key === t.key) env.progress.setState(f.path, 'done');
      }, signal).catch((err: unknown) => {
        env.progress.setState(t.path, 'failed');
        local.abort();
        throw err;
      }),
    ),
  );
  throwIfAborted(env.signal, 'download');
  const errors = results.flatMap((r) => (r.status === 'rejected' ? [r.reason as unknown] : []));
  const real = errors.find((e) => !isAbort(e));
  if (real) throw real;
  if (errors.length) throw new CancelledError('download');
  return names;
}

function manifestOf(planned: PlannedFile[], names: Map<string, string>): Record<string, ManifestFile> {
  const out: Record<string, ManifestFile> = {};
  for (const f of planned) {
    const name = f.blobName ?? names.get(f.key);
    out[f.path] = { size: f.size, ...(f.lfs ? { sha256: name } : { gitSha1: name, sha256: f.expect.sha256 }) };
  }
  return out;
}

async function sizeOf(dir: string, files: string[]): Promise<number> {
  let n = 0;
  for (const f of files) n += (await stat(path.join(dir, ...f.split('/')))).size;
  return n;
}
