// The generator's options: validation with messages that list the allowed values, and the
// per-layout defaults (what each real exporter writes when nothing else is asked for).
import { StudioError } from '../../src-shared/errors.js';
import { CONFIG_NAMES, type SyntheticConfigName } from './configs.js';
import type { LayoutName } from './io-contract.js';

export type ComponentName = 'text_encoder' | 'unet' | 'vae_decoder' | 'vae_encoder';

export interface SyntheticOptions {
  config: SyntheticConfigName;
  dtype?: 'float32' | 'float16';
  layout?: LayoutName;
  idsType?: 'int32' | 'int64';
  timestepType?: 'float32' | 'float16' | 'int64';
  timestepShape?: 'batch' | 'scalar';
  batch?: 'dynamic' | 1 | 2;
  seed?: number;
  components?: ComponentName[];
}

export type ResolvedOptions = Required<Omit<SyntheticOptions, 'components'>>;

export const LAYOUT_NAMES: readonly LayoutName[] = Object.freeze(['diffusers', 'optimum', 'ort-turbo', 'sd2']);
export const COMPONENT_NAMES: readonly ComponentName[] = Object.freeze(['text_encoder', 'unet', 'vae_decoder', 'vae_encoder']);

function check<T>(option: string, value: T, allowed: readonly T[]): T {
  if (!allowed.includes(value)) {
    throw new StudioError(
      'synthetic/bad-option',
      `Synthetic model option ${option} = ${JSON.stringify(value)} is not supported. Choose one of: ${allowed.map((a) => JSON.stringify(a)).join(', ')}.`,
      { option, value: String(value) },
    );
  }
  return value;
}

function defaultLayout(config: SyntheticConfigName): LayoutName {
  if (config === 'sd2' || config === 'sd2-tiny') return 'sd2';
  if (config === 'turbo-tiny') return 'ort-turbo';
  return 'diffusers';
}

/** Fills in the layout's defaults and rejects unknown values. */
export function resolveOptions(o: SyntheticOptions): ResolvedOptions {
  const config = check('config', o.config, CONFIG_NAMES);
  const layout = check('layout', o.layout ?? defaultLayout(config), LAYOUT_NAMES);
  const dtype = check('dtype', o.dtype ?? (layout === 'ort-turbo' ? 'float16' : 'float32'), ['float32', 'float16'] as const);
  // diffusers' exporter traces the timestep in the model's dtype; Optimum and onnxruntime's exports take int64.
  const defaultTimestep = layout === 'diffusers' || layout === 'sd2' ? dtype : 'int64';
  const timestepType = check('timestepType', o.timestepType ?? defaultTimestep, ['float32', 'float16', 'int64'] as const);
  const seed = o.seed ?? 0;
  if (!Number.isSafeInteger(seed) || seed < 0) {
    throw new StudioError('synthetic/bad-option', `Synthetic model option seed = ${seed} is not supported. Use an integer from 0 to ${Number.MAX_SAFE_INTEGER}.`, { option: 'seed', value: String(seed) });
  }
  return {
    config,
    layout,
    dtype,
    idsType: check('idsType', o.idsType ?? 'int32', ['int32', 'int64'] as const),
    timestepType,
    timestepShape: check('timestepShape', o.timestepShape ?? 'batch', ['batch', 'scalar'] as const),
    batch: check('batch', o.batch ?? 'dynamic', ['dynamic', 1, 2] as const),
    seed,
  };
}

export function resolveComponents(components: ComponentName[] | undefined): ComponentName[] {
  const list = components ?? [...COMPONENT_NAMES];
  for (const c of list) check('components', c, COMPONENT_NAMES);
  if (list.length === 0) throw new StudioError('synthetic/bad-option', `Synthetic model option components is empty. Name at least one of: ${COMPONENT_NAMES.join(', ')}.`, { option: 'components', value: '' });
  return COMPONENT_NAMES.filter((c) => list.includes(c));
}
