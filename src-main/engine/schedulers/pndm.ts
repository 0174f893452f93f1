// PNDM with skip_prk_steps (PLMS), porting diffusers 0.24 `scheduling_pndm.py` (set_timesteps, step_plms, _get_prev_sample).
// NOTE: the Runge-Kutta warm-up (skip_prk_steps: false) is not ported; every SD config skips it, and such a
// config is run as PLMS. Stable Diffusion's own configs all say skip_prk_steps: true.
import { AlphaSchedule, checkSteps, spacedTimesteps } from './schedule.js';
import type { LinearForm, LinearStep, Scheduler, SchedulerConfig, StepContext, StepOutput } from './types.js';

export const PNDM_DEFAULTS: SchedulerConfig = Object.freeze({
  num_train_timesteps: 1000, beta_start: 0.0001, beta_end: 0.02, beta_schedule: 'linear', trained_betas: null,
  skip_prk_steps: false, set_alpha_to_one: false, prediction_type: 'epsilon', timestep_spacing: 'leading', steps_offset: 0,
});

const f32 = Math.fround;

/** PLMS's combination of the last 1–4 model outputs, most recent first: integer weights and their divisor. */
const PLMS: ReadonlyArray<readonly [weights: readonly number[], divisor: number]> = [
  [[1], 1],
  [[3, -1], 2],
  [[23, -16, 5], 12],
  [[55, -59, 37, -9], 24],
];

export class PndmScheduler extends AlphaSchedule implements Scheduler {
  readonly id = 'pndm';
  readonly initNoiseSigma = 1;
  readonly order = 1;
  private steps = 0;
  private ets: Float32Array[] = [];
  private counter = 0;
  private curSample: Float32Array | null = null;
  /** linearStep()'s bookkeeping: outputs in the PLMS window, and the first step's coefficients. */
  private etsCount = 0;
  private firstStep: { cx: number; ce: number } | null = null;
  private readonly finalAlpha: number;

  constructor(model: SchedulerConfig) {
    super(PNDM_DEFAULTS, model);
    this.finalAlpha = this.config.set_alpha_to_one ? 1 : this.alphasCumprod[0];
  }

  setTimesteps(steps: number): void {
    checkSteps(steps, this.trainSteps);
    this.steps = steps;
    const asc = spacedTimesteps(this.config, steps).reverse();
    // PLMS repeats the second-to-last training timestep: [..., t_{n-2}, t_{n-2}, t_{n-1}] reversed.
    const plms = [...asc.slice(0, -1), asc[asc.length - 2], asc[asc.length - 1]].reverse();
    this.timesteps = Float64Array.from(steps === 1 ? asc.slice().reverse() : plms);
    this.ets = [];
    this.counter = 0;
    this.curSample = null;
    this.etsCount = 0;
    this.firstStep = null;
  }

  scaleModelInput(sample: Float32Array): Float32Array {
    return sample;
  }

  step(modelOutput: Float32Array, timestep: number, sample: Float32Array, _ctx: StepContext): StepOutput {
    const ratio = Math.floor(this.trainSteps / this.steps);
    const predOriginalSample = this.predOriginal(modelOutput, timestep, sample);
    let t = timestep;
    let prev = t - ratio;
    if (this.counter !== 1) {
      this.ets = this.ets.slice(-3);
      this.ets.push(modelOutput);
    } else {
      prev = t;
      t = t + ratio;
    }
    let eps: Float32Array;
    const e = this.ets;
    const n = e.length;
    if (n === 1 && this.counter === 0) {
      eps = modelOutput;
      this.curSample = sample;
    } else if (n === 1 && this.counter === 1) {
      eps = combine([[1, modelOutput], [1, e[0]]], 2);
      sample = this.curSample!;
      this.curSample = null;
    } else {
      const [w, d] = PLMS[n - 1];
      eps = combine(w.map((wk, k) => [wk, e[n - 1 - k]]), d);
    }
    const prevSample = this.prevSample(sample, t, prev, eps);
    this.counter++;
    return { prevSample, predOriginalSample };
  }

  /**
   * diffusers' PNDM returns no x0; the timeline's is this U-Net call's own estimate from its input and
   * timestep (not PLMS's blended output): epsilon x0 = (x − √(1−ᾱ)·ε)/√ᾱ, v_prediction x0 = √ᾱ·x − √(1−ᾱ)·v,
   * sample x0 = the output — as DDIM computes it.
   */
  private predOriginal(modelOutput: Float32Array, timestep: number, sample: Float32Array): Float32Array {
    const type = this.config.prediction_type;
    if (type === 'sample') return Float32Array.from(modelOutput);
    const at = this.alphasCumprod[timestep];
    const sa = f32(Math.sqrt(at));
    const sb = f32(Math.sqrt(1 - at));
    const out = new Float32Array(sample.length);
    if (type === 'v_prediction') for (let i = 0; i < out.length; i++) out[i] = f32(sa * sample[i]) - f32(sb * modelOutput[i]);
    else for (let i = 0; i < out.length; i++) out[i] = f32(sample[i] - f32(sb * modelOutput[i])) / sa;
    return out;
  }

  /** The model outputs of up to three earlier steps are the carried states (PLMS's ets). */
  linearSteps(): LinearForm {
    return { noise: false, history: 3 };
  }

  /**
   * step() as coefficients. The second step re-uses the first step's sample, which is not carried: it is
   * recovered from the current sample and the first output, x₀ = (x₁ − ce₀·e₀)/cx₀.
   */
  linearStep(timestep: number, _ctx: StepContext): LinearStep {
    const ratio = Math.floor(this.trainSteps / this.steps);
    const counter = this.counter++;
    const x0 = this.x0Coefficients(timestep);
    if (counter === 1) {
      // eps = (m + e₀)/2 at the first step's timestep, applied to x₀.
      const { p, q } = this.prevCoefficients(timestep + ratio, timestep);
      const first = this.firstStep!;
      return { cx: p / first.cx, ce: q / 2, cn: 0, ch: [q / 2 - (p * first.ce) / first.cx, 0, 0], px: 0, pe: 1, push: false, nextInputScale: 1, x0 };
    }
    const { p, q } = this.prevCoefficients(timestep, timestep - ratio);
    this.etsCount = Math.min(this.etsCount + 1, 4);
    // PLMS weights of the current output and the earlier ones (most recent first), as step() combines them.
    const [weights, d] = PLMS[this.etsCount - 1];
    const w = (k: number) => (weights[k] ?? 0) / d;
    const out = { cx: p, ce: q * w(0), cn: 0, ch: [w(1), w(2), w(3)].map((x) => q * x), px: 0, pe: 1, push: true, nextInputScale: 1, x0 };
    if (counter === 0) this.firstStep = { cx: out.cx, ce: out.ce };
    return out;
  }

  /** predOriginal() as x0 = ax·sample + ae·modelOutput at the U-Net call's timestep, in float64. */
  private x0Coefficients(timestep: number): [ax: number, ae: number] {
    const at = this.alphasCumprod[timestep];
    if (this.config.prediction_type === 'sample') return [0, 1];
    if (this.config.prediction_type === 'v_prediction') return [Math.sqrt(at), -Math.sqrt(1 - at)];
    return [1 / Math.sqrt(at), -Math.sqrt(1 - at) / Math.sqrt(at)];
  }

  /** prevSample() as p·sample + q·eps (v_prediction mixes the sample into the model output). */
  private prevCoefficients(t: number, prev: number): { p: number; q: number } {
    const { at, bt, sampleCoeff, epsCoeff } = this.transition(t, prev);
    if (this.config.prediction_type === 'v_prediction') return { p: sampleCoeff - epsCoeff * Math.sqrt(bt), q: -epsCoeff * Math.sqrt(at) };
    return { p: sampleCoeff, q: -epsCoeff };
  }

  /** diffusers' _get_prev_sample terms from timestep t to prev, in float64. */
  private transition(t: number, prev: number): { at: number; bt: number; sampleCoeff: number; epsCoeff: number } {
    const at = this.alphasCumprod[t];
    const ap = prev >= 0 ? this.alphasCumprod[prev] : this.finalAlpha;
    const bt = 1 - at;
    const bp = 1 - ap;
    return { at, bt, sampleCoeff: Math.sqrt(ap / at), epsCoeff: (ap - at) / (at * Math.sqrt(bp) + Math.sqrt(at * bt * ap)) };
  }

  private prevSample(sample: Float32Array, t: number, prev: number, eps: Float32Array): Float32Array {
    const { at, bt, sampleCoeff: sc, epsCoeff: ec } = this.transition(t, prev);
    let mo = eps;
    if (this.config.prediction_type === 'v_prediction') {
      mo = new Float32Array(eps.length);
      for (let i = 0; i < eps.length; i++) mo[i] = f32(f32(Math.sqrt(at)) * eps[i]) + f32(f32(Math.sqrt(bt)) * sample[i]);
    }
    const sampleCoeff = f32(sc);
    const epsCoeff = f32(ec);
    const out = new Float32Array(sample.length);
    for (let i = 0; i < out.length; i++) out[i] = f32(sampleCoeff * sample[i]) - f32(epsCoeff * mo[i]);
    return out;
  }
}

/** (Σ w·x) / d in float32. */
function combine(terms: Array<[number, Float32Array]>, d: number): Float32Array {
  const out = new Float32Array(terms[0][1].length);
  for (let i = 0; i < out.length; i++) {
    let s = 0;
    for (const [w, x] of terms) s = f32(s + f32(w * x[i]));
    out[i] = f32(s / d);
  }
  return out;
}
