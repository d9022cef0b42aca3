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

/** The message in the chosen language; English when Japanese lacks it; the key itself if neither has it (typecheck prevents that). */
export function t(lang: Lang, key: UiKey): string {
  return MESSAGES[lang][key]?.message ?? (en as Partial<Messages>)[key]?.message ?? key;
}

/** A key with its hyphens made underscores, as messages.json names allow only [A-Za-z0-9_] ('moving-average' → 'moving_average'). */
type MessageName<S extends string> = S extends `${infer A}-${infer B}` ? `${A}_${MessageName<B>}` : S;

/**
 * A message picked at run time: `tk(lang, 'wdKind_', step.kind)`. Every value the type of `value` allows must name a
 * message of the English file once joined to the prefix (hyphens made underscores): a kind without its message fails
 * typecheck (tests/unit/ui-text-keys.ts keeps that true).
 */
export function tk<P extends string, V extends string>(
  lang: Lang,
  prefix: P,
  value: V & (`${P}${MessageName<V>}` extends UiKey ? unknown : never),
): string {
  return t(lang, `${prefix}${value.replace(/-/g, '_')}` as UiKey);
}

/** A string with `{name}` placeholders filled in. */
export function tf(lang: Lang, key: UiKey, vars: Record<string, string | number>): string {
  return t(lang, key).replace(/\{(\w+)\}/g, (m, name: string) => (name in vars ? String(vars[name]) : m));
}

