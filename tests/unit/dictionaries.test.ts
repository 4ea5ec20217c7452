import { describe, expect, it } from 'vitest';
import { dictionaries, locales, useTranslations } from '../../src/lib/i18n/index.ts';

const placeholders = (text: string): string[] => [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1] ?? '').sort();

describe('interface dictionaries', () => {
  const english = dictionaries.en;

  it.each(locales)('%s has exactly the English keys', (locale) => {
    expect(Object.keys(dictionaries[locale]).sort()).toEqual(Object.keys(english).sort());
  });

  it.each(locales)('%s leaves no text empty and keeps every placeholder', (locale) => {
    for (const [key, text] of Object.entries(dictionaries[locale])) {
      expect(text.trim(), key).not.toBe('');
      expect(placeholders(text), key).toEqual(placeholders(english[key as keyof typeof english]));
    }
  });

  it('fills placeholders and leaves unknown ones visible', () => {
    const t = useTranslations('fr');
    expect(t('courses.seatsLeft', { left: 3, total: 20 })).toBe('3 places libres sur 20');
    expect(t('courses.seatsLeft', { left: 3 })).toBe('3 places libres sur {total}');
  });
});
