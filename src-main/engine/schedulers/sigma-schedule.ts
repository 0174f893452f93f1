// Shared state of the k-diffusion-style schedulers (LMS, Euler, Euler ancestral): σ per step,
// input scaling by 1/sqrt(σ²+1), the step index, x0 prediction and noise addition in σ space.
// Follows diffusers 0.24 `scheduling_euler_discrete.py` set_timesteps / scale_model_input / add_noise.
import { StudioError } from '../../../src-shared/errors.js';
import { AlphaSchedule, checkSteps, interp, karrasSigmas, sigmaTimesteps, sigmaToT, trainingSigmas } from './schedule.js';
import type { SchedulerConfig } from './types.js';

const f32 = Math.fround;

export abstract class SigmaSchedule extends AlphaSchedule {
  sigmas = new Float32Array(0);
  protected stepIndex = 0;
  private readonly trainSigmas: Float32Array;

  constructor(defaults: SchedulerConfig, model: SchedulerConfig) {
    super(defaults, model);
    this.trainSigmas = trainingSigmas(this.alphasCumprod);
  }

  get initNoiseSigma(): number {
    let max = 0;
    for (const s of this.sigmas) max = Math.max(max, s);
    const spacing = this.config.timestep_spacing;
    return spacing === 'linspace' || spacing === 'trailing' ? max : f32(Math.sqrt(max * max + 1));
  }

  setTimesteps(steps: number): void {
    checkSteps(steps, this.trainSteps);
    let ts = sigmaTimesteps(this.config, steps);
    const logInterp = this.config.interpolation_type === 'log_linear';
    let sig = ts.map((t) => (logInterp ? Math.exp(interp(t, this.trainSigmas.map(Math.log))) : interp(t, this.trainSigmas)));
    if (this.config.use_karras_sigmas) {
      const logs = Array.from(this.trainSigmas, Math.log);
      sig = karrasSigmas(sig[sig.length - 1], sig[0], steps);
      ts = sig.map((s) => sigmaToT(s, logs));
    }
    this.sigmas = Float32Array.from([...sig, 0]);
    this.timesteps = Float64Array.from(ts.map(f32));
    this.stepIndex = 0;
  }

  scaleModelInput(sample: Float32Array, _timestep: number): Float32Array {
    const sigma = this.sigmas[this.stepIndex];
    const d = f32(Math.sqrt(f32(f32(sigma * sigma) + 1)));
    const out = new Float32Array(sample.length);
    for (let i = 0; i < out.length; i++) out[i] = f32(sample[i] / d);
    return out;
  }

  /** x0 from the model output at σ (epsilon, v_prediction or sample), in float32. */
  protected predictX0(mo: Float32Array, sample: Float32Array, sigma: number): Float32Array {
    const n = sample.length;
    const x0 = new Float32Array(n);
    const s = f32(sigma);
    switch (this.config.prediction_type) {
      case 'epsilon':
        for (let i = 0; i < n; i++) x0[i] = sample[i] - f32(s * mo[i]);
        break;
      case 'v_prediction': {
        const c1 = f32(-s / Math.sqrt(s * s + 1));
        const c2 = f32(s * s + 1);
        for (let i = 0; i < n; i++) x0[i] = f32(mo[i] * c1) + f32(sample[i] / c2);
        break;
      }
      case 'sample':
        x0.set(mo);
        break;
      default:
        throw new StudioError('engine/bad-scheduler-config', `Unsupported prediction_type "${String(this.config.prediction_type)}". Choose one of: epsilon, v_prediction, sample.`, { key: 'prediction_type' });
    }
    return x0;
  }

  /** predictX0 as x0 = ax·sample + ae·modelOutput, in float64 (for linear steps). */
  protected x0Coefficients(sigma: number): [ax: number, ae: number] {
    switch (this.config.prediction_type) {
      case 'epsilon':
        return [1, -sigma];
      case 'v_prediction':
        return [1 / (sigma * sigma + 1), -sigma / Math.sqrt(sigma * sigma + 1)];
      case 'sample':
        return [0, 1];
      default:
        throw new StudioError('engine/bad-scheduler-config', `Unsupported prediction_type "${String(this.config.prediction_type)}". Choose one of: epsilon, v_prediction, sample.`, { key: 'prediction_type' });
    }
  }

  /** The factor scaleModelInput applies at the current step: 1/sqrt(σ²+1); 1 after the last step. */
  protected currentInputScale(): number {
    if (this.stepIndex >= this.timesteps.length) return 1;
    const s = this.sigmas[this.stepIndex];
    return 1 / Math.sqrt(s * s + 1);
  }

  /** sample + (σ_to − σ)·(sample − x0)/σ as coefficients of sample and the model output. */
  protected eulerCoefficients(from: number, to: number): { cx: number; ce: number } {
    const [ax, ae] = this.x0Coefficients(from);
    const dt = to - from;
    return { cx: 1 + (dt * (1 - ax)) / from, ce: (-dt * ae) / from };
  }

  override addNoise(original: Float32Array, noise: Float32Array, timestep: number): Float32Array {
    let idx = this.timesteps.findIndex((t) => t === timestep);
    if (idx < 0) idx = 0;
    const s = f32(this.sigmas[idx]);
    const out = new Float32Array(original.length);
    for (let i = 0; i < out.length; i++) out[i] = original[i] + f32(noise[i] * s);
    return out;
  }
}
