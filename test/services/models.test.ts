// The model manager as the app drives it: models.* ops through the real router and Studio, download.*
// events from the bus, against the fake hub on loopback serving the tiny fixture model (real ONNX graphs).
import { readFileSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { AnyEvent, DownloadProgress, OpName, OpRequest, OpResponse } from '../../src-shared/contract/index.js';
import { createRouter, type Router } from '../../src-main/ipc/router.js';
import { Studio } from '../../src-main/services/studio.js';
import { fixture } from '../helpers/fixtures.js';
import { FakeHub, type FakeFileSpec } from '../hub/fake-hub.js';
import { fastOptions, sandbox, type Sandbox } from '../hub/helpers.js';
import { loopbackAgent } from '../hub/loopback-net.js';

const REPO = 'org/tiny';
const WEIGHTS = 'unet/weights.pb';
const MODEL_DIR = fixture('diffusers-tiny', 'model');

function fixtureFiles(dir: string, rel = ''): FakeFileSpec[] {
  return readdirSync(path.join(dir, rel)).flatMap((name) => {
    const p = rel ? `${rel}/${name}` : name;
    return statSync(path.join(dir, p)).isDirectory() ? fixtureFiles(dir, p) : [{ path: p, content: readFileSync(path.join(dir, p)) }];
  });
}

let hub: FakeHub;
let box: Sandbox;
let studio: Studio;
let router: Router;
let events: AnyEvent[];

beforeAll(async () => {
  hub = await FakeHub.start([
    { id: REPO, revisions: { main: fixtureFiles(MODEL_DIR) } },
    { id: 'org/gated', gated: true, tokens: ['good'], revisions: { main: fixtureFiles(MODEL_DIR) } },
  ]);
});
afterAll(() => hub.close());

beforeEach(() => {
  box = sandbox();
  const { endpoints: _e, env, ...pullDefaults } = fastOptions(box, [hub.url], { dispatcher: loopbackAgent({ 'hf-mirror.com': hub.url }) });
  studio = new Studio({
    host: 'web', scanHubCache: true, hubCacheDir: box.cacheDir, dataDir: box.dataDir, galleryDir: path.join(box.dir, 'gallery'), ep: 'cpu', log: () => {},
    env: { ...env, HF_ENDPOINT: hub.url, MODELSCOPE_ENDPOINT: 'http://127.0.0.1:9' },
    pullDefaults: { ...pullDefaults, cacheDir: undefined },
  });
  router = createRouter(studio);
  events = [];
  studio.events.subscribe((e) => events.push(e));
});

afterEach(async () => {
  hub.faults.clear();
  await studio.close();
  box.cleanup();
});

async function call<O extends OpName>(op: O, req: OpRequest<O>): Promise<OpResponse<O>> {
  const r = await router.handle(op, req);
  if (!r.ok) throw Object.assign(new Error(r.error.message), r.error);
  return r.value as OpResponse<O>;
}

async function until<T>(what: string, f: () => T | undefined, ms = 20_000): Promise<T> {
  for (const end = Date.now() + ms; Date.now() < end; await new Promise((r) => setTimeout(r, 10))) {
    const v = f();
    if (v !== undefined) return v;
  }
  throw new Error(`timed out waiting for ${what}`);
}

const finished = (jobId: string) => until(`the end of ${jobId}`, () => events.find((e) => (e.event === 'download.done' || e.event === 'download.error') && e.payload.jobId === jobId));
const progressOf = (jobId: string) => events.flatMap((e) => (e.event === 'download.progress' && e.payload.jobId === jobId ? [e.payload as DownloadProgress] : []));

describe('models.pull as a job', () => {
  it('returns a job id at once, reports progress per file, and the model is then installed', async () => {
    const { jobId } = await call('models.pull', { repo: REPO });
    expect(jobId).toMatch(/^job-/);
    const end = await finished(jobId);
    expect(end).toMatchObject({ event: 'download.done', payload: { jobId, repo: REPO, revision: 'main', kind: 'pull', modelId: REPO } });
    const progress = progressOf(jobId);
    expect(progress[0].state).toBe('queued');
    const last = progress[progress.length - 1];
    expect(last.total).toBeGreaterThan(15_000_000);
    expect(last.bytes).toBe(last.total);
    expect(last.files.find((f) => f.path === WEIGHTS)).toMatchObject({ bytes: 5_665_792, total: 5_665_792, state: 'done' });
    expect(progress.some((p) => p.state === 'verifying')).toBe(true);
    expect((await call('models.downloads', {})).downloads).toEqual([]);

    const { models } = await call('models.installed', {});
    expect(models).toEqual([expect.objectContaining({ id: REPO, source: 'hf-cache', layout: 'diffusers-onnx', precision: 'float32' })]);
    expect(models[0].sizeBytes).toBe(last.total);
    expect((await call('models.list', {})).models.map((m) => m.name)).toEqual([REPO]);
  });

  it('pauses in place and resumes; a reloaded page sees the paused job in models.downloads', async () => {
    hub.faults.set(WEIGHTS, { throttleBps: 1_500_000 });
    const { jobId } = await call('models.pull', { repo: REPO });
    await until('bytes of the weights', () => progressOf(jobId).find((p) => (p.files.find((f) => f.path === WEIGHTS)?.bytes ?? 0) > 500_000));
    expect(await call('models.pause', { jobId })).toEqual({ paused: true });
    const [listed] = (await call('models.downloads', {})).downloads;
    expect(listed).toMatchObject({ jobId, repo: REPO, state: 'paused' });
    await new Promise((r) => setTimeout(r, 600));
    const held = progressOf(jobId).at(-1)!.bytes;
    await new Promise((r) => setTimeout(r, 600));
    expect(progressOf(jobId).at(-1)!.bytes - held).toBeLessThan(300_000);
    expect(await call('models.resume', { jobId })).toEqual({ resumed: true });
    expect((await finished(jobId)).event).toBe('download.done');
    expect(progressOf(jobId).some((p) => p.state === 'paused')).toBe(true);
  });

  it('cancels a running and a queued job with code cancelled; nothing is left in models.downloads', async () => {
    hub.faults.set(WEIGHTS, { throttleBps: 500_000 });
    const first = await call('models.pull', { repo: REPO });
    const second = await call('models.pull', { repo: REPO, revision: 'main' });
    expect((await call('models.downloads', {})).downloads.map((d) => d.state)).toEqual(['running', 'queued']);
    expect(await call('models.cancel', { jobId: second.jobId })).toEqual({ cancelled: true });
    await until('weights bytes', () => progressOf(first.jobId).find((p) => p.bytes > 100_000));
    expect(await call('models.cancel', { jobId: first.jobId })).toEqual({ cancelled: true });
    for (const { jobId } of [first, second]) expect(await finished(jobId)).toMatchObject({ event: 'download.error', payload: { error: { code: 'cancelled' } } });
    expect((await call('models.downloads', {})).downloads).toEqual([]);
    expect(await call('models.cancel', { jobId: first.jobId })).toEqual({ cancelled: false });
  });

  it('a gated repository fails with advice the app can act on', async () => {
    const { jobId } = await call('models.pull', { repo: 'org/gated' });
    const end = await finished(jobId);
    expect(end).toMatchObject({ event: 'download.error', payload: { error: { code: 'hub/gated' } } });
    expect((end.payload as { error: { message: string } }).error.message).toMatch(/accept its terms.*token.*Settings/);
  });

  it('refuses a custom mirror without an endpoint, naming the fix', async () => {
    await expect(call('models.pull', { repo: REPO, mirror: 'custom' })).rejects.toMatchObject({ code: 'models/bad-request', message: expect.stringMatching(/needs an endpoint/) });
  });
});

describe('mirrors, catalog, verify, delete', () => {
  it('probes each mirror: healthy ones with a latency, a dead one with the reason', async () => {
    const { mirrors } = await call('models.probe', { endpoint: hub.url });
    expect(mirrors.map((m) => [m.mirror, m.ok])).toEqual([['hf', true], ['hf-mirror', true], ['modelscope', false], ['custom', true]]);
    expect(mirrors[0]).toMatchObject({ endpoint: hub.url, latencyMs: expect.any(Number) });
    expect(mirrors[2]).toMatchObject({ latencyMs: null, error: expect.any(String) });
  });

  it('lists the catalog with install state, verifies a pulled model, catches corruption, and deletes it', async () => {
    const { entries } = await call('models.catalog', {});
    expect(entries.length).toBeGreaterThan(3);
    expect(entries.every((e) => e.installed === false && e.repo.includes('/'))).toBe(true);

    const { jobId } = await call('models.pull', { repo: REPO });
    expect((await finished(jobId)).event).toBe('download.done');
    expect(await call('models.verify', { id: REPO })).toMatchObject({ id: REPO, ok: true, problems: [] });
    const blobs = path.join(box.cacheDir, 'models--org--tiny', 'blobs');
    const tokenizer = readdirSync(blobs).map((b) => path.join(blobs, b)).find((b) => statSync(b).size === 524_619)!;
    const b = readFileSync(tokenizer);
    b[10] ^= 1;
    (await import('node:fs')).writeFileSync(tokenizer, b);
    const bad = await call('models.verify', { id: REPO });
    expect(bad).toMatchObject({ ok: false, problems: [expect.objectContaining({ path: 'tokenizer/merges.txt', problem: 'mismatch' })] });

    const gone = await call('models.delete', { id: REPO });
    expect(gone.freedBytes).toBeGreaterThan(15_000_000);
    expect((await call('models.installed', {})).models).toEqual([]);
    await expect(call('models.verify', { id: REPO })).rejects.toMatchObject({ code: 'models/unknown-model' });
  });
});

describe('import and float16 conversion', () => {
  it('imports a folder, converts it to float16 as a job, and lists the copy as an imported float16 model', async () => {
    const { model } = await call('models.import', { path: MODEL_DIR });
    expect(model).toMatchObject({ id: 'local:model', source: 'imported', precision: 'float32', layout: 'diffusers-onnx', path: MODEL_DIR });
    const { jobId } = await call('models.convertFp16', { id: model.id });
    const end = await finished(jobId);
    expect(end).toMatchObject({ event: 'download.done', payload: { kind: 'convert', modelId: 'local:model-fp16', path: path.join(box.dataDir, 'models', 'model-fp16') } });
    expect(progressOf(jobId).flatMap((p) => p.files.map((f) => f.path))).toEqual(expect.arrayContaining(['unet/model.onnx', 'text_encoder/model.onnx']));
    const copy = (await call('models.installed', {})).models.find((m) => m.id === 'local:model-fp16');
    expect(copy).toMatchObject({ source: 'imported', layout: 'diffusers-onnx' });
    expect(copy!.precision).not.toBe('float32');
    await expect(call('models.verify', { id: model.id })).rejects.toMatchObject({ code: 'models/not-verifiable' });
  });
});
