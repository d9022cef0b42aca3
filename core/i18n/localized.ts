/** Text in every language the UI ships. Core produces both; the UI picks one. */
export interface Localized {
  en: string;
  ja: string;
}

export type Lang = keyof Localized;

export const LANGS: readonly Lang[] = ['en', 'ja'];

export function text(en: string, ja: string): Localized {
  return { en, ja };
}

export function pick(value: Localized, lang: Lang): string {
  return value[lang] || value.en;
}
