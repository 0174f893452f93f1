// Endpoints, mirrors and the network around them, all on loopback: `auto` probing in parallel, the
// ModelScope mapping (and ModelScope filling the hub cache under the hub's commit), failover from the hub
// to ModelScope mid-file, proxies from the environment, tokens kept out of messages, the disk check.
import { readFileSync, readdirSync, existsSync } from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { parseCatalog, pullModel, type Catalog } from '../../../src-main/hub/index.js';
import { FakeHub, sdRepoFiles } from '../fake-hub.js';
import { FakeModelScope } from '../fake-modelscope.js';
import { collectProgress, fastOptions, sandbox, type Sandbox } from '../helpers.js';
import { blackHole, loopbackAgent, startProxy } from '../loopback-net.js';

const HF_REPO = 'org/sd';
const MS_REPO = 'AI-ModelScope/sd-ms';
const WEIGHTS = 'unet/weights.pb';
const ENGINE_FILES = sdRepoFiles().filter((f) => !/^(safety_checker|feature_extractor)\/|README/.test(f.path)).map((f) => f.path);

let hub: FakeHub;
let ms: FakeModelScope;
let box: Sandbox;

beforeEach(async () => {
  hub = await FakeHub.start([{ id: HF_REPO, revisions: { main: sdRepoFiles() } }]);
  ms = await FakeModelScope.start([{ id: MS_REPO, revisions: { master: sdRepoFiles() } }]);
  box = sandbox();
});

afterEach(async () => {
  await Promise.all([hub.close(), ms.close()]);
  box.cleanup();
});

/** A catalog entry naming the model on both sources; `pinned` adds the hub commit and each file's hub etag. */
function catalog(pinned: boolean): Catalog {
  const files = ENGINE_FILES.map((p) => {
    const f = hub.file(HF_REPO, p);
    return { path: p, size: f.content.length, etag: f.lfs ? f.sha256 : f.gitSha1 };
  });
  return parseCatalog({
    version: 1,
    models: [{
      id: 'sd-test', name: 'SD test', family: 'sd1', license: 'mit', sizeBytes: 3_200_000, verified: true,
      sources: { hf: { repo: HF_REPO, revision: 'main', ...(pinned ? { commit: hub.commitOf(HF_REPO) } : {}) }, modelscope: { repo: MS_REPO, revision: 'master' } },
      ...(pinned ? { files } : {}),
      recommended: { sampler: 'euler', steps: 20, guidance: 7.5, size: 512 },
    }],
  });
}

const snapFile = (snap: string, p: string) => readFileSync(path.join(snap, ...p.split('/')));

describe('auto: probe every endpoint at once, use the first healthy one', () => {
  it('skips a hub that never answers without waiting for it, and keeps the token from hf-mirror.com', async () => {
    const hole = await blackHole();
    const mirror = await FakeHub.start([{ id: HF_REPO, revisions: { main: sdRepoFiles() } }]);
    try {
      const env = { ...box.env, HF_ENDPOINT: hole.url, MODELSCOPE_ENDPOINT: ms.url, HF_TOKEN: 'hf_auto_secret' };
      const opts = fastOptions(box, [], { env, mirror: 'auto', catalog: catalog(false), dispatcher: loopbackAgent({ 'hf-mirror.com': mirror.url }) });
      const r = await pullModel(HF_REPO, { ...opts, endpoints: undefined, timeouts: { ...opts.timeouts, probeMs: 1000 } });
      expect(r.source).toBe('hf-mirror.com');
      expect(snapFile(r.path, WEIGHTS).equals(hub.file(HF_REPO, WEIGHTS).content)).toBe(true);
      expect(hole.accepted()).toBeGreaterThan(0);
      // In parallel: the mirror and ModelScope were asked long before the dead hub's 1 s probe ran out.
      expect(mirror.stats.requests[0].at - hole.firstAt()!).toBeLessThan(700);
      expect(ms.stats.requests[0].at - hole.firstAt()!).toBeLessThan(700);
      expect(mirror.stats.requests.every((q) => q.authorization === undefined)).toBe(true);
      expect(ms.served(WEIGHTS)).toBe(0);
    } finally {
      await Promise.all([hole.close(), mirror.close()]);
    }
  });

  it('falls through to ModelScope, which fills the hub cache under the hub commit when the catalog pins it', async () => {
    const env = { ...box.env, HF_ENDPOINT: 'http://127.0.0.1:9', MODELSCOPE_ENDPOINT: ms.url };
    const r = await pullModel('sd-test', { ...fastOptions(box, [], { env, mirror: 'auto', catalog: catalog(true), dispatcher: loopbackAgent({}) }), endpoints: undefined });
    expect(r.source).toMatch(/^modelscope/);
    expect(r.cacheRepo).toBe(HF_REPO);
    expect(r.commit).toBe(hub.commitOf(HF_REPO));
    expect(r.path).toBe(path.join(box.cacheDir, 'models--org--sd', 'snapshots', hub.commitOf(HF_REPO)));
    expect(ms.stats.requests.some((q) => q.url.includes(`/api/v1/models/${MS_REPO}/repo/files`))).toBe(true);
    const blobs = readdirSync(path.join(box.cacheDir, 'models--org--sd', 'blobs')).sort();
    expect(blobs).toEqual(catalog(true).models[0].files!.map((f) => f.etag).sort()); // named by hub etags
    expect(readFileSync(path.join(box.cacheDir, 'models--org--sd', 'refs', 'main'), 'utf8')).toBe(hub.commitOf(HF_REPO));
    // The hub now finds everything in place: nothing is downloaded again.
    const again = await pullModel(HF_REPO, fastOptions(box, [hub.url], { catalog: catalog(true) }));
    expect(again).toMatchObject({ path: r.path, downloadedBytes: 0 });
  });

  it('without pins, a ModelScope-only pull lands under the ModelScope repository', async () => {
    const r = await pullModel(HF_REPO, fastOptions(box, [`modelscope:${ms.url}`], { catalog: catalog(false) }));
    expect(r.cacheRepo).toBe(MS_REPO);
    expect(r.path.startsWith(path.join(box.cacheDir, 'models--AI-ModelScope--sd-ms', 'snapshots'))).toBe(true);
    expect(snapFile(r.path, WEIGHTS).equals(hub.file(HF_REPO, WEIGHTS).content)).toBe(true);
    expect(hub.stats.requests).toEqual([]);
  });
});

describe('failover across protocols', () => {
  it('the hub goes down mid-file: ModelScope continues from the byte already reached', async () => {
    hub.faults.set(WEIGHTS, { dropAfter: { bytes: 1_000_000, times: 1 }, afterDrop: () => (hub.failAll = 503) });
    const progress = collectProgress();
    const r = await pullModel(HF_REPO, fastOptions(box, [hub.url, `modelscope:${ms.url}`], { catalog: catalog(false), parallelThreshold: 64 << 20 }), { onProgress: progress.onProgress });
    const size = hub.file(HF_REPO, WEIGHTS).content.length;
    expect(snapFile(r.path, WEIGHTS).equals(hub.file(HF_REPO, WEIGHTS).content)).toBe(true);
    expect(r.cacheRepo).toBe(HF_REPO);
    expect(hub.served(WEIGHTS)).toBe(1_000_000);
    expect(ms.served(WEIGHTS)).toBe(size - 1_000_000);
    expect(ms.stats.requests.find((q) => q.host === 'oss' && q.range)?.range).toBe(`bytes=1000000-${size - 1}`);
    expect(progress.messages().some((m) => m.includes('using modelscope'))).toBe(true);
  });
});

describe('proxies from the environment', () => {
  it('HTTP_PROXY carries every request (credentials sent, never shown); NO_PROXY bypasses it', async () => {
    const proxy = await startProxy();
    try {
      const withAuth = proxy.url.replace('http://', 'http://user:pa55word@');
      const r = await pullModel(HF_REPO, fastOptions(box, [hub.url], { env: { ...box.env, HTTP_PROXY: withAuth } }));
      expect(snapFile(r.path, WEIGHTS).equals(hub.file(HF_REPO, WEIGHTS).content)).toBe(true);
      const hosts = new Set(proxy.targets);
      expect(hosts).toEqual(new Set([new URL(hub.url).host, new URL(hub.cdnUrl).host]));
      expect(proxy.auths.every((a) => a === `Basic ${Buffer.from('user:pa55word').toString('base64')}`)).toBe(true);

      proxy.targets.length = 0;
      const direct = await pullModel(HF_REPO, fastOptions(box, [hub.url], { revision: hub.commitOf(HF_REPO), env: { ...box.env, http_proxy: withAuth, NO_PROXY: 'localhost,127.0.0.1' } }));
      expect(direct.path).toBe(r.path);
      expect(proxy.targets).toEqual([]);

      // HTTPS_PROXY is for https URLs only (as curl and huggingface_hub read it): the http hub is reached directly.
      const httpsOnly = await pullModel(HF_REPO, fastOptions(box, [hub.url], { revision: hub.commitOf(HF_REPO), env: { ...box.env, HTTPS_PROXY: withAuth } }));
      expect(httpsOnly.path).toBe(r.path);
      expect(proxy.targets).toEqual([]);

      // The app's setting is used only when the environment names no proxy.
      await pullModel(HF_REPO, fastOptions(box, [hub.url], { revision: hub.commitOf(HF_REPO), fallbackProxy: proxy.url }));
      expect(proxy.targets.length).toBeGreaterThan(0);
    } finally {
      await proxy.close();
    }
  });

  it('HTTPS_PROXY carries https traffic; a proxy that wants credentials or refuses says so (not "cancelled")', async () => {
    const proxy = await startProxy({ auth: 'me:s3cret' });
    try {
      const pull = (proxyUrl: string) => pullModel(HF_REPO, fastOptions(box, ['https://hub.invalid'], { env: { ...box.env, HTTPS_PROXY: proxyUrl }, retry: { tries: 1 } })).catch((e: unknown) => e);
      const noAuth = await pull(proxy.url);
      expect(noAuth).toMatchObject({ code: 'hub/proxy-auth' });
      expect(proxy.targets).toEqual(['hub.invalid:443']); // a CONNECT tunnel to the hub host
      const refused = await pull(proxy.url.replace('http://', 'http://me:s3cret@'));
      expect(refused).toMatchObject({ code: 'hub/network' }); // the test proxy never leaves loopback: 502
      expect(`${(refused as Error).message}${(noAuth as Error).message}`).not.toContain('s3cret');
    } finally {
      await proxy.close();
    }
  });

  it('a proxy that is down: the error names it, without its password', async () => {
    const hole = 'http://admin:hunter2@127.0.0.1:9';
    const err = await pullModel(HF_REPO, fastOptions(box, [hub.url], { env: { ...box.env, HTTP_PROXY: hole } })).catch((e: unknown) => e);
    expect(err).toMatchObject({ code: 'hub/network' });
    const text = `${(err as Error).message} ${JSON.stringify(err)}`;
    expect(text).toContain('proxy');
    expect(text).toContain('127.0.0.1:9');
    expect(text).not.toContain('hunter2');
  });
});

describe('tokens', () => {
  it('never appear in progress messages or errors, whatever goes wrong', async () => {
    const token = 'hf_NeverLogMe0123456789';
    hub.addRepo({ id: 'org/private', private: true, tokens: [token], revisions: { main: sdRepoFiles({ unetBytes: 400_000 }) } });
    hub.faults.set(WEIGHTS, { status500: 2, dropAfter: { bytes: 50_000, times: 2 } });
    hub.faults.set('model_index.json', { status429: { times: 1, retryAfter: 0 } });
    const progress = collectProgress();
    const ok = await pullModel('org/private', fastOptions(box, [hub.url], { token }), { onProgress: progress.onProgress });
    expect(ok.files).toBe(10);
    const errors: unknown[] = [];
    for (const repo of ['org/private', 'org/nope']) {
      errors.push(await pullModel(repo, fastOptions(box, [hub.url], { token: 'hf_bad0123456789', revision: 'v2' })).catch((e: unknown) => e));
    }
    errors.push(await pullModel('org/private', fastOptions(box, ['http://127.0.0.1:9'], { token, cacheDir: path.join(box.dir, 'empty') })).catch((e: unknown) => e));
    expect(errors.every((e) => e instanceof Error)).toBe(true);
    const text = JSON.stringify([progress.events, errors.map((e) => [String(e), JSON.stringify(e), String((e as Error).cause)])]);
    expect(progress.messages().length).toBeGreaterThan(0);
    expect(text).not.toContain(token);
    expect(text).not.toContain('hf_bad0123456789');
  });
});

describe('disk space', () => {
  it('is checked before any byte is fetched, with the size needed', async () => {
    hub.listedSizes.set(WEIGHTS, 4e15);
    const err = await pullModel(HF_REPO, fastOptions(box, [hub.url])).catch((e: unknown) => e);
    expect(err).toMatchObject({ code: 'hub/disk-full' });
    expect((err as Error).message).toMatch(/needs 4\.0 PB|needs 4000\.0 TB/);
    expect((err as Error).message).toMatch(/--cache-dir|HF_HUB_CACHE/);
    expect(hub.stats.requests.filter((q) => q.host === 'cdn' || q.url.includes('resolve-cache'))).toEqual([]);
    expect(existsSync(path.join(box.cacheDir, 'models--org--sd', 'snapshots'))).toBe(false);
  });
});
