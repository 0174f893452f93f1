// Every visible string exists in the three locales: each message file under src-renderer/i18n/messages
// defines the same keys in en, zh-CN and zh-TW, with the same {placeholders}, and no value is empty.
import { readdirSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { LOCALES, leafKeys, mergeAreas, type MessageTree } from '../../src-renderer/i18n/locales.js';
import { REPO_ROOT } from '../helpers/fixtures.js';

const DIR = path.join(REPO_ROOT, 'src-renderer', 'i18n', 'messages');
const files = readdirSync(DIR).filter((f) => f.endsWith('.ts'));

async function load(file: string): Promise<Record<string, MessageTree>> {
  return ((await import(pathToFileURL(path.join(DIR, file)).href)) as { default: Record<string, MessageTree> }).default;
}

function valueAt(tree: MessageTree, key: string): string {
  return key.split('.').reduce<unknown>((node, k) => (node as MessageTree)[k], tree) as string;
}

const placeholders = (s: string) => [...new Set([...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1]))].sort();

describe('renderer messages', () => {
  it('has message files', () => expect(files.length).toBeGreaterThan(2));

  it.each(files)('%s has every key in every locale, with the same placeholders', async (file) => {
    const area = await load(file);
    expect(Object.keys(area).sort()).toEqual([...LOCALES].sort());
    const en = leafKeys(area.en);
    expect(en.length).toBeGreaterThan(0);
    for (const locale of LOCALES) {
      const keys = leafKeys(area[locale]);
      expect({ locale, missing: en.filter((k) => !keys.includes(k)) }).toEqual({ locale, missing: [] });
      expect({ locale, extra: keys.filter((k) => !en.includes(k)) }).toEqual({ locale, extra: [] });
      for (const k of en) {
        const v = valueAt(area[locale], k);
        expect(v.trim(), `${locale} ${k}`).not.toBe('');
        expect(placeholders(v), `${locale} ${k}`).toEqual(placeholders(valueAt(area.en, k)));
      }
    }
  });

  it('the areas merge without two files claiming the same key', async () => {
    const merged = mergeAreas(await Promise.all(files.map(load)) as never);
    expect(leafKeys(merged['zh-TW']).length).toBe(leafKeys(merged.en).length);
  });

  it('a locale missing a key fails the check', () => {
    const en = leafKeys({ a: { b: 'x', c: 'y' } });
    const zh = leafKeys({ a: { b: 'x' } });
    expect(en.filter((k) => !zh.includes(k))).toEqual(['a.c']);
  });
});
