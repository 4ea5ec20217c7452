import { ar } from './dictionaries/ar.ts';
import { en, type MessageKey } from './dictionaries/en.ts';
import { fr } from './dictionaries/fr.ts';
import type { Locale } from './locales.ts';

export * from './locales.ts';
export type { MessageKey };

export const dictionaries: Record<Locale, Record<MessageKey, string>> = { en, fr, ar };

export type Translate = (key: MessageKey, values?: Record<string, string | number>) => string;

/** Interface text for one language; `{name}` placeholders are filled from `values`. */
export function useTranslations(locale: Locale): Translate {
  const dictionary = dictionaries[locale];
  return (key, values) =>
    dictionary[key].replace(/\{(\w+)\}/g, (placeholder, name: string) =>
      values && name in values ? String(values[name]) : placeholder,
    );
}
