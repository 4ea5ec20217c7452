import type { Browser, BrowserContext } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { openDatabase, type OpenDatabase } from '#lib/server/database.ts';
import { launchChromium } from '#support/browser.ts';
import { accountPageTypes, firstCourse, publicPageTypes } from '#support/page-types.ts';
import { seedRoster, type SeededRoster } from '#support/roster.ts';
import { tableLayout } from '#support/table-layout.ts';

/**
 * What a person sees at a phone's and a desktop's width, in English and Arabic: no page scrolls
 * sideways as a whole (tables become cards or scroll inside their own box), the phone header
 * stays short, and Arabic pages write their dates with Arabic month names.
 */
const baseUrl = inject('baseUrl');
let browser: Browser;
let database: OpenDatabase;
let roster: SeededRoster;
let course: string;

beforeAll(async () => {
  browser = await launchChromium();
  database = await openDatabase({ url: inject('databaseUrl') });
  course = await firstCourse(baseUrl);
  roster = await seedRoster(database.db, course, 'SN');
});
afterAll(async () => {
  await browser?.close();
  database?.client.close();
});

const widths = [390, 1280] as const;
const langs = ['en', 'ar'] as const;

async function contextFor(width: number, session?: string): Promise<BrowserContext> {
  const context = await browser.newContext({ viewport: { width, height: 900 } });
  if (session) await context.addCookies([{ name: 'session', value: session, url: baseUrl }]);
  return context;
}

/** How much wider than the viewport the document is (0 when nothing scrolls sideways). */
async function overflow(width: number, path: string, session?: string): Promise<number> {
  const context = await contextFor(width, session);
  const page = await context.newPage();
  await page.goto(`${baseUrl}${path}`, { waitUntil: 'networkidle' });
  if (path.endsWith('/search/')) {
    await page.locator('#search input').fill(path.startsWith('/ar/') ? 'أسان' : 'ASAN');
    await page.locator('.pagefind-ui__result').first().waitFor({ timeout: 15_000 });
  }
  const { scrollWidth, viewport } = await page.evaluate(() => ({ scrollWidth: document.documentElement.scrollWidth, viewport: window.innerWidth }));
  await context.close();
  expect(viewport).toBe(width);
  return scrollWidth - viewport;
}

describe('no page scrolls sideways', () => {
  it.each(widths.flatMap((width) => langs.flatMap((lang) => Object.entries(publicPageTypes).map(([type, path]) => [width, lang, type, path] as const))))(
    'at %i px: %s %s',
    async (width, lang, _type, path) => {
      expect(await overflow(width, `/${lang}/${path.replace('COURSE', course)}`)).toBe(0);
    },
  );

  it.each(
    widths.flatMap((width) =>
      langs.flatMap((lang) => Object.entries(accountPageTypes).map(([type, [role, path]]) => [width, lang, type, role, path] as const)),
    ),
  )('at %i px: %s %s (signed in as %s)', async (width, lang, _type, role, path) => {
    expect(await overflow(width, `/${lang}/${path.replace('COURSE', course)}`, roster.sessions[role])).toBe(0);
  });
});

describe('tables on a phone', () => {
  it.each(langs)('shows the focal point’s applications as cards labelled by column (%s)', async (lang) => {
    const context = await contextFor(390, roster.sessions['focal-point']);
    const page = await context.newPage();
    await page.goto(`${baseUrl}/${lang}/focal-point/`);
    const row = page.locator('.table-wrap--stack tbody tr').first();
    const cells = row.locator('td');
    const rowBox = await row.boundingBox();
    const first = await cells.nth(0).boundingBox();
    const second = await cells.nth(1).boundingBox();
    // Cells stack: the second starts below the first, each as wide as the card.
    expect(second!.y).toBeGreaterThanOrEqual(first!.y + first!.height - 1);
    expect(first!.width).toBeGreaterThan(rowBox!.width * 0.8);
    const heading = await page.locator('.table-wrap--stack thead th').first().textContent();
    const label = await cells.nth(0).evaluate((cell) => getComputedStyle(cell, '::before').content);
    expect(label).toBe(`"${heading?.trim()}"`);
    // Status badges keep to one line.
    const badge = page.locator('.table-wrap--stack .status').first();
    const { height, lineHeight } = await badge.evaluate((el) => ({ height: el.getBoundingClientRect().height, lineHeight: parseFloat(getComputedStyle(el).lineHeight) }));
    expect(height).toBeLessThan(lineHeight * 1.9);
    await context.close();
  });

  // The pages whose seeded data (tests/support/roster.ts) gives them a table of people or courses.
  const withTables: readonly string[] = ['myApplications', 'focalPoint', 'staff', 'staffCourse', 'audit', 'people'];
  it.each(langs.flatMap((lang) => Object.entries(accountPageTypes).map(([type, [role, path]]) => [lang, type, role, path] as const)))(
    'at 390 px, %s %s (signed in as %s): every table is cards inside the screen, or figures that scroll with a cue; nothing is cut',
    async (lang, type, role, path) => {
      const context = await contextFor(390, roster.sessions[role]);
      const page = await context.newPage();
      await page.goto(`${baseUrl}/${lang}/${path.replace('COURSE', course)}`, { waitUntil: 'networkidle' });
      const layout = await page.evaluate(tableLayout);
      await context.close();
      expect(layout.problems).toEqual([]);
      if (withTables.includes(type)) expect(layout.stacked).toBeGreaterThan(0);
    },
  );

  it('keeps the staff page’s chart labels at a readable size (at least 12 px)', async () => {
    const context = await contextFor(390, roster.sessions.staff);
    const page = await context.newPage();
    await page.goto(`${baseUrl}/en/staff/courses/${course}/`);
    const sizes = await page.locator('.chart th').evaluateAll((cells) => cells.map((cell) => parseFloat(getComputedStyle(cell).fontSize)));
    expect(sizes.length).toBeGreaterThan(0);
    expect(Math.min(...sizes)).toBeGreaterThanOrEqual(12);
    await context.close();
  });
});

describe('the header on a phone', () => {
  it.each(langs)('is under 120 px tall, its logo at full size (%s)', async (lang) => {
    const context = await contextFor(390);
    const page = await context.newPage();
    await page.goto(`${baseUrl}/${lang}/`);
    const header = await page.locator('.site-header').boundingBox();
    expect(header!.height).toBeLessThan(120);
    const logo = await page.locator('.site-name svg').boundingBox();
    expect(logo!.width).toBe(logo!.height);
    expect(logo!.width).toBeGreaterThanOrEqual(24);
    await context.close();
  });
});

describe('dates on Arabic pages', () => {
  const arabicMonth = /(يناير|فبراير|مارس|أبريل|مايو|يونيو|يوليو|أغسطس|سبتمبر|أكتوبر|نوفمبر|ديسمبر)/;

  it.each([
    ['news list', 'news/', '.card .meta'],
    ['news item', 'news/sesric-asan-visit-2023/', 'article time'],
    ['course list', 'courses/', '.card time'],
    ['case study', 'case-studies/asan-service/', '.facts time'],
    ['sources', 'news/sesric-asan-visit-2023/', '.sources li .muted'],
  ])('are written with Arabic month names: %s', async (_name, path, selector) => {
    const context = await contextFor(1280);
    const page = await context.newPage();
    await page.goto(`${baseUrl}/ar/${path}`);
    const texts = await page.locator(selector).allTextContents();
    await context.close();
    expect(texts.length, selector).toBeGreaterThan(0);
    for (const text of texts) {
      expect(text).toMatch(arabicMonth);
      expect(text).not.toMatch(/\d{4}-\d{2}(-\d{2})?/);
    }
  });

  it('shows the staff course dates in Arabic', async () => {
    const context = await contextFor(1280, roster.sessions.staff);
    const page = await context.newPage();
    await page.goto(`${baseUrl}/ar/staff/`);
    const text = (await page.locator('main table').first().textContent()) ?? '';
    expect(text).toMatch(arabicMonth);
    await context.close();
  });
});

describe('a page that does not exist', () => {
  it.each([
    ['ar', 'rtl', 'الصفحة غير موجودة'],
    ['en', 'ltr', 'Page not found'],
  ] as const)('answers in the language of its address: /%s/', async (lang, dir, title) => {
    const response = await fetch(`${baseUrl}/${lang}/no-such-page/`);
    expect(response.status).toBe(404);
    const html = await response.text();
    expect(html).toMatch(new RegExp(`<html lang="${lang}" dir="${dir}"`));
    expect(html).toContain(title);
  });
});
