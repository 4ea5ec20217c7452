import { describe, expect, it } from 'vitest';
import { courseCalendar } from '#lib/calendar.ts';
import { calendarFor } from '#lib/content/course-extras.ts';
import type { CourseEntry } from '#lib/content/courses.ts';
import { dictionaries, locales } from '#lib/i18n/index.ts';

/** A course's calendar file says whether the course is real: a sample is tentative and says so first. */
const day = (iso: string): Date => new Date(`${iso}T00:00:00Z`);

function courseEntry(sample: boolean): CourseEntry {
  return {
    id: '2027-sdcab-one-stop-service-delivery',
    collection: 'courses',
    data: {
      title: { en: 'One-stop public service delivery', fr: 'Guichet unique de services publics', ar: 'تقديم الخدمات العامة عبر الشباك الواحد' },
      summary: { en: 'A hybrid course.', fr: 'Une formation hybride.', ar: 'دورة مدمجة.' },
      programme: 'sd-cab',
      sample,
      start: day('2027-04-12'),
      end: day('2027-04-13'),
      mode: 'hybrid',
      venue: { city: { en: 'Baku', fr: 'Bakou', ar: 'باكو' }, country: 'AZ' },
      languages: ['en', 'ar'],
      seats: 30,
      applicationsOpen: day('2026-11-02'),
      applicationDeadline: day('2027-02-15'),
      timeZone: 'Asia/Baku',
      dailyHours: { from: '09:00', to: '17:00' },
    },
  } as unknown as CourseEntry;
}

/** The value of a property, its folded lines (RFC 5545 §3.1) joined again. */
function property(ics: string, name: string): string[] {
  const unfolded = ics.replace(/\r?\n[ \t]/g, '');
  return [...unfolded.matchAll(new RegExp(`^${name}[;:](.*)$`, 'gm'))].map((m) => m[1]!.replace(/\r$/, ''));
}

describe('calendar files of sample offerings', () => {
  it.each(locales)('mark every event TENTATIVE and begin with the page’s “sample” marker in %s', (lang) => {
    const t = dictionaries[lang];
    const ics = calendarFor(courseEntry(true), lang, 'https://x.example');
    expect(property(ics, 'STATUS')).toEqual(['TENTATIVE', 'TENTATIVE']);
    expect(ics).not.toContain('CONFIRMED');
    for (const summary of property(ics, 'SUMMARY')) expect(summary.startsWith(`[${t['courses.sample'] as string}] `), summary).toBe(true);
    for (const description of property(ics, 'DESCRIPTION')) expect(description.startsWith(`${t['courses.sample'] as string}. `), description).toBe(true);
    expect(property(ics, 'X-WR-CALNAME')[0]?.startsWith(`[${t['courses.sample'] as string}]`)).toBe(true);
  });

  it('leave an announced course CONFIRMED, with its own title', () => {
    const ics = calendarFor(courseEntry(false), 'en', 'https://x.example');
    expect(property(ics, 'STATUS')).toEqual(['CONFIRMED', 'CONFIRMED']);
    expect(property(ics, 'SUMMARY')).toEqual(['One-stop public service delivery', 'One-stop public service delivery']);
    expect(ics).not.toContain('Sample');
  });

  it('write TENTATIVE for a tentative course made directly', () => {
    const base = { slug: 'sample', title: 'Service centres', description: 'A course.', url: 'https://x.example/en/courses/sample/', start: day('2027-06-07'), end: day('2027-06-11') };
    expect(courseCalendar({ ...base, tentative: true })).toMatch(/^STATUS:TENTATIVE/m);
    expect(courseCalendar(base)).toMatch(/^STATUS:CONFIRMED/m);
  });
});
