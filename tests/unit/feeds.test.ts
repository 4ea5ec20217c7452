import { describe, expect, it } from 'vitest';
import { feed } from '#lib/feeds.ts';
import { locales } from '#lib/i18n/locales.ts';

/** RSS channels point at their own section in their own language, never at the redirecting root. */
const site = new URL('https://reform.example/');

describe('RSS feeds', () => {
  it.each(locales.flatMap((lang) => (['case-studies', 'news', 'practices'] as const).map((section) => [lang, section] as const)))(
    '/%s/%s/rss.xml links its channel to the section’s page',
    async (lang, section) => {
      const response = await feed({
        locale: lang,
        site,
        section,
        titleKey: 'news.title',
        descriptionKey: 'news.intro',
        items: [{ title: 'An item', description: 'About it.', date: new Date('2026-01-01T00:00:00Z'), path: `${section}/an-item` }],
      });
      const xml = await response.text();
      const channel = xml.replace(/<item>[\s\S]*<\/item>/g, '');
      expect(channel.match(/<link>([^<]*)<\/link>/g)).toEqual([`<link>https://reform.example/${lang}/${section}/</link>`]);
      expect(xml).toContain(`<item><title>An item</title><link>https://reform.example/${lang}/${section}/an-item/</link>`);
      expect(xml).toContain(`<language>${lang}</language>`);
    },
  );
});
