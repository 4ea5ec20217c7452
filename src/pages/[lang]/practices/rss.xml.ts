import type { APIRoute } from 'astro';
import { feed } from '#lib/feeds.ts';
import { isLocale } from '#lib/i18n/locales.ts';
import { database } from '#lib/server/site-database.ts';
import { publishedPractices } from '#lib/server/practices.ts';

export const prerender = false;

/** The contributed practices as RSS, on demand: an accepted practice is in the feed at once. */
export const GET: APIRoute = async ({ params, site, url }) => {
  const locale = params.lang;
  if (!isLocale(locale)) return new Response(null, { status: 404 });
  const items = (await publishedPractices((await database()).client)).slice(0, 50).map((practice) => ({
    language: practice.language,
    title: practice.content.title,
    description: practice.content.summary,
    date: practice.decidedAt,
    path: `practices/${practice.slug}`,
  }));
  return feed({ locale, site: site ?? new URL(url.origin), section: 'practices', titleKey: 'practice.publicTitle', descriptionKey: 'practice.publicIntro', items });
};
