// `latent-studio serve` as a user starts it: the URL is the last stdout line, the contract answers there,
// Ctrl-C stops it cleanly; a bad --model fails at startup with the folder named.
import { spawn } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_MODEL_NAME } from '../../src-main/services/default-model.js';
import { buildDefaultModel } from '../../tools/build-default-model.js';
import { runCli } from '../helpers/cli.js';
import { REPO_ROOT } from '../helpers/fixtures.js';
import { MODEL_DIR, post, rawRequest } from './helpers.js';

let tmp: string;
beforeAll(async () => {
  tmp = await mkdtemp(path.join(os.tmpdir(), 'ls-serve-'));
});
afterAll(async () => {
  await rm(tmp, { recursive: true, force: true });
});

/** Starts `latent-studio serve ARGS`, runs `use` with the printed URL, then stops it with SIGINT. */
async function withServe(args: string[], use: (url: string) => Promise<void>, opts: { demo?: boolean; home?: string } = {}): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const demo = opts.demo ? [] : ['--no-demo-model'];
  const child = spawn(process.execPath, [path.join(REPO_ROOT, 'bin/latent-studio.js'), 'serve', '--port', '0', '--no-hub-cache', '--model', MODEL_DIR, ...demo, ...args], {
    cwd: REPO_ROOT, env: { ...process.env, LATENT_STUDIO_HOME: opts.home ?? path.join(tmp, 'home') }, stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stderr.on('data', (d) => (stderr += d));
  const exited = new Promise<number | null>((resolve) => child.on('close', (code) => resolve(code)));
  try {
    const url = await new Promise<string>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no URL within 60 s; stderr: ${stderr}`)), 60_000);
      child.stdout.on('data', (d) => {
        stdout += d;
        const m = /^(http:\/\/\S+)\n/m.exec(stdout);
        if (m) { clearTimeout(timer); resolve(m[1]); }
      });
      child.on('close', () => reject(new Error(`serve exited early; stderr: ${stderr}`)));
    });
    await use(url);
  } finally {
    child.kill('SIGINT');
  }
  return { code: await exited, stdout, stderr };
}

describe('latent-studio serve', () => {
  it('prints the loopback URL last on stdout, serves the contract, and stops on SIGINT', async () => {
    const r = await withServe([], async (url) => {
      expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/$/);
      const models = await post(url, 'models.list', {});
      expect(models.json.models).toEqual([expect.objectContaining({ id: 'model', path: MODEL_DIR })]);
    });
    expect(r.code).toBe(0);
    expect(r.stdout.trim().split('\n').at(-1)).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/$/);
    // The host's log lines go to the data folder's log file.
    const log = await readFile(path.join(tmp, 'home', 'logs', 'latent-studio.log'), 'utf8');
    expect(log).toMatch(/\S+Z INFO  serve listening on http:\/\/127\.0\.0\.1:\d+\/\n\S+Z INFO  serve stopped\n$/);
  });

  it('installs the built demo model into a new data folder and offers it after the --model folders; --no-demo-model leaves it out', async () => {
    await buildDefaultModel(); // what `npm run build` (and `npm run serve`) do: dist/default-model in the checkout
    const home = path.join(tmp, 'home-demo');
    const expected = [expect.objectContaining({ id: 'model', source: 'folder' }), { id: DEFAULT_MODEL_NAME, name: DEFAULT_MODEL_NAME, source: 'builtin', path: path.join(home, 'models', DEFAULT_MODEL_NAME) }];
    for (let run = 0; run < 2; run++) {
      const r = await withServe([], async (url) => {
        expect((await post(url, 'models.list', {})).json.models).toEqual(expected);
      }, { demo: true, home });
      expect(r.code).toBe(0);
    }
    const log = await readFile(path.join(home, 'logs', 'latent-studio.log'), 'utf8');
    expect(log.match(/installed the demo model in /g)).toHaveLength(1); // copied on the first run only
    await withServe([], async (url) => {
      expect((await post(url, 'models.list', {})).json.models).toEqual([expected[0]]);
    }, { home });
  }, 120_000);

  it('--token: the printed URL carries it and requests without it are refused', async () => {
    const token = 'cli-token-0123456789abcdef';
    const r = await withServe(['--token', token], async (url) => {
      expect(url).toMatch(new RegExp(`^http://127\\.0\\.0\\.1:\\d+/\\?token=${token}$`));
      const info = (path: string) => rawRequest(url, { method: 'POST', path, headers: { 'Content-Type': 'application/json' }, body: '{}' });
      expect((await info('/api/app.info')).status).toBe(401);
      expect((await info(`/api/app.info?token=${token}`)).status).toBe(200);
    });
    expect(r.code).toBe(0);
  });

  it('--host 0.0.0.0: a generated token in a URL a browser opens; --allowed-host names are answered, others refused', async () => {
    const r = await withServe(['--host', '0.0.0.0', '--allowed-host', 'studio.test'], async (printed) => {
      const url = new URL(printed);
      expect(url.hostname).not.toBe('0.0.0.0');
      const token = url.searchParams.get('token');
      expect(token).toMatch(/^[A-Za-z0-9_-]{32}$/);
      const local = `http://127.0.0.1:${url.port}/`;
      const ask = (host: string) => rawRequest(local, { method: 'POST', path: '/api/app.info', headers: { Host: `${host}:${url.port}`, Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' }, body: '{}' });
      expect((await ask('studio.test')).status).toBe(200);
      expect((await ask('evil.example')).status).toBe(403);
    });
    expect(r.code).toBe(0);
    expect(r.stderr).toMatch(/warning: listening on 0\.0\.0\.0/);
  });

  it('fails at startup on a missing model folder', async () => {
    const r = await runCli(['serve', '--port', '0', '--no-hub-cache', '--model', path.join(tmp, 'nope')], { env: { LATENT_STUDIO_HOME: path.join(tmp, 'home') } });
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/Model folder .*nope does not exist\. \[engine\/model-not-found\]/);
    expect(r.stdout).toBe('');
  });
});
