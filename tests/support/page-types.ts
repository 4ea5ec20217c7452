import type { Role } from '#lib/vocabulary.ts';

/**
 * One address of each page type, relative to a language folder (`/en/`, `/ar/`), shared by the
 * layout and HTML checks and by `npm run screenshots`. COURSE stands for a course's slug.
 */
export const publicPageTypes = {
  home: '',
  caseStudies: 'case-studies/',
  caseStudy: 'case-studies/asan-service/',
  newCaseStudy: 'case-studies/morocco-idarati-simplification/',
  countries: 'countries/',
  country: 'countries/sn/',
  compare: 'compare/',
  filter: 'case-studies/theme/one-stop-shops/',
  guides: 'guides/',
  guide: 'guides/one-stop-centre/',
  programmes: 'programmes/',
  programme: 'programmes/statcab/',
  courses: 'courses/',
  course: 'courses/COURSE/',
  news: 'news/',
  newsItem: 'news/sesric-asan-visit-2023/',
  search: 'search/',
  about: 'about/',
  practices: 'practices/',
  signIn: 'account/sign-in/',
  signUp: 'account/sign-up/',
  notFound: 'no-such-page/',
} as const;

/** Pages behind a sign-in, with the role that sees them. */
export const accountPageTypes = {
  myApplications: ['participant', 'account/'],
  profile: ['participant', 'account/profile/'],
  security: ['participant', 'account/security/'],
  focalPoint: ['focal-point', 'focal-point/'],
  staff: ['staff', 'staff/'],
  staffCourse: ['staff', 'staff/courses/COURSE/'],
  audit: ['staff', 'staff/audit/'],
  people: ['staff', 'staff/people/'],
  outbox: ['staff', 'staff/outbox/'],
  staffEvaluation: ['staff', 'staff/courses/COURSE/evaluation/'],
  focalPointEvaluations: ['focal-point', 'focal-point/evaluations/'],
  myPractices: ['participant', 'account/practices/'],
  newPractice: ['participant', 'account/practices/new/'],
  focalPointPractices: ['focal-point', 'focal-point/practices/'],
  staffPractices: ['staff', 'staff/practices/'],
} as const satisfies Record<string, readonly [Role, string]>;

/** The first course listed on the English courses page. */
export async function firstCourse(baseUrl: string): Promise<string> {
  const html = await (await fetch(`${baseUrl}/en/courses/`)).text();
  const slug = html.match(/href="\/en\/courses\/([a-z0-9-]+)\/"/)?.[1];
  if (!slug) throw new Error('no course is listed on /en/courses/');
  return slug;
}
