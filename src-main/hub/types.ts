// The model manager's shared types: endpoints, remote listings, pull options, results and progress.
// Types only; behaviour lives in the modules named for each job.
import type { Dispatcher } from 'undici';

/** Which protocol an endpoint speaks: the Hugging Face hub's (also hf-mirror.com) or ModelScope's. */
export type SourceKind = 'hf' | 'modelscope';

export interface Endpoint {
  kind: SourceKind;
  /** Base URL, no trailing slash; may carry a path prefix (joined as a string, never URL-resolved). */
  url: string;
  /** Short name for messages: "huggingface.co", "hf-mirror.com", "modelscope", or the host. */
  label: string;
  /** Whether the hub token may be sent to this endpoint's origin (never to third-party mirrors unless opted in). */
  sendToken: boolean;
}

export type MirrorChoice = 'hf' | 'hf-mirror' | 'modelscope' | 'auto';

export interface RetryOptions {
  /** Attempts per request on one endpoint when no other endpoint is left (default 5). */
  tries?: number;
  /** First backoff wait in ms (default 1000); doubles each try, with jitter. */
  baseMs?: number;
  /** Longest backoff wait in ms (default 10_000). */
  maxMs?: number;
  /** Consecutive failures without progress before moving to the next endpoint (default 2). */
  failoverAfter?: number;
  /** Longest wait a Retry-After / RateLimit header may impose, in ms (default 120_000). */
  maxRetryAfterMs?: number;
}

export interface TimeoutOptions {
  /** TCP/TLS connect timeout (default 10 s). */
  connectMs?: number;
  /** Time to response headers (default 30 s). */
  headersMs?: number;
  /** Longest silence while reading a body before the connection counts as dropped (default 30 s). */
  bodyIdleMs?: number;
  /** Per-endpoint probe timeout for `auto` (default 4 s). */
  probeMs?: number;
}

/** What `pullModel` accepts. The host gives its version and data folder; the environment fills the rest as huggingface_hub does. */
export interface PullOptions {
  /** The app's version, sent in the user agent. */
  appVersion: string;
  /** The Latent Studio data folder (copy-mode caches record expected hashes there). */
  dataDir: string;
  /** Branch, tag or 40-hex commit (default: the catalog's revision for the source, else `main` / `master`). */
  revision?: string;
  /** HF-style endpoint URLs tried in order (a host containing "modelscope" or a `modelscope:` prefix means ModelScope). */
  endpoints?: string[];
  mirror?: MirrorChoice;
  /** Hub cache folder (default: HF_HUB_CACHE / HF_HOME / XDG_CACHE_HOME / ~/.cache/huggingface/hub). */
  cacheDir?: string;
  /** huggingface_hub-style fnmatch globs; default: the files the engine needs. */
  include?: string[];
  /** Concurrent HTTP requests in total (default 8). */
  connections?: number;
  /** Hub token; default HF_TOKEN, HUGGING_FACE_HUB_TOKEN, then the token file. Never logged. */
  token?: string;
  /** Also send the token to third-party mirrors such as hf-mirror.com (default false). */
  tokenToMirrors?: boolean;
  /** Proxy URL that beats the environment (a command-line flag). */
  proxy?: string;
  /** Proxy used only when the environment names none (the app's settings or the system proxy). */
  fallbackProxy?: string;
  /** Environment to read (default process.env). */
  env?: NodeJS.ProcessEnv;
  /** Catalog to map repositories between sources (default: resources/catalog.json). */
  catalog?: import('./catalog.js').Catalog;
  /** Check the listing is an ONNX Stable Diffusion model before downloading (default true). */
  validate?: boolean;
  /** Fetch vae_encoder/ too (img2img); default true. */
  vaeEncoder?: boolean;
  /** Force cache-only mode (HF_HUB_OFFLINE does the same). */
  offline?: boolean;
  /** Force copies instead of symlinks (HF_HUB_DISABLE_SYMLINKS does the same). */
  disableSymlinks?: boolean;
  retry?: RetryOptions;
  timeouts?: TimeoutOptions;
  /** Files of at least this many bytes are fetched in parallel Range blocks, resumable across restarts (default 1 MiB). */
  parallelThreshold?: number;
  /** Block size for ranged downloads (default: 1/2/4/8 MiB by file size). */
  blockSize?: number;
  /**
   * Connections a large file starts with (default 1): more are added, up to `connections`, while the
   * downloader waits on the network (hub/download/ramp.ts). Set it to `connections` to start them all at once.
   */
  startConnections?: number;
  /** An undici dispatcher to use instead of the one built from the proxy settings (tests, the app). */
  dispatcher?: Dispatcher;
}

export interface PullHooks {
  signal?: AbortSignal;
  onProgress?: (event: PullProgress) => void;
  /** Pauses and resumes transfers in place (cancel with `signal`; a later pull resumes from disk). */
  pause?: import('./download/control.js').PauseGate;
  /** Milliseconds between byte-progress events (default 200); state changes are sent at once. */
  progressIntervalMs?: number;
}

export interface PullResult {
  /** The repository asked for. */
  repo: string;
  revision: string;
  commit: string;
  /** The snapshot folder: pass it to the engine. */
  path: string;
  /** Files in the snapshot that this pull selected. */
  files: number;
  /** Bytes of those files. */
  bytes: number;
  /** Bytes actually transferred by this pull (0 when everything was cached). */
  downloadedBytes: number;
  seconds: number;
  /** The repository whose cache folder holds the snapshot (differs from `repo` for ModelScope-only pulls). */
  cacheRepo: string;
  /** The endpoint that listed the repository, or "cache" when nothing was fetched. */
  source: string;
}

export type PullPhase = 'endpoints' | 'listing' | 'downloading' | 'publishing' | 'done';
export type FileState = 'queued' | 'resolving' | 'downloading' | 'verifying' | 'done' | 'cached' | 'failed';

export interface FileProgress {
  path: string;
  state: FileState;
  bytes: number;
  totalBytes: number;
  /** Bytes per second over the last few seconds. */
  speed: number;
  /** Seconds left at the current speed; null while unknown. */
  eta: number | null;
}

export interface PullProgress {
  phase: PullPhase;
  bytes: number;
  totalBytes: number;
  speed: number;
  eta: number | null;
  filesDone: number;
  filesTotal: number;
  /** The file this event is about, when it is about one. */
  file?: FileProgress;
  /** The endpoint now in use (label), e.g. after a failover. */
  endpoint?: string;
  /** A human note: failover, retry, fallback to the cache. */
  message?: string;
}

/** One file of a repository at one commit, as a listing describes it. */
export interface RemoteFile {
  path: string;
  /** Bytes; undefined until a HEAD tells (some listings omit it). */
  size?: number;
  lfs: boolean;
  /** Content SHA-256 (LFS etag, or ModelScope's hash of any file). */
  sha256?: string;
  /** Git blob SHA-1 (the etag of a regular file). */
  gitSha1?: string;
}

export interface Listing {
  /** The repository id on the source that produced the listing. */
  repo: string;
  commit: string;
  files: RemoteFile[];
  endpoint: Endpoint;
}

/** Where one file can be fetched, from one endpoint. */
export interface ResolvedFile {
  /** The URL to GET (a CDN URL after an absolute redirect, else the resolve URL after relative hops). */
  url: string;
  /** Blob name per huggingface_hub: X-Linked-Etag, else ETag, unquoted; may be absent (ModelScope). */
  etag?: string;
  size?: number;
  commit?: string;
}
