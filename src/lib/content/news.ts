import { translatedEntries, type Translated } from './entries.ts';
import type { Locale } from '../i18n/locales.ts';

export type NewsItem = Translated<'news'>;

/** News newest first. */
export async function newsItems(locale: Locale): Promise<NewsItem[]> {
  const items = await translatedEntries('news', locale);
  return [...items].sort((a, b) => b.entry.data.date.getTime() - a.entry.data.date.getTime());
}
