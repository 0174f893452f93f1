// The denoising-step graph the WebGPU loop runs (pipeline/device-step.ts), checked on onnxruntime's CPU
// provider for every variant — guided or not, with or without fresh noise or a carried state (DPM-Solver++),
// float32 or float16 U-Net I/O —
// against the same arithmetic written out here. (On the GPU it is checked end to end in webgpu.test.ts.)
import * as ort from 'onnxruntime-node';
import { describe, expect, it } from 'vitest';
import { stepModel, type StepVariant } from '../../src-main/engine/pipeline/device-step.js';
import { float16ToFloat32, float32ToFloat16 } from '../../src-main/engine/runtime/float16.js';

const B = 2;
const PER = 4 * 3 * 5;
let seed = 3;
const rand = (n: number) => Float32Array.from({ length: n }, () => ((seed = (seed * 16807) % 2147483647) / 2147483647) * 4 - 2);

function tensor(type: 'float32' | 'float16', data: Float32Array, dims: number[]): ort.Tensor {
  return type === 'float16' ? new ort.Tensor('float16', float32ToFloat16(data), dims) : new ort.Tensor('float32', data, dims);
}
const read = (t: ort.Tensor) => (t.type === 'float16' ? float16ToFloat32(t.data as Uint16Array) : (t.data as Float32Array));

describe('device step graph', () => {
  const cases: Array<[guided: boolean, noise: boolean, history: boolean]> = [
    [true, false, false], [false, false, false], [true, true, false], [false, true, false], [true, false, true], [false, false, true],
  ];
  for (const [guided, noise, history] of cases) {
    for (const type of ['float32', 'float16'] as const) {
      const v: StepVariant = { guided, noise, history, predType: type, sampleType: type };
      it(`${guided ? 'guided' : 'unguided'}, ${noise ? 'with' : 'without'} noise, ${history ? 'with a carried state, ' : ''}${type} U-Net I/O`, async () => {
        const session = await ort.InferenceSession.create(stepModel(v), { executionProviders: ['cpu'], logSeverityLevel: 3 });
        const rows = guided ? 2 * B : B;
        const pred = rand(rows * PER);
        const x = rand(B * PER);
        const nz = rand(B * PER);
        const prev = rand(B * PER);
        const c = { g: 7.5, cx: 0.97, ce: -0.31, cn: 0.42, s: 0.61, ch: 0.23, px: 1.1, pe: -0.7 };
        const feeds: Record<string, ort.Tensor> = {
          pred: tensor(type, pred, [rows, 4, 3, 5]),
          x: new ort.Tensor('float32', x, [B, 4, 3, 5]),
          coef: new ort.Tensor('float32', Float32Array.of(c.g, c.cx, c.ce, c.cn, c.s, c.ch, c.px, c.pe), [8]),
        };
        if (noise) feeds.noise = new ort.Tensor('float32', nz, [B, 4, 3, 5]);
        if (history) feeds.prev_state = new ort.Tensor('float32', prev, [B, 4, 3, 5]);
        const out = await session.run(feeds);
        await session.release();
        expect(out.latents.dims).toEqual([B, 4, 3, 5]);
        expect(out.latents.type).toBe('float32');
        expect(out.next_sample.dims).toEqual([rows, 4, 3, 5]);
        expect(out.next_sample.type).toBe(type);
        const p = type === 'float16' ? float16ToFloat32(float32ToFloat16(pred)) : pred; // what the graph was given
        expect(out.state === undefined).toBe(!history);
        const latents = read(out.latents);
        const next = read(out.next_sample);
        const tol = type === 'float16' ? 2e-2 : 1e-5;
        for (let i = 0; i < B * PER; i++) {
          const m = guided ? p[i] + c.g * (p[B * PER + i] - p[i]) : p[i];
          const want = c.cx * x[i] + c.ce * m + (noise ? c.cn * nz[i] : 0) + (history ? c.ch * prev[i] : 0);
          expect(Math.abs(latents[i] - want)).toBeLessThanOrEqual(1e-5 * Math.max(1, Math.abs(want)));
          if (history) {
            const st = c.px * x[i] + c.pe * m;
            expect(Math.abs(read(out.state)[i] - st)).toBeLessThanOrEqual(1e-5 * Math.max(1, Math.abs(st)));
          }
          // [uncond, cond] rows of the next U-Net input both hold the scaled latents.
          for (let r = 0; r < rows / B; r++) expect(Math.abs(next[r * B * PER + i] - want * c.s)).toBeLessThanOrEqual(tol * Math.max(1, Math.abs(want)));
        }
      });
    }
  }
});
