// Euler ancestral, porting diffusers 0.24 `scheduling_euler_ancestral_discrete.py` step():
// a deterministic step down to σ_down, then fresh noise scaled by σ_up from the pipeline's generator.
import { BugError } from '../../../src-shared/errors.js';
import { SigmaSchedule } from './sigma-schedule.js';
import type { LinearForm, LinearStep, Scheduler, SchedulerConfig, StepContext, StepOutput } from './types.js';

export const EULER_ANCESTRAL_DEFAULTS: SchedulerConfig = Object.freeze({
  num_train_timesteps: 1000, beta_start: 0.0001, beta_end: 0.02, beta_schedule: 'linear', trained_betas: null,
  prediction_type: 'epsilon', timestep_spacing: 'linspace', steps_offset: 0,
});

const f32 = Math.fround;

export class EulerAncestralScheduler extends SigmaSchedule implements Scheduler {
  readonly id = 'euler-a';
  readonly order = 1;

  constructor(model: SchedulerConfig) {
    super(EULER_ANCESTRAL_DEFAULTS, model);
  }

  step(mo: Float32Array, _t: number, sample: Float32Array, ctx: StepContext): StepOutput {
    const from = f32(this.sigmas[this.stepIndex]);
    const to = f32(this.sigmas[this.stepIndex + 1]);
    const x0 = this.predictX0(mo, sample, from);
    const up = f32(Math.sqrt(f32(f32(to * to) * f32(f32(from * from) - f32(to * to))) / f32(from * from)));
    const down = f32(Math.sqrt(f32(f32(to * to) - f32(up * up))));
    const dt = f32(down - from);
    const prevSample = new Float32Array(sample.length);
    for (let i = 0; i < sample.length; i++) {
      const d = f32(f32(sample[i] - x0[i]) / from);
      prevSample[i] = sample[i] + f32(d * dt);
    }
    if (!ctx.randn) throw new BugError('Euler ancestral needs the pipeline generator (ctx.randn).');
    const noise = ctx.randn(ctx.shape);
    for (let i = 0; i < prevSample.length; i++) prevSample[i] = prevSample[i] + f32(noise[i] * up);
    this.stepIndex++;
    return { prevSample, predOriginalSample: x0 };
  }

  linearSteps(): LinearForm {
    return { noise: true, history: 0 };
  }

  linearStep(_t: number, ctx: StepContext): LinearStep {
    const from = this.sigmas[this.stepIndex];
    const to = this.sigmas[this.stepIndex + 1];
    const up = Math.sqrt((to * to * (from * from - to * to)) / (from * from));
    const down = Math.sqrt(to * to - up * up);
    const { cx, ce } = this.eulerCoefficients(from, down);
    if (!ctx.randn) throw new BugError('Euler ancestral needs the pipeline generator (ctx.randn).');
    const noise = ctx.randn(ctx.shape);
    this.stepIndex++;
    return { cx, ce, cn: up, ch: [], px: 0, pe: 0, push: false, noise, nextInputScale: this.currentInputScale(), x0: this.x0Coefficients(from) };
  }
}
