import type { APIRoute } from 'astro';
import { newsItems } from '#lib/content/news.ts';
import { feed } from '#lib/feeds.ts';
import type { Locale } from '#lib/i18n/index.ts';
import { localeParams } from '#lib/i18n/paths.ts';

export const getStaticPaths = localeParams;

export const GET: APIRoute = async ({ params, site }) => {
  const locale = params.lang as Locale;
  const items = (await newsItems(locale)).map(({ slug, entry, lang }) => ({
    language: lang,
    title: entry.data.title,
    description: entry.data.summary,
    date: entry.data.date,
    path: `news/${slug}`,
  }));
  return feed({ locale, site: site!, section: 'news', titleKey: 'news.title', descriptionKey: 'news.intro', items });
};
