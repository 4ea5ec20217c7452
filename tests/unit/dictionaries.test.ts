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

describe('the search page’s result counts (worded in the browser with the same mechanism)', () => {
  const words = (lang: 'en' | 'fr' | 'ar', count: number) => useTranslations(lang)('search.results', { count, term: 'أسان' });

  it('gives Arabic every plural category, the attached لـ and the quoted term', () => {
    expect(words('ar', 0)).toBe('لا توجد نتائج لـ «أسان»');
    expect(words('ar', 1)).toBe('نتيجة واحدة لـ «أسان»');
    expect(words('ar', 2)).toBe('نتيجتان لـ «أسان»');
    expect(words('ar', 3)).toBe('3 نتائج لـ «أسان»');
    expect(words('ar', 10)).toBe('10 نتائج لـ «أسان»');
    expect(words('ar', 11)).toBe('11 نتيجة لـ «أسان»');
    expect(words('ar', 20)).toBe('20 نتيجة لـ «أسان»');
    expect(words('ar', 100)).toBe('100 نتيجة لـ «أسان»');
    expect(words('ar', 103)).toBe('103 نتائج لـ «أسان»');
    for (const count of [0, 1, 2, 3, 11, 100, 1234]) expect(words('ar', count)).not.toMatch(/ ل /);
  });

  it('agrees in French and English too', () => {
    expect(words('fr', 1)).toBe('1 résultat pour « أسان »');
    expect(words('fr', 20)).toBe('20 résultats pour « أسان »');
    expect(words('fr', 1_000_000)).toMatch(/^1\s000\s000 de résultats pour/);
    expect(words('en', 1)).toBe('1 result for “أسان”');
    expect(words('en', 1234)).toBe('1,234 results for “أسان”');
    expect(useTranslations('ar')('search.noResults', { term: 'x' })).toBe('لا توجد نتائج لـ «x»');
  });
});
