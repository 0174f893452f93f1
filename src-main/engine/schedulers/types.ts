// The one interface every scheduler implements, as diffusers' SchedulerMixin + step() contract.
import type { SchedulerDescriptor } from '../../../src-shared/schedulers.js';

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

/**
 * One step written as a linear combination, so it can run where the latents are (the GPU):
 * next = cx·sample + ce·modelOutput + cn·noise + Σ ch[k]·state[k], where a multistep scheduler's states
 * (DPM-Solver++'s previous x0, LMS's derivatives, PNDM's model outputs; most recent first) are carried
 * from step to step: this step's new state px·sample + pe·modelOutput goes in front of them (`push`)
 * or they stay as they are. Coefficients in float64; modelOutput is after guidance.
 */
export interface LinearStep {
  cx: number;
  ce: number;
  cn: number;
  /** One weight per carried state (LinearForm.history of them), most recent first. */
  ch: number[];
  px: number;
  pe: number;
  push: boolean;
  /** The noise this step adds (ancestral samplers), drawn from the pipeline's generator as step() would. */
  noise?: Float32Array;
  /** The factor scaleModelInput will apply at the next step (1 after the last). */
  nextInputScale: number;
  /** This step's predicted x0 (the timeline's) = x0[0]·sample + x0[1]·modelOutput, as step() returns it. */
  x0: [ax: number, ae: number];
}

/** What a scheduler's linear steps need besides the sample and the model output. */
export interface LinearForm {
  /** Fresh noise each step (ancestral samplers). */
  noise: boolean;
  /** How many states are carried from step to step (multistep samplers; 0 for single-step ones). */
  history: number;
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
  /** Whether linearStep() can stand in for step() with this config (not with clipping or thresholding), and what it needs. */
  linearSteps?(): LinearForm | null;
  /** The coming step as coefficients, advancing the scheduler exactly as step() does (also its draws). */
  linearStep?(timestep: number, ctx: StepContext): LinearStep;
}

export interface SchedulerInfo extends SchedulerDescriptor {
  defaults: SchedulerConfig;
}
