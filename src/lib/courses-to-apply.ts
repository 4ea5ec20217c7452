import { applicationWindow, isUpcoming, type CourseTerms } from './course-rules.ts';

/**
 * The courses one can still apply to as of `now`, by the same rule the course pages apply
 * (`applicationWindow`): those taking applications until their deadline, soonest deadline
 * first, and those whose applications open later, soonest first. A course whose deadline has
 * passed, or that is over, is no course to apply to and is left out.
 */
export function coursesToApplyTo<T extends { data: CourseTerms }>(courses: readonly T[], now: Date): { open: T[]; later: T[] } {
  const current = courses.filter((course) => isUpcoming(course.data, now));
  const by = (date: (terms: CourseTerms) => Date) => (a: T, b: T) => date(a.data).getTime() - date(b.data).getTime();
  return {
    open: current.filter((course) => applicationWindow(course.data, now) === 'open').sort(by((terms) => terms.applicationDeadline)),
    later: current.filter((course) => applicationWindow(course.data, now) === 'not-yet-open').sort(by((terms) => terms.applicationsOpen)),
  };
}
