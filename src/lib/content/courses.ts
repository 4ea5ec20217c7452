import { getCollection, getEntry, type CollectionEntry } from 'astro:content';
import { orderCourses } from '../courses.ts';

export type Course = CollectionEntry<'courses'>;
export type Programme = CollectionEntry<'programmes'>;

export async function allCourses(): Promise<Course[]> {
  return getCollection('courses');
}

/** Courses split into upcoming (soonest first) and past (latest first) as of `now`. */
export async function coursesByTime(now: Date, filter: (course: Course) => boolean = () => true) {
  return orderCourses((await allCourses()).filter(filter), now);
}

export async function programmes(): Promise<Programme[]> {
  const all = await getCollection('programmes');
  return all.sort((a, b) => a.data.order - b.data.order || a.data.acronym.localeCompare(b.data.acronym));
}

export async function programmeOf(course: Course): Promise<Programme> {
  const programme = await getEntry(course.data.programme);
  if (!programme) throw new Error(`courses/${course.id}: programme "${course.data.programme.id}" does not exist`);
  return programme;
}
