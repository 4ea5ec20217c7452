import { getCollection, type CollectionEntry } from 'astro:content';
import { defaultLocale, isLocale, locales, type Locale } from '../i18n/locales.ts';

/** Collections written once per language, stored as `<slug>/<lang>.mdx`. */
export type TranslatedCollection = 'caseStudies' | 'guides' | 'news' | 'pages';

export interface Translated<C extends TranslatedCollection> {
  slug: string;
  /** The text shown: the reader's language where it exists, otherwise English. */
  entry: CollectionEntry<C>;
  /** The language `entry` is written in. */
  lang: Locale;
  /** The languages this text exists in. */
  translations: Locale[];
}

function splitId(id: string): { slug: string; lang: Locale } {
  const [slug = '', lang = ''] = id.split('/');
  if (!isLocale(lang)) throw new Error(`${id}: name the file after its language (en.mdx, fr.mdx or ar.mdx)`);
  return { slug, lang };
}

/**
 * Every text of a collection as a reader of `locale` sees it. A text that exists only in
 * English is still listed, in English, so no reader misses it; nothing is machine-translated.
 */
export function translatedEntries<C extends TranslatedCollection>(collection: C, locale: Locale): Promise<readonly Translated<C>[]> {
  return oncePerBuild(`${collection}/${locale}`, () => readTranslated(collection, locale));
}

const madeInThisBuild = new Map<string, Promise<unknown>>();

/**
 * `make()` once per key in a build (and in the built server), where the collections never
 * change and every list page would otherwise go through every entry again; afresh on each call
 * in `astro dev`, so an edited entry shows on the next request.
 */
export function oncePerBuild<T>(key: string, make: () => Promise<T>): Promise<T> {
  if (import.meta.env.DEV) return make();
  let made = madeInThisBuild.get(key) as Promise<T> | undefined;
  if (!made) madeInThisBuild.set(key, (made = make()));
  return made;
}

async function readTranslated<C extends TranslatedCollection>(collection: C, locale: Locale): Promise<Translated<C>[]> {
  const bySlug = new Map<string, Map<Locale, CollectionEntry<C>>>();
  for (const entry of await getCollection(collection)) {
    const { slug, lang } = splitId(entry.id);
    const versions = bySlug.get(slug) ?? new Map<Locale, CollectionEntry<C>>();
    versions.set(lang, entry as CollectionEntry<C>);
    bySlug.set(slug, versions);
  }
  return [...bySlug].map(([slug, versions]) => {
    const lang = versions.has(locale) ? locale : defaultLocale;
    const entry = versions.get(lang);
    if (!entry) throw new Error(`${collection}/${slug}: every text needs an English version (en.mdx)`);
    return { slug, entry, lang, translations: locales.filter((l) => versions.has(l)) };
  });
}

/** Static paths for a translated collection: every slug in every language. */
export async function translatedPaths<C extends TranslatedCollection>(collection: C) {
  const perLocale = await Promise.all(
    locales.map(async (lang) =>
      (await translatedEntries(collection, lang)).map((item) => ({
        params: { lang, slug: item.slug },
        props: { item },
        // The page shows this entry and links its other languages: with the same of both (and the
        // same code), an incremental build keeps the page it wrote last time.
        cacheKey: `${item.entry.digest ?? ''}|${item.lang}|${item.translations.join(',')}`,
      })),
    ),
  );
  return perLocale.flat();
}
