// How many generations each web-host client has queued or running, and the refusal past the limit.
// Counted in the host around generate.start: a job enters on its id and leaves on job.done or job.error.
// It neither queues nor cancels jobs (services/jobs does).
import type { AnyEvent } from '../../src-shared/contract/index.js';
import { StudioError } from '../../src-shared/errors.js';

/** Ids of jobs that ended before their start request answered (a job that fails at once), kept briefly. */
const EARLY_ENDS_KEPT = 256;

export class JobQuota {
  private readonly jobs = new Map<string, Set<string>>();
  private readonly pending = new Map<string, number>();
  private readonly owner = new Map<string, string>();
  private readonly earlyEnds = new Set<string>();

  constructor(readonly max: number) {}

  /** Feed every studio event here (the host subscribes once). */
  onEvent(message: AnyEvent): void {
    if (message.event !== 'job.done' && message.event !== 'job.error') return;
    const jobId = message.payload.jobId;
    const client = this.owner.get(jobId);
    if (client === undefined) {
      this.earlyEnds.add(jobId);
      if (this.earlyEnds.size > EARLY_ENDS_KEPT) this.earlyEnds.delete(this.earlyEnds.values().next().value as string);
      return;
    }
    this.owner.delete(jobId);
    const set = this.jobs.get(client);
    set?.delete(jobId);
    if (set?.size === 0) this.jobs.delete(client);
  }

  /** Jobs `client` has queued or running, counting starts not yet answered. */
  count(client: string): number {
    return (this.jobs.get(client)?.size ?? 0) + (this.pending.get(client) ?? 0);
  }

  /**
   * Holds a slot for a start request, or throws `server/too-many-jobs`. Call the returned function with
   * the job id the start answered (or undefined when it failed) exactly once.
   */
  reserve(client: string): (jobId: string | undefined) => void {
    const queued = this.count(client);
    if (queued >= this.max) {
      throw new StudioError('server/too-many-jobs', `You have ${queued} generations queued or running, the most one client may have (${this.max}). Wait for one to finish or cancel one (job.cancel), then start again.`, { queued, max: this.max });
    }
    this.pending.set(client, (this.pending.get(client) ?? 0) + 1);
    return (jobId) => {
      const left = (this.pending.get(client) ?? 1) - 1;
      if (left > 0) this.pending.set(client, left);
      else this.pending.delete(client);
      if (jobId === undefined) return;
      if (this.earlyEnds.delete(jobId)) return;
      this.owner.set(jobId, client);
      let set = this.jobs.get(client);
      if (!set) this.jobs.set(client, (set = new Set()));
      set.add(jobId);
    };
  }
}
