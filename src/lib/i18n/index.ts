import { ar } from './dictionaries/ar.ts';
import { en, type MessageKey } from './dictionaries/en.ts';
import { fr } from './dictionaries/fr.ts';
import type { Locale } from './locales.ts';
import { intlLocale } from '../format.ts';
import { formatMessage, type Message } from './messages.ts';

export * from './locales.ts';
export type { MessageKey };

export type { Message, PluralMessage } from './messages.ts';

export const dictionaries: Record<Locale, Record<MessageKey, Message>> = { en, fr, ar };

export type Translate = (key: MessageKey, values?: Record<string, string | number>) => string;

const translators = new Map<Locale, Translate>();

/**
 * Interface text for one language; `{name}` placeholders are filled from `values`. A plural
 * message picks its form from `values.count`, a number, which is written in the locale's digits.
 * Made once per language: every request asks for one.
 */
export function useTranslations(locale: Locale): Translate {
  let translate = translators.get(locale);
  if (!translate) translators.set(locale, (translate = translator(locale)));
  return translate;
}

function translator(locale: Locale): Translate {
  const dictionary = dictionaries[locale];
  const plural = new Intl.PluralRules(intlLocale(locale));
  const number = new Intl.NumberFormat(intlLocale(locale));
  return (key, values = {}) => formatMessage(dictionary[key], values, plural, number, key);
}
