import { readdirSync, readFileSync } from 'node:fs';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { dictionaries, locales } from '#lib/i18n/index.ts';
import { wcagViolations } from '#support/axe.ts';
import { launchChromium } from '#support/browser.ts';
import { pageHtml } from '#support/http.ts';

/** The library as readers get it from the built site: every text, language, figure and source. */
const baseUrl = inject('baseUrl');
const NARROW = '\u202F';
const NO_BREAK = '\u00A0';

const slugsOf = (folder: string): string[] => readdirSync(new URL(`../../content/${folder}/`, import.meta.url));
const caseStudies = slugsOf('case-studies');
const guides = slugsOf('guides');
const texts = [
  ...caseStudies.map((slug) => `case-studies/${slug}/`),
  ...guides.map((slug) => `guides/${slug}/`),
];

const html = (path: string): Promise<string> => pageHtml(baseUrl, path);

/** The text a reader sees inside `<article>`, tags removed. */
function articleText(page: string): string {
  const article = page.match(/<article[\s\S]*?<\/article>/)?.[0] ?? '';
  return article.replace(/<(script|style)[\s\S]*?<\/\1>/g, '').replace(/<[^>]+>/g, '');
}

describe('every case study and guide reads in its reader’s language', () => {
  it.each(locales.flatMap((lang) => texts.map((path) => [lang, path] as const)))('/%s/%s', async (lang, path) => {
    const page = await html(`/${lang}/${path}`);
    expect(page).toContain(`<html lang="${lang}"`);
    // A text shown in another language carries that language on its <article>.
    expect(page, 'written in the page’s language').toMatch(/<article(?![^>]*\blang=)[^>]*>/);
    expect(page).not.toContain('class="notice"');
  });
});

describe('every key figure carries its date and a source listed on the page', () => {
  it.each(locales.flatMap((lang) => caseStudies.map((slug) => [lang, slug] as const)))('/%s/case-studies/%s/', async (lang, slug) => {
    const page = await html(`/${lang}/case-studies/${slug}/`);
    const sources = page.match(/<section class="sources[\s\S]*?<\/section>/)?.[0] ?? '';
    const figures = [...page.matchAll(/<figure class="key-figure"[\s\S]*?<\/figure>/g)].map((m) => m[0]);
    expect(figures.length).toBeGreaterThan(0);
    for (const figure of figures) {
      const caption = figure.match(/<figcaption[^>]*>([\s\S]*?)<\/figcaption>/)?.[1] ?? '';
      expect(caption, 'a date with its year').toMatch(/\b(19|20)\d{2}\b/);
      const href = caption.match(/href="([^"]+)"/)?.[1];
      expect(sources, `${href} is in the sources`).toContain(`href="${href}"`);
    }
  });
});

describe('French typography on built pages', () => {
  it('spaces the case study’s punctuation, quotations, decree numbers and thousands', async () => {
    const text = articleText(await html('/fr/case-studies/asan-service/'));
    expect(text).toContain(`n°${NO_BREAK}685`);
    expect(text).toContain(`«${NARROW}facile${NARROW}»`);
    expect(text).toMatch(new RegExp(`35${NO_BREAK}000`));
    expect(text).toContain(`${NO_BREAK}:`);
    expect(text, 'no ordinary space before high punctuation').not.toMatch(/ [:;!?»]/);
  });

  it('spaces the guide’s step headings and the interface text', async () => {
    const page = await html('/fr/guides/one-stop-centre/');
    expect(page).toContain(`Étape 1${NO_BREAK}:`);
    const course = await html('/fr/courses/2027-tourismcab-destination-management/');
    expect(course).toContain(`États membres${NO_BREAK}:`);
  });

  it('dates a source « du » a day but « de » a month or a year', async () => {
    const page = await html('/fr/case-studies/senegal-apix-business-one-stop/');
    expect(page).toContain('(daté du 13 janvier 2013)');
    expect(page).toContain('(daté de mai 2016)');
    expect(page).toContain('(daté de 2021)');
    expect(page).not.toMatch(/daté du (?:\d{4}|janvier|février|mars|avril|mai|juin|juillet|août|septembre|octobre|novembre|décembre)\b/);
  });

  it('spaces the French feeds as it spaces the pages', async () => {
    const xml = await html('/fr/case-studies/rss.xml');
    const texts = [...xml.matchAll(/<(title|description)>([^<]*)<\/\1>/g)].map((match) => match[2]!).join('\n');
    expect(texts).toContain(`${NO_BREAK}:`);
    expect(texts, 'no ordinary space before high punctuation or %').not.toMatch(/[\p{L}\d] [:;!?»%]/u);
  });

  it('leaves English and Arabic pages alone', async () => {
    expect(await html('/en/guides/one-stop-centre/')).toContain('Step 1: ');
  });
});

describe('Latin fragments in Arabic text', () => {
  it('are isolated in <bdi> in headings, leads, key figures and the footer, so their punctuation stays put', async () => {
    const page = await html('/ar/case-studies/indonesia-lapor-sp4n/');
    expect(page).toMatch(/<h1[^>]*>منظومة <bdi>LAPOR!<\/bdi> و<bdi>SP4N<\/bdi> في إندونيسيا/);
    expect(page).toContain('(<bdi>CC BY 4.0</bdi>)');
    expect(await html('/ar/case-studies/kazakhstan-government-for-citizens/')).toContain('<span class="key-figure__label">خدمة معلوماتية على بوابة <bdi>egov.kz</bdi> عند افتتاحها</span>');
    // English and French pages are left as they are.
    expect(await html('/en/case-studies/indonesia-lapor-sp4n/')).not.toContain('<bdi>LAPOR!</bdi>');
  });
});

describe('numbers that agree with their nouns', () => {
  it('uses the Arabic dual for two seats per country', async () => {
    expect(await html('/ar/courses/2027-sdcab-one-stop-service-delivery/')).toContain('مقعدان كحدٍّ أقصى لكل بلد');
  });

  it('counts eligible member states in French and Arabic', async () => {
    expect(await html('/fr/courses/2027-tourismcab-destination-management/')).toContain(`Les responsables de 6 États membres${NO_BREAK}:`);
    expect(await html('/ar/courses/2027-tourismcab-destination-management/')).toContain('مسؤولو 6 دول أعضاء:');
  });
});

describe('the library stays light', () => {
  it.each(locales.flatMap((lang) => texts.map((path) => [lang, path] as const)))('/%s/%s sends no script and ≤ 30 KB of Brotli HTML', async (lang, path) => {
    const response = await fetch(`${baseUrl}/${lang}/${path}`, { headers: { 'Accept-Encoding': 'br' } });
    expect(response.headers.get('content-encoding')).toBe('br');
    // fetch decodes the body; the header tells what crossed the wire.
    expect(Number(response.headers.get('content-length'))).toBeLessThanOrEqual(30 * 1024);
    const page = await response.text();
    expect(page.match(/<script(?![^>]*application\/ld\+json)[^>]*>/g) ?? []).toEqual([]);
  });
});

describe('accessibility of the library (axe-core, WCAG 2.2 A and AA)', () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
  });

  it.each((['en', 'ar'] as const).flatMap((lang) => texts.map((path) => [lang, path] as const)))('/%s/%s has no violations', async (lang, path) => {
    const context = await browser.newContext();
    const page = await context.newPage();
    await page.goto(`${baseUrl}/${lang}/${path}`);
    expect(await wcagViolations(page)).toEqual([]);
    await context.close();
  });
});

describe('course dates in the reader’s calendar, calendar files and feeds', () => {
  const hijriAfter = /<time datetime="\d{4}-\d{2}-\d{2}">[^<]*\d{4} \([^)<]*هـ\)<\/time>/g;

  it('gives every course card in Arabic its Hijri (Umm al-Qura) dates after the Gregorian ones', async () => {
    const list = await html('/ar/courses/');
    const cards = list.match(/<li class="card"/g) ?? [];
    expect(cards.length).toBeGreaterThan(0);
    expect(list.match(hijriAfter)).toHaveLength(cards.length);
    // The home page's upcoming courses use the same cards.
    expect((await html('/ar/')).match(hijriAfter)?.length).toBeGreaterThan(0);
    for (const lang of ['en', 'fr'] as const) expect(await html(`/${lang}/courses/`)).not.toContain('هـ');
  });

  it('writes « 1er » for the first day of a month in French', async () => {
    const list = articleText(`<article>${await html('/fr/courses/')}</article>`);
    expect(list).not.toMatch(/(?<![\d])1[\s\u00a0\u202f–-]+(?:\d+\s)?(janvier|février|mars|avril|mai|juin|juillet|août|septembre|octobre|novembre|décembre)/);
  });

  it.each(locales)('marks a sample offering’s calendar file as tentative, a sample, in %s', async (lang) => {
    const coursesDir = new URL('../../content/courses/', import.meta.url);
    const samples = readdirSync(coursesDir)
      .filter((name) => name.endsWith('.yaml') && /^sample: true$/m.test(readFileSync(new URL(name, coursesDir), 'utf8')))
      .map((name) => name.replace(/\.yaml$/, ''));
    expect(samples.length).toBeGreaterThan(0);
    const marker = dictionaries[lang]['courses.sample'] as string;
    for (const slug of samples) {
      const ics = (await html(`/${lang}/courses/${slug}/course.ics`)).replace(/\r?\n[ \t]/g, '');
      expect(ics, slug).not.toContain('STATUS:CONFIRMED');
      expect(ics, slug).toMatch(/^STATUS:TENTATIVE/m);
      for (const [, summary] of ics.matchAll(/^SUMMARY:(.*)$/gm)) expect(summary!.startsWith(`[${marker}] `), summary).toBe(true);
      for (const [, description] of ics.matchAll(/^DESCRIPTION:(.*)$/gm)) expect(description!.startsWith(`${marker}. `), description).toBe(true);
    }
  });

  it.each(locales.flatMap((lang) => ['news', 'case-studies'].map((section) => [lang, section] as const)))('/%s/%s/rss.xml links its channel to its own section', async (lang, section) => {
    const xml = await html(`/${lang}/${section}/rss.xml`);
    const channel = xml.replace(/<item>[\s\S]*<\/item>/g, '');
    expect(channel.match(/<link>([^<]*)<\/link>/)?.[1]).toBe(`${baseUrl}/${lang}/${section}/`);
  });
});
