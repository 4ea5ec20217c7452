import rss from '@astrojs/rss';
import { localizedPath } from './i18n/paths.ts';
import { useTranslations, type Locale, type MessageKey } from './i18n/index.ts';

export interface FeedItem {
  title: string;
  description: string;
  date: Date;
  path: string;
}

/** An RSS feed of one section in one language; items in English are linked as such. */
export function feed(options: { locale: Locale; site: URL; titleKey: MessageKey; descriptionKey: MessageKey; items: FeedItem[] }): Promise<Response> {
  const t = useTranslations(options.locale);
  return rss({
    title: `${t(options.titleKey)} | ${t('site.name')}`,
    description: t(options.descriptionKey),
    site: options.site,
    customData: `<language>${options.locale}</language>`,
    items: options.items.map((item) => ({
      title: item.title,
      description: item.description,
      pubDate: item.date,
      link: localizedPath(options.locale, item.path),
    })),
  });
}
