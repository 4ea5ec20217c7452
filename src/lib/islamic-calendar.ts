import { formatDate, formatDateRange, intlLocale } from './format.ts';
import type { Locale } from './i18n/locales.ts';
import { madeOnce } from './made-once.ts';

/**
 * The Hijri calendar as Saudi Arabia's Umm al-Qura tables set it, through `Intl`: for showing
 * course dates beside the Gregorian ones, and for keeping in-person courses out of Ramadan and
 * the two Eids.
 */
const CALENDAR = 'islamic-umalqura';
const DAY_MS = 86_400_000;

const hijriFormat = madeOnce((locale: Locale): Intl.DateTimeFormat => {
  const hijriLocale = new Intl.Locale(intlLocale(locale), { calendar: CALENDAR });
  return new Intl.DateTimeFormat(hijriLocale, { dateStyle: 'long', timeZone: 'UTC' });
});

export function formatHijriDate(date: Date, locale: Locale): string {
  return hijriFormat(locale).format(date);
}

export function formatHijriRange(start: Date, end: Date, locale: Locale): string {
  return hijriFormat(locale).formatRange(start, end);
}

/**
 * A course's day ("15 February 2027") or span of days ("1–5 March 2027") as the site shows it
 * in lists, cards and application deadlines: the Gregorian date, and in Arabic the Umm al-Qura
 * date after it, "15 فبراير 2027 (8 رمضان 1448 هـ)". English and French show the Gregorian
 * date alone. The one place that decides how the two calendars sit together.
 */
export function formatWithHijri(locale: Locale, start: Date, end?: Date): string {
  const sameDay = end === undefined || end.getTime() === start.getTime();
  const gregorian = sameDay ? formatDate(start, locale) : formatDateRange(start, end, locale);
  if (locale !== 'ar') return gregorian;
  const hijri = sameDay ? formatHijriDate(start, locale) : formatHijriRange(start, end, locale);
  return `${gregorian} (${hijri})`;
}

export type ReligiousPeriod = 'ramadan' | 'eid-al-fitr' | 'eid-al-adha';

const parts = new Intl.DateTimeFormat(`en-u-ca-${CALENDAR}`, { month: 'numeric', day: 'numeric', timeZone: 'UTC' });

/** Hijri month (1–12) and day of a calendar day. */
function hijri(date: Date): { month: number; day: number } {
  const found = Object.fromEntries(parts.formatToParts(date).map((part) => [part.type, part.value]));
  return { month: Number(found.month), day: Number(found.day) };
}

/**
 * Ramadan is the ninth month; Eid al-Fitr is kept here as 1–3 Shawwal, and Eid al-Adha as the
 * day of sacrifice and the three days after it, 10–13 Dhu al-Hijjah.
 */
function periodOf(date: Date): ReligiousPeriod | undefined {
  const { month, day } = hijri(date);
  if (month === 9) return 'ramadan';
  if (month === 10 && day <= 3) return 'eid-al-fitr';
  if (month === 12 && day >= 10 && day <= 13) return 'eid-al-adha';
  return undefined;
}

/** The religious periods any day from `start` to `end` (both included) falls in. */
export function religiousPeriodsBetween(start: Date, end: Date): ReligiousPeriod[] {
  const found = new Set<ReligiousPeriod>();
  for (let time = start.getTime(); time <= end.getTime(); time += DAY_MS) {
    const period = periodOf(new Date(time));
    if (period) found.add(period);
  }
  return [...found];
}

/** Courses people travel to are kept out of those periods; online courses are not. */
export function calendarConflicts(course: { mode: string; start: Date; end: Date }): ReligiousPeriod[] {
  return course.mode === 'online' ? [] : religiousPeriodsBetween(course.start, course.end);
}
