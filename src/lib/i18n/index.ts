import { ar } from './dictionaries/ar.ts';
import { en, type MessageKey } from './dictionaries/en.ts';
import { fr } from './dictionaries/fr.ts';
import type { Locale } from './locales.ts';
import { intlLocale } from '../format.ts';

export * from './locales.ts';
export type { MessageKey };

/**
 * A message that depends on a number: one text per plural category of the language
 * (`Intl.PluralRules`), so Arabic can say "مقعدان" for two and French "1 place".
 */
export type PluralMessage = Partial<Record<Intl.LDMLPluralRule, string>> & { readonly other: string };
export type Message = string | PluralMessage;

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
  return (key, values = {}) => {
    const message = dictionary[key];
    const count = values.count;
    const text = typeof message === 'string' ? message : pluralForm(message, plural, count, key);
    const filled = typeof count === 'number' ? { ...values, count: number.format(count) } : values;
    return text.replace(/\{(\w+)\}/g, (placeholder, name: string) => (name in filled ? String(filled[name]) : placeholder));
  };
}

function pluralForm(message: PluralMessage, rules: Intl.PluralRules, count: unknown, key: string): string {
  if (typeof count !== 'number') throw new Error(`"${key}" is a plural message: pass its number as { count }`);
  return message[rules.select(count)] ?? message.other;
}
