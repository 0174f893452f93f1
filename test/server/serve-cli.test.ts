// `latent-studio serve` as a user starts it: the URL is the last stdout line, the contract answers there,
// Ctrl-C stops it cleanly; a bad --model fails at startup with the folder named.
import { spawn } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';
import { REPO_ROOT } from '../helpers/fixtures.js';
import { MODEL_DIR, post } from './helpers.js';

let tmp: string;
beforeAll(async () => {
  tmp = await mkdtemp(path.join(os.tmpdir(), 'ls-serve-'));
});
afterAll(async () => {
  await rm(tmp, { recursive: true, force: true });
});

describe('latent-studio serve', () => {
  it('prints the loopback URL last on stdout, serves the contract, and stops on SIGINT', async () => {
    const child = spawn(process.execPath, [path.join(REPO_ROOT, 'bin/latent-studio.js'), 'serve', '--port', '0', '--no-hub-cache', '--model', MODEL_DIR], {
      cwd: REPO_ROOT, env: { ...process.env, LATENT_STUDIO_HOME: path.join(tmp, 'home') }, stdio: ['ignore', 'pipe', 'pipe'],
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
      expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/$/);
      const models = await post(url, 'models.list', {});
      expect(models.json.models).toEqual([expect.objectContaining({ id: 'model', path: MODEL_DIR })]);
    } finally {
      child.kill('SIGINT');
    }
    expect(await exited).toBe(0);
    expect(stdout.trim().split('\n').at(-1)).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/$/);
    // The host's log lines go to the data folder's log file.
    const log = await readFile(path.join(tmp, 'home', 'logs', 'latent-studio.log'), 'utf8');
    expect(log).toMatch(/^\S+Z INFO  serve listening on http:\/\/127\.0\.0\.1:\d+\/\n\S+Z INFO  serve stopped\n$/);
  });

  it('fails at startup on a missing model folder', async () => {
    const r = await runCli(['serve', '--port', '0', '--no-hub-cache', '--model', path.join(tmp, 'nope')], { env: { LATENT_STUDIO_HOME: path.join(tmp, 'home') } });
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/Model folder .*nope does not exist\. \[engine\/model-not-found\]/);
    expect(r.stdout).toBe('');
  });
});
