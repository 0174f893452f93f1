// The one interface every scheduler implements, as diffusers' SchedulerMixin + step() contract.

export type SchedulerConfig = Record<string, unknown>;

export interface StepContext {
  /** Shape of the sample [batch, 4, h, w]. */
  shape: readonly number[];
  /** The pipeline's seeded generator; stochastic samplers draw once per step, in diffusers' order. */
  randn?: (shape: readonly number[]) => Float32Array;
}

export interface StepOutput {
  prevSample: Float32Array;
  predOriginalSample?: Float32Array;
}

export interface Scheduler {
  readonly id: string;
  /** Effective config: the class defaults overridden by the model's keys the class knows. */
  readonly config: Readonly<SchedulerConfig>;
  readonly initNoiseSigma: number;
  readonly order: number;
  /** After setTimesteps: every U-Net call's timestep, in order. */
  readonly timesteps: Float64Array;
  setTimesteps(numInferenceSteps: number): void;
  scaleModelInput(sample: Float32Array, timestep: number): Float32Array;
  step(modelOutput: Float32Array, timestep: number, sample: Float32Array, ctx: StepContext): StepOutput;
  addNoise(original: Float32Array, noise: Float32Array, timestep: number): Float32Array;
  /** Noise level sqrt((1-ᾱ)/ᾱ) at a timestep (interpolated), for progress and the timeline. */
  sigmaAt(timestep: number): number;
}

export interface SchedulerInfo {
  id: string;
  label: string;
  diffusersClass: string;
  defaults: SchedulerConfig;
}
