import { describe, expect, it } from 'vitest';
import { applicationWindow, eligibleCountries, isEligible, isUpcoming, orderCourses, type CourseTerms } from '#lib/course-rules.ts';

const day = (iso: string): Date => new Date(`${iso}T00:00:00Z`);
const at = (iso: string): Date => new Date(iso);

const offering: CourseTerms = {
  start: day('2027-04-12'),
  end: day('2027-04-16'),
  seats: 20,
  applicationsOpen: day('2027-01-10'),
  applicationDeadline: day('2027-03-01'),
};

describe('the application window', () => {
  it.each([
    ['2027-01-09T23:59:59Z', 'not-yet-open'],
    ['2027-01-10T00:00:00Z', 'open'],
    ['2027-03-01T23:59:59Z', 'open'],
    ['2027-03-02T00:00:00Z', 'closed'],
  ])('at %s it is %s', (now, expected) => {
    expect(applicationWindow(offering, at(now))).toBe(expected);
  });
});

describe('upcoming and past', () => {
  it('keeps a course upcoming through its last day', () => {
    expect(isUpcoming(offering, at('2027-04-16T22:00:00Z'))).toBe(true);
    expect(isUpcoming(offering, at('2027-04-17T00:00:00Z'))).toBe(false);
  });

  it('lists upcoming soonest first, then past latest first', () => {
    const make = (id: string, start: string, end: string) => ({ id, data: { ...offering, start: day(start), end: day(end) } });
    const courses = [
      make('past-early', '2026-01-05', '2026-01-09'),
      make('later', '2027-06-01', '2027-06-05'),
      make('past-late', '2026-09-01', '2026-09-03'),
      make('sooner', '2027-02-01', '2027-02-03'),
    ];
    const { upcoming, past } = orderCourses(courses, at('2026-11-28T12:00:00Z'));
    expect(upcoming.map((c) => c.id)).toEqual(['sooner', 'later']);
    expect(past.map((c) => c.id)).toEqual(['past-late', 'past-early']);
  });
});

describe('eligibility', () => {
  it('opens a course to all 57 member states unless it names some', () => {
    expect(eligibleCountries(offering)).toHaveLength(57);
    expect(isEligible(offering, 'SN')).toBe(true);
    expect(isEligible(offering, 'FR')).toBe(false);
  });

  it('narrows to the countries a course names', () => {
    const narrowed = { ...offering, eligibleCountries: ['AZ', 'UZ'] as const };
    expect(isEligible(narrowed, 'UZ')).toBe(true);
    expect(isEligible(narrowed, 'SN')).toBe(false);
  });
});
