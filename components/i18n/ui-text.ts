import type { Lang } from '@/core/i18n/localized';
import en from '@/public/_locales/en/messages.json';
import ja from '@/public/_locales/ja/messages.json';

/**
 * Every UI string of components/ lives in the extension's own locale files, public/_locales/<lang>/messages.json
 * (the platform's i18n format: the manifest's name and description come from them too, as __MSG_extName__ and
 * __MSG_extDescription__). browser.i18n.getMessage() answers only in the browser's language and cannot switch at
 * run time, so both files are bundled and this typed accessor picks the one the user chose in Settings. The
 * language the user starts with is the browser's (see components/storage/settings.ts).
 */
export type UiKey = keyof typeof en;

type Messages = Record<UiKey, { message: string }>;
const MESSAGES: Record<Lang, Messages> = { en, ja: ja as Messages };

export function t(lang: Lang, key: UiKey): string {
  return MESSAGES[lang][key]?.message ?? en[key].message;
}

/** A key built at run time (`wdKind_${kind}`): hyphens become underscores, as messages.json names allow only [A-Za-z0-9_]. */
export function tk(lang: Lang, key: string): string {
  const name = key.replace(/-/g, '_');
  return name in en ? t(lang, name as UiKey) : key;
}

/** A string with `{name}` placeholders filled in. */
export function tf(lang: Lang, key: UiKey, vars: Record<string, string | number>): string {
  return t(lang, key).replace(/\{(\w+)\}/g, (m, name: string) => (name in vars ? String(vars[name]) : m));
}

