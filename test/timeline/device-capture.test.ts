// The timeline on the GPU path (latents kept on the device, read back in batches): onnxruntime-node's
// WebGPU provider on SwiftShader's software Vulkan driver must capture what the CPU loop captures.
// Slow, so small sizes and few steps; missing pieces fail the test with what to install.
import { existsSync, mkdirSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const ICD = '/usr/lib/chromium/vk_swiftshader_icd.json';
// NOTE: the Vulkan loader reads these when the WebGPU context is first created, so set them before any session.
process.env.VK_ICD_FILENAMES ??= ICD;
process.env.XDG_RUNTIME_DIR ??= path.join(os.tmpdir(), `ls-xdg-${process.getuid?.() ?? 0}`);
mkdirSync(process.env.XDG_RUNTIME_DIR, { recursive: true, mode: 0o700 });

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LoadedModel, txt2img, type StepEvent } from '../../src-main/engine/pipeline/index.js';
import { CAPTURE_BATCH_STEPS } from '../../src-main/engine/pipeline/denoise-on-device.js';
import { fixture } from '../helpers/fixtures.js';

const MODEL = fixture('diffusers-tiny', 'model');
const BASE = { prompt: 'a dog wearing hat', guidance: 7.5, seed: 100n, width: 64, height: 64 };

/**
 * Worst |a − b| beyond float32 drift between the providers: `abs` plus 2^-16 relative. x0 = x − σ·ε
 * carries the noise prediction's drift times σ, so its bound scales with σ.
 */
function worstExcess(a: Float32Array, b: Float32Array, abs: number): number {
  expect(a.length).toBe(b.length);
  let worst = -Infinity;
  for (let i = 0; i < a.length; i++) worst = Math.max(worst, Math.abs(a[i] - b[i]) - (abs + Math.abs(b[i]) * 2 ** -16));
  return worst;
}

beforeAll(() => {
  if (!existsSync(ICD)) throw new Error(`${ICD} is missing: install Debian's chromium (apt-get install chromium libvulkan1) for the SwiftShader Vulkan driver.`);
});

describe('timeline capture on the WebGPU path (SwiftShader)', () => {
  let cpu: LoadedModel;
  let gpu: LoadedModel;
  beforeAll(async () => {
    cpu = await LoadedModel.load(MODEL, { ep: 'cpu' });
    gpu = await LoadedModel.load(MODEL, { ep: 'webgpu' });
  }, 600_000);
  afterAll(async () => {
    await cpu?.release();
    await gpu?.release();
  });

  // euler: single-step; dpmpp-2m: a carried state. Three steps: read back after step 1, then 2 and 3 together.
  for (const [scheduler, steps] of [['euler', 3], ['dpmpp-2m', 3]] as const) {
    it(`${scheduler}: every step's latents, x0 and guidance strength equal the CPU loop's`, async () => {
      expect(CAPTURE_BATCH_STEPS).toBeGreaterThan(2); // else step 2 would not wait for step 3's readback
      const onCpu: StepEvent[] = [];
      const onGpu: StepEvent[] = [];
      const a = await txt2img(cpu, { ...BASE, steps, scheduler }, { captureLatents: true, onStep: (e) => onCpu.push(e) });
      const b = await txt2img(gpu, { ...BASE, steps, scheduler }, { captureLatents: true, onStep: (e) => onGpu.push(e) });
      expect(a.latentsOnDevice).toBe(false);
      expect(b.latentsOnDevice).toBe(true);
      expect(onGpu.map((e) => e.step)).toEqual(onCpu.map((e) => e.step));
      onGpu.forEach((g, i) => {
        const c = onCpu[i];
        expect(g.timestep).toBe(c.timestep);
        expect(worstExcess(g.latents!, c.latents!, 1e-4)).toBeLessThanOrEqual(0);
        expect(worstExcess(g.predOriginal!, c.predOriginal!, 1e-4 * (1 + c.sigma))).toBeLessThanOrEqual(0);
        expect(Math.abs(g.guidanceStrength! - c.guidanceStrength!)).toBeLessThanOrEqual(1e-4 * Math.max(1, c.guidanceStrength!));
      });
      expect(worstExcess(b.latents, a.latents, 1e-4)).toBeLessThanOrEqual(0);
      expect(onGpu[onGpu.length - 1].latents).toEqual(b.latents);
    }, 600_000);
  }
});
