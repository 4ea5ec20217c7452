import { getCollection, getEntry, type CollectionEntry } from 'astro:content';
import { defaultLocale, type Locale } from '../i18n/locales.ts';
import { orderCourses, type CourseOffering } from '../course-rules.ts';

/** A course as the content collection holds it (its data file). */
export type CourseEntry = CollectionEntry<'courses'>;
export type CourseDescription = CollectionEntry<'courseDescriptions'>;
export type Programme = CollectionEntry<'programmes'>;

export async function allCourses(): Promise<CourseEntry[]> {
  return getCollection('courses');
}

/** Courses split into upcoming (soonest first) and past (latest first) as of `now`. */
export async function coursesByTime(now: Date, filter: (course: CourseEntry) => boolean = () => true) {
  return orderCourses((await allCourses()).filter(filter), now);
}

export async function programmes(): Promise<Programme[]> {
  const all = await getCollection('programmes');
  return all.sort((a, b) => a.data.order - b.data.order || a.data.acronym.localeCompare(b.data.acronym));
}

export async function programmeOf(course: CourseEntry): Promise<Programme> {
  const programme = await getEntry(course.data.programme);
  if (!programme) throw new Error(`courses/${course.id}: programme "${course.data.programme.id}" does not exist`);
  return programme;
}

/** A course as the application rules see it. */
export function offeringOf(course: CourseEntry): CourseOffering {
  const { data } = course;
  return {
    slug: course.id,
    start: data.start,
    end: data.end,
    seats: data.seats,
    seatsPerCountry: data.seatsPerCountry,
    applicationsOpen: data.applicationsOpen,
    applicationDeadline: data.applicationDeadline,
    eligibleCountries: data.eligibleCountries,
  };
}

export async function courseBySlug(slug: string): Promise<CourseEntry | undefined> {
  return getEntry('courses', slug);
}

/** The course's description in the reader's language where written, otherwise in English. */
export async function descriptionOf(course: CourseEntry, locale: Locale): Promise<{ entry: CourseDescription; lang: Locale }> {
  for (const lang of [locale, defaultLocale]) {
    const entry = await getEntry('courseDescriptions', `${course.id}/${lang}`);
    if (entry) return { entry, lang };
  }
  throw new Error(`content/courses/${course.id}/en.mdx: every course needs an English description`);
}
