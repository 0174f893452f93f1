// The per-client job count on its own: slots held while a start is pending, released by job.done or
// job.error, and a job that ends before its start answered never counted.
import { describe, expect, it } from 'vitest';
import { JobQuota } from '../../src-main/server/job-quota.js';

const done = (jobId: string) => ({ event: 'job.error', payload: { jobId, error: { code: 'cancelled', message: 'cancelled' } } }) as const;

describe('JobQuota', () => {
  it('counts pending and running starts per client and refuses past the limit', () => {
    const q = new JobQuota(2);
    const a = q.reserve('1.2.3.4');
    q.reserve('1.2.3.4')('job-b');
    expect(q.count('1.2.3.4')).toBe(2);
    expect(() => q.reserve('1.2.3.4')).toThrow(expect.objectContaining({ code: 'server/too-many-jobs', params: { queued: 2, max: 2 } }));
    expect(q.count('5.6.7.8')).toBe(0);
    a(undefined); // the start failed
    expect(q.count('1.2.3.4')).toBe(1);
    q.onEvent(done('job-b'));
    expect(q.count('1.2.3.4')).toBe(0);
  });

  it('does not count a job that ended before its start answered', () => {
    const q = new JobQuota(1);
    const settle = q.reserve('c');
    q.onEvent(done('job-fast'));
    settle('job-fast');
    expect(q.count('c')).toBe(0);
    expect(() => q.reserve('c')).not.toThrow();
  });
});
