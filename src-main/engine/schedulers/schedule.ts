// Noise schedules shared by every scheduler, once: betas, ᾱ, timestep spacing, sigma interpolation,
// Karras sigmas and the config merge (diffusers copies these into each scheduler file; we don't).
// Ports diffusers 0.24 `scheduling_*.py` helpers (betas_for_alpha_bar, set_timesteps spacing, _sigma_to_t, _convert_to_karras).
import { StudioError } from '../../../src-shared/errors.js';
import type { SchedulerConfig } from './types.js';

const f32 = Math.fround;

/** diffusers' from_config: class defaults, overridden by the model's keys the class knows. */
export function mergeConfig(defaults: SchedulerConfig, model: SchedulerConfig): SchedulerConfig {
  const out: SchedulerConfig = { ...defaults };
  for (const key of Object.keys(defaults)) if (key in model) out[key] = model[key];
  return out;
}

const num = (c: SchedulerConfig, k: string): number => c[k] as number;

/** β_t as float32, per beta_schedule (or trained_betas). */
export function betas(c: SchedulerConfig): Float32Array {
  const n = num(c, 'num_train_timesteps');
  const trained = c.trained_betas;
  if (Array.isArray(trained) && trained.length) return Float32Array.from(trained as number[]);
  const start = num(c, 'beta_start');
  const end = num(c, 'beta_end');
  const out = new Float32Array(n);
  switch (c.beta_schedule) {
    case 'linear':
      for (let i = 0; i < n; i++) out[i] = linspaceAt(start, end, n, i);
      break;
    case 'scaled_linear':
      for (let i = 0; i < n; i++) out[i] = f32(linspaceAt(Math.sqrt(start), Math.sqrt(end), n, i)) ** 2;
      break;
    case 'squaredcos_cap_v2': {
      const ab = (t: number) => Math.cos(((t + 0.008) / 1.008) * Math.PI / 2) ** 2;
      for (let i = 0; i < n; i++) out[i] = Math.min(1 - ab((i + 1) / n) / ab(i / n), 0.999);
      break;
    }
    default:
      throw new StudioError('engine/bad-scheduler-config', `Unsupported beta_schedule "${String(c.beta_schedule)}". Choose one of: linear, scaled_linear, squaredcos_cap_v2.`, { key: 'beta_schedule' });
  }
  return out;
}

/** torch.linspace element i in float32 (torch computes start + i*step, or from the end for the upper half). */
function linspaceAt(start: number, end: number, n: number, i: number): number {
  if (n === 1) return f32(start);
  const step = (end - start) / (n - 1);
  return f32(i < n / 2 ? start + step * i : end - step * (n - 1 - i));
}

/** ᾱ_t = ∏(1-β) as torch.cumprod on float32 (double accumulator, float32 stores). */
export function alphasCumprod(b: Float32Array): Float32Array {
  const out = new Float32Array(b.length);
  let acc = 1;
  for (let i = 0; i < b.length; i++) {
    acc *= f32(1 - b[i]);
    out[i] = acc;
  }
  return out;
}

/** σ_t = sqrt((1-ᾱ)/ᾱ) in float32, as diffusers' sigma-based schedulers build it. */
export function trainingSigmas(ac: Float32Array): Float32Array {
  const out = new Float32Array(ac.length);
  for (let i = 0; i < ac.length; i++) out[i] = Math.sqrt(f32(f32(1 - ac[i]) / ac[i]));
  return out;
}

/** np.interp(x, arange(len(ys)), ys). */
export function interp(x: number, ys: ArrayLike<number>): number {
  if (x <= 0) return ys[0];
  if (x >= ys.length - 1) return ys[ys.length - 1];
  const i = Math.floor(x);
  const w = x - i;
  return ys[i] + (ys[i + 1] - ys[i]) * w;
}

/** Discrete timesteps (descending) for PNDM/DDIM-style spacing; leading/trailing/linspace as diffusers. */
export function spacedTimesteps(c: SchedulerConfig, steps: number): number[] {
  const n = num(c, 'num_train_timesteps');
  const offset = num(c, 'steps_offset') ?? 0;
  switch (c.timestep_spacing) {
    case 'linspace':
      return linspace(0, n - 1, steps).map((v) => roundHalfEven(v)).reverse();
    case 'leading': {
      const ratio = Math.floor(n / steps);
      return Array.from({ length: steps }, (_, i) => roundHalfEven(i * ratio) + offset).reverse();
    }
    case 'trailing': {
      const ratio = n / steps;
      const out: number[] = [];
      for (let v = n; v > 0; v -= ratio) out.push(roundHalfEven(v) - 1);
      return out;
    }
    default:
      throw badSpacing(c);
  }
}

/** Float timesteps for sigma-based schedulers (LMS/Euler): the same spacings, without rounding linspace. */
export function sigmaTimesteps(c: SchedulerConfig, steps: number): number[] {
  const n = num(c, 'num_train_timesteps');
  const offset = num(c, 'steps_offset') ?? 0;
  switch (c.timestep_spacing) {
    case 'linspace':
      return linspace(0, n - 1, steps).map(f32).reverse();
    case 'leading': {
      const ratio = Math.floor(n / steps);
      return Array.from({ length: steps }, (_, i) => roundHalfEven(i * ratio) + offset).reverse();
    }
    case 'trailing': {
      const ratio = n / steps;
      const out: number[] = [];
      for (let v = n; v > 0; v -= ratio) out.push(roundHalfEven(v) - 1);
      return out;
    }
    default:
      throw badSpacing(c);
  }
}

function badSpacing(c: SchedulerConfig): StudioError {
  return new StudioError('engine/bad-scheduler-config', `Unsupported timestep_spacing "${String(c.timestep_spacing)}". Choose one of: linspace, leading, trailing.`, { key: 'timestep_spacing' });
}

export function linspace(a: number, b: number, n: number): number[] {
  if (n === 1) return [a];
  return Array.from({ length: n }, (_, i) => a + ((b - a) * i) / (n - 1));
}

export function roundHalfEven(x: number): number {
  const r = Math.round(x);
  return Math.abs(x % 1) === 0.5 && r % 2 !== 0 ? r - 1 : r;
}

/** Karras et al. (2022) sigmas between the schedule's extremes, rho = 7 (diffusers' _convert_to_karras). */
export function karrasSigmas(sigmaMin: number, sigmaMax: number, steps: number): number[] {
  const rho = 7;
  const minInv = sigmaMin ** (1 / rho);
  const maxInv = sigmaMax ** (1 / rho);
  return linspace(0, 1, steps).map((r) => (maxInv + r * (minInv - maxInv)) ** rho);
}

/** Fractional training timestep of a sigma by log-sigma interpolation (diffusers' _sigma_to_t). */
export function sigmaToT(sigma: number, logSigmas: ArrayLike<number>): number {
  const logSigma = Math.log(Math.max(sigma, 1e-10));
  let low = 0;
  for (let i = 0; i < logSigmas.length; i++) if (logSigma - logSigmas[i] >= 0) low = i;
  low = Math.min(low, logSigmas.length - 2);
  const lo = logSigmas[low];
  const hi = logSigmas[low + 1];
  const w = Math.min(1, Math.max(0, (lo - logSigma) / (lo - hi)));
  return (1 - w) * low + w * (low + 1);
}

/** x·a + y·b elementwise in float32 (torch's order: two products, then the sum). */
export function axpby(a: number, x: Float32Array, b: number, y: Float32Array): Float32Array {
  const out = new Float32Array(x.length);
  const fa = f32(a);
  const fb = f32(b);
  for (let i = 0; i < x.length; i++) out[i] = f32(fa * x[i]) + f32(fb * y[i]);
  return out;
}

export function checkSteps(steps: number, max: number): void {
  if (!Number.isInteger(steps) || steps < 1) throw new StudioError('engine/bad-steps', `Steps must be a whole number ≥ 1, got ${steps}.`, { value: steps });
  if (steps > max) throw new StudioError('engine/bad-steps', `Steps cannot exceed the model's ${max} training timesteps, got ${steps}.`, { value: steps });
}

/** Base for ᾱ-table schedulers: config, tables, addNoise and sigmaAt. */
export abstract class AlphaSchedule {
  readonly config: Readonly<SchedulerConfig>;
  readonly alphasCumprod: Float32Array;
  timesteps = new Float64Array(0);

  constructor(defaults: SchedulerConfig, model: SchedulerConfig) {
    this.config = Object.freeze(mergeConfig(defaults, model));
    this.alphasCumprod = alphasCumprod(betas(this.config));
  }

  get trainSteps(): number {
    return this.alphasCumprod.length;
  }

  sigmaAt(timestep: number): number {
    const a = interp(timestep, this.alphasCumprod);
    return Math.sqrt((1 - a) / a);
  }

  /** DDPM forward process x_t = sqrt(ᾱ)x0 + sqrt(1-ᾱ)ε (ᾱ-based schedulers). */
  addNoise(original: Float32Array, noise: Float32Array, timestep: number): Float32Array {
    const a = this.alphasCumprod[Math.round(timestep)];
    return axpby(Math.sqrt(a), original, Math.sqrt(1 - a), noise);
  }
}
