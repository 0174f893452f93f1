// The three locales (Simplified and Traditional Chinese are written separately, not converted) and the
// merge of per-area message files into one tree per locale. Pure TS: the i18n test imports it too.

export const LOCALES = ['en', 'zh-CN', 'zh-TW'] as const;
export type Locale = (typeof LOCALES)[number];

/** Each locale's own name, as the language picker shows it. */
export const LOCALE_NAMES: Readonly<Record<Locale, string>> = Object.freeze({ en: 'English', 'zh-CN': '简体中文', 'zh-TW': '繁體中文' });

export interface MessageTree {
  [key: string]: string | MessageTree;
}

export function isLocale(v: unknown): v is Locale {
  return typeof v === 'string' && (LOCALES as readonly string[]).includes(v);
}

/** Joins the areas; two areas defining the same top-level key is a programming error. */
export function mergeAreas(areas: readonly Record<Locale, MessageTree>[]): Record<Locale, MessageTree> {
  const out = { en: {}, 'zh-CN': {}, 'zh-TW': {} } as Record<Locale, MessageTree>;
  for (const area of areas) {
    for (const locale of LOCALES) {
      for (const [key, value] of Object.entries(area[locale] ?? {})) {
        if (key in out[locale] && key !== 'errors') throw new Error(`i18n: the key "${key}" is defined by two message files (${locale})`);
        out[locale][key] = key === 'errors' ? { ...(out[locale].errors as MessageTree | undefined), ...(value as MessageTree) } : value;
      }
    }
  }
  return out;
}

/** Every leaf key of a tree, dotted (`generate.steps`). */
export function leafKeys(tree: MessageTree, prefix = ''): string[] {
  return Object.entries(tree).flatMap(([k, v]) => (typeof v === 'string' ? [`${prefix}${k}`] : leafKeys(v, `${prefix}${k}.`)));
}
