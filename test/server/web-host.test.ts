// The web host on loopback with the real services: contract over HTTP, events over the socket, gallery
// files, request validation and the loopback/origin guard.
import WebSocket from 'ws';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EventPayload } from '../../src-shared/contract/index.js';
import { openEvents, post, rawRequest, startTestHost, type TestHost } from './helpers.js';

let t: TestHost;
let base: string;
let modelId: string;
beforeAll(async () => {
  t = await startTestHost();
  base = t.host.url;
  const models = await post(base, 'models.list', {});
  modelId = models.json.models[0].id;
});
afterAll(async () => {
  await t?.close();
});

describe('web host: contract over HTTP', () => {
  it('binds loopback and serves the UI page', async () => {
    expect(base).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/$/);
    const res = await fetch(base);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/text\/html/);
    expect(await res.text()).toContain('Latent Studio');
  });

  it('answers app.info, schedulers.list and models.list', async () => {
    const info = await post(base, 'app.info', {});
    expect(info.status).toBe(200);
    expect(info.json).toMatchObject({ name: 'Latent Studio', host: 'web' });
    expect(info.json.providers).toContain('cpu');
    const s = await post(base, 'schedulers.list', {});
    expect(s.json.schedulers.map((x: { id: string }) => x.id)).toEqual(expect.arrayContaining(['euler', 'euler-a', 'ddim', 'dpmpp-2m']));
    const m = await post(base, 'models.list', {});
    expect(m.json.models).toEqual([expect.objectContaining({ id: 'model', source: 'folder' })]);
  });

  it('generates: job id at once, progress for every step then done over /events, image saved in the gallery', async () => {
    const events = await openEvents(base);
    try {
      const start = await post(base, 'generate.start', { model: modelId, prompt: 'a red fox in snow', steps: 3, guidance: 7.5, width: 64, height: 64, seed: 42, scheduler: 'euler' });
      expect(start.status).toBe(200);
      expect(start.json).toEqual({ jobId: expect.stringMatching(/^job-/), seed: '42' });
      const jobId = start.json.jobId as string;
      const done = (await events.next((e) => (e.payload as { jobId?: string }).jobId === jobId && (e.event === 'job.done' || e.event === 'job.error'))) as { event: string; payload: EventPayload<'job.done'> };
      expect(done.event, JSON.stringify(done.payload)).toBe('job.done');
      const steps = events.seen.filter((e) => e.event === 'job.progress' && e.payload.jobId === jobId).map((e) => (e.payload as EventPayload<'job.progress'>).step);
      expect(steps).toEqual([0, 1, 2, 3]);
      expect(done.payload).toMatchObject({ seed: '42', scheduler: 'euler', ep: 'cpu' });
      expect(done.payload.images).toHaveLength(1);
      const img = done.payload.images[0];
      expect([img.width, img.height]).toEqual([64, 64]);
      const png = await fetch(new URL(img.imageUrl, base));
      expect(png.status).toBe(200);
      expect(png.headers.get('content-type')).toBe('image/png');
      expect(Buffer.from(await png.arrayBuffer()).subarray(1, 4).toString()).toBe('PNG');
      const thumb = await fetch(new URL(img.thumbUrl, base));
      expect(thumb.status).toBe(200);
      expect(thumb.headers.get('content-type')).toBe('image/webp');

      const found = await post(base, 'gallery.search', { query: 'fox' });
      expect(found.status).toBe(200);
      expect(found.json.items.map((i: { id: string }) => i.id)).toContain(img.id);
      expect((await post(base, 'gallery.search', { query: 'zebra' })).json.items).toEqual([]);
      const one = await post(base, 'gallery.image', { id: img.id });
      expect(one.json.item).toMatchObject({ id: img.id, prompt: 'a red fox in snow', seed: '42', steps: 3, width: 64 });
      expect(one.json.parameters).toMatchObject({ prompt: 'a red fox in snow', scheduler: 'euler' });
    } finally {
      events.close();
    }
  });

  it('cancels a job: job.error with code "cancelled", nothing saved for it', async () => {
    const events = await openEvents(base);
    try {
      const start = await post(base, 'generate.start', { model: modelId, prompt: 'cancel me', steps: 400, width: 64, height: 64 });
      expect(start.status).toBe(200);
      const jobId = start.json.jobId as string;
      await events.next((e) => e.event === 'job.progress' && e.payload.jobId === jobId);
      expect((await post(base, 'job.cancel', { jobId })).json).toEqual({ cancelled: true });
      const end = await events.next((e) => (e.payload as { jobId?: string }).jobId === jobId && (e.event === 'job.done' || e.event === 'job.error'));
      expect(end.event).toBe('job.error');
      expect((end.payload as EventPayload<'job.error'>).error.code).toBe('cancelled');
      expect((await post(base, 'job.cancel', { jobId })).json).toEqual({ cancelled: false });
      expect((await post(base, 'gallery.search', { query: 'cancel' })).json.items).toEqual([]);
    } finally {
      events.close();
    }
  });
});

describe('web host: untrusted input', () => {
  it('rejects a bad request with 400 and a message naming the field', async () => {
    const r = await post(base, 'generate.start', { model: modelId, prompt: 'x', width: 65, height: 64, guidance: 'high' });
    expect(r.status).toBe(400);
    expect(r.json.error.code).toBe('contract/bad-request');
    expect(r.json.error.message).toMatch(/width must be a multiple of 8, got 65/);
    expect(r.json.error.message).toMatch(/guidance must be a number, got "high"/);
  });

  it('rejects an unknown scheduler, model and operation with their codes', async () => {
    const s = await post(base, 'generate.start', { model: modelId, prompt: 'x', scheduler: 'dpm3' });
    expect([s.status, s.json.error.code]).toEqual([400, 'engine/unknown-scheduler']);
    expect(s.json.error.message).toMatch(/Choose one of: .*euler-a/);
    const m = await post(base, 'generate.start', { model: 'nope', prompt: 'x' });
    expect([m.status, m.json.error.code]).toEqual([400, 'models/unknown-model']);
    const op = await post(base, 'rm.rf', {});
    expect([op.status, op.json.error.code]).toEqual([404, 'contract/unknown-op']);
    const body = await rawRequest(base, { method: 'POST', path: '/api/app.info', headers: { 'Content-Type': 'application/json' }, body: '{oops' });
    expect(body.status).toBe(400);
    expect(JSON.parse(body.body).error.code).toBe('server/bad-json');
  });

  it('takes a dropped PNG of several MB for image.parameters only; other ops keep the 1 MB body limit', async () => {
    const big = `data:image/png;base64,${Buffer.alloc(3 * 1024 * 1024, 7).toString('base64')}`;
    const png = await post(base, 'image.parameters', { png: big });
    expect([png.status, png.json.error.code]).toEqual([400, 'gallery/unsupported-format']);
    const other = await post(base, 'prompt.tokenize', { text: big });
    expect([other.status, other.json.error.code]).toEqual([413, 'server/body-too-large']);
  });

  it('refuses other origins and non-loopback Host names (CSRF, DNS rebinding)', async () => {
    const evil = await post(base, 'app.info', {}, { Origin: 'http://evil.example' });
    expect([evil.status, evil.json.error.code]).toEqual([403, 'server/forbidden-origin']);
    const same = await post(base, 'app.info', {}, { Origin: base.replace(/\/$/, '') });
    expect(same.status).toBe(200);
    const port = new URL(base).port;
    const rebound = await rawRequest(base, { method: 'POST', path: '/api/app.info', headers: { Host: `evil.example:${port}`, 'Content-Type': 'application/json' }, body: '{}' });
    expect(rebound.status).toBe(403);
    expect(JSON.parse(rebound.body).error.code).toBe('server/forbidden-host');
    const form = await rawRequest(base, { method: 'POST', path: '/api/app.info', headers: { 'Content-Type': 'text/plain' }, body: '{}' });
    expect(form.status).toBe(415);
    const ws = new WebSocket(new URL('/events', base.replace(/^http/, 'ws')), { headers: { Origin: 'http://evil.example' } });
    const status = await new Promise<number>((resolve) => {
      ws.on('unexpected-response', (_req, res) => resolve(res.statusCode ?? 0));
      ws.on('open', () => resolve(101));
      ws.on('error', () => {}); // the refusal is asserted through the status
    });
    expect(status).toBe(403);
  });

  it('serves no file outside the UI folder and no unknown gallery id', async () => {
    // A dotted path is normalized by URL parsing to /etc/passwd: a UI route, answered with the page.
    const up = await rawRequest(base, { method: 'GET', path: '/../../etc/passwd' });
    expect(up.body).not.toContain('root:');
    // Encoded slashes survive URL parsing and decode to a path outside the UI folder: refused.
    const enc = await rawRequest(base, { method: 'GET', path: '/..%2f..%2f..%2f..%2fetc%2fpasswd' });
    expect(enc.status).toBe(404);
    const missing = await fetch(new URL('/files/gallery/doesnotexist.png', base));
    expect(missing.status).toBe(404);
  });
});
