import { memberStates, type MemberState } from './member-states.ts';

/** The terms of a course that the rules need (dates, seats, who may apply); content entries fit this shape. */
export interface CourseTerms {
  start: Date;
  end: Date;
  seats: number;
  seatsPerCountry?: number | undefined;
  applicationsOpen: Date;
  applicationDeadline: Date;
  eligibleCountries?: readonly MemberState[] | undefined;
}

/** An offering with its slug: a course as the application rules and the database see it. */
export interface CourseOffering extends CourseTerms {
  slug: string;
}

export type ApplicationWindow = 'not-yet-open' | 'open' | 'closed';

const dayMs = 24 * 60 * 60 * 1000;

/**
 * Whether applications are taken at `now`. Dates are calendar days, so the deadline day is
 * open until its end (UTC), and the opening day from its start.
 */
export function applicationWindow(course: CourseTerms, now: Date): ApplicationWindow {
  if (now.getTime() < course.applicationsOpen.getTime()) return 'not-yet-open';
  if (now.getTime() >= course.applicationDeadline.getTime() + dayMs) return 'closed';
  return 'open';
}

/** A course is upcoming until its last day is over. */
export function isUpcoming(course: CourseTerms, now: Date): boolean {
  return now.getTime() < course.end.getTime() + dayMs;
}

/** Upcoming courses soonest first, then past courses most recent first. */
export function orderCourses<T extends { data: CourseTerms }>(courses: T[], now: Date): { upcoming: T[]; past: T[] } {
  const byStart = (a: T, b: T): number => a.data.start.getTime() - b.data.start.getTime();
  return {
    upcoming: courses.filter((c) => isUpcoming(c.data, now)).sort(byStart),
    past: courses.filter((c) => !isUpcoming(c.data, now)).sort((a, b) => byStart(b, a)),
  };
}

export function eligibleCountries(course: CourseTerms): readonly MemberState[] {
  return course.eligibleCountries ?? memberStates;
}

export function isEligible(course: CourseTerms, country: string): boolean {
  return eligibleCountries(course).includes(country as MemberState);
}
