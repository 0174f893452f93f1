// pullModel end to end against the fake hub: clear errors (gated, not found, revision, token, layout),
// selection by globs, pagination and API fallbacks, offline mode, the cache as a fallback, and `auto`.
import { existsSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { pullModel } from '../../../src-main/hub/index.js';
import { checkDiskSpace } from '../../../src-main/hub/cache/cache.js';
import { FakeHub, deadEndpoint, sdRepoFiles } from '../fake-hub.js';
import { collectProgress, fastOptions, sandbox, type Sandbox } from '../helpers.js';

let hub: FakeHub;
let box: Sandbox;

beforeEach(async () => {
  hub = await FakeHub.start([
    { id: 'org/sd', revisions: { main: sdRepoFiles({ unetBytes: 200_000 }), onnx: sdRepoFiles({ unetBytes: 100_000, seed: 9 }) } },
    { id: 'org/gated', gated: true, tokens: ['good'], revisions: { main: sdRepoFiles({ unetBytes: 100_000 }) } },
    {
      id: 'org/pytorch',
      revisions: {
        main: [
          { path: 'model_index.json', content: Buffer.from('{}') },
          { path: 'unet/diffusion_pytorch_model.safetensors', content: Buffer.alloc(1000, 1) },
          { path: 'scheduler/scheduler_config.json', content: Buffer.from('{}') },
        ],
        onnx: sdRepoFiles({ unetBytes: 1000 }),
      },
    },
  ]);
  box = sandbox();
});

afterEach(async () => {
  await hub.close();
  box.cleanup();
});

describe('pull errors say what happened and what to do', () => {
  it('gated without a token: accept the terms, set a token; with an accepted token it downloads', async () => {
    const err = await pullModel('org/gated', fastOptions(box, [hub.url])).catch((e: unknown) => e);
    expect(err).toMatchObject({ code: 'hub/gated' });
    expect((err as Error).message).toMatch(/accept the terms/);
    expect((err as Error).message).toMatch(/HF_TOKEN|--token/);
    const ok = await pullModel('org/gated', fastOptions(box, [hub.url], { env: { ...box.env, HF_TOKEN: 'good' } }));
    expect(ok.files).toBe(10);
  });

  it('a token without access gets the gated advice for token holders; a bad token is unauthorised', async () => {
    hub.addRepo({ id: 'org/gated2', gated: true, tokens: ['good'], revisions: { main: sdRepoFiles({ unetBytes: 1000 }) } });
    const err = await pullModel('org/gated2', fastOptions(box, [hub.url], { token: 'other' })).catch((e: unknown) => e);
    // The listing says "gated" and the token is sent, so the file request answers 403 GatedRepo.
    expect(err).toMatchObject({ code: 'hub/gated' });
    expect((err as Error).message).toMatch(/does not have access/);
    await expect(pullModel('org/sd', fastOptions(box, [hub.url], { token: 'bad-token' }))).rejects.toMatchObject({ code: 'hub/unauthorized' });
  });

  it('unknown repository, unknown revision, private repository', async () => {
    await expect(pullModel('org/nope', fastOptions(box, [hub.url]))).rejects.toMatchObject({ code: 'hub/repo-not-found' });
    const rev = await pullModel('org/sd', fastOptions(box, [hub.url], { revision: 'v9' })).catch((e: unknown) => e);
    expect(rev).toMatchObject({ code: 'hub/revision-not-found', params: { revision: 'v9' } });
    hub.addRepo({ id: 'org/secret', private: true, tokens: ['t'], revisions: { main: sdRepoFiles({ unetBytes: 1000 }) } });
    await expect(pullModel('org/secret', fastOptions(box, [hub.url]))).rejects.toMatchObject({ code: 'hub/repo-not-found' });
    await expect(pullModel('not a repo', fastOptions(box, [hub.url]))).rejects.toMatchObject({ code: 'hub/bad-repo-id' });
  });

  it('a repository that is not an ONNX SD model: names the missing files and suggests its onnx branch', async () => {
    const err = await pullModel('org/pytorch', fastOptions(box, [hub.url])).catch((e: unknown) => e);
    expect(err).toMatchObject({ code: 'hub/not-onnx-sd' });
    const msg = (err as Error).message;
    for (const f of ['unet/model.onnx', 'text_encoder/model.onnx', 'vae_decoder/model.onnx', 'tokenizer/vocab.json']) expect(msg).toContain(f);
    expect(msg).toContain('--revision onnx');
    expect(msg).toContain('PyTorch');
    expect(hub.stats.requests.some((q) => q.url.includes('/resolve/'))).toBe(false);
    const ok = await pullModel('org/pytorch', fastOptions(box, [hub.url], { revision: 'onnx' }));
    expect(ok.revision).toBe('onnx');
  });

  it('all endpoints unreachable: one line naming each, unless the cache has the model', async () => {
    const dead = await deadEndpoint();
    const err = await pullModel('org/sd', fastOptions(box, [dead])).catch((e: unknown) => e);
    expect(err).toMatchObject({ code: 'hub/network' });
    expect((err as Error).message).toContain(new URL(dead).host);
    const first = await pullModel('org/sd', fastOptions(box, [hub.url]));
    const progress = collectProgress();
    const again = await pullModel('org/sd', fastOptions(box, [dead]), { onProgress: progress.onProgress });
    expect(again).toMatchObject({ path: first.path, commit: first.commit, source: 'cache', downloadedBytes: 0 });
    expect(progress.messages().join(' ')).toMatch(/cached snapshot/);
  });

  it('refuses to start without the disk space the download needs', async () => {
    await expect(checkDiskSpace(box.dir, 1e18)).rejects.toMatchObject({ code: 'hub/disk-full', params: { needed: 1e18 } });
    await expect(checkDiskSpace(path.join(box.dir, 'not', 'yet'), 1000)).resolves.toBeUndefined();
  });

  it('refuses listings whose paths would escape the snapshot', async () => {
    hub.addRepo({ id: 'org/evil', revisions: { main: [...sdRepoFiles({ unetBytes: 1000 }), { path: 'unet/../../../x', content: Buffer.from('x') }] } });
    await expect(pullModel('org/evil', fastOptions(box, [hub.url]))).rejects.toMatchObject({ code: 'hub/unsafe-path' });
  });
});

describe('what gets fetched', () => {
  it('include globs follow huggingface_hub (fnmatch; a trailing slash means the folder)', async () => {
    const r = await pullModel('org/sd', fastOptions(box, [hub.url], { include: ['unet/', '*.json'] }));
    const files = readdirSync(r.path, { recursive: true }).map(String).filter((f) => f.includes('.'));
    expect(files.sort()).toEqual(
      ['feature_extractor/preprocessor_config.json', 'model_index.json', 'scheduler/scheduler_config.json', 'tokenizer/special_tokens_map.json', 'tokenizer/vocab.json', 'unet/model.onnx', 'unet/weights.pb'].map((f) => f.split('/').join(path.sep)).sort(),
    );
  });

  it('paginated tree, a broken proxy without X-Repo-Commit, and a hub without the tree API', async () => {
    hub.pageSize = 2;
    hub.stripCommitHeader = true;
    const r = await pullModel('org/sd', fastOptions(box, [hub.url], { vaeEncoder: false }));
    expect(r.files).toBe(9);
    expect(hub.stats.requests.filter((q) => q.url.includes('/tree/')).length).toBeGreaterThan(5);
    expect(r.commit).toBe(hub.commitOf('org/sd'));
    hub.noTreeApi = true;
    const old = await pullModel('org/sd', fastOptions(box, [hub.url], { revision: 'onnx' }));
    expect(old.files).toBe(10);
    expect(hub.stats.requests.some((q) => q.url.includes('blobs=true'))).toBe(true);
  });

  it('a second pull finds everything in the cache and downloads nothing', async () => {
    const first = await pullModel('org/sd', fastOptions(box, [hub.url]));
    const served = hub.totalServed();
    const second = await pullModel('org/sd', fastOptions(box, [hub.url]));
    expect(second.path).toBe(first.path);
    expect(second.downloadedBytes).toBe(0);
    expect(hub.totalServed()).toBe(served);
  });

  it('HF_HUB_OFFLINE: cache only, with a clear error when the model is not there', async () => {
    const offline = { ...box.env, HF_HUB_OFFLINE: 'yes' };
    const err = await pullModel('org/sd', fastOptions(box, [hub.url], { env: offline })).catch((e: unknown) => e);
    expect(err).toMatchObject({ code: 'hub/offline-not-cached' });
    expect(hub.stats.requests).toEqual([]);
    const first = await pullModel('org/sd', fastOptions(box, [hub.url]));
    const n = hub.stats.requests.length;
    const r = await pullModel('org/sd', fastOptions(box, [hub.url], { env: offline }));
    expect(r).toMatchObject({ path: first.path, source: 'cache' });
    expect(hub.stats.requests.length).toBe(n);
  });

  it('HF_ENDPOINT (trailing slash and all) decides when nothing is given; listed endpoints skip a dead one', async () => {
    const dead = await deadEndpoint();
    const env = { ...box.env, HF_ENDPOINT: `${hub.url}/` };
    const r = await pullModel('org/sd', { ...fastOptions(box, []), endpoints: undefined, env });
    expect(r.source).toBe(new URL(hub.url).host);
    const both = await pullModel('org/sd', fastOptions(box, [dead, hub.url], { revision: 'onnx' }));
    expect(both.revision).toBe('onnx');
    expect(existsSync(path.join(box.cacheDir, 'models--org--sd', 'refs', 'onnx'))).toBe(true);
  });
});
