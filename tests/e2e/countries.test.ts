import { readdirSync, readFileSync } from 'node:fs';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { parse } from 'yaml';
import { wcagViolations } from '#support/axe.ts';
import { launchChromium } from '#support/browser.ts';
import { locales } from '#lib/i18n/locales.ts';
import { memberStates } from '#lib/member-states.ts';

/** The member states' pages, the map, the comparison of models and Hijri dates, as built. */
const baseUrl = inject('baseUrl');

async function html(path: string): Promise<string> {
  const response = await fetch(`${baseUrl}${path}`);
  expect(response.status, path).toBe(200);
  return response.text();
}

const caseStudiesDir = new URL('../../content/case-studies/', import.meta.url);
const frontmatter = (slug: string): Record<string, unknown> =>
  parse(readFileSync(new URL(`${slug}/en.mdx`, caseStudiesDir), 'utf8').split(/^---$/m)[1] ?? '') as Record<string, unknown>;
const models = readdirSync(caseStudiesDir).filter((slug) => frontmatter(slug).model);

describe('a page for every member state', () => {
  it.each(locales)('/%s/countries/ has all 57 pages, on the map and in the list', async (lang) => {
    const page = await html(`/${lang}/countries/`);
    const svg = page.match(/<svg viewBox[\s\S]*?<\/svg>/)?.[0] ?? '';
    const list = page.match(/<div class="regions[\s\S]*?<\/section>\s*<\/div>/)?.[0] ?? '';
    for (const code of memberStates) {
      const href = `/${lang}/countries/${code.toLowerCase()}/`;
      expect(svg, `${code} on the map`).toMatch(new RegExp(`<a href="${href}"[^>]*data-country="${code}"[^>]*>\\s*<title>[^<]+</title>`));
      expect(list, `${code} in the list`).toContain(`href="${href}"`);
    }
    expect(svg.match(/<title>/g)).toHaveLength(57);
    expect(list.match(/<li/g)).toHaveLength(57);
    await Promise.all(memberStates.map((code) => html(`/${lang}/countries/${code.toLowerCase()}/`)));
  });

  it('gathers a country’s case studies, the reforms that drew on its model and its news', async () => {
    const page = await html('/en/countries/az/');
    expect(page).toContain('href="/en/case-studies/asan-service/"');
    expect(page).toContain('href="/en/case-studies/asan-afghanistan/"');
    expect(page).toContain('href="/en/news/sesric-asan-visit-2023/"');
  });

  it('lists the courses a country’s officials can apply to, with the per-country seats', async () => {
    const page = await html('/en/countries/kz/');
    expect(page).toContain('href="/en/courses/2027-tourismcab-destination-management/"');
    const senegal = await html('/en/countries/sn/');
    expect(senegal).not.toContain('2027-tourismcab-destination-management');
    expect(senegal).toMatch(/Senegal may take at most 2 of its seats/);
  });

  it('says plainly when it holds no text yet on a country, and still lists its courses', async () => {
    const page = await html('/en/countries/km/');
    expect(page).toContain('The platform holds no case study or news on Comoros yet.');
    expect(page).toContain('Upcoming courses its officials can apply to');
    expect(await html('/en/countries/ma/')).not.toContain('holds no case study');
  });

  it('links case-study and course pages to their countries', async () => {
    expect(await html('/ar/case-studies/morocco-idarati-simplification/')).toContain('href="/ar/countries/ma/"');
    expect(await html('/en/courses/2027-tourismcab-destination-management/')).toContain('href="/en/countries/kz/"');
  });
});

describe('models compared side by side', () => {
  it.each(locales)('/%s/compare/ has a row per model, each figure dated and sourced', async (lang) => {
    const page = await html(`/${lang}/compare/`);
    const rows = [...page.matchAll(/<tr[^>]*>\s*<th scope="row"[\s\S]*?<\/tr>/g)].map((m) => m[0]);
    expect(rows).toHaveLength(models.length);
    for (const slug of models) {
      const row = rows.find((r) => r.includes(`/${lang}/case-studies/${slug}/`));
      expect(row, slug).toBeDefined();
      const figure = row!.match(/<td[^>]*>\s*<strong[^>]*>[\s\S]*?<\/td>/)?.[0] ?? '';
      expect(figure, `${slug}: dated`).toMatch(/\b(19|20)\d{2}\b/);
      const href = figure.match(/href="([^"]+)"/)?.[1]?.replaceAll('&amp;', '&');
      const sources = (frontmatter(slug).sources as { url: string }[]).map((s) => s.url);
      expect(sources, `${slug}: ${href}`).toContain(href);
    }
  });

  it('sorts by a column through links, without JavaScript', async () => {
    const byCountry = await html('/en/compare/');
    expect(byCountry).toContain('href="/en/compare/launched/"');
    const page = await html('/en/compare/launched/');
    expect(page).toMatch(/<th scope="col" aria-sort="ascending"[^>]*>Started<\/th>/);
    const years = [...page.matchAll(/<\/td>\s*<td[^>]*>(\d{4})/g)].map((m) => Number(m[1]));
    expect(years).toHaveLength(models.length);
    expect(years).toEqual([...years].sort((a, b) => a - b));
  });
});

describe('the Islamic calendar', () => {
  it('shows Hijri dates for a course’s dates and deadline in Arabic only', async () => {
    const arabic = await html('/ar/courses/2027-sdcab-one-stop-service-delivery/');
    expect(arabic.match(/بالتقويم الهجري \(أم القرى\): [^<]*هـ/g)).toHaveLength(2);
    expect(await html('/en/courses/2027-sdcab-one-stop-service-delivery/')).not.toContain('Umm al-Qura');
  });
});

describe('new pages stay light and accessible', () => {
  const pages = ['countries/', 'countries/ma/', 'compare/', 'compare/launched/'];

  it.each(locales.flatMap((lang) => pages.map((path) => [lang, path] as const)))('/%s/%s sends no script and ≤ 30 KB of Brotli HTML', async (lang, path) => {
    const response = await fetch(`${baseUrl}/${lang}/${path}`, { headers: { 'Accept-Encoding': 'br' } });
    expect(response.headers.get('content-encoding')).toBe('br');
    expect(Number(response.headers.get('content-length'))).toBeLessThanOrEqual(30 * 1024);
    expect((await response.text()).match(/<script(?![^>]*application\/ld\+json)[^>]*>/g) ?? []).toEqual([]);
  });

  let browser: Browser;
  beforeAll(async () => {
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
  });

  it.each((['en', 'ar'] as const).flatMap((lang) => pages.flatMap((path) => [390, 1280].map((width) => [lang, path, width] as const))))(
    '/%s/%s has no axe violations at %i px',
    async (lang, path, width) => {
      const context = await browser.newContext({ viewport: { width, height: 900 } });
      const page = await context.newPage();
      await page.goto(`${baseUrl}/${lang}/${path}`);
      expect(await wcagViolations(page)).toEqual([]);
      await context.close();
    },
  );
});
