// The look of the app: language and theme. Kept in localStorage so a reload keeps them before the
// settings arrive from main; the Settings screen writes them through to settings.json as well.
import { defineStore } from 'pinia';
import { isLocale, type Locale } from '../i18n/index.js';

export type Theme = 'light' | 'dark' | 'system';
const THEMES: readonly Theme[] = ['light', 'dark', 'system'];
const KEY = 'latent-studio.ui';

interface Saved { locale?: unknown; theme?: unknown }

function load(): Saved {
  try {
    return JSON.parse(localStorage.getItem(KEY) ?? '{}') as Saved;
  } catch {
    return {}; // a corrupt entry only loses the look, which falls back to the defaults below
  }
}

/** The browser's language when it is one of ours, else English. */
export function preferredLocale(languages: readonly string[] = navigator.languages): Locale {
  for (const l of languages) {
    if (isLocale(l)) return l;
    if (/^zh-(TW|HK|MO|Hant)/i.test(l)) return 'zh-TW';
    if (/^zh/i.test(l)) return 'zh-CN';
    if (/^en/i.test(l)) return 'en';
  }
  return 'en';
}

export const useUiStore = defineStore('ui', {
  state: () => {
    const saved = load();
    return {
      locale: isLocale(saved.locale) ? saved.locale : preferredLocale(),
      theme: (THEMES as readonly unknown[]).includes(saved.theme) ? (saved.theme as Theme) : ('system' as Theme),
    };
  },
  actions: {
    setLocale(locale: Locale): void {
      this.$patch({ locale });
      this.persist();
    },
    setTheme(theme: Theme): void {
      this.$patch({ theme });
      this.persist();
    },
    persist(): void {
      localStorage.setItem(KEY, JSON.stringify({ locale: this.locale, theme: this.theme }));
    },
  },
});
