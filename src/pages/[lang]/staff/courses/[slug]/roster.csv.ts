import type { APIRoute } from 'astro';
import { applicationStatuses, waitingListOrder, type ApplicationStatus } from '#lib/application-states.ts';
import { courseBySlug } from '#lib/content/courses.ts';
import { toCsv } from '#lib/csv.ts';
import { countryName, isMemberState } from '#lib/member-states.ts';
import { admit } from '#http/access.ts';
import { database } from '#lib/server/site-database.ts';
import { roster } from '#lib/server/rosters.ts';
import { certificatesOfCourse } from '#lib/server/certificates.ts';

export const prerender = false;

/** A course's roster as a spreadsheet, with the same filters as the page. Staff only. */
export const GET: APIRoute = async (context) => {
  const { locale, t } = context.locals;
  const course = await courseBySlug(context.params.slug ?? '');
  if (!course) return new Response(null, { status: 404 });
  const user = admit(context, ['staff']);
  if (user instanceof Response) return user;
  const status = context.url.searchParams.get('status');
  const country = context.url.searchParams.get('country');
  const rows = await roster((await database()).db, user, {
    courseSlug: course.id,
    status: applicationStatuses.includes(status as ApplicationStatus) ? (status as ApplicationStatus) : undefined,
    country: isMemberState(country) ? country : undefined,
  });
  const certificates = await certificatesOfCourse((await database()).client, course.id);
  const header = [t('account.fullName'), t('account.email'), t('account.country'), t('account.institution'), t('account.position'), t('account.gender'), t('focalPoint.rank'), t('account.status'), t('staffCertificates.column')];
  const body = rows.map((row) => [
    row.fullName,
    row.email,
    countryName(row.country, locale),
    row.institution,
    row.position,
    row.gender ? t(`account.gender.${row.gender}`) : '',
    // As on the roster page: the waiting-list order, "—" where there is none.
    waitingListOrder(row) ?? '—',
    t(`status.${row.status}`),
    certificates.get(row.id)?.code ?? '',
  ]);
  return new Response(toCsv(header, body), {
    headers: {
      'Content-Type': 'text/csv; charset=utf-8',
      'Content-Disposition': `attachment; filename="roster-${course.id}.csv"`,
    },
  });
};
