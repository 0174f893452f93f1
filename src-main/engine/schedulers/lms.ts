// LMS (linear multistep), porting diffusers 0.24 `scheduling_lms_discrete.py` step() and
// get_lms_coefficient(). diffusers integrates the Lagrange basis with scipy.integrate.quad; the
// integrand is a polynomial of degree < 4, so 4-point Gauss–Legendre integrates it exactly.
import { SigmaSchedule } from './sigma-schedule.js';
import type { LinearForm, LinearStep, Scheduler, SchedulerConfig, StepContext, StepOutput } from './types.js';

export const LMS_DEFAULTS: SchedulerConfig = Object.freeze({
  num_train_timesteps: 1000, beta_start: 0.0001, beta_end: 0.02, beta_schedule: 'linear', trained_betas: null,
  use_karras_sigmas: false, prediction_type: 'epsilon', timestep_spacing: 'linspace', steps_offset: 0,
});

const f32 = Math.fround;
const GL_X = [-0.8611363115940526, -0.3399810435848563, 0.3399810435848563, 0.8611363115940526];
const GL_W = [0.3478548451374538, 0.6521451548625461, 0.6521451548625461, 0.3478548451374538];

export class LmsScheduler extends SigmaSchedule implements Scheduler {
  readonly id = 'lms';
  readonly order = 4;
  private derivatives: Float32Array[] = [];

  constructor(model: SchedulerConfig) {
    super(LMS_DEFAULTS, model);
  }

  override setTimesteps(steps: number): void {
    super.setTimesteps(steps);
    this.derivatives = [];
  }

  step(mo: Float32Array, _t: number, sample: Float32Array, _ctx: StepContext): StepOutput {
    const i = this.stepIndex;
    const sigma = f32(this.sigmas[i]);
    const x0 = this.predictX0(mo, sample, sigma);
    const d = new Float32Array(sample.length);
    for (let k = 0; k < d.length; k++) d[k] = f32(f32(sample[k] - x0[k]) / sigma);
    this.derivatives.push(d);
    if (this.derivatives.length > this.order) this.derivatives.shift();
    const order = Math.min(i + 1, this.order);
    const coeffs = Array.from({ length: order }, (_, cur) => f32(this.lmsCoefficient(order, i, cur)));
    // As diffusers: sample + sum(coeff * derivative), the sum accumulated first.
    const ders = [...this.derivatives].reverse();
    const acc = new Float32Array(sample.length);
    for (let c = 0; c < order; c++) {
      const dc = ders[c];
      for (let k = 0; k < acc.length; k++) acc[k] = acc[k] + f32(coeffs[c] * dc[k]);
    }
    const prevSample = new Float32Array(sample.length);
    for (let k = 0; k < acc.length; k++) prevSample[k] = sample[k] + acc[k];
    this.stepIndex++;
    return { prevSample, predOriginalSample: x0 };
  }

  /** The derivatives of the last three steps are the carried states. */
  linearSteps(): LinearForm {
    return { noise: false, history: this.order - 1 };
  }

  /** step() as coefficients: d = (x − x0)/σ is the new state; next = x + Σ coeff_k·d_{i−k}. */
  linearStep(_t: number, _ctx: StepContext): LinearStep {
    const i = this.stepIndex;
    const sigma = this.sigmas[i];
    const [ax, ae] = this.x0Coefficients(sigma);
    const px = (1 - ax) / sigma;
    const pe = -ae / sigma;
    const order = Math.min(i + 1, this.order);
    const coeffs = Array.from({ length: order }, (_, cur) => this.lmsCoefficient(order, i, cur));
    const ch = Array.from({ length: this.order - 1 }, (_, k) => coeffs[k + 1] ?? 0);
    this.stepIndex++;
    return { cx: 1 + coeffs[0] * px, ce: coeffs[0] * pe, cn: 0, ch, px, pe, push: true, nextInputScale: this.currentInputScale(), x0: [ax, ae] };
  }

  /** ∫_{σ_t}^{σ_{t+1}} Π_{k≠cur} (τ − σ_{t−k}) / (σ_{t−cur} − σ_{t−k}) dτ. */
  private lmsCoefficient(order: number, t: number, cur: number): number {
    const s = this.sigmas;
    const basis = (tau: number) => {
      let prod = 1;
      for (let k = 0; k < order; k++) {
        if (k === cur) continue;
        prod *= (tau - s[t - k]) / (s[t - cur] - s[t - k]);
      }
      return prod;
    };
    const a = s[t];
    const b = s[t + 1];
    const half = (b - a) / 2;
    const mid = (a + b) / 2;
    let sum = 0;
    for (let q = 0; q < 4; q++) sum += GL_W[q] * basis(mid + half * GL_X[q]);
    return sum * half;
  }
}
