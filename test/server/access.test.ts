// Access to the web host over real HTTP and WebSocket: framing and CSP headers, the access token (query,
// cookie, Bearer), DNS rebinding off loopback, the printed URL, and the per-client job limit.
import { describe, expect, it } from 'vitest';
import type { EventPayload } from '../../src-shared/contract/index.js';
import { JOBS_PER_CLIENT_MAX } from '../../src-shared/contract/index.js';
import { startWebHost } from '../../src-main/server/index.js';
import { Studio } from '../../src-main/services/studio.js';
import { MODEL_DIR, openEvents, post, rawRequest, startTestHost, upgradeStatus } from './helpers.js';

const TOKEN = 'test-token-0123456789abcdef';

describe('web host: framing and CSP', () => {
  it('forbids framing on pages and API answers, and limits connect-src to its own origin', async () => {
    const t = await startTestHost();
    try {
      const port = new URL(t.host.url).port;
      const page = await rawRequest(t.host.url, { method: 'GET', path: '/' });
      expect(page.status).toBe(200);
      expect(page.headers['x-frame-options']).toBe('DENY');
      expect(page.headers['referrer-policy']).toBe('no-referrer');
      const csp = String(page.headers['content-security-policy']);
      expect(csp).toContain("frame-ancestors 'none'");
      expect(csp).toContain(`connect-src 'self' ws://127.0.0.1:${port};`);
      expect(csp).not.toMatch(/\bwss?:(\s|;|$)/); // no scheme-only source: any host would match
      const api = await rawRequest(t.host.url, { method: 'POST', path: '/api/app.info', headers: { 'Content-Type': 'application/json' }, body: '{}' });
      expect([api.status, api.headers['x-frame-options']]).toEqual([200, 'DENY']);
      const refused = await rawRequest(t.host.url, { method: 'GET', path: '/', headers: { Host: `evil.example:${port}` } });
      expect([refused.status, refused.headers['x-frame-options']]).toEqual([403, 'DENY']);
    } finally {
      await t.close();
    }
  });
});

describe('web host: access token', () => {
  it('refuses requests and the event socket without the token; takes it as ?token=, cookie or Bearer', async () => {
    const t = await startTestHost({ requireToken: true, token: TOKEN });
    try {
      const base = t.host.url.replace(/\?.*$/, '');
      expect(t.host.url).toBe(`${base}?token=${TOKEN}`);
      const bare = await rawRequest(base, { method: 'GET', path: '/' });
      expect(bare.status).toBe(401);
      expect(JSON.parse(bare.body).error).toMatchObject({ code: 'server/token-required', message: expect.stringMatching(/\?token=/) });
      expect((await post(base, 'app.info', {})).status).toBe(401);
      expect((await post(base, 'app.info', {}, { Authorization: 'Bearer wrong-token-0123456789ab' })).status).toBe(401);
      expect(await upgradeStatus(base)).toBe(401);

      const first = await rawRequest(base, { method: 'GET', path: `/?token=${TOKEN}` });
      expect(first.status).toBe(200);
      const cookie = String(first.headers['set-cookie']).split(';')[0];
      expect(cookie).toBe(`latent-studio-token-${t.host.port}=${TOKEN}`);
      expect(String(first.headers['set-cookie'])).toMatch(/HttpOnly; SameSite=Strict/);
      // What the page does next: same-origin fetch and WebSocket carry the cookie without renderer code.
      expect((await post(base, 'app.info', {}, { Cookie: cookie, Origin: base.replace(/\/$/, '') })).status).toBe(200);
      expect(await upgradeStatus(base, { Cookie: cookie })).toBe(101);
      expect((await post(base, 'app.info', {}, { Authorization: `Bearer ${TOKEN}` })).status).toBe(200);
      expect(await upgradeStatus(base, { Authorization: `Bearer ${TOKEN}` })).toBe(101);
    } finally {
      await t.close();
    }
  });

  it('refuses a weak --token and serving off loopback without a token', async () => {
    const studio = new Studio({ host: 'web', modelFolders: [], scanHubCache: false, ep: 'cpu', log: () => {} });
    try {
      await expect(startWebHost({ studio, port: 0, token: 'short' })).rejects.toMatchObject({ code: 'server/bad-token' });
      await expect(startWebHost({ studio, port: 0, host: '0.0.0.0', requireToken: false })).rejects.toMatchObject({ code: 'server/token-off' });
    } finally {
      await studio.close();
    }
  });
});

describe('web host: bound off loopback (0.0.0.0)', () => {
  it('prints a URL a browser opens, requires a token, and refuses rebinding Host names even with the token', async () => {
    const t = await startTestHost({ host: '0.0.0.0', allowedHosts: ['studio.test'] });
    try {
      const url = new URL(t.host.url);
      expect(url.hostname).not.toBe('0.0.0.0');
      expect(url.hostname).toMatch(/^\d+\.\d+\.\d+\.\d+$/);
      expect(url.searchParams.get('token')).toMatch(/^[A-Za-z0-9_-]{32}$/);
      const token = url.searchParams.get('token')!;
      const local = `http://127.0.0.1:${t.host.port}/`;
      expect((await post(local, 'app.info', {})).status).toBe(401);
      expect((await post(local, 'app.info', {}, { Authorization: `Bearer ${token}` })).status).toBe(200);
      const auth = { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' };
      const rebound = await rawRequest(local, { method: 'POST', path: '/api/app.info', headers: { ...auth, Host: `evil.example:${t.host.port}`, Origin: `http://evil.example:${t.host.port}` }, body: '{}' });
      expect([rebound.status, JSON.parse(rebound.body).error.code]).toEqual([403, 'server/forbidden-host']);
      const noToken = await rawRequest(local, { method: 'POST', path: '/api/app.info', headers: { 'Content-Type': 'application/json', Host: `studio.test:${t.host.port}` }, body: '{}' });
      expect(noToken.status).toBe(401);
      const allowed = await rawRequest(local, { method: 'POST', path: '/api/app.info', headers: { ...auth, Host: `studio.test:${t.host.port}`, Origin: `http://studio.test:${t.host.port}` }, body: '{}' });
      expect(allowed.status).toBe(200);
      expect(await upgradeStatus(local, { Authorization: `Bearer ${token}`, Host: `evil.example:${t.host.port}` })).toBe(403);
    } finally {
      await t.close();
    }
  });
});

describe('web host: jobs per client', () => {
  it('refuses a start past the limit with the count, and takes one again when a job ends', async () => {
    expect(JOBS_PER_CLIENT_MAX).toBeGreaterThan(0);
    const t = await startTestHost({ maxJobsPerClient: 2 });
    const base = t.host.url;
    const events = await openEvents(base);
    const ids: string[] = [];
    try {
      const model = (await post(base, 'models.list', {})).json.models[0].id as string;
      const slow = { model, prompt: 'queue me', steps: 1000, width: 64, height: 64 };
      // A start the contract refuses holds no slot: the two below still fit.
      expect((await post(base, 'generate.start', { ...slow, width: 65 })).status).toBe(400);
      for (let i = 0; i < 2; i++) {
        const r = await post(base, 'generate.start', slow);
        expect(r.status).toBe(200);
        ids.push(r.json.jobId);
      }
      const third = await post(base, 'generate.start', slow);
      expect(third.status).toBe(429);
      expect(third.json.error).toMatchObject({ code: 'server/too-many-jobs', params: { queued: 2, max: 2 } });
      expect(third.json.error.message).toMatch(/You have 2 generations queued or running.*cancel one/);

      await post(base, 'job.cancel', { jobId: ids[0] });
      const end = await events.next((e) => e.event === 'job.error' && e.payload.jobId === ids[0]);
      expect((end.payload as EventPayload<'job.error'>).error.code).toBe('cancelled');
      const again = await post(base, 'generate.start', slow);
      expect(again.status).toBe(200);
      ids.push(again.json.jobId);
    } finally {
      for (const jobId of ids) await post(base, 'job.cancel', { jobId });
      await Promise.all(ids.map((jobId) => events.next((e) => (e.event === 'job.done' || e.event === 'job.error') && e.payload.jobId === jobId)));
      events.close();
      await t.close();
    }
  });
});
