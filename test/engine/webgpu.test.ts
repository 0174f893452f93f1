// The GPU code path for real: onnxruntime-node's bundled WebGPU provider on SwiftShader's software
// Vulkan driver (Debian's chromium ships it; libvulkan1 loads it). Slow, so small sizes and few steps.
// Missing pieces fail the test with what to install; nothing is skipped.
import { existsSync, mkdirSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const ICD = '/usr/lib/chromium/vk_swiftshader_icd.json';
// NOTE: the Vulkan loader reads these when the WebGPU context is first created, so set them before any session.
process.env.VK_ICD_FILENAMES ??= ICD;
process.env.XDG_RUNTIME_DIR ??= path.join(os.tmpdir(), `ls-xdg-${process.getuid?.() ?? 0}`);
mkdirSync(process.env.XDG_RUNTIME_DIR, { recursive: true, mode: 0o700 });

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Engine, LoadedModel, txt2img, type GenerateResult } from '../../src-main/engine/pipeline/index.js';
import { fixture } from '../helpers/fixtures.js';

const MODEL = fixture('diffusers-tiny', 'model');
const REQUEST = { prompt: 'a dog wearing hat', steps: 3, guidance: 7.5, seed: 100n, width: 64, height: 64, scheduler: 'euler' };

function maxAbsDiff(a: ArrayLike<number>, b: ArrayLike<number>): number {
  let m = 0;
  for (let i = 0; i < a.length; i++) m = Math.max(m, Math.abs(a[i] - b[i]));
  return m;
}

beforeAll(() => {
  if (!existsSync(ICD)) throw new Error(`${ICD} is missing: install Debian's chromium (apt-get install chromium libvulkan1) for the SwiftShader Vulkan driver.`);
});

describe('WebGPU provider (SwiftShader)', () => {
  let cpu: GenerateResult;
  let gpuModel: LoadedModel;
  beforeAll(async () => {
    const cpuModel = await LoadedModel.load(MODEL, { ep: 'cpu' });
    cpu = await txt2img(cpuModel, REQUEST);
    await cpuModel.release();
    gpuModel = await LoadedModel.load(MODEL, { ep: 'webgpu' });
  }, 600_000);
  afterAll(async () => {
    await gpuModel?.release();
  });

  it('gives the CPU image in float32 (max |Δ| ≤ 2e-3 on [0,1], PNG within 1 level)', async () => {
    expect(gpuModel.ep).toBe('webgpu');
    const gpu = await txt2img(gpuModel, REQUEST);
    expect(maxAbsDiff(gpu.images[0].float, cpu.images[0].float)).toBeLessThanOrEqual(2e-3);
    expect(maxAbsDiff(gpu.images[0].rgb, cpu.images[0].rgb)).toBeLessThanOrEqual(1);
  }, 600_000);

  it('is passed over by auto on a software Vulkan driver, with the reason', async () => {
    const engine = new Engine({ ep: 'auto' });
    const r = await engine.generate(MODEL, { ...REQUEST, steps: 1 });
    await engine.unload();
    expect(r.ep).toBe('cpu');
    expect(r.skipped.find((s) => s.ep === 'webgpu')?.reason).toMatch(/software/);
  }, 600_000);
});
