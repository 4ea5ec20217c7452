import type { Locale } from './i18n/locales.ts';

export interface LocalizedText {
  en: string;
  fr?: string | undefined;
  ar?: string | undefined;
}

/** The text in the reader's language, or the English one, with the language it is really in. */
export function pickText(text: LocalizedText, locale: Locale): { text: string; lang: Locale } {
  const translated = text[locale];
  return translated ? { text: translated, lang: locale } : { text: text.en, lang: 'en' };
}
