import { describe, expect, it } from 'vitest';
import type { CourseEntry } from '#lib/content/courses.ts';
import { courseMailExtras } from '#lib/server/course-mail.ts';

/** A course entry as the content layer gives it, for the parts the mails read. */
function course(data: Partial<CourseEntry['data']> = {}): CourseEntry {
  return {
    id: 'sample-course',
    collection: 'courses',
    data: {
      title: { en: 'Service centres', ar: 'مراكز الخدمات' },
      summary: { en: 'A sample.' },
      start: new Date('2027-04-12T00:00:00Z'),
      end: new Date('2027-04-13T00:00:00Z'),
      mode: 'in-person',
      venue: { city: { en: 'Baku' }, country: 'AZ' },
      timeZone: 'Asia/Baku',
      dailyHours: { from: '09:00', to: '17:00' },
      joining: { en: 'Arrive at 08:30.', ar: 'الوصول الساعة 08:30.' },
      ...data,
    },
  } as unknown as CourseEntry;
}

const page = 'https://exchange.example/';

describe('what a move’s mails carry (issue 11)', () => {
  it('gives an acceptance the joining instructions and a calendar file in every language', () => {
    const { applicant, promoted, certificateCode } = courseMailExtras(course(), 'accepted', page);
    expect(certificateCode).toBeUndefined();
    expect(applicant.joining).toEqual({ en: 'Arrive at 08:30.', ar: 'الوصول الساعة 08:30.' });
    const calendar = applicant.calendar as Record<string, string>;
    expect(Object.keys(calendar)).toEqual(['en', 'fr', 'ar']);
    expect(calendar.ar).toContain('SUMMARY:مراكز الخدمات');
    expect(calendar.en).toContain('DTSTART:20270412T050000Z');
    expect(applicant.letter).toBe(true);
    expect(promoted).toEqual(applicant);
    expect(courseMailExtras(course({ mode: 'online', venue: undefined }), 'accepted', page).applicant.letter).toBe(false);
  });

  it('gives a completion the link to the certificate whose code it chose, in every language', () => {
    const { applicant, certificateCode } = courseMailExtras(course(), 'completed', page);
    expect(certificateCode).toMatch(/^[A-Z2-7]{16}$/);
    expect(applicant.link).toEqual({
      en: expect.stringMatching(new RegExp(`^https?://[^/]+/en/account/certificates/${certificateCode}/$`)),
      fr: expect.stringMatching(new RegExp(`/fr/account/certificates/${certificateCode}/$`)),
      ar: expect.stringMatching(new RegExp(`/ar/account/certificates/${certificateCode}/$`)),
    });
    expect(applicant.calendar).toBeUndefined();
  });

  it('adds nothing to other moves but keeps what a promotion into a freed seat needs', () => {
    const { applicant, promoted } = courseMailExtras(course({ joining: undefined }), 'withdrawn', page);
    expect(applicant).toEqual({});
    expect(promoted.joining).toBeUndefined();
    expect(promoted.calendar).toBeDefined();
  });
});
