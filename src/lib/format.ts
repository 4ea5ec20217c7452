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

/**
 * French writes the first day of a month as an ordinal, "1er mars 2027", and every other day as
 * a cardinal, "2 mars 2027"; `Intl` writes "1 mars". Applied to the day part only, so a year or
 * an hour that reads "1" is left alone.
 */
function joinParts(parts: readonly { type: string; value: string }[], locale: Locale): string {
  if (locale !== 'fr') return parts.map((part) => part.value).join('');
  return parts.map((part) => (part.type === 'day' && part.value === '1' ? '1er' : part.value)).join('');
}

export function formatDate(date: Date, locale: Locale, style: DateStyle = 'long'): string {
  return joinParts(dateFormat(locale, style).formatToParts(date), locale);
}

/** A moment in a format of one's own; pages show moments with `formatMoment`. */
export function formatDateTime(date: Date, locale: Locale, options: Intl.DateTimeFormatOptions): string {
  return joinParts(momentFormat(locale, JSON.stringify(options)).formatToParts(date), locale);
}

const momentOptions = madeOnce((timeZone: string) =>
  JSON.stringify({ day: 'numeric', month: 'long', year: 'numeric', hour: 'numeric', minute: '2-digit', timeZone, timeZoneName: 'short' } satisfies Intl.DateTimeFormatOptions),
);

/**
 * The one way a page shows a moment (not a calendar day): a session's last activity, an audit
 * entry, a comment, a message sent. The long date, the time to the minute in the language's
 * clock ("30 November 2026 at 15:05 UTC", "30 نوفمبر 2026 في 3:05 م UTC"), and the time zone
 * named, since the server cannot know the reader's: UTC unless `timeZone` (an IANA name) says otherwise.
 */
export function formatMoment(date: Date, locale: Locale, timeZone = 'UTC'): string {
  return joinParts(momentFormat(locale, momentOptions(timeZone)).formatToParts(date), locale);
}

/** "1–5 March 2027", "28 Feb – 3 Mar 2027": the locale decides how a range collapses ("1er–5 mars 2027"). */
export function formatDateRange(start: Date, end: Date, locale: Locale): string {
  return joinParts(dateFormat(locale, 'long').formatRangeToParts(start, end), locale);
}

export function formatNumber(value: number, locale: Locale): string {
  return numberFormat(locale).format(value);
}

/**
 * A figure written as text ("5866 centres", "أكثر من 1180609") with each run of five or more
 * bare digits grouped as `formatNumber` groups it ("5866" stays: it may be a year). Digits
 * already grouped or after a decimal point are left as written.
 */
export function groupDigits(text: string, locale: Locale): string {
  return text.replace(/(?<![\d.,])\d{5,}(?![.,]?\d)/g, (digits) => formatNumber(Number(digits), locale));
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
