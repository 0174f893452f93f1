// The contract every scheduler inherits (as diffusers' SchedulerCommonTest), then parity with diffusers
// 0.24 driven by the reference U-Net outputs alone (no onnxruntime): every step's latents.
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { readFile } from 'node:fs/promises';
import { readNpyFloat32 } from '../../src-main/engine/npy.js';
import { createScheduler, listSchedulers, schedulerIdForConfig, validateSchedulerConfig } from '../../src-main/engine/schedulers/index.js';
import { guide } from '../../src-main/engine/pipeline/index.js';
import { StudioError } from '../../src-shared/errors.js';
import { fixture } from '../helpers/fixtures.js';

const IDS = ['pndm', 'lms', 'ddim', 'euler', 'euler-a', 'dpmpp-2m', 'dpmpp-2m-karras'];
const SD_CONFIG = { _class_name: 'PNDMScheduler', beta_start: 0.00085, beta_end: 0.012, beta_schedule: 'scaled_linear', num_train_timesteps: 1000, set_alpha_to_one: false, skip_prk_steps: true, steps_offset: 1, timestep_spacing: 'leading', prediction_type: 'epsilon', clip_sample: false };
const SHAPE = [1, 4, 4, 4] as const;
let seed = 1;
const rand = (n: number) => Float32Array.from({ length: n }, () => ((seed = (seed * 16807) % 2147483647) / 2147483647) * 2 - 1);

describe('every scheduler', () => {
  it('is listed, and the list is the CLI contract', () => {
    expect(listSchedulers().map((s) => s.id)).toEqual(IDS);
  });

  for (const id of IDS) {
    describe(id, () => {
      it('sets decreasing timesteps inside the training range, one U-Net call each', () => {
        for (const steps of [1, 4, 20, 50]) {
          const s = createScheduler(id, SD_CONFIG);
          s.setTimesteps(steps);
          const t = Array.from(s.timesteps);
          // NOTE: DPM-Solver drops duplicate rounded timesteps as diffusers does (Karras at 50 steps keeps 49).
          expect(t.length).toBeGreaterThanOrEqual(id === 'dpmpp-2m-karras' ? Math.ceil(steps * 0.9) : steps);
          expect(t.length).toBeLessThanOrEqual(steps + 1);
          for (let i = 1; i < t.length; i++) expect(t[i]).toBeLessThanOrEqual(t[i - 1]);
          expect(Math.min(...t)).toBeGreaterThanOrEqual(0);
          expect(Math.max(...t)).toBeLessThan(1000);
        }
      });

      it('is deterministic and finite over a whole run', () => {
        const run = () => {
          seed = 7;
          const s = createScheduler(id, SD_CONFIG);
          s.setTimesteps(10);
          let x: Float32Array = rand(64).map((v) => v * s.initNoiseSigma);
          for (const t of s.timesteps) {
            const scaled = s.scaleModelInput(x, t);
            expect(scaled.length).toBe(64);
            x = s.step(rand(64), t, x, { shape: SHAPE, randn: () => rand(64) }).prevSample;
          }
          return x;
        };
        const a = run();
        expect(a.every(Number.isFinite)).toBe(true);
        expect(Array.from(run())).toEqual(Array.from(a));
      });

      it('reports a noise level that falls with the timestep', () => {
        const s = createScheduler(id, SD_CONFIG);
        expect(s.sigmaAt(999)).toBeGreaterThan(s.sigmaAt(500));
        expect(s.sigmaAt(500)).toBeGreaterThan(s.sigmaAt(10));
        expect(s.sigmaAt(999)).toBeCloseTo(14.6146, 3);
      });

      it('refuses steps < 1', () => {
        const s = createScheduler(id, SD_CONFIG);
        expect(() => s.setTimesteps(0)).toThrow(expect.objectContaining({ code: 'engine/bad-steps' }));
      });
    });
  }

  it('names an unknown scheduler and the allowed ones', () => {
    expect(() => createScheduler('dpm3', SD_CONFIG)).toThrow('Unknown scheduler "dpm3". Choose one of: pndm, lms, ddim, euler, euler-a, dpmpp-2m, dpmpp-2m-karras.');
  });

  it("finds the model's own scheduler from its class", () => {
    expect(schedulerIdForConfig(SD_CONFIG)).toBe('pndm');
    expect(schedulerIdForConfig({ _class_name: 'EulerAncestralDiscreteScheduler' })).toBe('euler-a');
    expect(schedulerIdForConfig({ _class_name: 'DPMSolverMultistepScheduler', use_karras_sigmas: true })).toBe('dpmpp-2m-karras');
  });

  it('names the bad key of a broken config', () => {
    const err = (() => { try { validateSchedulerConfig({ beta_schedule: 'cubic' }, 'x.json'); } catch (e) { return e; } })();
    expect(err).toBeInstanceOf(StudioError);
    expect((err as StudioError).message).toMatch(/x\.json: beta_schedule must be one of linear, scaled_linear, squaredcos_cap_v2, got "cubic"/);
    expect(() => validateSchedulerConfig({ num_train_timesteps: 0 }, 'x.json')).toThrow(/num_train_timesteps/);
  });
});

describe('parity with diffusers from the reference U-Net outputs', () => {
  const REF = fixture('diffusers-tiny', 'reference');
  const CASES: Array<[string, string, Record<string, unknown>?]> = [
    ['pndm', 'pndm'], ['lms', 'lms'], ['ddim', 'ddim'], ['euler', 'euler'], ['euler_a', 'euler-a'], ['dpmpp_2m', 'dpmpp-2m'],
    ['dpmpp_2m_karras', 'dpmpp-2m-karras'], ['euler_linspace', 'euler', { timestep_spacing: 'linspace' }], ['dpmpp_2m_linspace', 'dpmpp-2m', { timestep_spacing: 'linspace' }],
  ];
  for (const [caseId, id, overrides] of CASES) {
    it(`${caseId}: timesteps, init sigma and every step within 1e-3`, async () => {
      const dir = path.join(REF, 'txt2img', caseId);
      const manifest = JSON.parse(await readFile(path.join(REF, 'manifest.json'), 'utf8'));
      const config = JSON.parse(await readFile(fixture('diffusers-tiny', 'model', 'scheduler', 'scheduler_config.json'), 'utf8'));
      const s = createScheduler(id, { ...config, ...overrides });
      s.setTimesteps(12);
      const state = manifest.txt2img[caseId].scheduler.state_after_run;
      expect(Array.from(s.timesteps)).toEqual(state.timesteps);
      expect(s.initNoiseSigma).toBeCloseTo(state.init_noise_sigma, 4);
      const init = await readNpyFloat32(path.join(dir, 'initial_latents.npy'));
      const preds = await readNpyFloat32(path.join(dir, 'unet_noise_pred.npy'));
      const steps = await readNpyFloat32(path.join(dir, 'step_latents.npy'));
      const draws = caseId.startsWith('euler') ? await readNpyFloat32(path.join(dir, 'rng_draws.npy')) : undefined;
      let draw = 1; // draw 0 made the initial latents
      const n = init.data.length;
      const perCall = preds.data.length / s.timesteps.length;
      let x = init.data;
      let worst = 0;
      s.timesteps.forEach((t, i) => {
        const raw = preds.data.subarray(i * perCall, (i + 1) * perCall);
        const eps = perCall === 2 * n ? guide(raw, n, 7.5).noise : raw;
        x = s.step(eps, t, x, { shape: init.shape, randn: () => draws!.data.slice(draw * n, ++draw * n) }).prevSample;
        for (let k = 0; k < n; k++) worst = Math.max(worst, Math.abs(x[k] - steps.data[i * n + k]));
      });
      expect(worst).toBeLessThanOrEqual(1e-3);
    });
  }
});

// The device-resident loop (WebGPU) runs a step as next = cx·x + ce·m + cn·noise; these coefficients must
// reproduce step() itself, for every prediction type, over whole schedules, with the same generator draws.
describe('linear steps (for running the step where the latents are)', () => {
  const HISTORY: Record<string, number> = { euler: 0, 'euler-a': 0, ddim: 0, 'dpmpp-2m': 1, 'dpmpp-2m-karras': 1, lms: 3, pndm: 3 };
  const LINEAR = Object.keys(HISTORY);
  const n = SHAPE.reduce<number>((a, b) => a * b, 1);

  it('are offered by every scheduler, with the states it carries; not by DDIM with clip_sample', () => {
    expect(LINEAR.sort()).toEqual([...IDS].sort());
    for (const id of LINEAR) expect(createScheduler(id, SD_CONFIG).linearSteps?.()).toEqual({ noise: id === 'euler-a', history: HISTORY[id] });
    expect(createScheduler('ddim', { ...SD_CONFIG, clip_sample: true }).linearSteps!()).toBeNull();
  });

  for (const id of LINEAR) {
    for (const prediction of ['epsilon', 'v_prediction', 'sample']) {
      for (const spacing of ['leading', 'trailing']) {
        it(`${id}, ${prediction}, ${spacing}: match step() within 2e-5 relative over 5, 12 and 20 steps`, () => {
          for (const steps of [5, 12, 20]) {
            const config = { ...SD_CONFIG, prediction_type: prediction, timestep_spacing: spacing };
            const viaStep = createScheduler(id, config);
            const viaLinear = createScheduler(id, config);
            viaStep.setTimesteps(steps);
            viaLinear.setTimesteps(steps);
            let drawsA = 0;
            let drawsB = 0;
            let a: Float32Array = rand(n).map((v) => v * viaStep.initNoiseSigma);
            let b = Float32Array.from(a);
            // The states a multistep scheduler carries, most recent first (zeros before the first step).
            let states = Array.from({ length: HISTORY[id] }, () => new Float32Array(n));
            // Both draw from their own identical generator: the draws must line up one for one.
            let seedA = 7;
            let seedB = 7;
            const gen = (which: 'a' | 'b') => () => {
              const next = () => {
                if (which === 'a') return ((seedA = (seedA * 48271) % 2147483647) / 2147483647) * 2 - 1;
                return ((seedB = (seedB * 48271) % 2147483647) / 2147483647) * 2 - 1;
              };
              if (which === 'a') drawsA++;
              else drawsB++;
              return Float32Array.from({ length: n }, next);
            };
            for (const t of viaStep.timesteps) {
              const model = rand(n);
              const stepped = viaStep.step(model, t, a, { shape: SHAPE, randn: gen('a') });
              const out = stepped.prevSample;
              const lin = viaLinear.linearStep!(t, { shape: SHAPE, randn: gen('b') });
              const next = new Float32Array(n);
              expect(lin.ch.length).toBe(states.length);
              for (let i = 0; i < n; i++) next[i] = lin.cx * b[i] + lin.ce * model[i] + lin.cn * (lin.noise?.[i] ?? 0) + lin.ch.reduce((acc, w, k) => acc + w * states[k][i], 0);
              if (lin.push && states.length) states = [b.map((v, i) => lin.px * v + lin.pe * model[i]), ...states.slice(0, -1)];
              const peak = Math.max(...out.map(Math.abs));
              for (let i = 0; i < n; i++) expect(Math.abs(next[i] - out[i])).toBeLessThanOrEqual(2e-5 * Math.max(1, peak));
              // The timeline's x0 on the device: x0[0]·sample + x0[1]·model is what step() returns as pred_original_sample.
              const x0 = stepped.predOriginalSample!;
              const x0Peak = Math.max(1, ...x0.map(Math.abs));
              for (let i = 0; i < n; i++) expect(Math.abs(lin.x0[0] * a[i] + lin.x0[1] * model[i] - x0[i])).toBeLessThanOrEqual(2e-5 * x0Peak);
              // The factor the device applies to make the next U-Net input is scaleModelInput's at the next step.
              expect(Math.abs(lin.nextInputScale - viaStep.scaleModelInput(Float32Array.of(1), t)[0])).toBeLessThan(1e-6);
              a = out;
              b = next;
            }
            expect(drawsB).toBe(drawsA);
          }
        });
      }
    }
  }
});
