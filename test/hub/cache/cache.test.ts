// The Hugging Face cache layout read back as huggingface_hub expects it (refs without newline, relative
// links that resolve, blobs named by etag), a cache written "by Python" found without downloading, copy
// mode, verify/list/remove, and local folders imported without copying.
import { createHash } from 'node:crypto';
import { existsSync, lstatSync, mkdirSync, readFileSync, readdirSync, readlinkSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  findCachedSnapshot, importLocalModel, listCachedModels, pullModel, removeCachedModel, resolveHubCacheDir, verifyCachedModel,
} from '../../../src-main/hub/index.js';
import { FakeHub, sdRepoFiles, type FakeFileSpec } from '../fake-hub.js';
import { fastOptions, sandbox, type Sandbox } from '../helpers.js';

let hub: FakeHub;
let box: Sandbox;
const gitSha1 = (b: Buffer) => createHash('sha1').update(`blob ${b.length}\0`).update(b).digest('hex');
const sha256 = (b: Buffer) => createHash('sha256').update(b).digest('hex');

beforeEach(async () => {
  hub = await FakeHub.start([{ id: 'org/sd', revisions: { main: sdRepoFiles({ unetBytes: 300_000 }), onnx: sdRepoFiles({ unetBytes: 200_000, seed: 7 }) } }]);
  box = sandbox();
});

afterEach(async () => {
  await hub.close();
  box.cleanup();
});

/** Writes a snapshot the way huggingface_hub does, without our code. */
function writePythonCache(cacheDir: string, repo: string, commit: string, files: FakeFileSpec[]): string {
  const base = path.join(cacheDir, `models--${repo.replace('/', '--')}`);
  mkdirSync(path.join(base, 'blobs'), { recursive: true });
  mkdirSync(path.join(base, 'refs'), { recursive: true });
  writeFileSync(path.join(base, 'refs', 'main'), commit);
  for (const f of files) {
    const lfs = /\.(onnx|pb)$/.test(f.path);
    const name = lfs ? sha256(f.content) : gitSha1(f.content);
    writeFileSync(path.join(base, 'blobs', name), f.content);
    const link = path.join(base, 'snapshots', commit, ...f.path.split('/'));
    mkdirSync(path.dirname(link), { recursive: true });
    symlinkSync(path.relative(path.dirname(link), path.join(base, 'blobs', name)), link);
  }
  return path.join(base, 'snapshots', commit);
}

describe('the hub cache layout', () => {
  it('matches what huggingface_hub reads: refs without newline, relative links, blobs named by etag', async () => {
    const r = await pullModel('org/sd', fastOptions(box, [hub.url]));
    const base = path.join(box.cacheDir, 'models--org--sd');
    const ref = readFileSync(path.join(base, 'refs', 'main'), 'utf8');
    expect(ref).toMatch(/^[0-9a-f]{40}$/);
    expect(ref).toBe(hub.commitOf('org/sd'));
    expect(r.path).toBe(path.join(base, 'snapshots', ref));
    for (const f of sdRepoFiles({ unetBytes: 300_000 }).filter((x) => !/^(safety_checker|feature_extractor)\/|README/.test(x.path))) {
      const link = path.join(r.path, ...f.path.split('/'));
      expect(lstatSync(link).isSymbolicLink()).toBe(true);
      const target = readlinkSync(link);
      expect(path.isAbsolute(target)).toBe(false);
      const depth = f.path.split('/').length + 1;
      const blob = /\.(onnx|pb)$/.test(f.path) ? sha256(f.content) : gitSha1(f.content);
      expect(target).toBe([...Array(depth).fill('..'), 'blobs', blob].join('/'));
      expect(readFileSync(link).equals(f.content)).toBe(true);
    }
    expect(readdirSync(path.join(base, 'blobs')).every((n) => /^[0-9a-f]{40}$|^[0-9a-f]{64}$/.test(n))).toBe(true);
  });

  it('uses a snapshot huggingface_hub wrote, without downloading; a lone blob is only linked', async () => {
    const files = sdRepoFiles({ unetBytes: 300_000 }).filter((f) => !/^(safety_checker|feature_extractor)\/|README/.test(f.path));
    const commit = hub.commitOf('org/sd');
    writePythonCache(box.cacheDir, 'org/sd', commit, files);
    const found = await findCachedSnapshot('org/sd', 'main', box.cacheDir);
    expect(found).toMatchObject({ commit, missing: [] });
    const r = await pullModel('org/sd', fastOptions(box, [hub.url]));
    expect(r.downloadedBytes).toBe(0);
    expect(hub.stats.requests.filter((q) => q.method === 'GET' && !q.url.startsWith('/api/models')).length).toBe(0);
    // Remove one link but keep its blob: the pull links it again without fetching.
    const link = path.join(r.path, 'unet', 'weights.pb');
    rmSync(link);
    const again = await pullModel('org/sd', fastOptions(box, [hub.url]));
    expect(again.downloadedBytes).toBe(0);
    expect(readFileSync(link).equals(hub.file('org/sd', 'unet/weights.pb').content)).toBe(true);
  });

  it('copy mode (HF_HUB_DISABLE_SYMLINKS): real files in the snapshot, verify still checks them', async () => {
    const env = { ...box.env, HF_HUB_DISABLE_SYMLINKS: '1' };
    const r = await pullModel('org/sd', fastOptions(box, [hub.url], { env }));
    const weights = path.join(r.path, 'unet', 'weights.pb');
    expect(lstatSync(weights).isFile()).toBe(true);
    expect(readFileSync(weights).equals(hub.file('org/sd', 'unet/weights.pb').content)).toBe(true);
    expect(readdirSync(path.join(box.cacheDir, 'models--org--sd', 'blobs'))).toEqual([]);
    const ok = await verifyCachedModel('org/sd', { cacheDir: box.cacheDir, dataDir: box.dataDir, env });
    expect(ok).toMatchObject({ files: 10, ok: 10, problems: [], unchecked: [] });
    const bytes = readFileSync(weights);
    bytes[5] ^= 1;
    writeFileSync(weights, bytes);
    const bad = await verifyCachedModel('org/sd', { cacheDir: box.cacheDir, dataDir: box.dataDir, env });
    expect(bad.problems).toEqual([expect.objectContaining({ path: 'unet/weights.pb', problem: 'mismatch' })]);
  });
});

describe('list, verify and remove', () => {
  it('verify re-hashes blobs and finds corruption and missing blobs', async () => {
    const r = await pullModel('org/sd', fastOptions(box, [hub.url]));
    expect(await verifyCachedModel('org/sd', { cacheDir: box.cacheDir, dataDir: box.dataDir })).toMatchObject({ ok: 10, problems: [] });
    const blobs = path.join(box.cacheDir, 'models--org--sd', 'blobs');
    const unet = path.join(blobs, sha256(hub.file('org/sd', 'unet/model.onnx').content));
    const b = readFileSync(unet);
    b[0] ^= 1;
    writeFileSync(unet, b);
    rmSync(path.join(blobs, gitSha1(hub.file('org/sd', 'tokenizer/merges.txt').content)));
    const report = await verifyCachedModel('org/sd', { cacheDir: box.cacheDir, dataDir: box.dataDir, revision: 'main' });
    expect(report.problems.map((p) => [p.path, p.problem]).sort()).toEqual([['tokenizer/merges.txt', 'missing'], ['unet/model.onnx', 'mismatch']]);
    expect(r.commit).toBe(report.commits[0]);
  });

  it('lists revisions with their refs; removing one revision keeps blobs the other still uses', async () => {
    const main = await pullModel('org/sd', fastOptions(box, [hub.url]));
    const onnx = await pullModel('org/sd', fastOptions(box, [hub.url], { revision: 'onnx' }));
    const list = await listCachedModels(box.cacheDir, { dataDir: box.dataDir });
    expect(list).toHaveLength(1);
    expect(list[0]).toMatchObject({ kind: 'hf-cache', repo: 'org/sd' });
    expect(list[0].revisions.map((r) => [r.commit, r.refs, r.onnx]).sort()).toEqual([[main.commit, ['main'], true], [onnx.commit, ['onnx'], true]].sort());
    const rm = await removeCachedModel('org/sd', { cacheDir: box.cacheDir, dataDir: box.dataDir, revision: 'onnx' });
    expect(rm.freedBytes).toBeGreaterThan(200_000);
    expect(existsSync(onnx.path)).toBe(false);
    expect(existsSync(path.join(box.cacheDir, 'models--org--sd', 'refs', 'onnx'))).toBe(false);
    expect(await verifyCachedModel('org/sd', { cacheDir: box.cacheDir, dataDir: box.dataDir })).toMatchObject({ ok: 10, problems: [] });
    await removeCachedModel('org/sd', { cacheDir: box.cacheDir, dataDir: box.dataDir });
    expect(existsSync(path.join(box.cacheDir, 'models--org--sd'))).toBe(false);
    await expect(removeCachedModel('org/sd', { cacheDir: box.cacheDir, dataDir: box.dataDir })).rejects.toMatchObject({ code: 'hub/not-cached' });
  });

  it('imports a local folder without copying it, lists it, and forgets it on rm', async () => {
    const r = await pullModel('org/sd', fastOptions(box, [hub.url]));
    const m = await importLocalModel(r.path, { dataDir: box.dataDir, name: 'My SD' });
    expect(m).toMatchObject({ id: 'local:my-sd', path: r.path });
    const list = await listCachedModels(box.cacheDir, { dataDir: box.dataDir });
    expect(list.find((x) => x.kind === 'local')).toMatchObject({ repo: 'local:my-sd', path: r.path, revisions: [expect.objectContaining({ onnx: true })] });
    await removeCachedModel('local:my-sd', { dataDir: box.dataDir, cacheDir: box.cacheDir });
    expect((await listCachedModels(box.cacheDir, { dataDir: box.dataDir })).some((x) => x.kind === 'local')).toBe(false);
    expect(existsSync(r.path)).toBe(true);
    await expect(importLocalModel(path.join(r.path, 'unet'), { dataDir: box.dataDir })).rejects.toMatchObject({ code: 'hub/not-onnx-sd' });
  });
});

describe('where the cache is', () => {
  it('HF_HUB_CACHE, then HUGGINGFACE_HUB_CACHE, then HF_HOME/hub, then XDG_CACHE_HOME, then ~/.cache', () => {
    expect(resolveHubCacheDir({ HF_HUB_CACHE: '/a/hub', HF_HOME: '/b' })).toBe(path.resolve('/a/hub'));
    expect(resolveHubCacheDir({ HUGGINGFACE_HUB_CACHE: '/legacy', HF_HOME: '/b' })).toBe(path.resolve('/legacy'));
    expect(resolveHubCacheDir({ HF_HOME: '/b' })).toBe(path.resolve('/b/hub'));
    expect(resolveHubCacheDir({ XDG_CACHE_HOME: '/x' })).toBe(path.resolve('/x/huggingface/hub'));
    expect(resolveHubCacheDir({ HOME: '/home/u' })).toBe(path.resolve('/home/u/.cache/huggingface/hub'));
    expect(resolveHubCacheDir({ HOME: '/home/u', HF_HOME: '~/hf', V: 'v' })).toBe(path.resolve('/home/u/hf/hub'));
    expect(resolveHubCacheDir({ HF_HUB_CACHE: '$DATA/${SUB}', DATA: '/d', SUB: 's' })).toBe(path.resolve('/d/s'));
  });
});
