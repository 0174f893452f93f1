// DDIM (eta = 0), porting diffusers 0.24 `scheduling_ddim.py` (set_timesteps, step).
import { StudioError } from '../../../src-shared/errors.js';
import { AlphaSchedule, checkSteps, spacedTimesteps } from './schedule.js';
import type { LinearForm, LinearStep, Scheduler, SchedulerConfig, StepContext, StepOutput } from './types.js';

export const DDIM_DEFAULTS: SchedulerConfig = Object.freeze({
  num_train_timesteps: 1000, beta_start: 0.0001, beta_end: 0.02, beta_schedule: 'linear', trained_betas: null,
  clip_sample: true, set_alpha_to_one: true, steps_offset: 0, prediction_type: 'epsilon', thresholding: false,
  dynamic_thresholding_ratio: 0.995, clip_sample_range: 1.0, sample_max_value: 1.0, timestep_spacing: 'leading',
  rescale_betas_zero_snr: false,
});

const f32 = Math.fround;

export class DdimScheduler extends AlphaSchedule implements Scheduler {
  readonly id = 'ddim';
  readonly initNoiseSigma = 1;
  readonly order = 1;
  private steps = 0;
  private readonly finalAlpha: number;

  constructor(model: SchedulerConfig) {
    super(DDIM_DEFAULTS, model);
    this.finalAlpha = this.config.set_alpha_to_one ? 1 : this.alphasCumprod[0];
  }

  setTimesteps(steps: number): void {
    checkSteps(steps, this.trainSteps);
    this.steps = steps;
    this.timesteps = Float64Array.from(spacedTimesteps(this.config, steps));
  }

  scaleModelInput(sample: Float32Array): Float32Array {
    return sample;
  }

  step(mo: Float32Array, t: number, sample: Float32Array, _ctx: StepContext): StepOutput {
    const prev = t - Math.floor(this.trainSteps / this.steps);
    const at = this.alphasCumprod[t];
    const ap = prev >= 0 ? this.alphasCumprod[prev] : this.finalAlpha;
    const sa = f32(Math.sqrt(at));
    const sb = f32(Math.sqrt(1 - at));
    const n = sample.length;
    const x0 = new Float32Array(n);
    const eps = new Float32Array(n);
    switch (this.config.prediction_type) {
      case 'epsilon':
        for (let i = 0; i < n; i++) { x0[i] = f32(f32(sample[i] - f32(sb * mo[i])) / sa); eps[i] = mo[i]; }
        break;
      case 'sample':
        for (let i = 0; i < n; i++) { x0[i] = mo[i]; eps[i] = f32(f32(sample[i] - f32(sa * x0[i])) / sb); }
        break;
      case 'v_prediction':
        for (let i = 0; i < n; i++) { x0[i] = f32(sa * sample[i]) - f32(sb * mo[i]); eps[i] = f32(sa * mo[i]) + f32(sb * sample[i]); }
        break;
      default:
        throw new StudioError('engine/bad-scheduler-config', `Unsupported prediction_type "${String(this.config.prediction_type)}". Choose one of: epsilon, sample, v_prediction.`, { key: 'prediction_type' });
    }
    if (this.config.clip_sample) {
      const r = this.config.clip_sample_range as number;
      for (let i = 0; i < n; i++) x0[i] = Math.min(r, Math.max(-r, x0[i]));
    }
    const cx = f32(Math.sqrt(ap));
    const ce = f32(Math.sqrt(1 - ap));
    const prevSample = new Float32Array(n);
    for (let i = 0; i < n; i++) prevSample[i] = f32(cx * x0[i]) + f32(ce * eps[i]);
    return { prevSample, predOriginalSample: x0 };
  }

  /** Without clip_sample the step is linear in the sample and the model output. */
  linearSteps(): LinearForm | null {
    return this.config.clip_sample || this.config.thresholding ? null : { noise: false, history: 0 };
  }

  linearStep(t: number, _ctx: StepContext): LinearStep {
    const prev = t - Math.floor(this.trainSteps / this.steps);
    const at = this.alphasCumprod[t];
    const ap = prev >= 0 ? this.alphasCumprod[prev] : this.finalAlpha;
    const sa = Math.sqrt(at);
    const sb = Math.sqrt(1 - at);
    // x0 = ax·x + ae·m and eps = bx·x + be·m, per prediction type (as step()).
    let c: [ax: number, ae: number, bx: number, be: number];
    switch (this.config.prediction_type) {
      case 'epsilon': c = [1 / sa, -sb / sa, 0, 1]; break;
      case 'sample': c = [0, 1, 1 / sb, -sa / sb]; break;
      case 'v_prediction': c = [sa, -sb, sb, sa]; break;
      default:
        throw new StudioError('engine/bad-scheduler-config', `Unsupported prediction_type "${String(this.config.prediction_type)}". Choose one of: epsilon, sample, v_prediction.`, { key: 'prediction_type' });
    }
    const [ax, ae, bx, be] = c;
    const pa = Math.sqrt(ap);
    const pb = Math.sqrt(1 - ap);
    return { cx: pa * ax + pb * bx, ce: pa * ae + pb * be, cn: 0, ch: [], px: 0, pe: 0, push: false, nextInputScale: 1, x0: [ax, ae] };
  }
}
