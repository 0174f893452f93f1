// Timeline capture on diffusers' tiny fixture: one frame per U-Net call, x_t equal to diffusers' step
// latents and x0 to its pred_original_sample within float16 rounding, the last frame the final latent,
// and the folder readable without the app (numpy reads it).
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readNpyFloat32 } from '../../src-main/engine/npy.js';
import { LoadedModel, txt2img, type GenerateResult } from '../../src-main/engine/pipeline/index.js';
import { float16ToFloat32 } from '../../src-main/engine/float16.js';
import { TimelineRecorder, readTimeline, type TimelineArrays } from '../../src-main/timeline/index.js';
import { fixture } from '../helpers/fixtures.js';

const MODEL = fixture('diffusers-tiny', 'model');
const REF = fixture('diffusers-tiny', 'reference', 'txt2img');
const REQUEST = { prompt: 'a dog wearing hat', negativePrompt: '', steps: 12, guidance: 7.5, seed: 100n, width: 64, height: 64 };

// Fixture case → scheduler id; x0: diffusers returns pred_original_sample for it.
const CASES: Array<{ ref: string; scheduler: string; x0: boolean }> = [
  { ref: 'euler', scheduler: 'euler', x0: true },
  { ref: 'euler_a', scheduler: 'euler-a', x0: true },
  { ref: 'lms', scheduler: 'lms', x0: true },
  { ref: 'ddim', scheduler: 'ddim', x0: true },
  { ref: 'pndm', scheduler: 'pndm', x0: false },
  { ref: 'dpmpp_2m', scheduler: 'dpmpp-2m', x0: false },
];

/** Worst |ours − ref| beyond what 1e-3 (the fixture's step tolerance) plus float16 rounding of ref allows. */
function worstExcess(ours: Float32Array, ref: Float32Array): number {
  expect(ours.length).toBe(ref.length);
  let worst = -Infinity;
  for (let i = 0; i < ref.length; i++) worst = Math.max(worst, Math.abs(ours[i] - ref[i]) - (1e-3 + Math.abs(ref[i]) * 2 ** -11));
  return worst;
}

let model: LoadedModel;
let tmp: string;
beforeAll(async () => {
  model = await LoadedModel.load(MODEL, { ep: 'cpu' });
  tmp = mkdtempSync(path.join(os.tmpdir(), 'ls-timeline-'));
});
afterAll(async () => {
  await model?.release();
  rmSync(tmp, { recursive: true, force: true });
});

async function capture(scheduler: string, dir: string): Promise<{ result: GenerateResult; t: TimelineArrays }> {
  // No shape given: the recorder takes it from the first step event.
  const recorder = new TimelineRecorder({ scheduler, family: model.folder.defaults.family, parameters: { prompt: REQUEST.prompt, scheduler } });
  const result = await txt2img(model, { ...REQUEST, scheduler }, { captureLatents: true, onStep: (e) => recorder.record(e) });
  await recorder.finish(dir);
  return { result, t: await readTimeline(dir) };
}

describe('timeline capture on the CPU loop', () => {
  for (const c of CASES) {
    it(`records every U-Net call of ${c.ref} as diffusers computed it`, async () => {
      const dir = path.join(tmp, c.ref);
      const { result, t } = await capture(c.scheduler, dir);
      const steps = await readNpyFloat32(path.join(REF, c.ref, 'step_latents.npy'));
      const calls = await readNpyFloat32(path.join(REF, c.ref, 'unet_timestep.npy'));
      // PNDM repeats its second timestep: 13 U-Net calls for 12 steps.
      expect(t.meta.shape).toEqual([steps.shape[0], 1, 4, 8, 8]);
      expect(t.meta.steps.length).toBe(steps.shape[0]);
      expect(calls.shape[0]).toBe(steps.shape[0]);
      if (c.ref === 'pndm') expect(t.meta.shape[0]).toBe(13);
      t.meta.steps.forEach((s, i) => {
        expect(s.index).toBe(i);
        expect(s.timestep).toBeCloseTo(calls.data[i * (calls.data.length / calls.shape[0])], 3);
        expect(s.guidanceStrength).toBeGreaterThan(0);
        expect(s.ms).toBeGreaterThan(0);
      });
      expect(worstExcess(float16ToFloat32(t.xt), steps.data)).toBeLessThanOrEqual(0);
      // The last frame is the final latent, to float16 rounding.
      const per = 4 * 8 * 8;
      const last = float16ToFloat32(t.xt.subarray((t.meta.shape[0] - 1) * per));
      for (let i = 0; i < per; i++) expect(Math.abs(last[i] - result.latents[i])).toBeLessThanOrEqual(Math.abs(result.latents[i]) * 2 ** -11);
      if (c.x0) {
        const x0 = await readNpyFloat32(path.join(REF, c.ref, 'pred_original_sample.npy'));
        expect(worstExcess(float16ToFloat32(t.x0), x0.data)).toBeLessThanOrEqual(0);
        expect(t.meta.x0).toBe('scheduler');
      } else {
        expect(t.meta.x0).toBe('derived');
      }
    }, 120_000);
  }

  it("derives PNDM's and DPM++'s x0 so the last step's x0 is near the final latent", async () => {
    for (const c of CASES.filter((k) => !k.x0)) {
      const t = await readTimeline(path.join(tmp, c.ref));
      const per = 4 * 8 * 8;
      const n = t.meta.shape[0];
      const x0 = float16ToFloat32(t.x0.subarray((n - 1) * per));
      const xt = float16ToFloat32(t.xt.subarray((n - 1) * per));
      const first = float16ToFloat32(t.xt.subarray(0, per));
      // The last x0 estimate is much closer to the result than the first step's latents are.
      let dLast = 0;
      let dFirst = 0;
      for (let i = 0; i < per; i++) {
        dLast += Math.abs(x0[i] - xt[i]);
        dFirst += Math.abs(first[i] - xt[i]);
      }
      expect(dLast).toBeLessThan(dFirst / 4);
    }
  });

  it('writes a folder numpy reads: float16 arrays [steps, batch, 4, H/8, W/8] and timeline.json', () => {
    const dir = path.join(tmp, 'euler');
    const script = [
      'import json, sys, numpy as np',
      'd = sys.argv[1]',
      'm = json.load(open(d + "/timeline.json"))',
      'xt = np.load(d + "/x_t.npy"); x0 = np.load(d + "/x0.npy")',
      'print(json.dumps({"dtype": str(xt.dtype), "shape": list(xt.shape), "x0": list(x0.shape), "steps": len(m["steps"]), "meta": m["shape"], "sum": float(np.abs(xt.astype(np.float32)).sum())}))',
    ].join('\n');
    const out = JSON.parse(execFileSync('python3', ['-c', script, dir], { encoding: 'utf8' }));
    expect(out.dtype).toBe('float16');
    expect(out.shape).toEqual([12, 1, 4, 8, 8]);
    expect(out.x0).toEqual([12, 1, 4, 8, 8]);
    expect(out.meta).toEqual(out.shape);
    expect(out.steps).toBe(12);
    expect(out.sum).toBeGreaterThan(0);
  });

  it('splits a batch into one folder per image and refuses to overwrite a folder', async () => {
    const recorder = new TimelineRecorder({ shape: [2, 4, 8, 8], scheduler: 'euler', family: 'sd1', parameters: {} });
    const result = await txt2img(model, { ...REQUEST, steps: 3, scheduler: 'euler', batchSize: 2 }, { captureLatents: true, onStep: (e) => recorder.record(e) });
    await recorder.finish(path.join(tmp, 'batch'));
    await recorder.finish(path.join(tmp, 'batch-1'), { batchIndex: 1 });
    const all = await readTimeline(path.join(tmp, 'batch'));
    const one = await readTimeline(path.join(tmp, 'batch-1'));
    expect(all.meta.shape).toEqual([3, 2, 4, 8, 8]);
    expect(one.meta.shape).toEqual([3, 1, 4, 8, 8]);
    expect(one.meta.batchOffset).toBe(1);
    const per = 4 * 8 * 8;
    for (let s = 0; s < 3; s++) expect(Array.from(one.xt.subarray(s * per, (s + 1) * per))).toEqual(Array.from(all.xt.subarray((s * 2 + 1) * per, (s * 2 + 2) * per)));
    const last = float16ToFloat32(one.xt.subarray(2 * per));
    for (let i = 0; i < per; i++) expect(Math.abs(last[i] - result.latents[per + i])).toBeLessThanOrEqual(Math.abs(result.latents[per + i]) * 2 ** -11);
    await expect(recorder.finish(path.join(tmp, 'batch'))).rejects.toMatchObject({ code: 'timeline/target-exists' });
  }, 120_000);
});
