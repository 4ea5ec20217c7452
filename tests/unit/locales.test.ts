import { describe, expect, it } from 'vitest';
import { autonym, bestLocale, directionOf } from '#lib/i18n/locales.ts';
import { localizedPath, switchLocale } from '#lib/i18n/paths.ts';

describe('choosing the visitor’s language', () => {
  it.each([
    ['ar-SA,ar;q=0.9,en;q=0.8', 'ar'],
    ['fr-CA', 'fr'],
    ['de-DE,fr;q=0.5,en;q=0.7', 'en'],
    ['de-DE,fr;q=0.9,en;q=0.7', 'fr'],
    ['tr-TR, az;q=0.9', 'en'],
    ['en;q=0, ar', 'ar'],
    ['', 'en'],
    ['*', 'en'],
    ['fr;q=abc, ar;q=0.2', 'ar'],
  ])('%j → %s', (header, expected) => {
    expect(bestLocale(header)).toBe(expected);
  });

  it('falls back to English with no header', () => {
    expect(bestLocale(null)).toBe('en');
  });
});

describe('direction and names', () => {
  it('reads Arabic as right-to-left and the others left-to-right', () => {
    expect(directionOf('ar')).toBe('rtl');
    expect(directionOf('fr')).toBe('ltr');
    expect(directionOf('en')).toBe('ltr');
  });

  it('names each language in itself', () => {
    expect(autonym('fr')).toBe('Français');
    expect(autonym('ar')).toBe('العربية');
  });
});

describe('paths', () => {
  it('builds localized paths with one trailing slash', () => {
    expect(localizedPath('fr')).toBe('/fr/');
    expect(localizedPath('ar', '/case-studies/asan-service/')).toBe('/ar/case-studies/asan-service/');
  });

  it('keeps the visitor on the same page when switching language', () => {
    expect(switchLocale('/en/case-studies/theme/one-stop-shops/', 'ar')).toBe('/ar/case-studies/theme/one-stop-shops/');
    expect(switchLocale('/fr/', 'en')).toBe('/en/');
    expect(switchLocale('/404/', 'fr')).toBe('/fr/404/');
  });
});
