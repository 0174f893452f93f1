// Model jobs for the app: models.pull and models.convertFp16 return a job id at once; jobs run one at a
// time in order, report download.* events, and can be paused (downloads, in place), resumed and cancelled.
// A reloaded page asks `list()` for the jobs still alive with their last progress. No CLI output here.
import { randomBytes } from 'node:crypto';
import {
  toWireError, type DownloadFileView, type DownloadProgress, type ModelsPullRequest,
} from '../../../src-shared/contract/index.js';
import { CancelledError, StudioError, isCancelled } from '../../../src-shared/errors.js';
import { PauseGate } from '../../hub/index.js';
import type { EventBus } from '../events.js';
import { adviseForApp } from './advice.js';
import type { ModelService, PullProgress, PullRequestOptions } from './service.js';

type JobState = DownloadProgress['state'];

interface ModelJob {
  id: string;
  kind: DownloadProgress['kind'];
  repo: string;
  controller: AbortController;
  gate: PauseGate;
  files: Map<string, DownloadFileView>;
  last: DownloadProgress;
  run: (job: ModelJob) => Promise<{ revision: string; path: string; modelId: string }>;
}

export class DownloadJobs {
  private readonly jobs: ModelJob[] = [];
  private pumping: Promise<void> | undefined;

  constructor(private readonly models: ModelService, private readonly events: EventBus) {}

  /** Queues a download; progress and the result arrive as download.* events tagged with the id. */
  pull(req: ModelsPullRequest): { jobId: string } {
    const opts = pullOptions(req);
    return this.enqueue('pull', req.repo, async (job) => {
      const r = await this.models.pull(req.repo, opts, { signal: job.controller.signal, pause: job.gate, onProgress: (e) => this.onPull(job, e) });
      return { revision: r.revision, path: r.path, modelId: r.cacheRepo };
    });
  }

  /** Queues a float16 copy of installed model `id` into the data folder, imported as a local model when done. */
  convertFp16(id: string): { jobId: string } {
    return this.enqueue('convert', id, async (job) => {
      const m = await this.models.findInstalled(id);
      const out = this.models.convertedFolder(m);
      try {
        await this.models.convertFp16(m.path, out, {
          signal: job.controller.signal,
          onComponent: (name) => {
            for (const f of job.files.values()) if (f.state === 'downloading') f.state = 'done';
            job.files.set(name, { path: `${name}/model.onnx`, bytes: 0, total: 0, state: 'downloading' });
            this.emitProgress(job, 'running');
          },
        });
      } catch (err) {
        await this.models.discard(out);
        throw err;
      }
      const local = await this.models.importFolder(out, { name: `${m.name}-fp16` });
      return { revision: '', path: out, modelId: local.id };
    });
  }

  pause(jobId: string): boolean {
    const job = this.jobs.find((j) => j.id === jobId);
    if (!job || job.kind !== 'pull' || job.last.state !== 'running') return false;
    job.gate.pause();
    this.emitProgress(job, 'paused');
    return true;
  }

  resume(jobId: string): boolean {
    const job = this.jobs.find((j) => j.id === jobId);
    if (!job || !job.gate.paused) return false;
    job.gate.resume();
    this.emitProgress(job, 'running');
    return true;
  }

  /** True when the job was queued, running or paused and is now cancelled (download.error with code `cancelled`). */
  cancel(jobId: string): boolean {
    const job = this.jobs.find((j) => j.id === jobId);
    if (!job || job.controller.signal.aborted) return false;
    job.controller.abort();
    job.gate.resume(); // NOTE: a paused transfer waits on the gate; waking it lets it see the abort at once
    if (job.last.state === 'queued') {
      this.jobs.splice(this.jobs.indexOf(job), 1);
      this.events.emit('download.error', { jobId, error: toWireError(new CancelledError(job.kind === 'pull' ? 'download' : 'float16 conversion')) });
    }
    return true;
  }

  /** Jobs not finished yet, oldest first, each with its last progress. */
  list(): DownloadProgress[] {
    return this.jobs.map((j) => j.last);
  }

  /** Cancels every job and waits for the running one to stop. */
  async close(): Promise<void> {
    for (const j of [...this.jobs]) this.cancel(j.id);
    await this.pumping;
  }

  private enqueue(kind: ModelJob['kind'], repo: string, run: ModelJob['run']): { jobId: string } {
    const id = `job-dl-${Date.now().toString(36)}-${randomBytes(4).toString('hex')}`;
    const job: ModelJob = {
      id, kind, repo, run, controller: new AbortController(), gate: new PauseGate(), files: new Map(),
      last: { jobId: id, repo, kind, files: [], bytes: 0, total: 0, bytesPerSecond: 0, etaSeconds: null, state: 'queued' },
    };
    this.jobs.push(job);
    this.events.emit('download.progress', job.last);
    this.pumping ??= this.pump().finally(() => (this.pumping = undefined));
    return { jobId: id };
  }

  private async pump(): Promise<void> {
    for (let job = this.jobs[0]; job; job = this.jobs[0]) {
      this.emitProgress(job, 'running');
      try {
        const r = await job.run(job);
        this.events.emit('download.done', { jobId: job.id, repo: job.repo, kind: job.kind, ...r });
      } catch (err) {
        const error = isCancelled(err) ? new CancelledError(job.kind === 'pull' ? 'download' : 'float16 conversion') : adviseForApp(err);
        this.events.emit('download.error', { jobId: job.id, error: toWireError(error) });
      } finally {
        this.jobs.splice(this.jobs.indexOf(job), 1);
      }
    }
  }

  private onPull(job: ModelJob, e: PullProgress): void {
    if (e.file) job.files.set(e.file.path, { path: e.file.path, bytes: e.file.bytes, total: e.file.totalBytes, state: e.file.state });
    const state: JobState = job.gate.paused ? 'paused' : e.phase === 'publishing' ? 'verifying' : 'running';
    const { message: _old, endpoint: _was, ...rest } = job.last;
    job.last = {
      ...rest,
      ...(e.endpoint ?? _was ? { endpoint: e.endpoint ?? _was } : {}),
      bytes: e.bytes, total: e.totalBytes, bytesPerSecond: e.speed, etaSeconds: e.eta,
      ...(e.message ? { message: e.message } : {}),
    };
    this.emitProgress(job, state);
  }

  private emitProgress(job: ModelJob, state: JobState): void {
    job.last = { ...job.last, state, files: [...job.files.values()].map((f) => ({ ...f })) };
    this.events.emit('download.progress', job.last);
  }
}

/** The contract's mirror choice → pull options (`custom` = the given endpoint only). */
function pullOptions(req: ModelsPullRequest): PullRequestOptions {
  const mirror = req.mirror ?? (req.endpoint ? 'custom' : undefined);
  if (mirror === 'custom') {
    if (!req.endpoint) throw new StudioError('models/bad-request', 'mirror "custom" needs an endpoint: give the mirror\'s URL (https://…, or modelscope:https://… for a ModelScope API).', { mirror });
    return { revision: req.revision, endpoints: [req.endpoint] };
  }
  if (req.endpoint) throw new StudioError('models/bad-request', `An endpoint goes with mirror "custom", not "${mirror}". Pick mirror "custom", or leave the endpoint out.`, { mirror: mirror ?? null });
  return { revision: req.revision, mirror };
}
