// Euler, porting diffusers 0.24 `scheduling_euler_discrete.py` step() with s_churn = 0.
// NOTE: diffusers draws a noise tensor every step even when it is unused (gamma = 0); we draw it too,
// so the generator stays in step with diffusers for anything drawn afterwards.
import { SigmaSchedule } from './sigma-schedule.js';
import type { LinearForm, LinearStep, Scheduler, SchedulerConfig, StepContext, StepOutput } from './types.js';

export const EULER_DEFAULTS: SchedulerConfig = Object.freeze({
  num_train_timesteps: 1000, beta_start: 0.0001, beta_end: 0.02, beta_schedule: 'linear', trained_betas: null,
  prediction_type: 'epsilon', interpolation_type: 'linear', use_karras_sigmas: false, timestep_spacing: 'linspace', steps_offset: 0,
});

const f32 = Math.fround;

export class EulerScheduler extends SigmaSchedule implements Scheduler {
  readonly id: string;
  readonly order = 1;

  constructor(model: SchedulerConfig, id = 'euler') {
    super(EULER_DEFAULTS, model);
    this.id = id;
  }

  step(mo: Float32Array, _t: number, sample: Float32Array, ctx: StepContext): StepOutput {
    const sigma = this.sigmas[this.stepIndex];
    ctx.randn?.(ctx.shape);
    const x0 = this.predictX0(mo, sample, sigma);
    const dt = f32(this.sigmas[this.stepIndex + 1] - sigma);
    const s = f32(sigma);
    const prevSample = new Float32Array(sample.length);
    for (let i = 0; i < sample.length; i++) {
      const d = f32(f32(sample[i] - x0[i]) / s);
      prevSample[i] = sample[i] + f32(d * dt);
    }
    this.stepIndex++;
    return { prevSample, predOriginalSample: x0 };
  }

  linearSteps(): LinearForm {
    return { noise: false, history: 0 };
  }

  linearStep(_t: number, ctx: StepContext): LinearStep {
    ctx.randn?.(ctx.shape); // drawn and unused, as step() does
    const x0 = this.x0Coefficients(this.sigmas[this.stepIndex]);
    const { cx, ce } = this.eulerCoefficients(this.sigmas[this.stepIndex], this.sigmas[this.stepIndex + 1]);
    this.stepIndex++;
    return { cx, ce, cn: 0, ch: [], px: 0, pe: 0, push: false, nextInputScale: this.currentInputScale(), x0 };
  }
}
