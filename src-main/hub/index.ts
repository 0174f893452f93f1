// The model manager's public face: pull models from the Hugging Face hub, its mirrors or ModelScope into
// the Hugging Face cache (shared with diffusers), and list, verify, remove or import them. Nothing else
// in src-main/hub is imported from outside this folder.
export { pullModel } from './download/pull.js';
export { listCachedModels, findCachedSnapshot, verifyCachedModel, removeCachedModel } from './cache/cache-scan.js';
export type { CachedModel, CachedRevision, CachedSnapshot, VerifyReport, RemoveReport, CacheOpOptions } from './cache/cache-scan.js';
export { resolveHubCacheDir, resolveHfHome, repoFolderName, validateRepoId } from './cache/cache-paths.js';
export { loadCatalog, parseCatalog, findCatalogEntry, DEFAULT_CATALOG_FILE } from './catalog.js';
export type { Catalog, CatalogEntry } from './catalog.js';
export { importLocalModel, listLocalModels, removeLocalModel } from './cache/records.js';
export type { LocalModel, DataFolderOptions } from './cache/records.js';
export { checkOnnxLayout, selectFiles } from './cache/select.js';
export { planEndpoints, isOffline, hfEndpointUrl, modelscopeEndpointUrl, MIRROR_CHOICES, HF_OFFICIAL, HF_MIRROR } from './remote/endpoints.js';
export { probeEndpoints } from './remote/probe.js';
export type { ProbeTarget, EndpointHealth, ProbeOptions } from './remote/probe.js';
export { PauseGate } from './download/control.js';
export { formatBytes } from './cache/cache.js';
export type {
  Endpoint, MirrorChoice, PullOptions, PullHooks, PullResult, PullProgress, PullPhase, FileProgress, FileState, RetryOptions, TimeoutOptions,
} from './types.js';
