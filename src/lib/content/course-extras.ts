import { courseCalendar } from '../calendar.ts';
import { formatParts } from '../format.ts';
import { useTranslations } from '../i18n/index.ts';
import { locales, type Locale } from '../i18n/locales.ts';
import { localizedPath } from '../i18n/paths.ts';
import { pickText, type LocalizedText } from '../localized-text.ts';
import { countryName } from '../member-states.ts';
import type { CourseEntry } from './courses.ts';

/** What an accepted participant needs before a course (issue 11): calendar file, joining instructions, letter. */

/** The course as a calendar file in `locale`, with links on `origin`. */
export function calendarFor(course: CourseEntry, locale: Locale, origin: string): string {
  const { data } = course;
  const t = useTranslations(locale);
  const url = new URL(localizedPath(locale, `courses/${course.id}`), origin).href;
  const location = data.venue ? formatParts([pickText(data.venue.city, locale).text, countryName(data.venue.country, locale)], locale) : undefined;
  const zoneNote = data.dailyHours && data.timeZone ? t('calendar.localTime', { from: data.dailyHours.from, to: data.dailyHours.to, zone: data.timeZone }) : undefined;
  // A sample offering says so first, in the words its page uses, so no calendar shows it as a real course.
  const title = pickText(data.title, locale).text;
  const sampleNotice = data.sample ? `${t('courses.sample')}. ${t('courses.sampleNotice')}` : undefined;
  return courseCalendar({
    slug: course.id,
    title: data.sample ? `[${t('courses.sample')}] ${title}` : title,
    description: [sampleNotice, pickText(data.summary, locale).text, zoneNote, url].filter(Boolean).join('\n\n'),
    tentative: data.sample,
    start: data.start,
    end: data.end,
    timeZone: data.timeZone,
    dailyHours: data.dailyHours,
    location: location ?? t('calendar.online'),
    url,
  });
}

/** Whether accepted participants of this course get a letter of acceptance (it takes place somewhere). */
export function hasLetter(course: CourseEntry): boolean {
  return course.data.mode !== 'online' && Boolean(course.data.venue);
}

/** The joining instructions, or undefined when the course has none. */
export function joiningOf(course: CourseEntry): LocalizedText | undefined {
  return course.data.joining;
}

/**
 * The extra values of an acceptance mail (accepted, or promoted from the waiting list): the
 * joining instructions and the calendar file, each in every language, since the recipient's
 * language is read from their account when the batch runs.
 */
export function acceptanceMailValues(course: CourseEntry, origin: string): { joining?: LocalizedText; calendar: Record<Locale, string>; letter: boolean } {
  const calendar = Object.fromEntries(locales.map((locale) => [locale, calendarFor(course, locale, origin)])) as Record<Locale, string>;
  const joining = joiningOf(course);
  return { ...(joining ? { joining } : {}), calendar, letter: hasLetter(course) };
}

/** The link to a certificate in every language, for the completion mail. */
export function certificateLinks(code: string, origin: string): Record<Locale, string> {
  return Object.fromEntries(locales.map((locale) => [locale, new URL(localizedPath(locale, `account/certificates/${code}`), origin).href])) as Record<
    Locale,
    string
  >;
}
