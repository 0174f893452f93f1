// The schedulers the engine runs: each row of the shared table (src-shared/schedulers.ts: id, label, WebUI
// name, diffusers class, capabilities) joined with its implementation here. The Record type makes a row
// without an implementation a type error. A new scheduler: one file, one row there, one entry here.
import { SCHEDULER_TABLE, type SchedulerDescriptor, type SchedulerId } from '../../../src-shared/schedulers.js';
import { DDIM_DEFAULTS, DdimScheduler } from './ddim.js';
import { DPM_DEFAULTS, DpmSolverMultistepScheduler } from './dpm-solver-multistep.js';
import { EULER_ANCESTRAL_DEFAULTS, EulerAncestralScheduler } from './euler-ancestral.js';
import { EULER_DEFAULTS, EulerScheduler } from './euler.js';
import { LMS_DEFAULTS, LmsScheduler } from './lms.js';
import { PNDM_DEFAULTS, PndmScheduler } from './pndm.js';
import type { Scheduler, SchedulerConfig } from './types.js';

interface Implementation {
  defaults: SchedulerConfig;
  create(modelConfig: SchedulerConfig): Scheduler;
}

export interface SchedulerRow extends SchedulerDescriptor, Implementation {}

const IMPLEMENTATIONS: Readonly<Record<SchedulerId, Implementation>> = Object.freeze({
  pndm: { defaults: PNDM_DEFAULTS, create: (c) => new PndmScheduler(c) },
  lms: { defaults: LMS_DEFAULTS, create: (c) => new LmsScheduler(c) },
  ddim: { defaults: DDIM_DEFAULTS, create: (c) => new DdimScheduler(c) },
  euler: { defaults: EULER_DEFAULTS, create: (c) => new EulerScheduler(c) },
  'euler-a': { defaults: EULER_ANCESTRAL_DEFAULTS, create: (c) => new EulerAncestralScheduler(c) },
  'dpmpp-2m': {
    defaults: DPM_DEFAULTS,
    create: (c) => new DpmSolverMultistepScheduler({ ...c, algorithm_type: 'dpmsolver++', solver_order: 2, use_karras_sigmas: false }),
  },
  'dpmpp-2m-karras': {
    defaults: { ...DPM_DEFAULTS, use_karras_sigmas: true },
    create: (c) => new DpmSolverMultistepScheduler({ ...c, algorithm_type: 'dpmsolver++', solver_order: 2, use_karras_sigmas: true }, 'dpmpp-2m-karras'),
  },
});

export const SCHEDULERS: readonly SchedulerRow[] = Object.freeze(SCHEDULER_TABLE.map((d) => ({ ...d, ...IMPLEMENTATIONS[d.id] })));
