import type { PagefindIndex } from 'pagefind';
import { locales, type Locale } from '#lib/i18n/locales.ts';
import { useTranslations } from '#lib/i18n/index.ts';
import { localizedPath } from '#lib/i18n/paths.ts';
import { countryName } from '#lib/member-states.ts';
import { sectionNames } from '#lib/practice-content.ts';
import { publishedAtBuild } from '#lib/server/practice-build.ts';

/**
 * Contributed practices are pages rendered on demand, so the built HTML Pagefind reads does not
 * hold them. When the build can reach a database (DATABASE_URL, or the default file if it
 * exists), each published practice is added to the index as a record in every language, with the
 * same filters (type, theme, country) as the built pages. Without a database, nothing is added.
 * The records are in the index from the next build on.
 */
export async function addPracticeRecords(
  index: PagefindIndex,
  log: (message: string) => void,
  // Each language's index (src/integrations/pagefind-index.ts) takes that language's records only.
  languages: readonly Locale[] = locales,
): Promise<number> {
  let added = 0;
  for (const practice of await publishedAtBuild(log)) {
    const { content } = practice;
    const text = [content.title, content.institution, content.summary, ...sectionNames.map((name) => content.sections[name])].join('\n\n');
    for (const locale of languages) {
      const t = useTranslations(locale);
      const record = await index.addCustomRecord({
        url: localizedPath(locale, `practices/${practice.slug}`),
        content: text,
        language: locale,
        meta: { title: content.title },
        filters: {
          [t('search.filterType')]: [t('practice.type')],
          [t('search.filterTheme')]: content.themes.map((theme) => t(`theme.${theme}`)),
          [t('search.filterCountry')]: [countryName(practice.country, locale)],
        },
      });
      if (record.errors.length > 0) throw new Error(record.errors.join('; '));
      added += 1;
    }
  }
  return added;
}
