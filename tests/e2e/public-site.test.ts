import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { locales } from '#lib/i18n/locales.ts';
import { launchChromium } from '#support/browser.ts';
import { wcagViolations } from '#support/axe.ts';
import { publicPageTypes } from '#support/page-types.ts';

const baseUrl = inject('baseUrl');

let browser: Browser;
beforeAll(async () => {
  browser = await launchChromium();
});
afterAll(async () => {
  await browser?.close();
});

/** Console errors about the content security policy, per page. */
const cspViolations = new WeakMap<Page, string[]>();

async function open(path: string, options: { javaScriptEnabled?: boolean } = {}): Promise<Page> {
  const context = await browser.newContext({ javaScriptEnabled: options.javaScriptEnabled ?? true });
  const page = await context.newPage();
  const violations: string[] = [];
  cspViolations.set(page, violations);
  page.on('console', (message) => {
    if (/Content Security Policy/i.test(message.text())) violations.push(message.text());
  });
  const response = await page.goto(`${baseUrl}${path}`, { waitUntil: 'networkidle' });
  expect(response?.status(), path).toBeLessThan(400);
  return page;
}

describe('a reader’s way through the site', () => {
  it('goes from the home page to the ASAN case study, then reads it in Arabic', async () => {
    const page = await open('/en/');
    await page.getByRole('link', { name: /ASAN/ }).first().click();
    await page.waitForURL('**/en/case-studies/asan-service/');
    await expect(page.locator('h1').textContent()).resolves.toMatch(/ASAN/);
    await page.getByRole('navigation', { name: 'Language' }).getByRole('link', { name: 'العربية' }).click();
    await page.waitForURL('**/ar/case-studies/asan-service/');
    expect(await page.locator('html').getAttribute('dir')).toBe('rtl');
    expect(await page.locator('html').getAttribute('lang')).toBe('ar');
    expect(await page.locator('article').getAttribute('lang')).toBeNull();
    await expect(page.locator('h1').textContent()).resolves.toMatch(/[\u0600-\u06FF]/);
    await page.context().close();
  });

  it.each([
    ['en', 'ASAN'],
    ['fr', 'ASAN'],
    ['ar', 'أسان'],
  ] as const)('finds the ASAN case study with search in %s (%s)', async (lang, query) => {
    const page = await open(`/${lang}/search/`);
    await page.locator('#search input').fill(query);
    const result = page.locator(`#search a[href*="/${lang}/case-studies/asan-service/"]`).first();
    await result.waitFor({ timeout: 15_000 });
    expect(await result.textContent()).toMatch(/ASAN|أسان/i);
    expect(cspViolations.get(page)).toEqual([]);
    await page.context().close();
  });

  it('answers a single letter once the reader stops typing', async () => {
    const page = await open('/en/search/');
    await page.locator('#search input').fill('a');
    await page.locator('.pagefind-ui__result').first().waitFor({ timeout: 15_000 });
    expect(await page.locator('.pagefind-ui__message').textContent()).toMatch(/^[\d,]+ results? for “\u2068a\u2069”$/);
    await page.context().close();
  });

  it('offers the filters once the reader pauses, counted among the results, and filters by them', async () => {
    const page = await open('/ar/search/');
    await page.locator('#search input').fill('أسان');
    const panel = page.locator('.pagefind-ui__filter-panel');
    await panel.waitFor({ timeout: 15_000 });
    // Each page has one type, so the type counts add up to the results once they are counted for this search.
    const typeCounts = async () => {
      const labels = await panel.locator('.pagefind-ui__filter-label[for^="النوع-"]').allTextContents();
      return labels.reduce((sum, label) => sum + Number(label.match(/\((\d+)\)/)?.[1] ?? 0), 0);
    };
    // The count as the page worded it (data-count): Arabic writes one and two in words. The
    // filters' arrival starts the search again, and "Searching…" carries no count meanwhile.
    const resultCount = async () => Number(await page.locator('.pagefind-ui__message[data-count]').getAttribute('data-count'));
    await expect.poll(async () => (await typeCounts()) - (await resultCount()), { timeout: 10_000 }).toBe(0);
    const caseStudies = panel.locator('.pagefind-ui__filter-label[for="النوع-دراسة حالة"]');
    const count = Number((await caseStudies.textContent())?.match(/\((\d+)\)/)?.[1]);
    expect(count).toBeGreaterThan(0);
    await caseStudies.click();
    await expect.poll(resultCount, { timeout: 10_000 }).toBe(count);
    expect(await wcagViolations(page)).toEqual([]);
    expect(cspViolations.get(page)).toEqual([]);
    await page.context().close();
  });

  it.each([
    ['ar', 'أسان', /^([\d,]+) (نتائج|نتيجة) لـ «\u2068أسان\u2069»$/],
    ['fr', 'asan', /^([\d\u202F]+) résultats? pour «\u202F\u2068asan\u2069\u202F»$/],
    ['en', 'asan', /^([\d,]+) results? for “\u2068asan\u2069”$/],
  ] as const)('words the count of results in %s, agreeing with the number (%s)', async (lang, query, wording) => {
    const page = await open(`/${lang}/search/?q=${encodeURIComponent(query)}`);
    const message = page.locator('.pagefind-ui__message[data-count]');
    await message.waitFor({ timeout: 15_000 });
    const text = (await message.textContent()) ?? '';
    const count = Number(await message.getAttribute('data-count'));
    expect(count).toBeGreaterThan(2);
    expect(text).toMatch(wording);
    expect(Number(text.match(wording)?.[1]?.replace(/\D/g, ''))).toBe(count);
    if (lang === 'ar') {
      // 3 to 10: نتائج; 11 and more (but 103–110…): نتيجة, as Intl.PluralRules says.
      expect(text.includes('نتائج')).toBe(new Intl.PluralRules('ar').select(count) === 'few');
      expect(text).not.toMatch(/ ل /);
    }
    // No result: said in words, with the term, and counted 0.
    await page.locator('#search input').fill('zzqqxx');
    await expect.poll(() => message.getAttribute('data-count'), { timeout: 15_000 }).toBe('0');
    expect(await message.textContent()).toBe(
      { ar: 'لا توجد نتائج لـ «\u2068zzqqxx\u2069»', fr: 'Aucun résultat pour «\u202F\u2068zzqqxx\u2069\u202F»', en: 'No results for “\u2068zzqqxx\u2069”' }[lang],
    );
    expect(cspViolations.get(page)).toEqual([]);
    await page.context().close();
  });

  it.each([390, 1280])('keeps the results in place when the filters arrive, at %i px', async (width) => {
    const context = await browser.newContext({ viewport: { width, height: 900 } });
    const page = await context.newPage();
    await page.goto(`${baseUrl}/ar/search/`, { waitUntil: 'networkidle' });
    await page.locator('#search input').fill('أسان');
    const first = page.locator('.pagefind-ui__result').first();
    await first.waitFor({ timeout: 15_000 });
    const before = await first.boundingBox();
    await page.locator('.pagefind-ui__filter-panel').waitFor({ timeout: 15_000 });
    // The filters' arrival searches again: measure once the results are back.
    await page.locator('.pagefind-ui__message[data-count]').waitFor({ timeout: 15_000 });
    const after = await first.boundingBox();
    expect(Math.abs(after!.y - before!.y)).toBeLessThan(2);
    expect(after!.width).toBe(before!.width);
    await context.close();
  });

  it('gives a French reader a translated case study in French, with no "in English" mark', async () => {
    const page = await open('/fr/case-studies/');
    const card = page.locator('li.card', { has: page.locator('a[href="/fr/case-studies/mobile-asan/"]') });
    expect(await card.locator('.badge').count()).toBe(0);
    await card.locator('a').first().click();
    await page.waitForURL('**/fr/case-studies/mobile-asan/');
    expect(await page.locator('article').getAttribute('lang')).toBeNull();
    expect(await page.locator('link[rel="canonical"]').getAttribute('href')).toContain('/fr/case-studies/mobile-asan/');
    expect(await page.locator('.notice').count()).toBe(0);
    await page.context().close();
  });
});

describe('browsing case studies without JavaScript', () => {
  it('filters by theme, country and year with plain links', async () => {
    const page = await open('/en/case-studies/', { javaScriptEnabled: false });
    await page.getByRole('navigation', { name: 'Browse case studies' }).getByRole('link', { name: 'Indonesia' }).click();
    await page.waitForURL('**/en/case-studies/country/id/');
    const titles = await page.locator('li.card h2').allTextContents();
    expect(titles.length).toBeGreaterThan(0);
    expect(titles.join(' ')).toMatch(/Indonesia/);
    expect(titles.join(' ')).not.toMatch(/Afghanistan/);

    await page.goto(`${baseUrl}/fr/case-studies/theme/volunteering-youth/`);
    expect(await page.locator('h1').textContent()).toContain('Bénévolat et jeunesse');
    expect(await page.locator('a[href="/fr/case-studies/asan-volunteers/"]').count()).toBeGreaterThan(0);
    expect(await page.locator('a[href="/fr/case-studies/indonesia-public-service-malls/"]').count()).toBe(0);

    await page.goto(`${baseUrl}/ar/case-studies/year/2013/`);
    expect(await page.locator('.facets a[aria-current="page"]').textContent()).toBe('2013');
    expect(await page.locator('a[href="/ar/case-studies/asan-service/"]').count()).toBeGreaterThan(0);
    await page.context().close();
  });
});

describe('a course page without JavaScript', () => {
  it('offers the application page instead of waiting for the seats to load', async () => {
    const slug = await firstCourse();
    const page = await open(`/en/courses/${slug}/`, { javaScriptEnabled: false });
    const link = page.getByRole('link', { name: 'Go to the application page' });
    expect(await link.getAttribute('href')).toBe(`/en/account/apply/${slug}/`);
    expect(await page.getByText('Checking seats…').isVisible()).toBe(false);
    await page.context().close();
  });
});

/** One page of each type, in each language (the 404 page is checked on its own below). */
const { notFound: _notFound, ...pageTypes } = publicPageTypes;

async function firstCourse(): Promise<string> {
  const html = await (await fetch(`${baseUrl}/en/courses/`)).text();
  const slug = html.match(/href="\/en\/courses\/([a-z0-9-]+)\/"/)?.[1];
  if (!slug) throw new Error('no course is listed on /en/courses/');
  return slug;
}

describe('accessibility (axe-core, WCAG 2.2 A and AA)', () => {
  const cases = locales.flatMap((lang) => Object.entries(pageTypes).map(([type, path]) => [lang, type, path] as const));

  it.each(cases)('%s %s has no violations', async (lang, _type, path) => {
    const resolved = path.replace('COURSE', await firstCourse());
    const page = await open(`/${lang}/${resolved}`);
    if (path === 'search/') {
      await page.locator('#search input').fill('ASAN');
      await page.locator('.pagefind-ui__result').first().waitFor({ timeout: 15_000 });
    }
    expect(await wcagViolations(page)).toEqual([]);
    await page.context().close();
  });

  it('has no violations on the 404 page', async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    const response = await page.goto(`${baseUrl}/en/no-such-page/`);
    expect(response?.status()).toBe(404);
    expect(await wcagViolations(page)).toEqual([]);
    await context.close();
  });

  it('lets a keyboard user skip to the content and see where focus is', async () => {
    const page = await open('/ar/case-studies/asan-service/');
    await page.keyboard.press('Tab');
    const skip = page.locator(':focus');
    expect(await skip.textContent()).toBe('الانتقال إلى المحتوى الرئيسي');
    expect(await skip.evaluate((el) => getComputedStyle(el).outlineStyle)).not.toBe('none');
    await page.keyboard.press('Enter');
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('main');
    await page.context().close();
  });
});

describe('content pages ship no client JavaScript', () => {
  const contentPages = ['caseStudy', 'newCaseStudy', 'guide', 'newsItem', 'programme', 'caseStudies', 'filter', 'home'] as const;

  it.each(locales.flatMap((lang) => contentPages.map((type) => [lang, type] as const)))('%s %s loads no script', async (lang, type) => {
    const context = await browser.newContext();
    const page = await context.newPage();
    const scripts: string[] = [];
    page.on('request', (request) => {
      if (request.resourceType() === 'script') scripts.push(request.url());
    });
    await page.goto(`${baseUrl}/${lang}/${pageTypes[type]}`, { waitUntil: 'networkidle' });
    const inline = await page.locator('script:not([type="application/ld+json"])').count();
    expect({ scripts, inline }).toEqual({ scripts: [], inline: 0 });
    await context.close();
  });

  it('a course page runs only the seats island', async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    const scripts: string[] = [];
    const islands: string[] = [];
    page.on('request', (request) => {
      const path = new URL(request.url()).pathname;
      if (request.resourceType() === 'script') scripts.push(path);
      if (path.startsWith('/_server-islands/')) islands.push(path.replace(/\/$/, ''));
    });
    await page.goto(`${baseUrl}/en/courses/${await firstCourse()}/`, { waitUntil: 'networkidle' });
    expect(scripts).toEqual([]);
    expect(islands).toEqual(['/_server-islands/CourseAvailability']);
    const inline = await page.locator('script:not([type="application/ld+json"])').evaluateAll((nodes) => nodes.map((n) => n.textContent ?? ''));
    expect(inline.every((code) => code.includes('_server-islands') || code.includes('replaceServerIsland'))).toBe(true);
    await expect(page.locator('.availability .seats').textContent()).resolves.toMatch(/seats/);
    expect(await page.locator('meta[http-equiv="content-security-policy"]').count()).toBe(1);
    await context.close();
  });

  it('the search page loads only Pagefind, and its engine through /fr/search/pagefind.js', async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    const scripts: string[] = [];
    page.on('request', (request) => {
      if (request.resourceType() === 'script') scripts.push(new URL(request.url()).pathname);
    });
    await page.goto(`${baseUrl}/fr/search/`, { waitUntil: 'networkidle' });
    await page.locator('#search input').fill('ASAN');
    await page.locator('.pagefind-ui__result').first().waitFor({ timeout: 15_000 });
    expect(scripts).toContain('/fr/search/pagefind.js');
    expect(scripts.filter((path) => !path.startsWith('/pagefind/') && path !== '/fr/search/pagefind.js')).toEqual([]);
    await context.close();
  });

  it('reads fully with JavaScript off', async () => {
    const page = await open('/fr/case-studies/asan-service/', { javaScriptEnabled: false });
    expect(await page.locator('article .prose h2').count()).toBe(5);
    expect(await page.locator('#sources-heading').textContent()).toBe('Sources');
    await page.context().close();
  });
});
