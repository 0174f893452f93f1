// `latent-studio models convert-fp16 DIR OUT`: a float16 copy of a float32 model folder that generate then runs.
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';
import { fixture } from '../helpers/fixtures.js';

const MODEL = fixture('diffusers-tiny', 'model');
const tmp = mkdtempSync(path.join(os.tmpdir(), 'ls-convert-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

describe('models convert-fp16', () => {
  it('writes a float16 folder, prints it, and generate runs it', async () => {
    const out = path.join(tmp, 'tiny-fp16');
    const r = await runCli(['models', 'convert-fp16', MODEL, out]);
    expect(r.stderr).toMatch(/unet: \d+ tensors to float16/);
    expect(r.code).toBe(0);
    expect(r.stdout.trim().split('\n').pop()).toBe(out);
    const g = await runCli(['generate', '--model', out, '--prompt', 'a cat', '--steps', '2', '--width', '64', '--height', '64', '--seed', '1', '--ep', 'cpu', '--no-gallery', '--json'], {
      env: { LATENT_STUDIO_HOME: path.join(tmp, 'home') },
    });
    expect(g.code).toBe(0);
    expect(JSON.parse(g.stdout)).toMatchObject({ seed: '1', ep: 'cpu' });
  }, 120_000);

  it('refuses a folder that is not a model, naming it', async () => {
    const r = await runCli(['models', 'convert-fp16', tmp, path.join(tmp, 'x')]);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain(tmp);
  });
});
