// The schedulers, one frozen row each: id (CLI/UI), label, the diffusers class it ports, factory, defaults.
import { DDIM_DEFAULTS, DdimScheduler } from './ddim.js';
import { DPM_DEFAULTS, DpmSolverMultistepScheduler } from './dpm-solver-multistep.js';
import { EULER_ANCESTRAL_DEFAULTS, EulerAncestralScheduler } from './euler-ancestral.js';
import { EULER_DEFAULTS, EulerScheduler } from './euler.js';
import { LMS_DEFAULTS, LmsScheduler } from './lms.js';
import { PNDM_DEFAULTS, PndmScheduler } from './pndm.js';
import type { Scheduler, SchedulerConfig } from './types.js';

export interface SchedulerRow {
  id: string;
  label: string;
  diffusersClass: string;
  defaults: SchedulerConfig;
  create(modelConfig: SchedulerConfig): Scheduler;
}

export const SCHEDULERS: readonly SchedulerRow[] = Object.freeze([
  { id: 'pndm', label: 'PNDM (PLMS)', diffusersClass: 'PNDMScheduler', defaults: PNDM_DEFAULTS, create: (c) => new PndmScheduler(c) },
  { id: 'lms', label: 'LMS', diffusersClass: 'LMSDiscreteScheduler', defaults: LMS_DEFAULTS, create: (c) => new LmsScheduler(c) },
  { id: 'ddim', label: 'DDIM', diffusersClass: 'DDIMScheduler', defaults: DDIM_DEFAULTS, create: (c) => new DdimScheduler(c) },
  { id: 'euler', label: 'Euler', diffusersClass: 'EulerDiscreteScheduler', defaults: EULER_DEFAULTS, create: (c) => new EulerScheduler(c) },
  { id: 'euler-a', label: 'Euler a', diffusersClass: 'EulerAncestralDiscreteScheduler', defaults: EULER_ANCESTRAL_DEFAULTS, create: (c) => new EulerAncestralScheduler(c) },
  {
    id: 'dpmpp-2m', label: 'DPM++ 2M', diffusersClass: 'DPMSolverMultistepScheduler', defaults: DPM_DEFAULTS,
    create: (c) => new DpmSolverMultistepScheduler({ ...c, algorithm_type: 'dpmsolver++', solver_order: 2, use_karras_sigmas: false }),
  },
  {
    id: 'dpmpp-2m-karras', label: 'DPM++ 2M Karras', diffusersClass: 'DPMSolverMultistepScheduler', defaults: { ...DPM_DEFAULTS, use_karras_sigmas: true },
    create: (c) => new DpmSolverMultistepScheduler({ ...c, algorithm_type: 'dpmsolver++', solver_order: 2, use_karras_sigmas: true }, 'dpmpp-2m-karras'),
  },
]);
