// Downloads one blob: parallel Range blocks (206 + Content-Range required, 200 discarded, If-Range)
// written at offset into the sparse partial, resumed across drops and restarts, failing over to the next
// endpoint from the byte already reached, verified (SHA-256 / git SHA-1) before it becomes `blobs/<etag>`.
// It never links into a snapshot: publishing is cache.ts's job, after every file is verified.
import { setMaxListeners } from 'node:events';
import path from 'node:path';
import { CancelledError, StudioError, throwIfAborted } from '../../../src-shared/errors.js';
import type { PauseGate } from './control.js';
import { ConnectionPool } from './control.js';
import { hubFailure } from '../remote/errors.js';
import { errorContext } from '../remote/api.js';
import { abandon, headerValue, type HttpResponse, type HubHttp } from '../remote/http.js';
import { PartialBlob, defaultBlockSize, type Block } from './partial.js';
import type { ProgressTracker } from './progress.js';
import { TransientError, isAbort, networkFailure, sleep, waitFor, type ResolvedRetry } from '../remote/retry.js';
import type { Source } from '../remote/sources.js';
import type { ResolvedFile } from '../types.js';
import { BlobLock, lockPathFor, publishedBlob } from '../cache/blob-lock.js';
import { ThreadHasher } from './hash-worker.js';
import { BodyWriter, type DiskState } from './body-writer.js';
import { PrefixHasher, algoOfEtag, type HashAlgo } from '../cache/verify.js';
import { ConnectionRamp } from './ramp.js';

const COALESCE = 1 << 20;
const THREAD_HASH_MIN = 16 << 20;

export interface BlobTask {
  /** Stable name for the partial (the etag when known, else the expected SHA-256). */
  key: string;
  /** The repository path used to resolve the file and to report progress. */
  path: string;
  size: number;
  lfs: boolean;
  expect: { sha256?: string; gitSha1?: string };
}

export interface DownloadEnv {
  http: HubHttp;
  sources: Source[];
  /** The endpoint in use, shared by all files: a failover moves everyone on. */
  active: { index: number };
  policy: ResolvedRetry;
  pool: ConnectionPool;
  pause?: PauseGate;
  signal?: AbortSignal;
  progress: ProgressTracker;
  blobsDir: string;
  parallelThreshold: number;
  blockSize?: number;
  /** Connections a large file starts with before the ramp adds more (default 1). */
  startConnections?: number;
}

/** Thrown by a block when every endpoint ignores Range: the file is then fetched in one stream. */
class NeedsSequential extends Error {}

const originOf = (url: string) => {
  try {
    return new URL(url).origin;
  } catch {
    return '';
  }
};

/**
 * Where a 206 body for bytes=start-end ends (exclusive), from its Content-Range; undefined when the range is
 * not one we asked for. A server may send less than asked (RFC 9110 §14.1.2): the rest comes with the next request.
 */
function contentRangeEnd(value: string | undefined, start: number, end: number, size: number): number | undefined {
  const m = value?.match(/^bytes\s+(\d+)-(\d+)\/(\d+)$/i);
  if (!m || Number(m[1]) !== start || Number(m[2]) > end || Number(m[2]) < start || Number(m[3]) !== size) return undefined;
  return Number(m[2]) + 1;
}

/** Downloads, verifies and publishes one blob as `blobs/<name>` (one process at a time); a mismatch is fetched again once. */
export async function downloadBlob(env: DownloadEnv, task: BlobTask): Promise<{ blobName: string }> {
  const waiting = () => env.progress.note(`"${task.path}" is being downloaded by another pull; waiting for it`);
  const lock = await BlobLock.acquire(lockPathFor(env.blobsDir, task.key), env.signal, waiting);
  try {
    for (let attempt = 0; ; attempt++) {
      try {
        return await new BlobDownload(env, task).run();
      } catch (err) {
        const integrity = err instanceof TransientError && err.kind === 'integrity';
        if (integrity && attempt >= 1) {
          throw new StudioError('hub/checksum-mismatch', `"${task.path}" failed verification twice (${err.message}); nothing was published. The endpoint serves corrupt data: try another with --endpoint / --mirror.`, { path: task.path });
        }
        if (!integrity) throw err;
        env.progress.reset(task.path);
        failover(env, env.active.index, `"${task.path}" failed verification (${err.message}); downloading it again`);
      }
    }
  } finally {
    await lock.release();
  }
}

function failover(env: DownloadEnv, from: number, why: string): void {
  if (env.sources.length > 1 && env.active.index === from) {
    env.active.index = (from + 1) % env.sources.length;
  }
  env.progress.note(`${why}${env.sources.length > 1 ? `; using ${env.sources[env.active.index].label}` : ''}`, env.sources[env.active.index].label);
}

class BlobDownload {
  private partial!: PartialBlob;
  private hasher!: PrefixHasher | ThreadHasher;
  private readonly resolved = new Map<number, Promise<ResolvedFile>>();
  private readonly excluded = new Set<number>();
  /** Sources that declined the direct path once (a redirect, an error status…): undici from then on. */
  private readonly notDirect = new Set<Source>();
  /** Whether the disk has made a write wait (body-writer.ts): then bodies are written on the thread pool. */
  private readonly disk: DiskState = { slow: false };
  private readonly algos: HashAlgo[];
  private signal!: AbortSignal;

  constructor(private readonly env: DownloadEnv, private readonly task: BlobTask) {
    const algos: HashAlgo[] = [];
    if (task.lfs || task.expect.sha256) algos.push('sha256');
    if (!task.lfs || task.expect.gitSha1) algos.push('git-sha1');
    this.algos = algos;
  }

  async run(): Promise<{ blobName: string }> {
    const { env, task } = this;
    const published = await publishedBlob(env.blobsDir, this.blobName, task.size);
    if (published) return published; // another pull finished it while this one waited
    const resumable = task.size >= env.parallelThreshold;
    const blockSize = resumable ? (env.blockSize ?? defaultBlockSize(task.size)) : Math.max(1, task.size);
    this.partial = await PartialBlob.open(env.blobsDir, task.key, task.size, blockSize, { resumable, signal: env.signal });
    if (task.size === 0) for (const b of this.partial.blocks) b.done = true;
    env.progress.resumed(task.path, this.partial.doneBytes);
    this.hasher = this.newHasher();
    this.hasher.advance(this.partial.contiguousEnd());
    let settled = false;
    try {
      await this.fetchAll();
      this.partial.flushEarly();
      env.progress.setState(task.path, 'verifying');
      const digests = await this.hasher.digest();
      const bad = (['sha256', 'gitSha1'] as const).find((k) => task.expect[k] && task.expect[k] !== digests[k === 'sha256' ? 'sha256' : 'git-sha1']);
      if (bad) {
        settled = true;
        await this.partial.discard();
        const algo = bad === 'sha256' ? 'sha256' : 'git-sha1';
        throw new TransientError('integrity', `${algo} ${digests[algo]} ≠ expected ${task.expect[bad]}`);
      }
      const blobName = (task.lfs ? digests.sha256 : digests['git-sha1']) ?? task.key;
      settled = true;
      try {
        await this.partial.publish(path.join(env.blobsDir, blobName));
      } catch (err) {
        if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err;
        const published = await publishedBlob(env.blobsDir, this.blobName, task.size);
        if (published) return published;
        throw new TransientError('integrity', 'the partial file vanished (cache pruned?)');
      }
      return { blobName };
    } finally {
      if (!settled) {
        await this.hasher.settle();
        await this.partial.suspend();
      }
    }
  }

  /** The blob's final name when the listing gives it (hub etag). */
  private get blobName(): string | undefined {
    return this.task.lfs ? this.task.expect.sha256 : this.task.expect.gitSha1;
  }

  /** Large files hash on a worker thread, beside the download; small ones in line (a thread costs more). */
  private newHasher(): PrefixHasher | ThreadHasher {
    const { task, partial } = this;
    return task.size >= THREAD_HASH_MIN ? new ThreadHasher(partial.file, this.algos, task.size) : new PrefixHasher(partial.fh, this.algos, task.size);
  }

  /**
   * The missing blocks in runs, fetched in order by up to `connections` workers (one request each at a
   * time, a pool slot per request); the ramp (ramp.ts) decides how many work; the first hard failure stops the rest.
   */
  private async fetchAll(): Promise<void> {
    const local = new AbortController();
    this.signal = this.env.signal ? AbortSignal.any([this.env.signal, local.signal]) : local.signal;
    setMaxListeners(0, this.signal); // one listener per request in flight: not a leak
    const queue = this.partial.pendingSpans(this.env.pool.size);
    /** One per worker: what stopped it (undefined when it ran out of spans). Never rejects. */
    const outcomes: Promise<unknown>[] = [];
    const work = async () => {
      for (let span = queue.shift(); span; span = queue.shift()) await this.fetchSpan(span);
    };
    const startWorkers = (n: number) => {
      for (let i = 0; i < n && queue.length > 0 && !this.signal.aborted; i++) {
        outcomes.push(
          work().then(
            () => undefined,
            (err: unknown) => {
              local.abort();
              return err ?? new Error('download failed');
            },
          ),
        );
      }
    };
    const ramp = new ConnectionRamp(
      { max: Math.min(this.env.pool.size, queue.length), start: this.env.startConnections, hold: () => !!this.env.pause?.paused },
      startWorkers,
    );
    startWorkers(ramp.connections);
    ramp.start();
    const errors: unknown[] = [];
    try {
      // NOTE: the ramp may add workers while the first ones run: wait until no new ones appeared.
      for (let seen = 0; seen < outcomes.length; ) {
        const batch = outcomes.slice(seen);
        seen = outcomes.length;
        for (const e of await Promise.all(batch)) if (e !== undefined) errors.push(e);
      }
    } finally {
      ramp.stop();
    }
    if (errors.length === 0) return;
    throwIfAborted(this.env.signal, 'download');
    const real = errors.find((e) => !(e instanceof CancelledError) && !isAbort(e) && !(e instanceof NeedsSequential));
    if (real) throw real;
    if (errors.some((e) => e instanceof NeedsSequential)) return this.fetchSequential();
    throw new CancelledError('download');
  }

  private pickSource(): number {
    const n = this.env.sources.length;
    for (let k = 0; k < n; k++) {
      const i = (this.env.active.index + k) % n;
      if (!this.excluded.has(i)) return i;
    }
    return -1;
  }

  /**
   * The download URL and metadata of the file on endpoint `si`: one HEAD shared by every span (they all ask
   * at once when the download starts), asked again after a failure or `forgetResolved`.
   */
  private resolvedFor(si: number): Promise<ResolvedFile> {
    const have = this.resolved.get(si);
    if (have) return have;
    const src = this.env.sources[si];
    const asked = this.env.pool.run(() => src.resolve(this.task.path, this.signal), this.signal).then((r) => {
      this.checkMetadata(src, r);
      return r;
    });
    asked.catch(() => this.forgetResolved(si, asked));
    this.resolved.set(si, asked);
    return asked;
  }

  /** Drops endpoint `si`'s resolved URL (expired, or the endpoint failed), unless another span already replaced it. */
  private forgetResolved(si: number, used: Promise<ResolvedFile> | undefined): void {
    if (used && this.resolved.get(si) === used) this.resolved.delete(si);
  }

  /** The HEAD must describe the file the listing promised; otherwise this endpoint serves something else. */
  private checkMetadata(src: Source, r: ResolvedFile): void {
    const { task } = this;
    if (r.size !== undefined && r.size !== task.size) {
      throw new TransientError('protocol', `${src.label} reports ${r.size} bytes for ${task.path}, the listing ${task.size}`);
    }
    const algo = algoOfEtag(r.etag);
    const want = algo === 'sha256' ? task.expect.sha256 : algo === 'git-sha1' ? task.expect.gitSha1 : undefined;
    if (want && r.etag !== want) throw new TransientError('protocol', `${src.label} reports etag ${r.etag} for ${task.path}, the listing ${want}`);
  }

  /** Fetches a run of neighbouring blocks with as few requests as the line allows, moving endpoints as needed. */
  private async fetchSpan(span: Block[]): Promise<void> {
    const { env } = this;
    let noProgress = 0;
    let refreshes = 0;
    let switches = 0;
    const progressOf = () => span.reduce((n, b) => n + b.written, 0);
    for (let block = span.find((b) => !b.done); block; block = span.find((b) => !b.done)) {
      await env.pause?.wait(this.signal);
      throwIfAborted(this.signal, 'download');
      const si = this.pickSource();
      if (si < 0) throw new StudioError('hub/download-failed', `No endpoint can serve "${this.task.path}".`, { path: this.task.path });
      const src = env.sources[si];
      const before = progressOf();
      const last = span[span.length - 1];
      let asked: Promise<ResolvedFile> | undefined;
      try {
        asked = this.resolvedFor(si);
        const resolved = await asked;
        await env.pool.run(() => this.fetchRange(src, resolved, block.start + block.written, last.end), this.signal);
        if (!last.done && progressOf() === before) throw new TransientError('protocol', `${src.label} sent no bytes for ${this.task.path}`);
        noProgress = 0;
      } catch (err) {
        if (isAbort(err, this.signal)) throw new CancelledError('download');
        if (err instanceof NeedsSequential) throw err;
        if (err instanceof StudioError) {
          // A hard "no" from a secondary endpoint (not mirrored there, gated without our token) only rules it out.
          if (si === 0 || this.excluded.size + 1 >= env.sources.length) throw err;
          this.excluded.add(si);
          failover(env, si, `${src.label}: ${err.message}`);
          continue;
        }
        const t = networkFailure(err, src.label);
        if (!t) throw err;
        noProgress = progressOf() > before ? 0 : noProgress + 1;
        if (t.urlExpired && refreshes++ < 3) {
          this.forgetResolved(si, asked);
          continue;
        }
        if (src.rangeIgnored >= 2) {
          if (env.sources.every((s) => s.rangeIgnored >= 2)) throw new NeedsSequential();
          noProgress = Number.MAX_SAFE_INTEGER;
        }
        const multiple = env.sources.length - this.excluded.size > 1;
        const limit = multiple ? (t.endpointDown ? 1 : env.policy.failoverAfter) : env.policy.tries;
        if (noProgress >= limit) {
          if (!multiple || switches >= 2 * env.sources.length) {
            throw new StudioError('hub/download-failed', `Downloading "${this.task.path}" failed: ${t.message}. Run the same pull again to resume from the bytes already on disk.`, { path: this.task.path, endpoint: src.label }, { cause: t });
          }
          switches++;
          noProgress = 0;
          this.forgetResolved(si, asked);
          failover(env, si, `${src.label}: ${t.message}`);
          if (switches % env.sources.length === 0) await sleep(waitFor(t, switches / env.sources.length, env.policy), this.signal);
          continue;
        }
        env.progress.note(`${src.label}: ${t.message}; retrying`);
        await sleep(waitFor(t, noProgress - 1, env.policy), this.signal);
      }
    }
  }

  /** One GET for bytes [start, end). A single-block file from 0 takes a plain GET. */
  private async fetchRange(src: Source, resolved: ResolvedFile, start: number, end: number): Promise<void> {
    const { task, partial } = this;
    const whole = partial.blocks.length === 1 && start === 0;
    const headers: Record<string, string> = {};
    if (!whole) headers.range = `bytes=${start}-${end - 1}`;
    const validator = partial.validator;
    if (!whole && validator && validator.origin === originOf(resolved.url)) headers['if-range'] = validator.etag;
    this.env.progress.setState(task.path, 'downloading');
    if (!this.notDirect.has(src) && (await this.fetchDirect(src, resolved, start, end, whole, headers))) return;
    const res = await this.env.http.follow({ method: 'GET', url: resolved.url, headers, auth: src.auth, signal: this.signal }, 'all');
    const served = await this.checkStatus(src, res, start, end - 1, whole, !!headers['if-range']);
    const etag = headerValue(res.headers, 'etag');
    if (etag && !etag.startsWith('W/')) partial.validator = { origin: originOf(res.url), etag };
    await this.consume(res, start, served);
  }

  /**
   * The same GET through the lean reader (direct-get.ts): each chunk is written at its offset as it comes
   * off the socket. False when the path is not available or the answer is anything but the body asked
   * for; the caller then sends the request through undici, which deals with every other answer.
   */
  private async fetchDirect(src: Source, resolved: ResolvedFile, start: number, end: number, whole: boolean, headers: Record<string, string>): Promise<boolean> {
    const { task, partial, env } = this;
    let etag: string | undefined;
    let unhashed = 0;
    const writer = new BodyWriter(partial.fh, start, this.disk, (pos, length) => {
      partial.record(pos, length);
      env.progress.advance(task.path, length);
      unhashed += length;
      if (unhashed >= COALESCE) {
        unhashed = 0;
        this.hasher.advance(partial.contiguousEnd());
      }
    });
    const pending = env.http.directGet({
      url: resolved.url,
      headers,
      auth: src.auth,
      signal: this.signal,
      accept: (head, length) => {
        const ok = head.status === 200 ? whole && length === task.size : head.status === 206 && contentRangeEnd(head.headers['content-range'], start, end - 1, task.size) === start + length;
        if (ok) etag = head.headers.etag;
        return ok;
      },
      onBody: (chunk) => writer.push(chunk),
      shouldPause: (resume) => {
        if (writer.full(resume)) return true;
        if (!env.pause?.paused) return false;
        env.pause.wait(this.signal).then(resume, resume);
        return true;
      },
    });
    if (!pending) return false;
    try {
      const result = await pending;
      if ('declined' in result) {
        this.notDirect.add(src);
        return false;
      }
    } finally {
      await writer.finish(); // bytes that arrived before a drop are real: keep them
      this.hasher.advance(partial.contiguousEnd());
    }
    if (etag && !etag.startsWith('W/')) partial.validator = { origin: originOf(resolved.url), etag };
    return true;
  }

  /** Accepts a 200 to a plain GET or a 206 for [start, ≤end]; returns where the body ends (exclusive). */
  private async checkStatus(src: Source, res: HttpResponse, start: number, end: number, whole: boolean, sentIfRange: boolean): Promise<number> {
    const { task } = this;
    if (res.status === 200 && whole) return task.size;
    if (res.status === 206) {
      const bodyEnd = contentRangeEnd(headerValue(res.headers, 'content-range'), start, end, task.size);
      if (bodyEnd !== undefined) return bodyEnd;
      abandon(res);
      throw new TransientError('protocol', `${src.label} answered bytes=${start}-${end} with Content-Range "${headerValue(res.headers, 'content-range') ?? '(none)'}" (file is ${task.size} bytes)`);
    }
    if (res.status === 200) {
      abandon(res); // NOTE: a 200 to a Range request is the whole file: never append it.
      if (sentIfRange) {
        this.partial.validator = undefined;
        throw new TransientError('protocol', `${src.label} says the object changed (If-Range)`);
      }
      src.rangeIgnored++;
      throw new TransientError('protocol', `${src.label} ignored the Range header (200)`, { status: 200 });
    }
    if (res.status === 416) {
      abandon(res);
      throw new TransientError('protocol', `${src.label} says byte ${start} is past the end of ${task.path} (416)`, { status: 416 });
    }
    if ((res.status === 403 || res.status === 410) && originOf(res.url) !== originOf(src.endpoint.url)) {
      abandon(res);
      throw new TransientError('status', `${src.label}: the download URL expired (${res.status})`, { status: res.status, urlExpired: true });
    }
    if (res.status === 401 || res.status === 403 || res.status === 404 || res.status >= 400) {
      throw await hubFailure(res, errorContext(src.context(), src.repo, src.revision, task.path));
    }
    abandon(res);
    throw new TransientError('protocol', `${src.label} answered ${res.status} to a download request`, { status: res.status });
  }

  /** Streams a body into the partial at `offset`, in ~1 MiB writes, stopping at `end` (exclusive). */
  private async consume(res: HttpResponse, offset: number, end: number): Promise<void> {
    let pos = offset;
    let batch: Buffer[] = [];
    let batchLen = 0;
    const flush = async () => {
      if (batchLen === 0) return;
      const bufs = batch;
      const len = batchLen;
      batch = [];
      batchLen = 0;
      await this.partial.fh.writev(bufs, pos);
      this.partial.record(pos, len);
      this.hasher.advance(this.partial.contiguousEnd());
      pos += len;
      this.env.progress.advance(this.task.path, len);
    };
    try {
      for await (const raw of res.body) {
        let chunk = raw as Buffer;
        const room = end - pos - batchLen;
        const over = chunk.length > room;
        if (over) chunk = chunk.subarray(0, room);
        batch.push(chunk);
        batchLen += chunk.length;
        if (over) {
          // Everything asked for has arrived; anything beyond it (a server that overshoots) is not ours.
          abandon(res);
          break;
        }
        if (batchLen >= COALESCE) await flush();
        if (this.env.pause?.paused) await this.env.pause.wait(this.signal);
      }
      await flush();
    } catch (err) {
      abandon(res);
      await flush(); // bytes that arrived before a drop are real: keep them
      throw err;
    }
    if (pos < end) throw new TransientError('network', `connection closed at byte ${pos} of ${end}`);
  }

  /** Every endpoint ignores Range: fetch the file front to back in one stream, restarting from 0 on a drop. */
  private async fetchSequential(): Promise<void> {
    const { env, task } = this;
    await this.hasher.settle();
    this.partial.restart();
    this.hasher = this.newHasher();
    env.progress.reset(task.path);
    for (let attempt = 0; ; attempt++) {
      const si = Math.max(0, this.pickSource());
      const src = env.sources[si];
      try {
        const resolved = await this.resolvedFor(si);
        await env.pool.run(async () => {
          const res = await env.http.follow({ method: 'GET', url: resolved.url, auth: src.auth, signal: this.signal }, 'all');
          if (res.status !== 200) throw await hubFailure(res, errorContext(src.context(), src.repo, src.revision, task.path));
          await this.consume(res, 0, task.size);
        }, this.signal);
        return;
      } catch (err) {
        if (isAbort(err, this.signal)) throw new CancelledError('download');
        const t = networkFailure(err, src.label);
        if (!t || attempt + 1 >= env.policy.tries) throw err;
        await this.hasher.settle();
        this.partial.restart();
        this.hasher = this.newHasher();
        env.progress.reset(task.path);
        await sleep(waitFor(t, attempt, env.policy), this.signal);
      }
    }
  }
}
