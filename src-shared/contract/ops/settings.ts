// The Settings screen's operations and the settings schema itself (what settings.json holds, validated
// with zod on read and on every change). The Hugging Face token is write-only here: `get` says whether
// one is set and where it lives, never its value.
import { z } from 'zod';
import { describe } from '../common.js';
import { THREADS_MAX } from '../limits.js';

export const EP_CHOICES = ['auto', 'cpu', 'webgpu', 'cuda', 'dml', 'coreml'] as const;
export const SETTINGS_MIRRORS = ['auto', 'hf', 'hf-mirror', 'modelscope', 'custom'] as const;
export const SETTINGS_LOCALES = ['en', 'zh-CN', 'zh-TW'] as const;
export const SETTINGS_THEMES = ['light', 'dark', 'system'] as const;
export const WATERMARK_MESSAGE_MAX = 32;

const oneOf = <T extends readonly [string, ...string[]]>(values: T) =>
  z.enum(values, { error: (i) => `must be one of: ${values.join(', ')}; got ${describe(i.input)}` });

const flag = z.boolean({ error: (i) => `must be true or false, got ${describe(i.input)}` });

/** An http(s) URL, or empty for none. */
const urlOrEmpty = (what: string) =>
  z.string({ error: (i) => `must be text, got ${describe(i.input)}` }).trim().max(500, { error: 'is longer than 500 characters' })
    .refine((v) => v === '' || /^https?:\/\/[^\s/]+/i.test(v), { error: (i) => `must be an http:// or https:// URL of ${what} (or empty), got ${describe(i.input)}` });

/** Every setting, without defaults: what settings.json and settings.set may hold (each key optional there). */
export const settingsFields = {
  /** Execution provider; `auto` tries the fastest one that works. */
  ep: oneOf(EP_CHOICES),
  /** onnxruntime intra-op threads; 0 lets onnxruntime decide. */
  threads: z.number({ error: (i) => `must be a number, got ${describe(i.input)}` })
    .int({ error: (i) => `must be a whole number, got ${describe(i.input)}` })
    .min(0, { error: `must be from 0 to ${THREADS_MAX}` }).max(THREADS_MAX, { error: `must be from 0 to ${THREADS_MAX}` }),
  lowMemory: flag,
  mirror: oneOf(SETTINGS_MIRRORS),
  /** The custom endpoint (used when mirror is `custom`). */
  endpoint: urlOrEmpty('a Hugging Face compatible endpoint'),
  proxy: urlOrEmpty('a proxy (http://user:password@host:port)'),
  watermark: flag,
  watermarkMessage: z.string({ error: (i) => `must be text, got ${describe(i.input)}` })
    .min(1, { error: `is empty: give the watermark a message of 1 to ${WATERMARK_MESSAGE_MAX} characters` })
    .max(WATERMARK_MESSAGE_MAX, { error: `is longer than ${WATERMARK_MESSAGE_MAX} characters` }),
  /** Where the gallery lives; empty: gallery/ in the data folder. */
  galleryDir: z.string({ error: (i) => `must be text, got ${describe(i.input)}` }).max(4096, { error: 'is longer than 4096 characters' }),
  locale: oneOf(SETTINGS_LOCALES),
  theme: oneOf(SETTINGS_THEMES),
};

/** The built-in defaults. */
export const SETTINGS_DEFAULTS = Object.freeze({
  ep: 'auto', threads: 0, lowMemory: false, mirror: 'auto', endpoint: '', proxy: '', watermark: true,
  watermarkMessage: 'LStdio', galleryDir: '', locale: 'en', theme: 'system',
} as const);

/** The values in force: defaults filled in, then every field checked. */
export const settingsValuesSchema = z.preprocess(
  (v) => (v && typeof v === 'object' && !Array.isArray(v) ? { ...SETTINGS_DEFAULTS, ...v } : v),
  z.object(settingsFields).strict(),
);
/** What settings.json holds: only the values the user set. */
export const settingsFileSchema = z.object(settingsFields).partial().strict();
export type SettingsValues = z.output<typeof settingsValuesSchema>;
export type SettingKey = keyof SettingsValues;
export const SETTING_KEYS = Object.freeze(Object.keys(settingsFields) as SettingKey[]);

/** Where a value came from, strongest first. */
export const SETTING_SOURCES = ['flag', 'env', 'file', 'default'] as const;
export type SettingSource = (typeof SETTING_SOURCES)[number];

const sourceSchema = z.object({
  source: z.enum(SETTING_SOURCES),
  /** The flag or environment variable that set it (`--ep`, `HF_ENDPOINT`); absent for file and default. */
  origin: z.string().optional(),
});

export const settingsViewSchema = z.object({
  values: settingsValuesSchema,
  sources: z.record(z.string(), sourceSchema),
  /** Keys whose change takes effect only after a restart (their new value is saved already). */
  restartNeeded: z.array(z.string()),
  token: z.object({
    tokenSet: z.boolean(),
    /** `env`: HF_TOKEN or HUGGING_FACE_HUB_TOKEN (the control is read-only); `store`: saved by the app. */
    source: z.enum(['env', 'store', 'none']),
    origin: z.string().optional(),
    /** `os`: the system keychain (Electron safeStorage); `file`: a file in the data folder readable only by its owner. */
    storage: z.enum(['os', 'file']),
  }),
  /** What `auto` chose and why: from the last finished generation, else the providers this build has. */
  provider: z.object({
    available: z.array(z.string()),
    lastRun: z.object({ ep: z.string(), skipped: z.array(z.object({ ep: z.string(), reason: z.string() })) }).nullable(),
  }),
  dataDir: z.string(),
  /** Problems found while loading (a corrupt settings.json kept aside): shown once as a notice. */
  notices: z.array(z.string()),
});
export type SettingsView = z.infer<typeof settingsViewSchema>;

/** A change: any settings (validated as a whole after merging), and the token (null removes it). */
export const settingsPatchSchema = z.object(settingsFields).partial().extend({
  token: z.string({ error: 'must be text, or null to remove it' }).trim().max(400, { error: 'is longer than 400 characters' }).nullable().optional(),
}).strict();
export type SettingsPatch = z.input<typeof settingsPatchSchema>;

export const SETTINGS_OPS = {
  'settings.get': {
    request: z.object({}).strict(),
    response: settingsViewSchema,
  },
  'settings.set': {
    request: settingsPatchSchema,
    response: settingsViewSchema,
  },
  /** Back to the built-in defaults for the given keys (all when none given); the token stays. */
  'settings.reset': {
    request: z.object({ keys: z.array(oneOf(SETTING_KEYS as unknown as readonly [SettingKey, ...SettingKey[]])).optional() }).strict(),
    response: settingsViewSchema,
  },
} as const;
