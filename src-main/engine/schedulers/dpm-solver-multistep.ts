// DPM-Solver++ (2M, and 2M Karras with use_karras_sigmas), porting diffusers 0.24
// `scheduling_dpmsolver_multistep.py`: set_timesteps, convert_model_output (dpmsolver++),
// dpm_solver_first_order_update and multistep_dpm_solver_second_order_update (midpoint).
import { StudioError } from '../../../src-shared/errors.js';
import { AlphaSchedule, checkSteps, interp, karrasSigmas, linspace, roundHalfEven, sigmaToT, trainingSigmas } from './schedule.js';
import type { LinearForm, LinearStep, Scheduler, SchedulerConfig, StepContext, StepOutput } from './types.js';

export const DPM_DEFAULTS: SchedulerConfig = Object.freeze({
  num_train_timesteps: 1000, beta_start: 0.0001, beta_end: 0.02, beta_schedule: 'linear', trained_betas: null,
  solver_order: 2, prediction_type: 'epsilon', thresholding: false, dynamic_thresholding_ratio: 0.995, sample_max_value: 1.0,
  algorithm_type: 'dpmsolver++', solver_type: 'midpoint', lower_order_final: true, euler_at_final: false,
  use_karras_sigmas: false, lambda_min_clipped: Number.NEGATIVE_INFINITY, variance_type: null, timestep_spacing: 'linspace', steps_offset: 0,
});

const f32 = Math.fround;

export class DpmSolverMultistepScheduler extends AlphaSchedule implements Scheduler {
  readonly id: string;
  readonly initNoiseSigma = 1;
  readonly order: number;
  sigmas = new Float32Array(0);
  private outputs: Float32Array[] = [];
  private lowerOrderNums = 0;
  private stepIndex = 0;

  constructor(model: SchedulerConfig, id = 'dpmpp-2m') {
    super(DPM_DEFAULTS, model);
    this.id = id;
    this.order = this.config.solver_order as number;
    if (this.config.algorithm_type !== 'dpmsolver++' || this.order > 2) {
      throw new StudioError('engine/bad-scheduler-config', `DPM-Solver supports algorithm_type "dpmsolver++" with solver_order 1 or 2 here, got "${String(this.config.algorithm_type)}" order ${this.order}.`, { key: 'algorithm_type' });
    }
  }

  setTimesteps(steps: number): void {
    checkSteps(steps, this.trainSteps);
    const n = this.trainSteps;
    const offset = (this.config.steps_offset as number) ?? 0;
    let ts: number[];
    switch (this.config.timestep_spacing) {
      case 'linspace':
        ts = linspace(0, n - 1, steps + 1).map(roundHalfEven).reverse().slice(0, -1);
        break;
      case 'leading': {
        const ratio = Math.floor(n / (steps + 1));
        ts = Array.from({ length: steps + 1 }, (_, i) => i * ratio).reverse().slice(0, -1).map((t) => t + offset);
        break;
      }
      case 'trailing': {
        const ratio = n / steps;
        ts = [];
        for (let v = n; v > 0; v -= ratio) ts.push(roundHalfEven(v) - 1);
        break;
      }
      default:
        throw new StudioError('engine/bad-scheduler-config', `Unsupported timestep_spacing "${String(this.config.timestep_spacing)}". Choose one of: linspace, leading, trailing.`, { key: 'timestep_spacing' });
    }
    const train = trainingSigmas(this.alphasCumprod);
    let sig: number[];
    if (this.config.use_karras_sigmas) {
      const logs = Array.from(train, Math.log);
      const desc = Array.from(train).reverse();
      sig = karrasSigmas(desc[desc.length - 1], desc[0], steps);
      ts = sig.map((s) => roundHalfEven(sigmaToT(s, logs)));
      sig.push(sig[sig.length - 1]);
    } else {
      sig = ts.map((t) => interp(t, train));
      const a0 = this.alphasCumprod[0];
      sig.push(Math.sqrt((1 - a0) / a0));
    }
    // As diffusers: drop duplicate timesteps (possible when steps approach the training steps).
    const seen = new Set<number>();
    const keep = ts.map((t) => (seen.has(t) ? false : (seen.add(t), true)));
    this.timesteps = Float64Array.from(ts.filter((_, i) => keep[i]));
    this.sigmas = Float32Array.from(sig);
    this.outputs = [];
    this.lowerOrderNums = 0;
    this.stepIndex = 0;
  }

  scaleModelInput(sample: Float32Array): Float32Array {
    return sample;
  }

  step(mo: Float32Array, _t: number, sample: Float32Array, _ctx: StepContext): StepOutput {
    const i = this.stepIndex;
    const len = this.timesteps.length;
    const lowerFinal = this.firstOrderAtEnd(i);
    const lowerSecond = i === len - 2 && !!this.config.lower_order_final && len < 15;
    const x0 = this.convertModelOutput(mo, sample, this.sigmas[i]);
    this.outputs.push(x0);
    if (this.outputs.length > this.order) this.outputs.shift();
    let prevSample: Float32Array;
    if (this.order === 1 || this.lowerOrderNums < 1 || lowerFinal) prevSample = this.firstOrder(x0, sample);
    else prevSample = this.secondOrder(sample, lowerSecond);
    if (this.lowerOrderNums < this.order) this.lowerOrderNums++;
    this.stepIndex++;
    return { prevSample, predOriginalSample: x0 };
  }

  /** diffusers' lower_order_final / euler_at_final: the last step of a short schedule is first order. */
  private firstOrderAtEnd(i: number): boolean {
    const len = this.timesteps.length;
    return i === len - 1 && (!!this.config.euler_at_final || (!!this.config.lower_order_final && len < 15));
  }

  /** Every step is linear in the sample, the model output and the previous x0 (thresholding is not). */
  linearSteps(): LinearForm | null {
    return this.config.thresholding ? null : { noise: false, history: 1 };
  }

  /** step() as coefficients: the state is this step's x0 prediction; the previous one is the history. */
  linearStep(_t: number, _ctx: StepContext): LinearStep {
    const i = this.stepIndex;
    const lowerFinal = this.firstOrderAtEnd(i);
    const [alpha, sigmaT] = alphaSigma(this.sigmas[i]);
    let px: number;
    let pe: number;
    switch (this.config.prediction_type) {
      case 'epsilon': [px, pe] = [1 / alpha, -sigmaT / alpha]; break;
      case 'v_prediction': [px, pe] = [alpha, -sigmaT]; break;
      case 'sample': [px, pe] = [0, 1]; break;
      default:
        throw new StudioError('engine/bad-scheduler-config', `Unsupported prediction_type "${String(this.config.prediction_type)}". Choose one of: epsilon, v_prediction, sample.`, { key: 'prediction_type' });
    }
    const lambda = (s: number) => {
      const [a, st] = alphaSigma(s);
      return Math.log(a) - Math.log(st);
    };
    const [at, st] = alphaSigma(this.sigmas[i + 1]);
    const h = lambda(this.sigmas[i + 1]) - lambda(this.sigmas[i]);
    const c1 = st / sigmaT;
    const c2 = at * (Math.exp(-h) - 1);
    let out: LinearStep;
    if (this.order === 1 || this.lowerOrderNums < 1 || lowerFinal) {
      // c1·x − c2·x0
      out = { cx: c1 - c2 * px, ce: -c2 * pe, cn: 0, ch: [0], px, pe, push: true, nextInputScale: 1, x0: [px, pe] };
    } else {
      // c1·x − c2·m0 − ½c2·(m0 − m1)/r0, with m0 this step's x0 and m1 the previous one.
      const r0 = (lambda(this.sigmas[i]) - lambda(this.sigmas[i - 1])) / h;
      const k0 = c2 * (1 + 0.5 / r0);
      out = { cx: c1 - k0 * px, ce: -k0 * pe, cn: 0, ch: [(0.5 * c2) / r0], px, pe, push: true, nextInputScale: 1, x0: [px, pe] };
    }
    if (this.lowerOrderNums < this.order) this.lowerOrderNums++;
    this.stepIndex++;
    return out;
  }

  private convertModelOutput(mo: Float32Array, sample: Float32Array, sigma: number): Float32Array {
    const [alpha, sigmaT] = alphaSigma(sigma);
    const x0 = new Float32Array(sample.length);
    switch (this.config.prediction_type) {
      case 'epsilon':
        for (let k = 0; k < x0.length; k++) x0[k] = f32(f32(sample[k] - f32(sigmaT * mo[k])) / alpha);
        break;
      case 'v_prediction':
        for (let k = 0; k < x0.length; k++) x0[k] = f32(alpha * sample[k]) - f32(sigmaT * mo[k]);
        break;
      case 'sample':
        x0.set(mo);
        break;
      default:
        throw new StudioError('engine/bad-scheduler-config', `Unsupported prediction_type "${String(this.config.prediction_type)}". Choose one of: epsilon, v_prediction, sample.`, { key: 'prediction_type' });
    }
    return x0;
  }

  private firstOrder(x0: Float32Array, sample: Float32Array): Float32Array {
    const i = this.stepIndex;
    const [at, st] = alphaSigma(this.sigmas[i + 1]);
    const [as, ss] = alphaSigma(this.sigmas[i]);
    const h = f32(f32(Math.log(at) - Math.log(st)) - f32(Math.log(as) - Math.log(ss)));
    const c1 = f32(st / ss);
    const c2 = f32(at * f32(Math.exp(-h) - 1));
    const out = new Float32Array(sample.length);
    for (let k = 0; k < out.length; k++) out[k] = f32(c1 * sample[k]) - f32(c2 * x0[k]);
    return out;
  }

  private secondOrder(sample: Float32Array, _lowerSecond: boolean): Float32Array {
    const i = this.stepIndex;
    const [at, st] = alphaSigma(this.sigmas[i + 1]);
    const [a0, s0] = alphaSigma(this.sigmas[i]);
    const [a1, s1] = alphaSigma(this.sigmas[i - 1]);
    const lt = f32(Math.log(at) - Math.log(st));
    const l0 = f32(Math.log(a0) - Math.log(s0));
    const l1 = f32(Math.log(a1) - Math.log(s1));
    const m0 = this.outputs[this.outputs.length - 1];
    const m1 = this.outputs[this.outputs.length - 2];
    const h = f32(lt - l0);
    const r0 = f32(f32(l0 - l1) / h);
    const c1 = f32(st / s0);
    const c2 = f32(at * f32(Math.exp(-h) - 1));
    const inv = f32(1 / r0);
    const out = new Float32Array(sample.length);
    for (let k = 0; k < out.length; k++) {
      const d1 = f32(inv * f32(m0[k] - m1[k]));
      out[k] = f32(f32(c1 * sample[k]) - f32(c2 * m0[k])) - f32(f32(0.5 * c2) * d1);
    }
    return out;
  }
}

/** (α_t, σ_t) of the VP schedule from the k-diffusion σ: α = 1/sqrt(σ²+1), σ_t = σ·α. */
function alphaSigma(sigma: number): [number, number] {
  const a = f32(1 / Math.sqrt(f32(sigma * sigma) + 1));
  return [a, f32(sigma * a)];
}
