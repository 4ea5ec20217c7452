import type { APIRoute } from 'astro';
import { caseStudies } from '#lib/content/case-studies.ts';
import { feed } from '#lib/feeds.ts';
import type { Locale } from '#lib/i18n/index.ts';
import { localeParams } from '#lib/i18n/paths.ts';

export const getStaticPaths = localeParams;

export const GET: APIRoute = async ({ params, site }) => {
  const locale = params.lang as Locale;
  const items = (await caseStudies(locale)).map(({ slug, entry, lang }) => ({
    language: lang,
    title: entry.data.title,
    description: entry.data.summary,
    date: entry.data.published,
    path: `case-studies/${slug}`,
  }));
  return feed({ locale, site: site!, section: 'case-studies', titleKey: 'caseStudies.title', descriptionKey: 'caseStudies.intro', items });
};
