// vue-i18n over the per-area message files in ./messages (each exports {en, 'zh-CN', 'zh-TW'}): adding
// a screen's words is adding one file. English is the fallback; a missing key fails test/renderer/i18n.
import { createI18n } from 'vue-i18n';
import { LOCALES, type Locale, type MessageTree, mergeAreas } from './locales.js';

const areas = import.meta.glob<{ default: Record<Locale, MessageTree> }>('./messages/*.ts', { eager: true });

export const messages = mergeAreas(Object.values(areas).map((m) => m.default));

export function createStudioI18n(locale: Locale) {
  return createI18n({
    legacy: false,
    locale,
    fallbackLocale: 'en',
    messages,
    missingWarn: false,
    fallbackWarn: false,
    numberFormats: Object.fromEntries(LOCALES.map((l) => [l, { decimal: { maximumFractionDigits: 1 }, percent: { style: 'percent' } }])),
    datetimeFormats: Object.fromEntries(LOCALES.map((l) => [l, { short: { dateStyle: 'medium', timeStyle: 'short' } }])),
  });
}

export { LOCALES, LOCALE_NAMES, isLocale, type Locale } from './locales.js';
