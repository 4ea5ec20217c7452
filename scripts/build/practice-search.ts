import type { PagefindIndex } from 'pagefind';
import { locales, type Locale } from '#lib/i18n/locales.ts';
import { useTranslations } from '#lib/i18n/index.ts';
import { localizedPath } from '#lib/i18n/paths.ts';
import { countryName } from '#lib/member-states.ts';
import { sectionNames } from '#lib/practice-content.ts';
import { publishedAtBuild } from '#lib/server/practice-build.ts';

export type SearchRecord = Parameters<PagefindIndex['addCustomRecord']>[0];

/**
 * Contributed practices are pages rendered on demand, so the built HTML Pagefind reads does not
 * hold them. When the build can reach a database (DATABASE_URL, or the default file if it
 * exists), each published practice becomes a search record in every language, with the same
 * filters (type, theme, country) as the built pages. Without a database, there are none. The
 * records are in the index from the next build on.
 */
export async function practiceRecords(log: (message: string) => void): Promise<Map<Locale, SearchRecord[]>> {
  const records = new Map<Locale, SearchRecord[]>(locales.map((locale) => [locale, []]));
  for (const practice of await publishedAtBuild(log)) {
    const { content } = practice;
    const text = [content.title, content.institution, content.summary, ...sectionNames.map((name) => content.sections[name])].join('\n\n');
    for (const locale of locales) {
      const t = useTranslations(locale);
      records.get(locale)!.push({
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
    }
  }
  return records;
}

export async function addRecords(index: PagefindIndex, records: readonly SearchRecord[]): Promise<void> {
  for (const record of records) {
    const added = await index.addCustomRecord(record);
    if (added.errors.length > 0) throw new Error(added.errors.join('; '));
  }
}
