// The Generate form as plain data and the pure rules around it: the requests one click queues (WebUI's
// batch count: the seed goes up by one per batch when one was given), filling the form from an image's
// parameters, and sizes kept on the 8-pixel grid. No state and no api calls here (stores/generate.ts has them).
import type { OpRequest } from '../../src-shared/contract/index.js';
import { SIZE_MAX, SIZE_MIN, SIZE_STEP } from '../../src-shared/contract/limits.js';

export interface GenerateForm {
  model: string;
  prompt: string;
  negativePrompt: string;
  steps: number;
  guidance: number;
  /** Empty: a random seed per batch. */
  seed: string;
  width: number;
  height: number;
  /** Empty: the model's own scheduler. */
  scheduler: string;
  /** How many batches one click queues (one job each). */
  batchCount: number;
  /** Images per batch (generate.start's `batch`). */
  batchSize: number;
}

export const DEFAULT_FORM: Readonly<GenerateForm> = Object.freeze({
  model: '', prompt: '', negativePrompt: '', steps: 20, guidance: 7.5, seed: '', width: 512, height: 512, scheduler: '', batchCount: 1, batchSize: 1,
});

/** The generate.start requests of one click: one per batch, seeds counting up from a typed one. */
export function requestsOf(f: GenerateForm): OpRequest<'generate.start'>[] {
  const typed = f.seed.trim();
  const base = /^[+-]?\d+$/.test(typed) ? BigInt(typed) : null;
  return Array.from({ length: Math.max(1, f.batchCount) }, (_, i) => ({
    model: f.model, prompt: f.prompt, negativePrompt: f.negativePrompt, steps: f.steps, guidance: f.guidance,
    // NOTE: a typed seed that is not a number goes as typed, so the contract names the problem next to Seed.
    seed: typed === '' ? null : base === null ? typed : (base + BigInt(i)).toString(),
    width: f.width, height: f.height, scheduler: f.scheduler || null, batch: f.batchSize,
  }));
}

/** The form fields an image's parameters set (fields the image lacks keep their value). */
export function formFromParameters(p: Readonly<Record<string, unknown>>, schedulers: readonly string[]): Partial<GenerateForm> {
  const out: Partial<GenerateForm> = {};
  if (typeof p.prompt === 'string') out.prompt = p.prompt;
  if (typeof p.negativePrompt === 'string') out.negativePrompt = p.negativePrompt;
  if (typeof p.steps === 'number') out.steps = p.steps;
  if (typeof p.guidance === 'number') out.guidance = p.guidance;
  if (typeof p.seed === 'string') out.seed = p.seed;
  if (typeof p.width === 'number') out.width = p.width;
  if (typeof p.height === 'number') out.height = p.height;
  if (typeof p.scheduler === 'string' && schedulers.includes(p.scheduler)) out.scheduler = p.scheduler;
  return out;
}

/** A side on the 8-pixel grid within the hard limits. */
export function snapSide(v: number): number {
  return Math.min(SIZE_MAX, Math.max(SIZE_MIN, Math.round(v / SIZE_STEP) * SIZE_STEP));
}

/** The other side that keeps `ratio` (width / height) when one side changes. */
export function keepAspect(changed: 'width' | 'height', value: number, ratio: number): number {
  return snapSide(changed === 'width' ? value / ratio : value * ratio);
}

/** WebUI-like presets, width × height. */
export const SIZE_PRESETS: readonly (readonly [number, number])[] = Object.freeze([
  [64, 64], [256, 256], [512, 512], [512, 768], [768, 512], [640, 640], [768, 768], [1024, 1024], [832, 1216], [1216, 832],
] as const);
