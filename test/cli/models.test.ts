// `latent-studio models pull|list|verify|rm` as a user's script runs them: the real CLI in a child process
// against the fake hub on loopback. Also a download SIGKILLed mid-file and finished by a new process
// without fetching the blocks the first one had finished.
import { spawn } from 'node:child_process';
import { existsSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';
import { REPO_ROOT } from '../helpers/fixtures.js';
import { FakeHub, bytes, sdRepoFiles } from '../hub/fake-hub.js';
import { sandbox, type Sandbox } from '../hub/helpers.js';

const REPO = 'org/sd';
const BIG = 'org/big';
const WEIGHTS = 'unet/weights.pb';
const BIG_SIZE = 16 << 20; // 1 MiB blocks with a resumable map, hashed on a worker thread

let hub: FakeHub;
let box: Sandbox;
let env: NodeJS.ProcessEnv;

beforeAll(async () => {
  const big = sdRepoFiles({ unetBytes: 1000 }).map((f) => (f.path === WEIGHTS ? { ...f, content: bytes(BIG_SIZE, 42) } : f));
  hub = await FakeHub.start([
    { id: REPO, revisions: { main: sdRepoFiles({ unetBytes: 400_000 }) } },
    { id: BIG, revisions: { main: big } },
  ]);
  box = sandbox();
  // Nothing from the real environment may leak in: no token, proxy, offline switch or endpoint.
  env = {
    ...box.env,
    HF_TOKEN: '', HUGGING_FACE_HUB_TOKEN: '', HF_HUB_OFFLINE: '', HF_ENDPOINT: '', HF_HUB_CACHE: '',
    HTTP_PROXY: '', HTTPS_PROXY: '', ALL_PROXY: '', http_proxy: '', https_proxy: '', all_proxy: '',
  };
});

afterAll(async () => {
  await hub.close();
  box.cleanup();
});

const repoBase = (repo: string) => path.join(box.cacheDir, `models--${repo.replace('/', '--')}`);
const lastLine = (s: string) => s.trimEnd().split('\n').pop() ?? '';

describe('latent-studio models', () => {
  it('pull prints the snapshot folder last on stdout, progress on stderr; --json prints one object', async () => {
    const r = await runCli(['models', 'pull', REPO, '--endpoint', hub.url, '--cache-dir', box.cacheDir], { env });
    expect(r.stderr).not.toMatch(/internal error/);
    expect(r.code).toBe(0);
    const snap = path.join(repoBase(REPO), 'snapshots', hub.commitOf(REPO));
    expect(lastLine(r.stdout)).toBe(snap);
    expect(r.stdout.trim().split('\n')).toHaveLength(1);
    expect(r.stderr).toContain('10 files');
    expect(readFileSync(path.join(snap, ...WEIGHTS.split('/'))).equals(hub.file(REPO, WEIGHTS).content)).toBe(true);

    // HF_ENDPOINT decides when neither --endpoint nor --mirror is given; everything is cached already.
    const j = await runCli(['models', 'pull', REPO, '--cache-dir', box.cacheDir, '--json'], { env: { ...env, HF_ENDPOINT: `${hub.url}/` } });
    expect(j.code).toBe(0);
    const lines = j.stdout.trim().split('\n');
    expect(lines).toHaveLength(1);
    const o = JSON.parse(lines[0]) as Record<string, unknown>;
    expect(Object.keys(o).sort()).toEqual(['bytes', 'commit', 'files', 'path', 'repo', 'revision', 'seconds']);
    expect(o).toMatchObject({ repo: REPO, revision: 'main', commit: hub.commitOf(REPO), path: snap, files: 10 });
    expect(o.bytes).toBeGreaterThan(400_000);
    expect(typeof o.seconds).toBe('number');
  });

  it('list --json, verify, verify after a corrupted blob (non-zero, one line), rm', async () => {
    const [list, ok] = await Promise.all([
      runCli(['models', 'list', '--cache-dir', box.cacheDir, '--json'], { env }),
      runCli(['models', 'verify', REPO, '--cache-dir', box.cacheDir], { env }),
    ]);
    expect(list.code).toBe(0);
    const models = JSON.parse(list.stdout) as { repo: string; kind: string; revisions: { commit: string; refs: string[]; onnx: boolean }[] }[];
    const sd = models.find((m) => m.repo === REPO);
    expect(sd).toMatchObject({ kind: 'hf-cache', revisions: [{ commit: hub.commitOf(REPO), refs: ['main'], onnx: true }] });

    expect(ok.code).toBe(0);
    expect(ok.stdout).toMatch(/10 files verified/);

    const blob = path.join(repoBase(REPO), 'blobs', hub.file(REPO, WEIGHTS).sha256);
    const b = readFileSync(blob);
    b[1234] ^= 0x40;
    writeFileSync(blob, b);
    const bad = await runCli(['models', 'verify', REPO, '--revision', 'main', '--cache-dir', box.cacheDir], { env });
    expect(bad.code).not.toBe(0);
    expect(bad.stdout).toBe('');
    const reason = lastLine(bad.stderr);
    expect(reason).toMatch(/^latent-studio: .*unet\/weights\.pb.*\[hub\/verify-failed\]$/);

    const rm = await runCli(['models', 'rm', REPO, '--cache-dir', box.cacheDir], { env });
    expect(rm.code).toBe(0);
    expect(existsSync(repoBase(REPO))).toBe(false);
    const after = await runCli(['models', 'list', '--cache-dir', box.cacheDir, '--json'], { env });
    expect((JSON.parse(after.stdout) as { repo: string }[]).some((m) => m.repo === REPO)).toBe(false);
  });

  it('fails with a non-zero exit and a one-line reason, never echoing the token', async () => {
    const [r, usage] = await Promise.all([
      runCli(['models', 'pull', 'org/missing', '--endpoint', hub.url, '--cache-dir', box.cacheDir, '--token', 'hf_SECRETsecret'], { env }),
      runCli(['models', 'pull', REPO, '--mirror', 'nowhere'], { env }),
    ]);
    expect(r.code).toBe(1);
    expect(r.stdout).toBe('');
    const lines = r.stderr.trim().split('\n');
    expect(lines[lines.length - 1]).toMatch(/^latent-studio: Repository "org\/missing" was not found .*\[hub\/repo-not-found\]$/);
    expect(r.stderr).not.toContain('SECRET');
    expect(usage.code).toBe(2);
  });

  it('a download killed with SIGKILL is finished by a new process without fetching any recorded byte again', async () => {
    hub.faults.set(WEIGHTS, { throttleBps: 500_000 }); // 8 connections × 2 s per 1 MiB block: time to kill it mid-way
    const blobs = path.join(repoBase(BIG), 'blobs');
    const args = ['models', 'pull', BIG, '--endpoint', hub.url, '--cache-dir', box.cacheDir];
    const child = spawn(process.execPath, [path.join(REPO_ROOT, 'bin/latent-studio.js'), ...args], { cwd: REPO_ROOT, env: { ...process.env, ...env }, stdio: 'ignore' });
    const exited = new Promise<NodeJS.Signals | null>((resolve) => child.on('exit', (_code, signal) => resolve(signal)));
    /** What the block map says is on disk: finished blocks, and bytes of unfinished ones. */
    const mapped = () => {
      const map = existsSync(blobs) ? readdirSync(blobs).find((n) => n.endsWith('.incomplete.json')) : undefined;
      try {
        const m = JSON.parse(readFileSync(path.join(blobs, map ?? '-'), 'utf8')) as { blocks: boolean[]; partial?: Record<string, number> };
        const done = m.blocks.filter(Boolean).length;
        return { done, bytes: done * (1 << 20) + Object.values(m.partial ?? {}).reduce((n, w) => n + w, 0) };
      } catch {
        return { done: 0, bytes: 0 }; // no map yet, or caught between the temp write and the rename: look again
      }
    };
    const deadline = Date.now() + 60_000;
    while (mapped().done < 3 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 25));
    child.kill('SIGKILL');
    expect(await exited).toBe('SIGKILL');
    const { done, bytes: onDisk } = mapped();
    expect(done).toBeGreaterThanOrEqual(3);
    expect(done).toBeLessThan(16);
    expect(existsSync(path.join(repoBase(BIG), 'snapshots'))).toBe(false); // nothing unverified is visible

    hub.faults.clear();
    const before = hub.served(WEIGHTS);
    const r = await runCli(args, { env });
    expect(r.code).toBe(0);
    const second = hub.served(WEIGHTS) - before;
    expect(second).toBe(BIG_SIZE - onDisk); // exactly what the killed process had not recorded
    const snap = lastLine(r.stdout);
    expect(readFileSync(path.join(snap, ...WEIGHTS.split('/'))).equals(hub.file(BIG, WEIGHTS).content)).toBe(true);
    expect(readdirSync(blobs).filter((n) => n.includes('.incomplete'))).toEqual([]);
  });
});
