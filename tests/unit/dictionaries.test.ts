import { describe, expect, it } from 'vitest';
import { dictionaries, locales, useTranslations, type Message } from '#lib/i18n/index.ts';

const placeholders = (text: string): string[] => [...new Set([...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1] ?? ''))].sort();
const forms = (message: Message): string[] => (typeof message === 'string' ? [message] : Object.values(message));

describe('interface dictionaries', () => {
  const english = dictionaries.en;

  it.each(locales)('%s has exactly the English keys', (locale) => {
    expect(Object.keys(dictionaries[locale]).sort()).toEqual(Object.keys(english).sort());
  });

  it.each(locales)('%s leaves no text empty and uses only the English placeholders', (locale) => {
    for (const [key, message] of Object.entries(dictionaries[locale])) {
      const englishMessage = english[key as keyof typeof english];
      expect(typeof message, `${key} is plural in every language or in none`).toBe(typeof englishMessage);
      const allowed = forms(englishMessage).flatMap(placeholders);
      for (const text of forms(message)) {
        expect(text.trim(), key).not.toBe('');
        for (const name of placeholders(text)) expect(allowed, `${key}: {${name}}`).toContain(name);
      }
      if (typeof message === 'string') expect(placeholders(message), key).toEqual(placeholders(englishMessage as string));
    }
  });

  it('fills placeholders and leaves unknown ones visible', () => {
    const t = useTranslations('fr');
    expect(t('courses.seatsLeft', { count: 3, total: 20 })).toBe('3 places libres sur 20');
    expect(t('courses.seatsLeft', { count: 3 })).toBe('3 places libres sur {total}');
  });
});

describe('plurals follow each language’s rules', () => {
  it('uses the Arabic dual and the forms for 3–10 and 11–99', () => {
    const t = useTranslations('ar');
    expect(t('courses.seatsPerCountry', { count: 1 })).toBe('مقعد واحد كحدٍّ أقصى لكل بلد');
    expect(t('courses.seatsPerCountry', { count: 2 })).toBe('مقعدان كحدٍّ أقصى لكل بلد');
    expect(t('courses.seatsPerCountry', { count: 3 })).toBe('3 مقاعد كحدٍّ أقصى لكل بلد');
    expect(t('courses.seatsPerCountry', { count: 11 })).toBe('11 مقعدًا كحدٍّ أقصى لكل بلد');
    expect(t('courses.seatsPerCountry', { count: 100 })).toBe('100 مقعد كحدٍّ أقصى لكل بلد');
    expect(t('courses.eligibleSome', { count: 2 })).toBe('مسؤولو دولتين عضوين:');
  });

  it('says "1 place" in French and "1 seat" in English', () => {
    expect(useTranslations('fr')('courses.seatsLeft', { count: 1, total: 20 })).toBe('1 place libre sur 20');
    expect(useTranslations('fr')('courses.seatsPerCountry', { count: 2 })).toBe('Au plus 2 places par pays');
    expect(useTranslations('en')('courses.seatsPerCountry', { count: 1 })).toBe('At most 1 seat per country');
    expect(useTranslations('en')('courses.seatsFull', { count: 30 })).toBe('All 30 seats are taken; new applicants join the waiting list.');
  });

  it('writes the count in the locale’s digits and grouping', () => {
    expect(useTranslations('en')('courses.seatsFull', { count: 1200 })).toContain('All 1,200 seats');
  });

  it('refuses a plural message without its number', () => {
    expect(() => useTranslations('en')('courses.seatsPerCountry')).toThrow(/count/);
  });
});
