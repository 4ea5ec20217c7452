import { readdirSync, readFileSync } from 'node:fs';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { parse } from 'yaml';
import { wcagViolations } from '#support/axe.ts';
import { launchChromium } from '#support/browser.ts';
import { caseStudiesDir, caseStudyFrontmatter, modelSlugs, pageHtml } from '#support/http.ts';
import { countryIn } from '#lib/country-names.ts';
import { eligibleCountries, type CourseTerms } from '#lib/course-rules.ts';
import { coursesToApplyTo } from '#lib/courses-to-apply.ts';
import { dictionaries } from '#lib/i18n/index.ts';
import { locales } from '#lib/i18n/locales.ts';
import { countryName, memberStates, type MemberState } from '#lib/member-states.ts';

/** The member states' pages, the map, the comparison of models and Hijri dates, as built. */
const baseUrl = inject('baseUrl');

const html = (path: string): Promise<string> => pageHtml(baseUrl, path);
/** The moment the page was built, which its course lists are "as of" (a day may have turned since). */
const builtAt = (page: string): Date => new Date(page.match(/<time data-as-of datetime="([^"]+)"/)?.[1] ?? Date.now());
const frontmatter = (slug: string): Record<string, unknown> => caseStudyFrontmatter(slug);
const models = modelSlugs();

/** The courses as their data files give them, with the terms the rules read. */
const coursesDir = new URL('../../content/courses/', import.meta.url);
const courses = readdirSync(coursesDir)
  .filter((name) => name.endsWith('.yaml'))
  .map((name) => {
    const data = parse(readFileSync(new URL(name, coursesDir), 'utf8')) as Record<string, unknown>;
    const date = (key: string): Date => new Date(data[key] as string | Date);
    const terms: CourseTerms = {
      start: date('start'),
      end: date('end'),
      seats: data.seats as number,
      seatsPerCountry: data.seatsPerCountry as number | undefined,
      applicationsOpen: date('applicationsOpen'),
      applicationDeadline: date('applicationDeadline'),
      eligibleCountries: data.eligibleCountries as MemberState[] | undefined,
    };
    return { id: name.replace(/\.yaml$/, ''), data: terms };
  });

/** Member states that a programme's data names as taking part in it. */
const programmesDir = new URL('../../content/programmes/', import.meta.url);
const participating = new Set(
  readdirSync(programmesDir)
    .filter((name) => name.endsWith('.yaml'))
    .flatMap((name) => ((parse(readFileSync(new URL(name, programmesDir), 'utf8')) as { participation?: { country: string }[] }).participation ?? []).map((fact) => fact.country)),
);

/** The page's section labelled by `id`, or '' when the page has none. */
const sectionOf = (page: string, id: string): string => page.match(new RegExp(`<section aria-labelledby="${id}"[^>]*>[\\s\\S]*?</section>`))?.[0] ?? '';

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

  it('lists the courses a country’s officials can apply to, with the per-country seats of the course', async () => {
    const page = await html('/en/countries/kz/');
    const eligibleKz = coursesToApplyTo(courses.filter((c) => eligibleCountries(c.data).includes('KZ')), builtAt(page));
    if ([...eligibleKz.open, ...eligibleKz.later].some((c) => c.id === '2027-tourismcab-destination-management'))
      expect(page).toContain('href="/en/courses/2027-tourismcab-destination-management/"');
    const senegal = await html('/en/countries/sn/');
    expect(senegal).not.toContain('2027-tourismcab-destination-management');
    const { open, later } = coursesToApplyTo(courses.filter((c) => eligibleCountries(c.data).includes('SN')), builtAt(senegal));
    for (const course of [...open, ...later].filter((c) => c.data.seatsPerCountry)) {
      const seats = `Officials of Senegal may take at most ${course.data.seatsPerCountry} of the course’s ${course.data.seats} seats.`;
      expect(senegal, course.id).toContain(seats);
      expect(await html('/fr/countries/sn/'), course.id).toContain(
        `Les agents du Sénégal peuvent occuper au plus ${course.data.seatsPerCountry} des ${course.data.seats} places de la formation.`,
      );
    }
    expect(senegal).not.toMatch(/may take at most \d+ of its seats/);
  });

  it('says plainly when it holds no text yet on a country, and still lists its courses', async () => {
    const page = await html('/en/countries/km/');
    expect(page).toContain('The platform holds no case study or news on the Comoros yet.');
    const { open, later } = coursesToApplyTo(courses, builtAt(page));
    if (open.length > 0) expect(page).toContain('Courses officials of the Comoros can apply to</h2>');
    if (later.length > 0) expect(page).toContain('Courses officials of the Comoros can apply to later</h2>');
    expect(await html('/en/countries/ma/')).not.toContain('holds no case study');
  });

  it('says on Syria’s page, with its sources, that its suspended membership was reinstated', async () => {
    for (const lang of ['en', 'ar'] as const) {
      const page = await html(`/${lang}/countries/sy/`);
      expect(page).toContain(lang === 'en' ? 'was reinstated by the OIC Council of Foreign Ministers' : 'عضوية سوريا');
      expect(page).toContain('href="https://saudigazette.com.sa/article/649949"');
    }
    expect(await html('/en/countries/sn/')).not.toContain('reinstated');
  });

  it('links case-study and course pages to their countries', async () => {
    expect(await html('/ar/case-studies/morocco-idarati-simplification/')).toContain('href="/ar/countries/ma/"');
    expect(await html('/en/courses/2027-tourismcab-destination-management/')).toContain('href="/en/countries/kz/"');
  });
});

describe('country names read as part of their sentences', () => {
  it.each(memberStates)('/fr/countries/%s/ puts the article the name takes, contracted with « de » and « à »', async (code) => {
    const page = await html(`/fr/countries/${code.toLowerCase()}/`);
    expect(page).toContain(`Ce que la plateforme réunit sur ${countryIn(code, 'fr', 'the')}, État membre de l’OCI`);
    expect(page).toContain(`Pratiques proposées ${countryIn(code, 'fr', 'by')}`);
    if (!participating.has(code)) expect(page).toContain(`sur la participation ${countryIn(code, 'fr', 'of')} aux programmes du SESRIC`);
    const text = page.replace(/<[^>]+>/g, ' ');
    expect(text).not.toMatch(/\b(de|à) (le|les) [A-ZÉ]|pour ce pays|Ce pays \(|\(Ce pays|sur ce pays/);
    const bare = countryName(code, 'fr');
    if (countryIn(code, 'fr', 'the') !== bare) expect(text, 'the name without its article').not.toMatch(new RegExp(`\\b(par|sur) ${bare}`));
  });

  it('names the venue’s country with its article on French course pages', async () => {
    expect(await html('/fr/courses/2027-sdcab-one-stop-service-delivery/')).toContain('Tout sur l’Azerbaïdjan');
  });

  it('says “the” before the United Arab Emirates, the Gambia, the Maldives and the Comoros in English', async () => {
    expect(await html('/en/countries/ae/')).toContain('What the platform holds on the United Arab Emirates, an OIC member state');
    expect(await html('/en/countries/gm/')).toContain('Practices contributed by the Gambia');
    expect(await html('/en/countries/mv/')).toContain('The platform holds no case study or news on the Maldives yet.');
    expect(await html('/en/countries/km/')).not.toMatch(/on Comoros|by Comoros|of Comoros/);
  });

  it('writes the Arabic name as the second term of a construct state', async () => {
    expect(await html('/ar/countries/az/')).toContain('إصلاحات في بلدان أخرى استلهمت نموذج أذربيجان');
    const emirates = await html('/ar/countries/ae/');
    expect(emirates).toContain('لا تضمّ المنصة حتى الآن أي أرقام منشورة عن مشاركة الإمارات العربية المتحدة في برامج سيسرك.');
  });
});

describe('courses to apply to, as of the build', () => {
  it.each(locales)('/%s/countries/sn/ separates courses open now from those opening later, and lists no closed or past one', async (lang) => {
    const t = dictionaries[lang];
    const page = await html(`/${lang}/countries/sn/`);
    const { open, later } = coursesToApplyTo(courses.filter((c) => eligibleCountries(c.data).includes('SN')), builtAt(page));
    const openSection = sectionOf(page, 'courses');
    const laterSection = sectionOf(page, 'courses-later');
    for (const course of open) expect(openSection, `${course.id} open`).toContain(`href="/${lang}/courses/${course.id}/"`);
    for (const course of later) expect(laterSection, `${course.id} later`).toContain(`href="/${lang}/courses/${course.id}/"`);
    expect(openSection.match(/<li class="card"/g) ?? []).toHaveLength(open.length);
    expect(laterSection.match(/<li class="card"/g) ?? []).toHaveLength(later.length);
    const listed = new Set([...open, ...later].map((c) => c.id));
    for (const course of courses.filter((c) => !listed.has(c.id))) expect(page, course.id).not.toContain(`/courses/${course.id}/`);
    if (lang === 'en') {
      expect(openSection.match(/Applications are open until \d{1,2} \w+ \d{4}\./g) ?? []).toHaveLength(open.length);
      expect(laterSection.match(/Applications open on \d{1,2} \w+ \d{4}\./g) ?? []).toHaveLength(later.length);
      // The page is built once: it says as of when, and sends the reader to the course page for today.
      expect(page).toMatch(/As of \d{1,2} \w+ \d{4}, when this page was last updated\./);
    }
    if (open.length + later.length > 0) expect(page).toContain((t['countries.coursesAsOf'] as string).split('{date}')[0]);
  });
});

describe('participation in SESRIC’s programmes', () => {
  it('holds the Gambia’s figure from the CB-CaB programme', () => {
    expect(participating.has('GM')).toBe(true);
  });

  it.each(locales)('/%s/countries/gm/ gives the Central Bank of The Gambia’s CB-CaB activities, dated and sourced', async (lang) => {
    const section = sectionOf(await html(`/${lang}/countries/gm/`), 'participation');
    expect(section).toContain(`href="/${lang}/programmes/cb-cab/"`);
    expect(section).toContain('href="https://sesric.org/event-detail.php?id=3112"');
    // The source's title is in English, and says so on a French or Arabic page.
    expect(section).toContain(`href="https://sesric.org/event-detail.php?id=3112"${lang === 'en' ? '' : ' lang="en"'}>SESRIC: event`);
    expect(section).toContain('2024');
    expect(section).toContain(
      { en: 'By 2024, the Central Bank of The Gambia had taken part in seven activities under the programme.', fr: 'la Banque centrale de Gambie avait déjà participé à sept activités du programme', ar: 'كان البنك المركزي لغامبيا قد شارك في سبعة من أنشطة البرنامج' }[lang],
    );
  });

  it.each(locales)('/%s/countries/ has a participation section on every page, saying so where there are no public figures', async (lang) => {
    const none = (dictionaries[lang]['countries.participationNone'] as string).split('{ofCountry}')[0]!;
    for (const code of memberStates) {
      const section = sectionOf(await html(`/${lang}/countries/${code.toLowerCase()}/`), 'participation');
      expect(section, code).not.toBe('');
      if (participating.has(code)) expect(section, code).not.toContain(none);
      else expect(section, code).toContain(none);
    }
    expect(await html('/en/countries/sn/')).toContain('The platform holds no public figures yet on the participation of Senegal in SESRIC’s programmes.');
  });
});

describe('case studies link the countries whose model they followed', () => {
  const studies = readdirSync(caseStudiesDir)
    .map((slug) => ({ slug, data: frontmatter(slug) }))
    .filter((study) => ((study.data.learntFrom as string[] | undefined) ?? []).length > 0);

  it('covers the ASAN and APIX replications', () => {
    expect(studies.map((s) => s.slug).sort()).toEqual(expect.arrayContaining(['asan-afghanistan', 'cote-divoire-cepici-one-stop', 'indonesia-public-service-malls']));
  });

  it.each(locales.flatMap((lang) => studies.map((study) => [lang, study.slug, study.data] as const)))('/%s/case-studies/%s/', async (lang, slug, data) => {
    const page = await html(`/${lang}/case-studies/${slug}/`);
    const facts = page.match(/<dl class="facts"[\s\S]*?<\/dl>/)?.[0] ?? '';
    const row = facts.match(new RegExp(`<dt>${dictionaries[lang]['caseStudies.learntFrom'] as string}</dt>\\s*<dd>([\\s\\S]*?)</dd>`))?.[1] ?? '';
    const learntFrom = data.learntFrom as string[];
    for (const code of learntFrom) expect(row, code).toContain(`href="/${lang}/countries/${code.toLowerCase()}/"`);
    expect(facts).toContain(`href="/${lang}/countries/${(data.country as string).toLowerCase()}/"`);
    const json = JSON.parse(page.match(/<script type="application\/ld\+json">(.*?)<\/script>/s)?.[1] ?? '{}') as Record<string, unknown>;
    expect(json.about).toMatchObject({ '@type': 'Country', identifier: data.country });
    expect((json.mentions as { '@type': string; identifier: string }[]).map((place) => [place['@type'], place.identifier])).toEqual(learntFrom.map((code) => ['Country', code]));
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

describe('a member state’s address in capitals', () => {
  it.each([
    ['/en/countries/MA/', '/en/countries/ma/'],
    ['/ar/countries/SN', '/ar/countries/sn/'],
    ['/fr/countries/Az/?from=map', '/fr/countries/az/?from=map'],
  ])('redirects %s to %s (301), and the page is there', async (path, target) => {
    const response = await fetch(`${baseUrl}${path}`, { redirect: 'manual' });
    expect(response.status).toBe(301);
    const location = new URL(response.headers.get('location') ?? '', baseUrl);
    expect(location.pathname + location.search).toBe(target);
    expect((await fetch(new URL(target, baseUrl))).status).toBe(200);
  });

  it.each(['/xx/countries/zz/', '/en/countries/ZZ/', '/xx/countries/MA/', '/en/countries/MA/more/', '/en/no-such-page/'])(
    'leaves %s to the not-found page (404, with its heading)',
    async (path) => {
      const response = await fetch(`${baseUrl}${path}`, { redirect: 'manual' });
      expect(response.status).toBe(404);
      expect(await response.text()).toMatch(/<h1>[^<]+<\/h1>/);
    },
  );
});
