// The Settings screen's state: the settings view from main (values, where each came from, token status),
// one save per change, and per-field errors. Language and theme live in the ui store (applied at once,
// kept in localStorage); this store writes them through to settings.json so Electron and the browser agree.
import { defineStore } from 'pinia';
import type { SettingKey, SettingsPatch, SettingsValues, SettingsView } from '../../src-shared/contract/index.js';
import { errorInfo, useApi } from '../api/index.js';
import { isLocale } from '../i18n/index.js';
import { useUiStore, type Theme } from './ui.js';

type FieldKey = SettingKey | 'token';

/** True while a view from main is applied to the ui store: that is not a user's change to write back. */
let applyingLook = false;

export const useSettingsStore = defineStore('settings', {
  state: () => ({
    view: null as SettingsView | null,
    loading: false,
    /** The field being saved, and the last one saved (for the "Saved" status). */
    saving: null as FieldKey | null,
    saved: null as FieldKey | null,
    errors: {} as Partial<Record<FieldKey, { code: string; message: string; params?: Record<string, unknown> }>>,
    loadError: null as { code: string; message: string } | null,
    started: false,
  }),
  getters: {
    values: (s): SettingsValues | null => s.view?.values ?? null,
  },
  actions: {
    /** Loads the settings, follows settings.changed, and keeps the ui store and settings.json in step. Once per app. */
    async init(): Promise<void> {
      if (this.started) return;
      this.started = true;
      const api = useApi();
      api.on('settings.changed', (view) => this.receive(view));
      const ui = useUiStore();
      ui.$subscribe(() => void this.writeLook(ui.locale, ui.theme));
      await this.load();
    },

    async load(): Promise<void> {
      this.loading = true;
      try {
        this.receive(await useApi().invoke('settings.get', {}));
        this.loadError = null;
      } catch (err) {
        this.loadError = errorInfo(err);
      } finally {
        this.loading = false;
      }
    },

    /** A view from main: shown, and its language and theme applied when settings.json chose them. */
    receive(view: SettingsView): void {
      this.$patch({ view });
      const ui = useUiStore();
      // NOTE: ui.$patch notifies subscribers synchronously, so the flag covers both changes.
      applyingLook = true;
      try {
        if (view.sources.locale?.source !== 'default' && isLocale(view.values.locale) && view.values.locale !== ui.locale) ui.setLocale(view.values.locale);
        if (view.sources.theme?.source !== 'default' && view.values.theme !== ui.theme) ui.setTheme(view.values.theme as Theme);
      } finally {
        applyingLook = false;
      }
    },

    /** Saves one change; the error (translated by code) sits next to the field that caused it. */
    async save(key: FieldKey, patch: SettingsPatch): Promise<boolean> {
      this.$patch({ saving: key, saved: null });
      const errors = { ...this.errors };
      delete errors[key];
      try {
        const view = await useApi().invoke('settings.set', patch);
        this.receive(view);
        this.$patch({ saved: key });
        this.errors = errors;
        return true;
      } catch (err) {
        const e = err as { code?: string; message?: string; params?: Record<string, unknown> };
        this.errors = { ...errors, [key]: { ...errorInfo(err), ...(e.params ? { params: e.params } : {}) } };
        return false;
      } finally {
        this.saving = null;
      }
    },

    set<K extends SettingKey>(key: K, value: SettingsValues[K]): Promise<boolean> {
      return this.save(key, { [key]: value } as SettingsPatch);
    },

    /** The header's pickers and the Settings screen change the ui store; settings.json follows. */
    async writeLook(locale: string, theme: string): Promise<void> {
      const v = this.view?.values;
      if (!v || applyingLook) return;
      const patch: SettingsPatch = {};
      if (isLocale(locale) && v.locale !== locale) patch.locale = locale;
      if (v.theme !== theme) patch.theme = theme as Theme;
      if (Object.keys(patch).length) await this.save(patch.locale ? 'locale' : 'theme', patch);
    },
  },
});
