// The denoising-step graph the WebGPU loop runs (pipeline/device-step.ts), checked on onnxruntime's CPU
// provider for every kind of variant — guided or not, with or without fresh noise, with 0, 1 or 3 carried
// states (pushed or kept), float32 or float16 U-Net I/O — against the same arithmetic written out here.
// (On the GPU it is checked end to end in webgpu.test.ts.)
import * as ort from 'onnxruntime-node';
import { describe, expect, it } from 'vitest';
import { stepModel, type StepVariant } from '../../src-main/engine/pipeline/device-step.js';
import { float16ToFloat32, float32ToFloat16 } from '../../src-main/engine/float16.js';

const B = 2;
const PER = 4 * 3 * 5;
const DIMS = [B, 4, 3, 5];
let seed = 3;
const rand = (n: number) => Float32Array.from({ length: n }, () => ((seed = (seed * 16807) % 2147483647) / 2147483647) * 4 - 2);

function tensor(type: 'float32' | 'float16', data: Float32Array, dims: number[]): ort.Tensor {
  return type === 'float16' ? new ort.Tensor('float16', float32ToFloat16(data), dims) : new ort.Tensor('float32', data, dims);
}
const read = (t: ort.Tensor) => (t.type === 'float16' ? float16ToFloat32(t.data as Uint16Array) : (t.data as Float32Array));
const close = (got: number, want: number, tol: number) => expect(Math.abs(got - want)).toBeLessThanOrEqual(tol * Math.max(1, Math.abs(want)));

describe('device step graph', () => {
  const cases: Array<[guided: boolean, noise: boolean, history: number, push: boolean]> = [
    [true, false, 0, false], [false, false, 0, false], [true, true, 0, false], [false, true, 0, false],
    [true, false, 1, true], [false, false, 3, true], [true, false, 3, false],
  ];
  for (const [guided, noise, history, push] of cases) {
    for (const type of ['float32', 'float16'] as const) {
      const v: StepVariant = { guided, noise, history, predType: type, sampleType: type };
      const name = `${guided ? 'guided' : 'unguided'}, ${noise ? 'with' : 'without'} noise, ${history} carried states${history ? (push ? ' (pushed)' : ' (kept)') : ''}, ${type} U-Net I/O`;
      it(name, async () => {
        const session = await ort.InferenceSession.create(stepModel(v), { executionProviders: ['cpu'], logSeverityLevel: 3 });
        const rows = guided ? 2 * B : B;
        const pred = rand(rows * PER);
        const x = rand(B * PER);
        const nz = rand(B * PER);
        const states = Array.from({ length: history }, () => rand(B * PER));
        const c = { g: 7.5, cx: 0.97, ce: -0.31, cn: 0.42, s: 0.61, px: 1.1, pe: -0.7, ch: [0.23, -0.4, 0.11].slice(0, history) };
        const coef = Float32Array.of(c.g, c.cx, c.ce, c.cn, c.s, c.px, c.pe, push ? 1 : 0, ...c.ch);
        const feeds: Record<string, ort.Tensor> = {
          pred: tensor(type, pred, [rows, 4, 3, 5]),
          x: new ort.Tensor('float32', x, DIMS),
          coef: new ort.Tensor('float32', coef, [coef.length]),
        };
        if (noise) feeds.noise = new ort.Tensor('float32', nz, DIMS);
        states.forEach((s, k) => (feeds[`state${k}`] = new ort.Tensor('float32', s, DIMS)));
        const out = await session.run(feeds);
        await session.release();
        expect(out.latents.dims).toEqual(DIMS);
        expect(out.latents.type).toBe('float32');
        expect(out.next_sample.dims).toEqual([rows, 4, 3, 5]);
        expect(out.next_sample.type).toBe(type);
        expect(Object.keys(out).filter((k) => k.startsWith('next_state')).length).toBe(history);
        const p = type === 'float16' ? float16ToFloat32(float32ToFloat16(pred)) : pred; // what the graph was given
        const latents = read(out.latents);
        const next = read(out.next_sample);
        const tol = type === 'float16' ? 2e-2 : 1e-5;
        for (let i = 0; i < B * PER; i++) {
          const m = guided ? p[i] + c.g * (p[B * PER + i] - p[i]) : p[i];
          let want = c.cx * x[i] + c.ce * m + (noise ? c.cn * nz[i] : 0);
          states.forEach((s, k) => (want += c.ch[k] * s[i]));
          close(latents[i], want, 1e-5);
          // [uncond, cond] rows of the next U-Net input both hold the scaled latents.
          for (let r = 0; r < rows / B; r++) close(next[r * B * PER + i], want * c.s, tol);
          // The states move one place back behind the new one, or stay.
          const fresh = c.px * x[i] + c.pe * m;
          for (let k = 0; k < history; k++) close(read(out[`next_state${k}`])[i], push ? (k === 0 ? fresh : states[k - 1][i]) : states[k][i], 1e-5);
        }
      });
    }
  }
});

describe('device step graph with the timeline outputs', () => {
  for (const guided of [true, false]) {
    it(`${guided ? 'guided' : 'unguided'}: x0 = x0x·x + x0e·m and the mean |cond − uncond|`, async () => {
      const v: StepVariant = { guided, noise: false, history: 1, predType: 'float32', sampleType: 'float32', x0: true };
      const session = await ort.InferenceSession.create(stepModel(v), { executionProviders: ['cpu'], logSeverityLevel: 3 });
      const rows = guided ? 2 * B : B;
      const pred = rand(rows * PER);
      const x = rand(B * PER);
      const state = rand(B * PER);
      const coef = Float32Array.of(7.5, 0.97, -0.31, 0, 1, 1.1, -0.7, 1, 0.23, 1.3, -2.4);
      const out = await session.run({
        pred: new ort.Tensor('float32', pred, [rows, 4, 3, 5]), x: new ort.Tensor('float32', x, DIMS), coef: new ort.Tensor('float32', coef, [coef.length]),
        state0: new ort.Tensor('float32', state, DIMS),
      });
      await session.release();
      let sum = 0;
      for (let i = 0; i < B * PER; i++) {
        const diff = guided ? pred[B * PER + i] - pred[i] : 0;
        sum += Math.abs(diff);
        const m = guided ? pred[i] + 7.5 * diff : pred[i];
        close(read(out.x0)[i], 1.3 * x[i] - 2.4 * m, 1e-5);
        close(read(out.latents)[i], 0.97 * x[i] - 0.31 * m + 0.23 * state[i], 1e-5);
      }
      if (guided) close(read(out.strength)[0], sum / (B * PER), 1e-5);
      else expect(out.strength).toBeUndefined();
    });
  }
});
