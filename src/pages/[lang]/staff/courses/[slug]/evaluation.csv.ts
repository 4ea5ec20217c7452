import type { APIRoute } from 'astro';
import { courseBySlug } from '#lib/content/courses.ts';
import { toCsv } from '#lib/csv.ts';
import { otherGroup, ratingKeys, type EvaluationSummary } from '#lib/evaluation-summary.ts';
import { isLocale, useTranslations, type MessageKey } from '#lib/i18n/index.ts';
import { countryName } from '#lib/member-states.ts';
import { admit } from '#http/access.ts';
import { database } from '#lib/server/site-database.ts';
import { courseEvaluation } from '#lib/server/evaluations.ts';

export const prerender = false;

/**
 * A course's evaluation summary as a spreadsheet, staff only: one row for all responses and one
 * per group the page shows (the same rule: no group under 5). Aggregates only, never a row per
 * person; the written answers stay on the page.
 */
export const GET: APIRoute = async (context) => {
  const locale = context.params.lang;
  const course = await courseBySlug(context.params.slug ?? '');
  if (!isLocale(locale) || !course) return new Response(null, { status: 404 });
  const admitted = admit(context, ['staff']);
  if (admitted instanceof Response) return admitted;
  const t = useTranslations(locale);
  const report = await courseEvaluation((await database()).client, course.id);
  const header = [
    t('evaluation.csv.breakdown'),
    t('evaluation.group'),
    t('evaluation.answers'),
    ...ratingKeys.flatMap((key) => [
      `${t(`evaluation.short.${key}`)}: ${t('evaluation.meanShort')}`,
      ...[1, 2, 3, 4, 5].map((value) => `${t(`evaluation.short.${key}`)}: ${value}`),
    ]),
    t('evaluation.csv.recommendYes'),
  ];
  const row = (breakdown: string, group: string, summary: EvaluationSummary): (string | number)[] => [
    breakdown,
    group,
    summary.responses,
    ...ratingKeys.flatMap((key) => {
      const { mean, distribution } = summary.ratings[key];
      return [mean === null ? '' : Math.round(mean * 100) / 100, ...distribution];
    }),
    summary.recommend.yes,
  ];
  const groupName = (by: 'country' | 'gender', group: string): string =>
    group === otherGroup ? t('evaluation.other') : by === 'country' ? countryName(group, locale) : t(`account.gender.${group}` as MessageKey);
  const body = [
    row(t('evaluation.csv.all'), '', report.overall),
    ...report.byCountry.map((group) => row(t('evaluation.byCountry'), groupName('country', group.group), group)),
    ...report.byGender.map((group) => row(t('evaluation.byGender'), groupName('gender', group.group), group)),
  ];
  return new Response(toCsv(header, body), {
    headers: {
      'Content-Type': 'text/csv; charset=utf-8',
      'Content-Disposition': `attachment; filename="evaluation-${course.id}.csv"`,
    },
  });
};
