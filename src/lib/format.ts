import type { Locale } from './i18n/locales.ts';
import { madeOnce } from './made-once.ts';

/**
 * Dates, numbers and lists in the reader's language, all through `Intl`.
 * Content dates are calendar days with no time of day, so they are read and shown in UTC.
 */

/**
 * The `Intl` locale behind each site language: British English (day before month, as the OIC
 * and SESRIC write dates), and Arabic with Western digits, as SESRIC's Arabic pages use them.
 */
const intlLocales = { en: 'en-GB', fr: 'fr', ar: 'ar-u-nu-latn' } as const satisfies Record<Locale, string>;

export function intlLocale(locale: Locale): string {
  return intlLocales[locale];
}

const dateStyles = {
  long: { dateStyle: 'long', timeZone: 'UTC' },
  monthYear: { month: 'long', year: 'numeric', timeZone: 'UTC' },
} as const satisfies Record<string, Intl.DateTimeFormatOptions>;

export type DateStyle = keyof typeof dateStyles;

const dateFormat = madeOnce((locale: Locale, style: DateStyle) => new Intl.DateTimeFormat(intlLocale(locale), dateStyles[style]));
const momentFormat = madeOnce((locale: Locale, options: string) => new Intl.DateTimeFormat(intlLocale(locale), JSON.parse(options) as Intl.DateTimeFormatOptions));
const numberFormat = madeOnce((locale: Locale) => new Intl.NumberFormat(intlLocale(locale)));
const listFormat = madeOnce((locale: Locale) => new Intl.ListFormat(intlLocale(locale), { style: 'long', type: 'conjunction' }));

export function formatDate(date: Date, locale: Locale, style: DateStyle = 'long'): string {
  return dateFormat(locale, style).format(date);
}

/** A moment (not a calendar day), such as a session's last activity or an audit entry. */
export function formatDateTime(date: Date, locale: Locale, options: Intl.DateTimeFormatOptions): string {
  return momentFormat(locale, JSON.stringify(options)).format(date);
}

/** "1–5 March 2027", "28 Feb – 3 Mar 2027": the locale decides how a range collapses. */
export function formatDateRange(start: Date, end: Date, locale: Locale): string {
  return dateFormat(locale, 'long').formatRange(start, end);
}

export function formatNumber(value: number, locale: Locale): string {
  return numberFormat(locale).format(value);
}

export function formatList(items: string[], locale: Locale): string {
  return listFormat(locale).format(items);
}

/**
 * Parts of one thing, such as "Baku, Azerbaijan" or "Director, Ministry of Finance", joined by
 * the language's comma ("باكو، أذربيجان" in Arabic). Not `Intl.ListFormat`: every one of its
 * types puts "and"/"et"/"و" before the last part in French or Arabic, which is wrong here.
 */
const partSeparators = { en: ', ', fr: ', ', ar: '، ' } as const satisfies Record<Locale, string>;

export function formatParts(parts: readonly (string | null | undefined)[], locale: Locale): string {
  return parts.filter((part): part is string => Boolean(part)).join(partSeparator(locale));
}

/** The separator of `formatParts`, for markup that isolates one of the parts in <bdi>. */
export function partSeparator(locale: Locale): string {
  return partSeparators[locale];
}

/** A year span such as "2012–2025", or "2012 – ongoing" while the work goes on. */
export function formatYears(years: { from: number; to?: number }, ongoing: string): string {
  const from = String(years.from);
  if (years.to === undefined) return `${from} – ${ongoing}`;
  return years.to === years.from ? from : `${from}–${years.to}`;
}

/**
 * A source's date as precise as it was given: "2013-03-29" → "29 March 2013", "2024-05" →
 * "May 2024", "2023" → "2023", each in the reader's language.
 */
export function formatPartialDate(value: string, locale: Locale): string {
  const [year, month, day] = value.split('-').map(Number);
  if (year === undefined || month === undefined) return value;
  const date = new Date(Date.UTC(year, month - 1, day ?? 1));
  return formatDate(date, locale, day === undefined ? 'monthYear' : 'long');
}

/** ISO calendar date (YYYY-MM-DD) for `<time datetime>` and structured data. */
export function isoDate(date: Date): string {
  return date.toISOString().slice(0, 10);
}
