// "Steps to show" of the Lab's forward diffusion: a comma list of schedule indices, checked before any
// request goes out. Pure, so it is tested without a browser. Not here: the schedule itself (lab.noise).
import { StudioError } from '../../src-shared/errors.js';

/** "0, 4, 9" → [0, 4, 9]; a StudioError (lab/bad-step-list) naming the allowed range otherwise. */
export function parseStepList(text: string, numSteps: number): number[] {
  const parts = text.split(',').map((p) => p.trim()).filter(Boolean);
  const steps = parts.map(Number);
  if (!parts.length || steps.some((s) => !Number.isInteger(s) || s < 0 || s >= numSteps)) {
    throw new StudioError('lab/bad-step-list', `"${text}" is not a list of steps from 0 to ${numSteps - 1} (e.g. 0, 4, ${numSteps - 1}).`, { max: numSteps - 1 });
  }
  return steps;
}
