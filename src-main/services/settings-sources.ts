// The layers above settings.json: command-line flags (already parsed by the host) and environment
// variables, each value with the name that set it, so the UI can say "set by HF_ENDPOINT". Pure: the
// host's flags and env come in as arguments. It does not read or write settings.json.
import { settingsFields, type SettingKey, type SettingsValues } from '../../src-shared/contract/index.js';

export interface LayerValue<K extends SettingKey = SettingKey> {
  value: SettingsValues[K];
  /** The flag or variable that set it. */
  origin: string;
}
export type Layer = { [K in SettingKey]?: LayerValue<K> };

/** The command-line flag of each setting, as the CLI and the Electron host spell it. */
export const FLAG_NAMES: Readonly<Partial<Record<SettingKey, string>>> = Object.freeze({
  ep: '--ep', threads: '--threads', lowMemory: '--low-memory', mirror: '--mirror', endpoint: '--endpoint',
  proxy: '--proxy', watermark: '--no-watermark', galleryDir: '--gallery',
});

/** Environment variables per setting, first match wins. HF_ENDPOINT and the proxy variables are the ones huggingface_hub and curl read. */
const ENV_NAMES: Readonly<Partial<Record<SettingKey, readonly string[]>>> = Object.freeze({
  ep: ['LATENT_STUDIO_EP'],
  threads: ['LATENT_STUDIO_THREADS'],
  lowMemory: ['LATENT_STUDIO_LOW_MEMORY'],
  mirror: ['LATENT_STUDIO_MIRROR'],
  endpoint: ['HF_ENDPOINT'],
  proxy: ['HTTPS_PROXY', 'https_proxy', 'HTTP_PROXY', 'http_proxy', 'ALL_PROXY', 'all_proxy'],
  watermark: ['LATENT_STUDIO_WATERMARK'],
  galleryDir: ['LATENT_STUDIO_GALLERY'],
});

/** The token's variables, as huggingface_hub reads them. */
export const TOKEN_ENV_NAMES = ['HF_TOKEN', 'HUGGING_FACE_HUB_TOKEN'] as const;

export function flagLayer(flags: Partial<SettingsValues>): Layer {
  const layer: Layer = {};
  for (const [key, value] of Object.entries(flags) as [SettingKey, unknown][]) {
    if (value === undefined) continue;
    (layer as Record<string, LayerValue>)[key] = { value: value as never, origin: FLAG_NAMES[key] ?? `--${key}` };
  }
  return layer;
}

/**
 * The settings the environment sets. A value that does not parse is left out with a notice naming the
 * variable, the bad value and the allowed ones (the next layer then decides).
 */
export function envLayer(env: NodeJS.ProcessEnv, notice: (message: string) => void): Layer {
  const layer: Layer = {};
  for (const [key, names] of Object.entries(ENV_NAMES) as [SettingKey, readonly string[]][]) {
    const name = names.find((n) => env[n]?.trim());
    if (!name) continue;
    const raw = env[name]!.trim();
    const parsed = settingsFields[key].safeParse(coerce(key, raw));
    if (parsed.success) (layer as Record<string, LayerValue>)[key] = { value: parsed.data as never, origin: name };
    else notice(`${name}=${JSON.stringify(raw)} is ignored: it ${parsed.error.issues[0]?.message ?? 'is not valid'}. Fix or unset ${name}.`);
  }
  // HF_ENDPOINT names a custom endpoint, so it decides the mirror too (unless the mirror has its own variable).
  if (layer.endpoint && !layer.mirror) layer.mirror = { value: 'custom', origin: layer.endpoint.origin };
  return layer;
}

export function envToken(env: NodeJS.ProcessEnv): { value: string; origin: string } | undefined {
  for (const name of TOKEN_ENV_NAMES) {
    const v = env[name]?.trim();
    if (v) return { value: v, origin: name };
  }
  return undefined;
}

function coerce(key: SettingKey, raw: string): unknown {
  if (key === 'threads') return /^\d+$/.test(raw) ? Number(raw) : raw;
  if (key === 'lowMemory' || key === 'watermark') {
    if (/^(1|true|yes|on)$/i.test(raw)) return true;
    if (/^(0|false|no|off)$/i.test(raw)) return false;
  }
  return raw;
}
