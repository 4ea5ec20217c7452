import { madeOnce } from '../made-once.ts';

/** The OIC's three working languages, English first as the default. */
export const locales = ['en', 'fr', 'ar'] as const;
export type Locale = (typeof locales)[number];
export const defaultLocale: Locale = 'en';

export function isLocale(value: unknown): value is Locale {
  return typeof value === 'string' && (locales as readonly string[]).includes(value);
}

/** Text direction, read from the locale's own data rather than a hand-kept list. */
export const directionOf = madeOnce((locale: Locale): 'ltr' | 'rtl' => {
  const info = new Intl.Locale(locale) as Intl.Locale & {
    getTextInfo?: () => { direction: 'ltr' | 'rtl' };
    textInfo?: { direction: 'ltr' | 'rtl' };
  };
  return (info.getTextInfo?.() ?? info.textInfo)?.direction ?? 'ltr';
});

/** The language names as their own speakers write them, for the language switcher. */
export const autonym = madeOnce((locale: Locale): string => {
  const name = new Intl.DisplayNames([locale], { type: 'language' }).of(locale) ?? locale;
  return name.charAt(0).toLocaleUpperCase(locale) + name.slice(1);
});

/**
 * The best of our locales for an Accept-Language header (RFC 9110 §12.5.4): highest q first,
 * a regional tag (fr-CA) matching its language, the default when nothing matches.
 */
export function bestLocale(acceptLanguage: string | null | undefined): Locale {
  const ranked = (acceptLanguage ?? '')
    .split(',')
    .map((part, order) => {
      const [tag = '', ...params] = part.trim().split(';');
      const q = params.map((p) => p.trim()).find((p) => p.startsWith('q='));
      const weight = q ? Number.parseFloat(q.slice(2)) : 1;
      return { language: tag.trim().toLowerCase().split('-')[0], weight, order };
    })
    .filter((entry) => entry.language && Number.isFinite(entry.weight) && entry.weight > 0)
    .sort((a, b) => b.weight - a.weight || a.order - b.order);
  return ranked.map((entry) => entry.language).find(isLocale) ?? defaultLocale;
}

/** A language's name in the reader's language ("anglais" for a French reader). */
export const languageName = madeOnce((language: Locale, reader: Locale): string => new Intl.DisplayNames([reader], { type: 'language' }).of(language) ?? language);
