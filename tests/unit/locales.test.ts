import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';

const load = (lang: string) => JSON.parse(readFileSync(`public/_locales/${lang}/messages.json`, 'utf8')) as Record<string, { message: string }>;

describe('public/_locales (the platform i18n files every UI string comes from)', () => {
  const en = load('en');
  const ja = load('ja');
  it('English and Japanese have the same keys, all valid message names, none empty', () => {
    expect(Object.keys(ja).sort()).toEqual(Object.keys(en).sort());
    for (const [k, v] of [...Object.entries(en), ...Object.entries(ja)]) {
      expect(k).toMatch(/^[A-Za-z0-9_]+$/);
      expect(v.message.trim()).not.toBe('');
      expect(v.message).not.toMatch(/\$/); // a bare $ is a placeholder to chrome.i18n
    }
  });
  it('the same {placeholders} in both languages', () => {
    const names = (s: string) => [...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();
    for (const k of Object.keys(en)) expect(names(ja[k]!.message), k).toEqual(names(en[k]!.message));
  });
});
