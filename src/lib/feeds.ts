import rss from '@astrojs/rss';
import { localizedPath } from './i18n/paths.ts';
import { useTranslations, type Locale, type MessageKey } from './i18n/index.ts';
import { typesetFrench } from './i18n/typography.ts';

export interface FeedItem {
  title: string;
  description: string;
  date: Date;
  path: string;
  /** The language the title and description are written in, when not the feed's own. */
  language?: Locale;
}

export interface FeedOptions {
  locale: Locale;
  site: URL;
  /** The section the feed follows, such as 'case-studies': its page in `locale` is the channel's link. */
  section: string;
  titleKey: MessageKey;
  descriptionKey: MessageKey;
  items: FeedItem[];
}

/** Text in French gets its spacing here, as the pages' typography does not reach feeds. */
const typeset = (text: string, language: Locale): string => (language === 'fr' ? typesetFrench(text) : text);

/**
 * An RSS feed of one section in one language; items in English are linked as such. The
 * channel links to the section's own page in the feed's language (`/fr/case-studies/`), not
 * to the site's root, which only redirects to a language.
 */
export function feed(options: FeedOptions): Promise<Response> {
  const t = useTranslations(options.locale);
  const absolute = (path: string): string => new URL(localizedPath(options.locale, path), options.site).href;
  return rss({
    title: typeset(`${t(options.titleKey)} | ${t('site.name')}`, options.locale),
    description: typeset(t(options.descriptionKey), options.locale),
    site: absolute(options.section),
    customData: `<language>${options.locale}</language>`,
    items: options.items.map((item) => ({
      title: typeset(item.title, item.language ?? options.locale),
      description: typeset(item.description, item.language ?? options.locale),
      pubDate: item.date,
      link: absolute(item.path),
    })),
  });
}
