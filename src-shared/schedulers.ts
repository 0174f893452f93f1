// What every layer knows about a scheduler (sampler), once: our id, its label, the WebUI name written in the
// infotext, the diffusers class it ports, and its capabilities. Pure data: the engine joins each row with its
// implementation (engine/schedulers/registry.ts), the gallery writes infotext from it, the UI lists it.

export interface SchedulerCapabilities {
  /** Adds fresh noise every step (ancestral samplers): the seed's stream is drawn from step to step. */
  ancestral: boolean;
  /** Carries earlier steps (multistep samplers). */
  multistep: boolean;
  /** diffusers' step() returns pred_original_sample (x0); the others' x0 is derived from the model output. */
  returnsX0: boolean;
  /** Calls the U-Net more times than the steps asked for (PNDM's warm-up repeats a timestep). */
  extraCalls: boolean;
}

export interface SchedulerDescriptor {
  id: string;
  label: string;
  /** The sampler name WebUI writes (sd_samplers_*.py); Karras variants in the combined pre-1.9 form. */
  webuiName: string;
  diffusersClass: string;
  capabilities: SchedulerCapabilities;
}

const caps = (c: Partial<SchedulerCapabilities>): SchedulerCapabilities => ({ ancestral: false, multistep: false, returnsX0: false, extraCalls: false, ...c });

/** Every scheduler the engine implements, in the order the UI offers them. */
export const SCHEDULER_TABLE = Object.freeze([
  { id: 'pndm', label: 'PNDM (PLMS)', webuiName: 'PLMS', diffusersClass: 'PNDMScheduler', capabilities: caps({ multistep: true, extraCalls: true }) },
  { id: 'lms', label: 'LMS', webuiName: 'LMS', diffusersClass: 'LMSDiscreteScheduler', capabilities: caps({ multistep: true, returnsX0: true }) },
  { id: 'ddim', label: 'DDIM', webuiName: 'DDIM', diffusersClass: 'DDIMScheduler', capabilities: caps({ returnsX0: true }) },
  { id: 'euler', label: 'Euler', webuiName: 'Euler', diffusersClass: 'EulerDiscreteScheduler', capabilities: caps({ returnsX0: true }) },
  { id: 'euler-a', label: 'Euler a', webuiName: 'Euler a', diffusersClass: 'EulerAncestralDiscreteScheduler', capabilities: caps({ ancestral: true, returnsX0: true }) },
  { id: 'dpmpp-2m', label: 'DPM++ 2M', webuiName: 'DPM++ 2M', diffusersClass: 'DPMSolverMultistepScheduler', capabilities: caps({ multistep: true }) },
  { id: 'dpmpp-2m-karras', label: 'DPM++ 2M Karras', webuiName: 'DPM++ 2M Karras', diffusersClass: 'DPMSolverMultistepScheduler', capabilities: caps({ multistep: true }) },
] as const satisfies readonly SchedulerDescriptor[]);

export type SchedulerId = (typeof SCHEDULER_TABLE)[number]['id'];

export const SCHEDULER_IDS: readonly SchedulerId[] = Object.freeze(SCHEDULER_TABLE.map((s) => s.id));

export function schedulerDescriptor(id: string): SchedulerDescriptor | undefined {
  return SCHEDULER_TABLE.find((s) => s.id === id);
}
