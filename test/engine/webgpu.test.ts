// The GPU code path for real: onnxruntime-node's bundled WebGPU provider on SwiftShader's software
// Vulkan driver (Debian's chromium ships it; libvulkan1 loads it). Slow, so small sizes and few steps.
// Missing pieces fail the test with what to install; nothing is skipped.
import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const ICD = '/usr/lib/chromium/vk_swiftshader_icd.json';
// NOTE: the Vulkan loader reads these when the WebGPU context is first created, so set them before any session.
process.env.VK_ICD_FILENAMES ??= ICD;
process.env.XDG_RUNTIME_DIR ??= path.join(os.tmpdir(), `ls-xdg-${process.getuid?.() ?? 0}`);
mkdirSync(process.env.XDG_RUNTIME_DIR, { recursive: true, mode: 0o700 });

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Engine, LoadedModel, txt2img, type GenerateResult } from '../../src-main/engine/pipeline/index.js';
import { convertFolderToFloat16 } from '../../src-main/engine/onnx/index.js';
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
    expect(gpu.latentsOnDevice).toBe(true);
    expect(maxAbsDiff(gpu.images[0].float, cpu.images[0].float)).toBeLessThanOrEqual(2e-3);
    expect(maxAbsDiff(gpu.images[0].rgb, cpu.images[0].rgb)).toBeLessThanOrEqual(1);
  }, 600_000);

  it('gives the same image whether the text embeddings stay on the GPU or are uploaded every step', async () => {
    const resident = await txt2img(gpuModel, { ...REQUEST, steps: 2 });
    const uploading = await LoadedModel.load(MODEL, { ep: 'webgpu', residentContext: false });
    try {
      expect(await uploading.deviceUploader()).toBeNull();
      expect(await gpuModel.deviceUploader()).not.toBeNull();
      const again = await txt2img(uploading, { ...REQUEST, steps: 2 });
      expect(maxAbsDiff(again.images[0].float, resident.images[0].float)).toBe(0);
    } finally {
      await uploading.release();
    }
  }, 600_000);

  it('keeps the latents on the GPU between steps (Euler, Euler a, DPM++ 2M Karras, PNDM) and gives the image of the loop that brings them back each step', async () => {
    const roundTrip = await LoadedModel.load(MODEL, { ep: 'webgpu', residentLatents: false });
    try {
      for (const scheduler of ['euler', 'euler-a', 'dpmpp-2m-karras', 'pndm']) {
        // DPM++ takes its second-order step (the carried x0) only between the first and the last, and PNDM
        // its special second step and first PLMS combination from 3 steps on.
        const req = { ...REQUEST, steps: scheduler === 'dpmpp-2m-karras' || scheduler === 'pndm' ? 3 : 2, scheduler };
        const resident = await txt2img(gpuModel, req);
        const back = await txt2img(roundTrip, req);
        expect(resident.latentsOnDevice).toBe(true);
        expect(back.latentsOnDevice).toBe(false);
        // Same arithmetic in another order (cx·x + ce·ε on the GPU vs step() in float32 on the CPU).
        const d = maxAbsDiff(resident.latents, back.latents);
        console.log(`${scheduler}: latents kept on the GPU vs brought back each step: max |Δ| ${d.toExponential(2)}`);
        expect(d).toBeLessThanOrEqual(1e-4);
        expect(maxAbsDiff(resident.images[0].rgb, back.images[0].rgb)).toBeLessThanOrEqual(1);
      }
    } finally {
      await roundTrip.release();
    }
    // DDIM with clip_sample (not a linear step) takes the CPU loop; a caller that wants every step's latents (the
    // timeline) keeps the device loop and gets them read back in batches (test/timeline/device-capture.test.ts).
    expect((await txt2img(gpuModel, { ...REQUEST, steps: 1, scheduler: 'ddim', schedulerOverrides: { clip_sample: true } })).latentsOnDevice).toBe(false);
    expect((await txt2img(gpuModel, { ...REQUEST, steps: 1 }, { captureLatents: true })).latentsOnDevice).toBe(true);
  }, 900_000);

  // SwiftShader has no float16 shaders (no shader-f16), so the float16 model is widened to float32 on
  // load: this proves the float16 export loads and runs on WebGPU and the fallback; the float16
  // arithmetic itself needs a real GPU (docs/benchmarks.md). The float16 weights round the image a little.
  it('runs the float16 conversion of the model and gives the CPU float32 image (max |Δ| ≤ 5e-3, PNG within 3 levels)', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'ls-f16-'));
    try {
      await convertFolderToFloat16(MODEL, dir);
      const f16 = await LoadedModel.load(dir, { ep: 'webgpu' });
      const cpu16 = await LoadedModel.load(dir, { ep: 'cpu' });
      try {
        expect(f16.ep).toBe('webgpu');
        expect(cpu16.unetIo).toMatchObject({ sample: { type: 'float16' } });
        const gpu = await txt2img(f16, REQUEST);
        const onCpu = await txt2img(cpu16, REQUEST);
        const d = maxAbsDiff(gpu.images[0].float, cpu.images[0].float);
        console.log(`webgpu float16 model (widened: ${f16.unet.widened}) vs cpu float32: max |Δ| ${d.toExponential(2)}; cpu float16 vs cpu float32 ${maxAbsDiff(onCpu.images[0].float, cpu.images[0].float).toExponential(2)}`);
        expect(d).toBeLessThanOrEqual(5e-3);
        expect(maxAbsDiff(gpu.images[0].rgb, cpu.images[0].rgb)).toBeLessThanOrEqual(3);
        expect(maxAbsDiff(onCpu.images[0].float, cpu.images[0].float)).toBeLessThanOrEqual(5e-3);
      } finally {
        await f16.release();
        await cpu16.release();
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 600_000);

  it('is passed over by auto on a software Vulkan driver, with the reason', async () => {
    const engine = new Engine({ ep: 'auto' });
    const r = await engine.generate(MODEL, { ...REQUEST, steps: 1 });
    await engine.unload();
    expect(r.ep).toBe('cpu');
    expect(r.skipped.find((s) => s.ep === 'webgpu')?.reason).toMatch(/software/);
  }, 600_000);
});
