// The downloader against a real loopback fake hub: ranged parallel fetch, resume without re-fetching
// finished bytes, drops, failover mid-file, corruption, 429/500, slow lines, ignored ranges, expired URLs.
import { existsSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { PauseGate, pullModel } from '../../../src-main/hub/index.js';
import { FakeHub, sdRepoFiles } from '../fake-hub.js';
import { collectProgress, fastOptions, sandbox, type Sandbox } from '../helpers.js';

const REPO = 'org/sd';
const WEIGHTS = 'unet/weights.pb';

let hub: FakeHub;
let box: Sandbox;

beforeEach(async () => {
  hub = await FakeHub.start([{ id: REPO, revisions: { main: sdRepoFiles() } }]);
  box = sandbox();
});

afterEach(async () => {
  await hub.close();
  box.cleanup();
});

const weights = () => hub.file(REPO, WEIGHTS);
const snapFile = (snap: string, p: string) => readFileSync(path.join(snap, ...p.split('/')));
const partials = () => {
  const dir = path.join(box.cacheDir, 'models--org--sd', 'blobs');
  return existsSync(dir) ? readdirSync(dir).filter((n) => n.includes('.incomplete')) : [];
};

/** A slow pull of the weights, cancelled once 1.2 MB have arrived: leaves a partial and its block map. */
async function cancelAfterFirstBytes(): Promise<void> {
  hub.faults.set(WEIGHTS, { throttleBps: 600_000 });
  const ac = new AbortController();
  const first = pullModel(REPO, fastOptions(box, [hub.url], { connections: 2 }), {
    signal: ac.signal,
    onProgress: (e) => {
      if (e.file?.path === WEIGHTS && e.file.bytes > 1_200_000) ac.abort();
    },
    progressIntervalMs: 20,
  });
  await expect(first).rejects.toMatchObject({ code: 'cancelled' });
}

// Every test runs twice: bodies read by the lean reader (hub/direct-get.ts, the default without a proxy)
// and by undici (LATENT_STUDIO_DIRECT_GET=0; also the path through proxies and after a declined answer).
describe.each(['direct', 'undici'] as const)('downloading (bodies read by %s)', (bodyPath) => {
  beforeEach(() => {
    if (bodyPath === 'undici') box.env.LATENT_STUDIO_DIRECT_GET = '0';
  });

  it('fetches only what the engine needs, large files in parallel ranges, with protocol-correct headers', async () => {
    const r = await pullModel(REPO, fastOptions(box, [hub.url]));
    expect(r.files).toBe(10);
    for (const f of sdRepoFiles().filter((x) => !/^(safety_checker|feature_extractor)\/|README/.test(x.path))) {
      expect(snapFile(r.path, f.path).equals(f.content)).toBe(true);
    }
    expect(existsSync(path.join(r.path, 'safety_checker'))).toBe(false);
    const urls = hub.stats.requests.map((q) => q.url);
    expect(urls.some((u) => /safety_checker|feature_extractor|README/.test(u))).toBe(false);
    const ranged = hub.stats.requests.filter((q) => q.host === 'cdn' && q.url.includes(weights().sha256));
    // One long range per connection (8 by default), disjoint, together the whole file.
    expect(ranged.length).toBe(8);
    const spans = ranged.map((q) => q.range!.match(/^bytes=(\d+)-(\d+)$/)!.slice(1).map(Number)).sort((x, y) => x[0] - y[0]);
    spans.forEach(([start], i) => expect(start).toBe(i === 0 ? 0 : spans[i - 1][1] + 1));
    expect(spans[spans.length - 1][1]).toBe(weights().content.length - 1);
    expect(hub.stats.requests.every((q) => q.acceptEncoding === 'identity' && q.referer === undefined)).toBe(true);
    expect(hub.served(WEIGHTS)).toBe(weights().content.length);
    // One HEAD for the file, shared by every range (not one per range).
    expect(hub.stats.requests.filter((q) => q.method === 'HEAD' && q.url.includes(WEIGHTS))).toHaveLength(1);
    expect(r.downloadedBytes).toBe(r.bytes);
    expect(partials()).toEqual([]);
  });

  it('starts a large file on one connection and adds more while the line limits each connection', async () => {
    hub.faults.set(WEIGHTS, { throttleBps: 500_000 });
    const r = await pullModel(REPO, fastOptions(box, [hub.url]));
    expect(snapFile(r.path, WEIGHTS).equals(weights().content)).toBe(true);
    expect(hub.peakConnections(WEIGHTS)).toBe(8);
    const ranged = hub.stats.requests.filter((q) => q.host === 'cdn' && q.url.includes(weights().sha256));
    expect(ranged[0].range).toMatch(/^bytes=0-/);
    // The second connection only joins once the ramp has seen the first one wait on the line (two looks, 50 ms apart).
    expect(ranged[1].at - ranged[0].at).toBeGreaterThanOrEqual(90);
    expect(hub.served(WEIGHTS)).toBe(weights().content.length);
  });

  it('opens every connection at once when asked to (startConnections)', async () => {
    hub.faults.set(WEIGHTS, { throttleBps: 500_000 });
    const r = await pullModel(REPO, fastOptions(box, [hub.url], { connections: 4, startConnections: 4 }));
    expect(snapFile(r.path, WEIGHTS).equals(weights().content)).toBe(true);
    expect(hub.peakConnections(WEIGHTS)).toBe(4);
    const ranged = hub.stats.requests.filter((q) => q.host === 'cdn' && q.url.includes(weights().sha256));
    expect(ranged[3].at - ranged[0].at).toBeLessThan(40);
  });

  it('resumes after a cancel without downloading finished bytes again', async () => {
    await cancelAfterFirstBytes();
    const servedBefore = hub.served(WEIGHTS);
    expect(partials().length).toBe(2); // the sparse partial and its block map
    expect(existsSync(path.join(box.cacheDir, 'models--org--sd', 'snapshots'))).toBe(false);
    await new Promise((r) => setTimeout(r, 300)); // let the map's batched write land, as a later run would see it
    hub.faults.clear();
    const r = await pullModel(REPO, fastOptions(box, [hub.url]));
    const second = hub.served(WEIGHTS) - servedBefore;
    const size = weights().content.length;
    expect(snapFile(r.path, WEIGHTS).equals(weights().content)).toBe(true);
    expect(second).toBeLessThan(size - 1_000_000);
    // Unfinished blocks resume mid-block too: only bytes still in flight when it stopped come twice.
    expect(servedBefore + second).toBeLessThanOrEqual(size + 128 * 1024);
  });

  it('trusts the block map on resume; bytes the disk lost after all are caught by the hash and fetched again', async () => {
    await cancelAfterFirstBytes();
    const blobs = path.join(box.cacheDir, 'models--org--sd', 'blobs');
    const data = path.join(blobs, partials().find((n) => n.endsWith('.incomplete'))!);
    const map = JSON.parse(readFileSync(`${data}.json`, 'utf8')) as { blocks: boolean[]; partial?: Record<string, number> };
    expect(map.blocks.filter(Boolean).length + Object.keys(map.partial ?? {}).length).toBeGreaterThan(0);
    // A power loss that kept the map but not the data: zero the bytes it names.
    writeFileSync(data, Buffer.alloc(weights().content.length));
    hub.faults.clear();
    const before = hub.served(WEIGHTS);
    const r = await pullModel(REPO, fastOptions(box, [hub.url]));
    expect(snapFile(r.path, WEIGHTS).equals(weights().content)).toBe(true);
    // The resumed attempt skipped what the map named, failed verification, then fetched the whole file.
    const again = hub.served(WEIGHTS) - before;
    expect(again).toBeGreaterThan(weights().content.length);
    expect(again).toBeLessThan(2 * weights().content.length);
    expect(partials()).toEqual([]);
  });

  it('keeps the bytes of dropped connections and continues from there', async () => {
    hub.faults.set(WEIGHTS, { dropAfter: { bytes: 20_000, times: 6 } });
    hub.faults.set('model_index.json', { dropAfter: { bytes: 30, times: 1 } });
    const r = await pullModel(REPO, fastOptions(box, [hub.url]));
    expect(snapFile(r.path, WEIGHTS).equals(weights().content)).toBe(true);
    expect(hub.served(WEIGHTS)).toBe(weights().content.length);
    expect(snapFile(r.path, 'model_index.json').equals(hub.file(REPO, 'model_index.json').content)).toBe(true);
  });

  it('fails over to the next endpoint mid-file, from the byte already reached', async () => {
    const mirror = await FakeHub.start([{ id: REPO, revisions: { main: sdRepoFiles() } }]);
    try {
      hub.faults.set(WEIGHTS, { dropAfter: { bytes: 1_000_000, times: 1 }, afterDrop: () => (hub.failAll = 503) });
      const progress = collectProgress();
      const r = await pullModel(REPO, fastOptions(box, [hub.url, mirror.url], { parallelThreshold: 64 << 20 }), { onProgress: progress.onProgress });
      expect(snapFile(r.path, WEIGHTS).equals(weights().content)).toBe(true);
      const size = weights().content.length;
      expect(hub.served(WEIGHTS)).toBe(1_000_000);
      expect(mirror.served(WEIGHTS)).toBe(size - 1_000_000);
      const resumed = mirror.stats.requests.find((q) => q.host === 'cdn' && q.url.includes(weights().sha256));
      expect(resumed?.range).toBe(`bytes=1000000-${size - 1}`);
      expect(progress.messages().some((m) => m.includes(`using ${new URL(mirror.url).host}`))).toBe(true);
    } finally {
      await mirror.close();
    }
  });

  it('moves every block to the next endpoint when the first goes down during a parallel download', async () => {
    const mirror = await FakeHub.start([{ id: REPO, revisions: { main: sdRepoFiles() } }]);
    try {
      hub.faults.set(WEIGHTS, { dropAfter: { bytes: 10_000, times: 1 }, afterDrop: () => (hub.failAll = 503) });
      const r = await pullModel(REPO, fastOptions(box, [hub.url, mirror.url], { startConnections: 8 }));
      expect(snapFile(r.path, WEIGHTS).equals(weights().content)).toBe(true);
      expect(hub.served(WEIGHTS) + mirror.served(WEIGHTS)).toBeLessThanOrEqual(weights().content.length);
    } finally {
      await mirror.close();
    }
  });

  it('re-downloads a corrupted file once and publishes only verified bytes', async () => {
    hub.faults.set(WEIGHTS, { corrupt: 1 });
    const r = await pullModel(REPO, fastOptions(box, [hub.url]));
    expect(snapFile(r.path, WEIGHTS).equals(weights().content)).toBe(true);
    expect(hub.served(WEIGHTS)).toBe(2 * weights().content.length);
  });

  it('hashes large files on a worker thread: a corrupted one is caught there and fetched again', async () => {
    const big = sdRepoFiles({ unetBytes: 17 << 20, seed: 3 });
    hub.addRepo({ id: 'org/big', revisions: { main: big } });
    hub.faults.set(WEIGHTS, { corrupt: 1 });
    const progress = collectProgress();
    const r = await pullModel('org/big', fastOptions(box, [hub.url], { blockSize: 1 << 20 }), { onProgress: progress.onProgress });
    const want = hub.file('org/big', WEIGHTS).content;
    expect(snapFile(r.path, WEIGHTS).equals(want)).toBe(true);
    expect(hub.served(WEIGHTS)).toBe(2 * want.length);
    expect(progress.messages().some((m) => m.includes('failed verification'))).toBe(true);
  });

  it('reports persistent corruption and never exposes the bad file', async () => {
    hub.faults.set(WEIGHTS, { corrupt: 1000 });
    await expect(pullModel(REPO, fastOptions(box, [hub.url]))).rejects.toMatchObject({ code: 'hub/checksum-mismatch' });
    const snaps = path.join(box.cacheDir, 'models--org--sd', 'snapshots');
    expect(existsSync(snaps) ? readdirSync(snaps) : []).toEqual([]);
    expect(existsSync(path.join(box.cacheDir, 'models--org--sd', 'blobs', weights().sha256))).toBe(false);
    expect(partials()).toEqual([]);
  });

  it('waits what 429 Retry-After asks and retries 500s', async () => {
    hub.faults.set('model_index.json', { status429: { times: 1, retryAfter: 1 } });
    hub.faults.set(WEIGHTS, { status500: 3 });
    const r = await pullModel(REPO, fastOptions(box, [hub.url]));
    expect(snapFile(r.path, WEIGHTS).equals(weights().content)).toBe(true);
    const hits = hub.stats.requests.filter((q) => q.url.includes('/model_index.json'));
    const limited = hits.findIndex((q) => q.url.includes('resolve-cache')); // the one answered 429
    expect(limited).toBeGreaterThanOrEqual(0);
    expect(hits[limited + 1].at - hits[limited].at).toBeGreaterThanOrEqual(950);
  });

  it('rides out a slow, stalling connection (idle timeout, then resume)', async () => {
    hub.faults.set(WEIGHTS, { throttleBps: 4_000_000, stall: { afterBytes: 100_000, ms: 1500, times: 1 } });
    const r = await pullModel(REPO, fastOptions(box, [hub.url], { parallelThreshold: 64 << 20, timeouts: { bodyIdleMs: 400 } }));
    expect(snapFile(r.path, WEIGHTS).equals(weights().content)).toBe(true);
    const gets = hub.stats.requests.filter((q) => q.host === 'cdn' && q.url.includes(weights().sha256));
    expect(gets.length).toBeGreaterThanOrEqual(2);
    expect(gets[1].range).toMatch(/^bytes=[1-9]\d*-/);
  });

  it('discards a 200 answer to a Range request and refreshes an expired CDN URL', async () => {
    hub.faults.set(WEIGHTS, { ignoreRange: 1, expired403: 2 });
    const r = await pullModel(REPO, fastOptions(box, [hub.url]));
    expect(snapFile(r.path, WEIGHTS).equals(weights().content)).toBe(true);
    const heads = hub.stats.requests.filter((q) => q.method === 'HEAD' && q.url.includes(WEIGHTS));
    expect(heads.length).toBeGreaterThan(1);
    const ifRange = hub.stats.requests.filter((q) => q.host === 'cdn' && q.ifRange);
    expect(ifRange.length).toBeGreaterThan(0);
  });

  it('takes a shorter 206 than asked for and asks for the rest, without counting it as a failure', async () => {
    hub.faults.set(WEIGHTS, { capRange: 100_000 });
    const progress = collectProgress();
    const r = await pullModel(REPO, fastOptions(box, [hub.url], { retry: { baseMs: 2000, maxMs: 2000 } }), { onProgress: progress.onProgress });
    expect(snapFile(r.path, WEIGHTS).equals(weights().content)).toBe(true);
    expect(hub.served(WEIGHTS)).toBe(weights().content.length);
    expect(progress.messages().filter((m) => m.includes('retrying'))).toEqual([]);
  });

  it('two pulls of the same model at once: one downloads each blob, the other waits and links it', async () => {
    hub.faults.set(WEIGHTS, { throttleBps: 2_000_000 });
    const progress = collectProgress(); // both pulls report here: whichever comes second waits
    const pull = () => pullModel(REPO, fastOptions(box, [hub.url]), { onProgress: progress.onProgress });
    const [a, b] = await Promise.all([pull(), pull()]);
    expect(a.path).toBe(b.path);
    expect(snapFile(a.path, WEIGHTS).equals(weights().content)).toBe(true);
    expect(hub.served(WEIGHTS)).toBe(weights().content.length); // one lock per blob: fetched once
    expect(progress.messages().some((m) => m.includes('waiting for it'))).toBe(true);
    expect(partials()).toEqual([]);
  });

  it('sends the token to the hub only, never to the CDN host', async () => {
    hub.addRepo({ id: 'org/private', private: true, tokens: ['tok-1'], revisions: { main: sdRepoFiles({ unetBytes: 300_000 }) } });
    const r = await pullModel('org/private', fastOptions(box, [hub.url], { token: 'tok-1' }));
    expect(r.files).toBe(10);
    expect(hub.stats.requests.filter((q) => q.host === 'hub').every((q) => q.authorization === 'Bearer tok-1')).toBe(true);
    expect(hub.stats.requests.filter((q) => q.host === 'cdn').every((q) => q.authorization === undefined)).toBe(true);
  });

  it('pauses and resumes in place', async () => {
    // 16 MB at 1 MB/s per connection: long enough that a pause happens mid-file on every connection.
    const big = { path: WEIGHTS, content: Buffer.alloc(16_000_000, 7) };
    hub.addRepo({ id: 'org/big', revisions: { main: sdRepoFiles().map((f) => (f.path === WEIGHTS ? big : f)) } });
    hub.faults.set(WEIGHTS, { throttleBps: 1_000_000 });
    const gate = new PauseGate();
    let lastBytes = 0;
    let bytesAtResume = -1;
    let pausedAtBytes = -1;
    let requestsAtPause = -1;
    let requestsAtResume = -1;
    const pull = pullModel('org/big', fastOptions(box, [hub.url], { connections: 4 }), {
      pause: gate,
      progressIntervalMs: 10,
      onProgress: (e) => {
        if (e.file?.path !== WEIGHTS) return;
        lastBytes = e.file.bytes;
        if (pausedAtBytes < 0 && e.file.bytes > 2_000_000) {
          gate.pause();
          pausedAtBytes = e.file.bytes;
          requestsAtPause = hub.stats.requests.length;
          setTimeout(() => {
            requestsAtResume = hub.stats.requests.length;
            bytesAtResume = lastBytes;
            gate.resume();
          }, 900);
        }
      },
    });
    const r = await pull;
    expect(pausedAtBytes).toBeGreaterThan(0);
    // (What the server sent meanwhile says nothing: loopback sockets buffer up to 32 MB in the kernel.)
    // Unpaused, 4 connections at 1 MB/s would have written 3.6 MB in those 900 ms; paused, at most the
    // chunks already read when the pause began (more of them on a loaded machine, whose reads lag), and no
    // new request.
    expect(bytesAtResume - pausedAtBytes).toBeLessThan(1_000_000);
    expect(requestsAtResume).toBe(requestsAtPause);
    expect(hub.served(WEIGHTS)).toBeLessThan(16_000_000 * 1.1);
    expect(snapFile(r.path, WEIGHTS).equals(big.content)).toBe(true);
  });

});
