// bin/start.js (npm start): launches Electron's binary on the app when it exists; else one line that
// says why and offers the web host, exit 1. Electron's own ELECTRON_OVERRIDE_DIST_PATH points
// require('electron') at a binary of the test's choosing, so no real Electron is needed either way.
import { spawnSync } from 'node:child_process';
import { chmod, mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { REPO_ROOT } from '../helpers/fixtures.js';

const START = path.join(REPO_ROOT, 'bin/start.js');
let tmp: string;
beforeAll(async () => {
  tmp = await mkdtemp(path.join(os.tmpdir(), 'ls-start-'));
});
afterAll(async () => {
  await rm(tmp, { recursive: true, force: true });
});

function start(env: Record<string, string>, args: string[] = []) {
  return spawnSync(process.execPath, [START, ...args], { cwd: REPO_ROOT, env: { ...process.env, ...env }, encoding: 'utf8', timeout: 30_000 });
}

describe('npm start (bin/start.js)', () => {
  it('without Electron\'s binary: one line saying why and offering latent-studio serve, exit 1', () => {
    const r = start({ ELECTRON_OVERRIDE_DIST_PATH: path.join(tmp, 'no-electron-here') });
    expect(r.status).toBe(1);
    expect(r.stdout).toBe('');
    const lines = r.stderr.trimEnd().split('\n');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/^latent-studio: cannot start the app: Electron's binary is missing \(.*no-electron-here.*\).*npx latent-studio serve/);
  });

  it('when require("electron") throws (the install script never ran): the problem names Electron\'s own message', () => {
    const script = `const { findElectron } = await import(${JSON.stringify(START)}); console.log(JSON.stringify(findElectron(() => { throw new Error('Electron failed to install correctly, please delete node_modules/electron and try installing again'); })));`;
    const r = spawnSync(process.execPath, ['--input-type=module', '-e', script], { encoding: 'utf8' });
    expect(r.status, r.stderr).toBe(0);
    expect(JSON.parse(r.stdout)).toEqual({ problem: 'Electron is not installed (Electron failed to install correctly, please delete node_modules/electron and try installing again)' });
  });

  it('with a binary: runs it on the app folder with the arguments given, and exits with its code', async () => {
    const dir = path.join(tmp, 'dist');
    const argsFile = path.join(tmp, 'args.txt');
    await rm(dir, { recursive: true, force: true });
    await mkdir(dir, { recursive: true });
    const binary = path.join(dir, 'electron');
    await writeFile(binary, `#!/bin/sh\nprintf '%s\\n' "$@" > ${JSON.stringify(argsFile)}\nexit 3\n`);
    await chmod(binary, 0o755);
    const r = start({ ELECTRON_OVERRIDE_DIST_PATH: dir }, ['--model', '/models/x']);
    expect(r.status, r.stderr).toBe(3);
    expect((await readFile(argsFile, 'utf8')).trim().split('\n')).toEqual([REPO_ROOT, '--model', '/models/x']);
  });
});
