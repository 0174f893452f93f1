// Schedulers: diffusers' samplers ported one per file, created from a model's scheduler_config.json.
import { StudioError } from '../../../src-shared/errors.js';
import { SCHEDULERS } from './registry.js';
import type { Scheduler, SchedulerConfig, SchedulerInfo } from './types.js';

export type { Scheduler, SchedulerConfig, SchedulerInfo, StepContext, StepOutput } from './types.js';
export { DdimScheduler } from './ddim.js';
export { SigmaSchedule } from './sigma-schedule.js';

export function listSchedulers(): SchedulerInfo[] {
  return SCHEDULERS.map(({ id, label, webuiName, diffusersClass, capabilities, defaults }) => ({ id, label, webuiName, diffusersClass, capabilities, defaults }));
}

function unknown(id: string): StudioError {
  return new StudioError('engine/unknown-scheduler', `Unknown scheduler "${id}". Choose one of: ${SCHEDULERS.map((s) => s.id).join(', ')}.`, { value: id });
}

/** Builds scheduler `id` from a model's config with diffusers' from_config semantics. */
export function createScheduler(id: string, modelConfig: SchedulerConfig): Scheduler {
  const row = SCHEDULERS.find((s) => s.id === id);
  if (!row) throw unknown(id);
  return row.create(validateSchedulerConfig(modelConfig, 'scheduler_config.json'));
}

/**
 * The model's own scheduler id, from `_class_name` (and use_karras_sigmas for DPM-Solver). A class we do not
 * implement (UniPC, LCM, Heun, …) is an error that names it and what can be chosen instead: running a near
 * relative would not give diffusers' image.
 */
export function schedulerIdForConfig(config: SchedulerConfig): string {
  const cls = config._class_name;
  if (cls === 'DPMSolverMultistepScheduler') {
    const algorithm = config.algorithm_type ?? 'dpmsolver++';
    if (algorithm === 'dpmsolver++' && (config.solver_order ?? 2) === 2) return config.use_karras_sigmas ? 'dpmpp-2m-karras' : 'dpmpp-2m';
    throw unsupportedClass(`${String(cls)} (algorithm_type ${String(algorithm)}, solver_order ${String(config.solver_order)})`);
  }
  const row = SCHEDULERS.find((s) => s.diffusersClass === cls);
  if (row) return row.id;
  throw unsupportedClass(typeof cls === 'string' ? cls : 'no _class_name');
}

function unsupportedClass(what: string): StudioError {
  const ids = SCHEDULERS.map((s) => s.id).join(', ');
  return new StudioError(
    'engine/unsupported-scheduler',
    `This model's scheduler_config.json names ${what}, which Latent Studio does not implement yet. Choose a scheduler instead (--scheduler, or the Sampler list): ${ids}.`,
    { value: what, allowed: ids },
  );
}

/** Checks the keys every scheduler relies on; names the file, key and bad value. */
export function validateSchedulerConfig(config: unknown, file: string): SchedulerConfig {
  const bad = (key: string, why: string) => new StudioError('engine/bad-scheduler-config', `${file}: ${key} ${why}.`, { file, key });
  if (!config || typeof config !== 'object' || Array.isArray(config)) throw new StudioError('engine/bad-scheduler-config', `${file} must hold a JSON object.`, { file });
  const c = config as SchedulerConfig;
  const n = c.num_train_timesteps;
  if (n !== undefined && (!Number.isInteger(n) || (n as number) < 1)) throw bad('num_train_timesteps', `must be a whole number ≥ 1, got ${JSON.stringify(n)}`);
  for (const k of ['beta_start', 'beta_end']) {
    const v = c[k];
    if (v !== undefined && (typeof v !== 'number' || !Number.isFinite(v) || v <= 0 || v >= 1)) throw bad(k, `must be a number in (0, 1), got ${JSON.stringify(v)}`);
  }
  const schedule = c.beta_schedule;
  if (schedule !== undefined && !['linear', 'scaled_linear', 'squaredcos_cap_v2'].includes(schedule as string)) {
    throw bad('beta_schedule', `must be one of linear, scaled_linear, squaredcos_cap_v2, got ${JSON.stringify(schedule)}`);
  }
  const spacing = c.timestep_spacing;
  if (spacing !== undefined && !['linspace', 'leading', 'trailing'].includes(spacing as string)) {
    throw bad('timestep_spacing', `must be one of linspace, leading, trailing, got ${JSON.stringify(spacing)}`);
  }
  const pred = c.prediction_type;
  if (pred !== undefined && !['epsilon', 'v_prediction', 'sample'].includes(pred as string)) {
    throw bad('prediction_type', `must be one of epsilon, v_prediction, sample, got ${JSON.stringify(pred)}`);
  }
  return c;
}
