import type { APIRoute, GetStaticPaths } from 'astro';
import { calendarFor } from '#lib/content/course-extras.ts';
import { allCourses, type CourseEntry } from '#lib/content/courses.ts';
import { locales, type Locale } from '#lib/i18n/locales.ts';

/** Each course as a calendar file, in each language, for anyone (issue 11). */
export const getStaticPaths = (async () => {
  const courses = await allCourses();
  return locales.flatMap((lang) => courses.map((course) => ({ params: { lang, slug: course.id }, props: { course } })));
}) satisfies GetStaticPaths;

export const GET: APIRoute<{ course: CourseEntry }> = ({ params, props, site, url }) => {
  const ics = calendarFor(props.course, params.lang as Locale, (site ?? url).href);
  return new Response(ics, {
    headers: { 'Content-Type': 'text/calendar; charset=utf-8', 'Content-Disposition': `attachment; filename="${props.course.id}.ics"` },
  });
};
