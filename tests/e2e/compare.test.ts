import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { launchChromium } from '#support/browser.ts';
import { caseStudyFrontmatter, modelSlugs, pageHtml } from '#support/http.ts';
import { intlLocale, partSeparator } from '#lib/format.ts';
import { dictionaries, locales, type Locale } from '#lib/i18n/index.ts';

/** The comparison of models as built: sorting by every column that has an order, and a source for every figure. */
const baseUrl = inject('baseUrl');

const html = (path: string): Promise<string> => pageHtml(baseUrl, path);

interface Model {
  type: string;
  channels: string;
  channelsSource?: string;
}
interface Frontmatter {
  model?: Model;
  sources: { url: string }[];
}
const frontmatter = (slug: string, lang: Locale): Frontmatter => caseStudyFrontmatter<Frontmatter>(slug, lang);
const models = modelSlugs();

/** Text as a reader sees it: tags removed, entities decoded, the no-break spaces of French typography as spaces. */
function textOf(markup: string): string {
  return markup
    .replace(/<[^>]+>/g, '')
    .replace(/&#x([0-9a-f]+);/gi, (_, hex: string) => String.fromCodePoint(parseInt(hex, 16)))
    .replace(/&#(\d+);/g, (_, dec: string) => String.fromCodePoint(Number(dec)))
    .replaceAll('&quot;', '"')
    .replaceAll('&lt;', '<')
    .replaceAll('&gt;', '>')
    .replaceAll('&amp;', '&')
    .replace(/[\u00a0\u202f]/g, ' ')
    .trim();
}

const hrefsOf = (markup: string): string[] => [...markup.matchAll(/href="([^"]+)"/g)].map((m) => m[1]!.replaceAll('&amp;', '&'));

/** The body rows of the table, each as its cells' markup: country, reform, model, lead body, started, channels, figure. */
function rowsOf(page: string): string[][] {
  return [...page.matchAll(/<tr[^>]*>\s*<th scope="row"[\s\S]*?<\/tr>/g)].map((row) =>
    [...row[0].matchAll(/<t([hd])\b[^>]*>([\s\S]*?)<\/t\1>/g)].map((cell) => cell[2]!),
  );
}

const slugOf = (row: string[], lang: Locale): string => row[1]!.match(new RegExp(`href="/${lang}/case-studies/([a-z0-9-]+)/"`))?.[1] ?? '';

/** Every column with an order, its position in a row, and its page (the default, country, has none of its own). */
const sortable = [
  { key: 'country', column: 0 },
  { key: 'reform', column: 1 },
  { key: 'type', column: 2 },
  { key: 'agency', column: 3 },
  { key: 'launched', column: 4 },
] as const;
const pathOf = (lang: Locale, key: string): string => (key === 'country' ? `/${lang}/compare/` : `/${lang}/compare/${key}/`);

describe('the comparison sorts by every column that has an order, through links', () => {
  it.each(locales.flatMap((lang) => sortable.map(({ key, column }) => [lang, key, column] as const)))('/%s/compare/ by %s', async (lang, key, column) => {
    const t = dictionaries[lang];
    const page = await html(pathOf(lang, key));
    const head = page.match(/<thead[\s\S]*?<\/thead>/)?.[0] ?? '';
    const headers = [...head.matchAll(/<th\b[^>]*>([\s\S]*?)<\/th>/g)].map((m) => m[0]);
    expect(headers).toHaveLength(7);
    for (const other of sortable) {
      const header = headers[other.column]!;
      if (other.key === key) {
        expect(header, 'the current column').toMatch(/aria-sort="ascending"/);
        expect(header).not.toContain('href=');
      } else {
        expect(header, `a link to sort by ${other.key}`).toContain(`href="${pathOf(lang, other.key)}"`);
      }
    }
    // How people reach it and the headline figure have no order of their own.
    for (const header of headers.slice(5)) expect(header).not.toContain('href=');
    expect(textOf(page)).toContain((t['compare.sortedBy'] as string).replace('{column}', t[`compare.${key}`] as string));

    const rows = rowsOf(page);
    expect(rows).toHaveLength(models.length);
    const values = rows.map((row) => textOf(row[column]!));
    if (key === 'launched') {
      const years = values.map((value) => Number(value.slice(0, 4)));
      expect(years).toEqual([...years].sort((a, b) => a - b));
    } else {
      // In the reader's language's order: a model by its translated name, not the vocabulary's order.
      const collator = new Intl.Collator(intlLocale(lang));
      for (let i = 1; i < values.length; i++) expect(collator.compare(values[i - 1]!, values[i]!), `${values[i - 1]} before ${values[i]}`).toBeLessThanOrEqual(0);
    }
  });

  it('orders models by name, so English starts with “Business one-stop shop”', async () => {
    const rows = rowsOf(await html('/en/compare/type/'));
    expect(textOf(rows[0]![2]!)).toBe('Business one-stop shop');
    expect(textOf(rows.at(-1)![2]!)).toBe('Simplification by law');
  });
});

describe('every cell that shows a figure shows its date and links its source', () => {
  it.each(locales)('/%s/compare/: how people reach each reform', async (lang) => {
    const rows = rowsOf(await html(`/${lang}/compare/`));
    expect(rows).toHaveLength(models.length);
    for (const row of rows) {
      const slug = slugOf(row, lang);
      const data = frontmatter(slug, lang);
      const channels = row[5]!;
      expect(textOf(channels), slug).toContain(data.model!.channels.replace(/[\u00a0\u202f]/g, ' ').slice(0, 20));
      if (!/\d/.test(data.model!.channels)) continue;
      expect(data.model!.channelsSource, `${slug}: channelsSource`).toBeDefined();
      expect(hrefsOf(channels), slug).toEqual([data.model!.channelsSource]);
      expect(data.sources.map((s) => s.url), slug).toContain(data.model!.channelsSource);
      expect(textOf(channels), `${slug}: dated`).toMatch(/\b(19|20)\d{2}\b|undated|sans date|non daté|غير مؤرخ|من دون تاريخ/);
    }
  });

  it.each(locales)('/%s/compare/: the headline figure, its date and source parted by the language’s comma', async (lang) => {
    const separator = partSeparator(lang);
    for (const row of rowsOf(await html(`/${lang}/compare/`))) {
      const slug = slugOf(row, lang);
      const figure = row[6]!;
      const [href] = hrefsOf(figure);
      expect(frontmatter(slug, lang).sources.map((s) => s.url), slug).toContain(href);
      const note = figure.match(/\(([^()]*?)<bdi[^>]*><a /)?.[1] ?? '';
      expect(note.endsWith(separator), `${slug}: “${note}”`).toBe(true);
      expect(textOf(note), `${slug}: dated`).toMatch(/\d{4}/);
      // Numbers grouped as the rest of the page writes them; four bare digits are a year.
      const value = textOf(figure.match(/<strong[^>]*>([\s\S]*?)<\/strong>/)?.[1] ?? '');
      for (const [digits] of value.matchAll(/(?<![\d.,])\d{4,}(?![.,]?\d)/g)) expect(digits, `${slug}: ${value}`).toMatch(/^(19|20)\d{2}$/);
    }
  });

  it('writes Arabic notes with the Arabic comma only', async () => {
    const page = await html('/ar/compare/');
    const body = page.match(/<tbody[\s\S]*?<\/tbody>/)?.[0] ?? '';
    expect(body).not.toMatch(/\d, <bdi/);
    expect(body.match(/، <bdi/g)?.length).toBe(models.length);
  });
});

describe('the comparison prints on one A4 landscape sheet', () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
  });

  it.each(locales.flatMap((lang) => ['compare/', 'compare/agency/'].map((path) => [lang, path] as const)))('/%s/%s', async (lang, path) => {
    const page = await browser.newPage();
    await page.goto(`${baseUrl}/${lang}/${path}`);
    await page.emulateMedia({ media: 'print' });
    const pdf = await page.pdf({ preferCSSPageSize: true });
    expect(pdf.toString('latin1').match(/\/Type\s*\/Page[^s]/g) ?? []).toHaveLength(1);
    // Arabic prints from the right: the country column is the rightmost.
    const layout = await page.evaluate(() => {
      const headers = [...document.querySelectorAll('.compare thead th')].map((th) => th.getBoundingClientRect());
      return { direction: getComputedStyle(document.querySelector('.compare table')!).direction, first: headers[0]!.left, last: headers.at(-1)!.left };
    });
    if (lang === 'ar') {
      expect(layout.direction).toBe('rtl');
      expect(layout.first).toBeGreaterThan(layout.last);
    } else {
      expect(layout.direction).toBe('ltr');
      expect(layout.first).toBeLessThan(layout.last);
    }
    await page.close();
  });
});
