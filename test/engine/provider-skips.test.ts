// Skipped providers in words a user can act on, with onnxruntime's own text kept apart as `detail`; and no
// native Vulkan/Dawn warnings on the terminal when there is no Vulkan driver (WebGPU is not even tried).
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { StudioError } from '../../src-shared/errors.js';
import { skipForFailure } from '../../src-main/engine/runtime/provider-skips.js';
import { vulkanDriverManifests } from '../../src-main/engine/runtime/vulkan-drivers.js';
import { runCli } from '../helpers/cli.js';
import { fixture } from '../helpers/fixtures.js';

const MODEL = fixture('diffusers-tiny', 'model');
const tmp = mkdtempSync(path.join(os.tmpdir(), 'skips-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));
const generate = ['generate', '--model', MODEL, '--prompt', 'x', '--steps', '2', '--width', '64', '--height', '64', '--no-gallery', '--out', path.join(tmp, 'x.png')];
// A manifest the loader finds but whose library does not exist: Dawn then reports "No supported adapters".
const brokenIcd = path.join(tmp, 'broken_icd.json');
writeFileSync(brokenIcd, JSON.stringify({ file_format_version: '1.0.0', ICD: { library_path: path.join(tmp, 'libvulkan_missing.so'), api_version: '1.3.0' } }));

describe('vulkanDriverManifests', () => {
  it('follows VK_ICD_FILENAMES when set, else the XDG folders', () => {
    expect(vulkanDriverManifests({ VK_ICD_FILENAMES: brokenIcd })).toEqual([brokenIcd]);
    expect(vulkanDriverManifests({ VK_ICD_FILENAMES: path.join(tmp, 'none.json') })).toEqual([]);
    const data = path.join(tmp, 'share');
    mkdirSync(path.join(data, 'vulkan', 'icd.d'), { recursive: true });
    writeFileSync(path.join(data, 'vulkan', 'icd.d', 'gpu.json'), '{}');
    const empty = path.join(tmp, 'empty');
    const env = { XDG_DATA_DIRS: data, XDG_DATA_HOME: empty, XDG_CONFIG_HOME: empty, XDG_CONFIG_DIRS: empty };
    expect(vulkanDriverManifests(env).filter((f) => f.startsWith(tmp))).toEqual([path.join(data, 'vulkan', 'icd.d', 'gpu.json')]);
  });
});

describe('skipForFailure', () => {
  it('keeps our own readable messages and hides unknown native text behind a sentence', () => {
    const nan = new StudioError('engine/non-finite', 'The U-Net produced NaN or infinite values on webgpu (a float16 overflow or a broken export).');
    expect(skipForFailure('webgpu', nan)).toEqual({ ep: 'webgpu', reason: nan.message });
    const odd = new StudioError('engine/session-failed', 'onnxruntime could not load u.onnx on cuda: x.cc:12 something odd', {}, { cause: new Error('x.cc:12 something odd') });
    expect(skipForFailure('cuda', odd)).toEqual({ ep: 'cuda', reason: 'onnxruntime could not load the model on this provider (details in the log)', detail: 'x.cc:12 something odd' });
  });
});

describe('generate on a machine without a usable Vulkan driver', () => {
  it('says in one sentence that no driver is installed, and Dawn prints nothing', async () => {
    const r = await runCli([...generate, '--json'], { env: { VK_ICD_FILENAMES: path.join(tmp, 'none.json') } });
    expect(r.code).toBe(0);
    expect(r.stderr).not.toMatch(/vkCreateInstance|Warning:|webgpu_context/);
    const j = JSON.parse(r.stdout);
    expect(j.skippedProviders.find((s: { ep: string }) => s.ep === 'webgpu')).toEqual({ ep: 'webgpu', reason: expect.stringMatching(/^no Vulkan driver is installed/) });
  });

  it('turns "No supported adapters" into a sentence; the JSON keeps {ep, reason} and the native text stays out', async () => {
    const r = await runCli([...generate, '--json'], { env: { VK_ICD_FILENAMES: brokenIcd } });
    expect(r.code).toBe(0);
    const webgpu = JSON.parse(r.stdout).skippedProviders.find((s: { ep: string }) => s.ep === 'webgpu');
    expect(webgpu).toEqual({ ep: 'webgpu', reason: 'no GPU adapter was found (install a Vulkan driver for your GPU)' });
    expect(r.stdout).not.toMatch(/webgpu_context|adapter_result/);

    const forced = await runCli([...generate, '--ep', 'webgpu'], { env: { VK_ICD_FILENAMES: brokenIcd } });
    expect(forced.code).not.toBe(0);
    expect(forced.stderr.trim().split('\n').at(-1)).toMatch(/^latent-studio: Could not load .*unet.* on webgpu: no GPU adapter was found \(install a Vulkan driver for your GPU\)\. \[engine\/session-failed\]$/);
  });
});
