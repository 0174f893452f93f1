// The settings service: resolves each setting from flag > environment > settings.json > default, keeps
// settings.json validated (zod) and written atomically, keeps a corrupt file aside, and holds the token in
// the host's SecretStore. It never hands the token to a caller other than downloads, and never applies
// settings itself: Studio subscribes with onChange and pushes values to the engine, jobs and downloads.
import { readFileSync, renameSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import {
  SETTING_KEYS, settingsFileSchema, settingsValuesSchema,
  type SettingKey, type SettingSource, type SettingsPatch, type SettingsValues, type SettingsView,
} from '../../src-shared/contract/index.js';
import { StudioError } from '../../src-shared/errors.js';
import { writeFileAtomic } from './atomic-file.js';
import type { SecretStore } from './secret-store.js';
import { envLayer, envToken, flagLayer, type Layer } from './settings-sources.js';

export const SETTINGS_FILE = 'settings.json';
const TOKEN_SECRET = 'hf-token';
/** Settings the running services cannot pick up; a change is saved and applies at the next start. */
const RESTART_KEYS: readonly SettingKey[] = ['galleryDir'];

export interface SettingsServiceOptions {
  /** The data folder: settings.json lives here. */
  dataDir: string;
  /** Values the host's command line set (already parsed). */
  flags?: Partial<SettingsValues>;
  env?: NodeJS.ProcessEnv;
  secrets: SecretStore;
  /** Providers this build can use (for the view's explanation of `auto`). */
  availableProviders?: string[];
  /** Where load notices go besides the view (the host's log). */
  log?: (message: string) => void;
}

export interface LastRun {
  ep: string;
  skipped: { ep: string; reason: string }[];
}

/**
 * What downloads start from (the hub's PullOptions names). A `custom` mirror is not here: the Models
 * screen sends it with its endpoint in each models.pull, and an endpoint list here would beat the
 * request's own mirror choice.
 */
export interface DownloadSettings {
  mirror?: 'hf' | 'hf-mirror' | 'modelscope' | 'auto';
  /** From a flag: beats HTTPS_PROXY; from the file: used only where the environment names none. */
  proxy?: string;
  fallbackProxy?: string;
  token?: string;
}

type Listener = (values: SettingsValues, view: SettingsView) => void;

export class SettingsService {
  readonly file: string;
  private readonly flags: Layer;
  private readonly env: Layer;
  private readonly envToken: { value: string; origin: string } | undefined;
  private fileLayer: Partial<SettingsValues>;
  private readonly startValues: SettingsValues;
  private readonly notices: string[] = [];
  private readonly listeners = new Set<Listener>();
  private lastRun: LastRun | null = null;
  private writing: Promise<unknown> = Promise.resolve();
  /** The saved token, held in memory so each download can start from it synchronously. */
  private storedToken: string | undefined;
  /** Settles once the saved token has been read. */
  readonly ready: Promise<void>;

  /** Loads synchronously (a small file, read once at startup) so hosts can build services from the values. */
  constructor(private readonly options: SettingsServiceOptions) {
    this.file = path.join(options.dataDir, SETTINGS_FILE);
    const notice = (m: string) => {
      this.notices.push(m);
      options.log?.(`settings: ${m}`);
    };
    this.flags = flagLayer(options.flags ?? {});
    this.env = envLayer(options.env ?? process.env, notice);
    this.envToken = envToken(options.env ?? process.env);
    this.fileLayer = this.readFile(notice);
    this.startValues = this.values();
    this.ready = options.secrets.get(TOKEN_SECRET).then(
      (t) => void (this.storedToken = t),
      (err: unknown) => notice(`The saved Hugging Face token could not be read: ${(err as Error).message}. Save it again on the Settings screen.`),
    );
  }

  /** The values in force. */
  values(): SettingsValues {
    const merged: Record<string, unknown> = { ...this.fileLayer };
    for (const layer of [this.env, this.flags]) for (const [k, v] of Object.entries(layer)) merged[k] = v.value;
    return settingsValuesSchema.parse(merged);
  }

  sourceOf(key: SettingKey): { source: SettingSource; origin?: string } {
    const flag = this.flags[key];
    if (flag) return { source: 'flag', origin: flag.origin };
    const env = this.env[key];
    if (env) return { source: 'env', origin: env.origin };
    return key in this.fileLayer ? { source: 'file' } : { source: 'default' };
  }

  async view(): Promise<SettingsView> {
    const values = this.values();
    await this.ready;
    const stored = this.envToken ? undefined : this.storedToken;
    return {
      values,
      sources: Object.fromEntries(SETTING_KEYS.map((k) => [k, this.sourceOf(k)])),
      restartNeeded: RESTART_KEYS.filter((k) => values[k] !== this.startValues[k]),
      token: {
        tokenSet: Boolean(this.envToken || stored),
        source: this.envToken ? 'env' : stored ? 'store' : 'none',
        ...(this.envToken ? { origin: this.envToken.origin } : {}),
        storage: this.options.secrets.storage,
      },
      provider: { available: this.options.availableProviders ?? [], lastRun: this.lastRun },
      dataDir: this.options.dataDir,
      notices: [...this.notices],
    };
  }

  /**
   * Applies a change: validates the merged file layer as a whole, writes settings.json atomically, stores
   * or removes the token, then tells the listeners. A setting a flag or variable decides cannot be changed here.
   */
  async set(patch: SettingsPatch): Promise<SettingsView> {
    const { token, ...values } = patch;
    for (const key of Object.keys(values) as SettingKey[]) {
      const { source, origin } = this.sourceOf(key);
      if (source === 'flag' || source === 'env') {
        throw new StudioError('settings/locked', `"${key}" is set by ${origin}, which beats settings.json. Change or unset ${origin} and restart to choose it here.`, { key, origin: origin ?? null });
      }
    }
    if (token !== undefined && this.envToken) {
      throw new StudioError('settings/locked', `The Hugging Face token is set by ${this.envToken.origin}, which beats the saved one. Unset ${this.envToken.origin} and restart to save one here.`, { key: 'token', origin: this.envToken.origin });
    }
    const next = { ...this.fileLayer, ...values };
    const checked = settingsValuesSchema.safeParse(next);
    if (!checked.success) {
      const issue = checked.error.issues[0];
      throw new StudioError('settings/invalid', `Setting "${String(issue?.path[0])}" ${issue?.message}.`, { key: String(issue?.path[0] ?? '') });
    }
    await this.serial(async () => {
      if (Object.keys(values).length) await this.writeFile(next);
      this.fileLayer = next;
      if (token === null || token === '') {
        await this.options.secrets.delete(TOKEN_SECRET);
        this.storedToken = undefined;
      } else if (token !== undefined) {
        await this.options.secrets.set(TOKEN_SECRET, token);
        this.storedToken = token;
      }
    });
    return this.changed();
  }

  /** Back to the defaults for `keys` (all when omitted); the token is kept. */
  async reset(keys: readonly SettingKey[] = SETTING_KEYS): Promise<SettingsView> {
    const next = { ...this.fileLayer };
    for (const k of keys) delete next[k];
    await this.serial(() => this.writeFile(next));
    this.fileLayer = next;
    return this.changed();
  }

  /** Records the provider of the last finished generation (what `auto` chose and why). */
  noteRun(run: LastRun): void {
    this.lastRun = { ep: run.ep, skipped: run.skipped.map((s) => ({ ep: s.ep, reason: s.reason })) };
  }

  /** What a download starts from; with downloadSettings(), the only way the token leaves this service. */
  pullDefaults(): DownloadSettings {
    const v = this.values();
    const proxySource = this.sourceOf('proxy').source;
    const token = this.envToken?.value ?? this.storedToken;
    return {
      ...(v.mirror !== 'custom' && this.sourceOf('mirror').source !== 'default' ? { mirror: v.mirror } : {}),
      // NOTE: a proxy from the environment is left to the hub's own HTTPS_PROXY/NO_PROXY handling.
      ...(v.proxy && proxySource === 'flag' ? { proxy: v.proxy } : {}),
      ...(v.proxy && proxySource === 'file' ? { fallbackProxy: v.proxy } : {}),
      ...(token ? { token } : {}),
    };
  }

  /** pullDefaults() once the saved token has been read. */
  async downloadSettings(): Promise<DownloadSettings> {
    await this.ready;
    return this.pullDefaults();
  }

  /** Calls `fn` after every change with the values in force; returns the unsubscribe function. */
  onChange(fn: Listener): () => void {
    this.listeners.add(fn);
    return () => this.listeners.delete(fn);
  }

  private async changed(): Promise<SettingsView> {
    const view = await this.view();
    for (const fn of [...this.listeners]) fn(view.values, view);
    return view;
  }

  /** One write at a time, in order; a failed write does not block the next. */
  private serial<T>(fn: () => Promise<T>): Promise<T> {
    const run = this.writing.then(fn);
    this.writing = run.catch(() => undefined);
    return run;
  }

  private async writeFile(values: Partial<SettingsValues>): Promise<void> {
    try {
      await mkdir(this.options.dataDir, { recursive: true });
      await writeFileAtomic(this.file, `${JSON.stringify(values, null, 2)}\n`);
    } catch (err) {
      const code = (err as NodeJS.ErrnoException).code ?? 'EIO';
      throw new StudioError('settings/write-failed', `Could not save "${this.file}" (${code}): ${(err as Error).message}. Free disk space or fix the folder's permissions; the previous settings are unchanged.`, { path: this.file, errno: code }, { cause: err });
    }
  }

  /** The file layer, or nothing when there is no file; a corrupt file is renamed aside with a notice. */
  private readFile(notice: (m: string) => void): Partial<SettingsValues> {
    let text: string;
    try {
      text = readFileSync(this.file, 'utf8');
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') return {};
      throw new StudioError('settings/read-failed', `Could not read "${this.file}": ${(err as Error).message}. Fix the file's permissions.`, { path: this.file }, { cause: err });
    }
    let why: string;
    try {
      const raw: unknown = JSON.parse(text);
      const parsed = settingsFileSchema.safeParse(raw);
      if (parsed.success) return stripUndefined(parsed.data);
      const issue = parsed.error.issues[0];
      why = issue?.path.length ? `"${String(issue.path[0])}" ${issue.message}` : `${issue?.message ?? 'it does not match the settings schema'}`;
    } catch (err) {
      why = `it is not valid JSON (${(err as Error).message})`;
    }
    const aside = `${this.file}.bad-${new Date().toISOString().replace(/[:.]/g, '-')}`;
    renameSync(this.file, aside);
    notice(`settings.json could not be used: ${why}. It was kept as ${path.basename(aside)} and the defaults are in use; change a setting to write a new file.`);
    return {};
  }
}

function stripUndefined<T extends object>(o: T): T {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as T;
}
