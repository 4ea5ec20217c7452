import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { createClient } from '@libsql/client';
import { afterAll, describe, expect, inject, it } from 'vitest';
import { locales } from '#lib/i18n/locales.ts';
import { openCourse, SiteClient } from '#support/http.ts';

const baseUrl = inject('baseUrl');
const database = createClient({ url: inject('databaseUrl'), timeout: 5000 });
afterAll(() => database.close());

const get = (path: string, headers: Record<string, string> = {}) => fetch(`${baseUrl}${path}`, { headers, redirect: 'manual' });

describe('the front door', () => {
  it.each([
    ['ar,en;q=0.5', '/ar/'],
    ['fr-FR,fr;q=0.9', '/fr/'],
    ['de', '/en/'],
  ])('sends Accept-Language %j to %s', async (acceptLanguage, location) => {
    const response = await get('/', { 'Accept-Language': acceptLanguage });
    expect(response.status).toBe(302);
    expect(response.headers.get('location')).toBe(location);
    expect(response.headers.get('vary')).toMatch(/Accept-Language/i);
  });

  it('answers /healthz when the database answers', async () => {
    const response = await get('/healthz');
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ status: 'ok' });
  });

  it('answers an unknown address with a 404 page in the language of the address, with a way home in the others', async () => {
    const response = await get('/fr/nothing-here/');
    expect(response.status).toBe(404);
    const html = await response.text();
    expect(html).toContain('<html lang="fr" dir="ltr"');
    expect(html).toContain('Page introuvable');
    expect(html).toContain('href="/ar/"');
    expect(html).toContain('الانتقال إلى الصفحة الرئيسية');
  });
});

describe('compressed for slow connections', () => {
  it.each(['/ar/case-studies/asan-service/', '/pagefind/en/pagefind-ui.js'])('sends %s in Brotli, the same text as uncompressed', async (path) => {
    const plain = await get(path, { 'Accept-Encoding': 'identity' });
    const compressed = await get(path, { 'Accept-Encoding': 'gzip, deflate, br' });
    expect(compressed.headers.get('content-encoding')).toBe('br');
    expect(Number(compressed.headers.get('content-length'))).toBeLessThan(Number(plain.headers.get('content-length')) / 2);
    expect(await compressed.text()).toBe(await plain.text());
  });
});

describe('pages made on demand, compressed as they are sent', () => {
  it.each([
    ['br', brotliDecompressSync],
    ['gzip', gunzipSync],
  ] as const)('sends the sign-in page in %s to a client that accepts it, the same text in under a third of the bytes', async (encoding, decompress) => {
    // SiteClient reads the body as it crossed the wire, not decompressed.
    const client = new SiteClient(baseUrl);
    const plain = await client.get('/ar/account/sign-in/', { 'Accept-Encoding': 'identity' });
    const compressed = await client.get('/ar/account/sign-in/', { 'Accept-Encoding': encoding });
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(compressed.headers['content-encoding']).toBe(encoding);
    expect(compressed.body.length).toBeLessThan(plain.body.length / 3);
    expect(decompress(compressed.body).toString('utf8')).toBe(plain.body.toString('utf8'));
  });

  it('leaves a redirect as it is, and says that answers vary with Accept-Encoding', async () => {
    const response = await get('/en/account/', { 'Accept-Encoding': 'br' });
    expect(response.status).toBe(303);
    expect(response.headers.get('content-encoding')).toBeNull();
    const page = await get('/en/account/sign-in/', { 'Accept-Encoding': 'br' });
    expect(page.headers.get('vary')).toMatch(/Accept-Encoding/i);
  });
});

describe('what machines read', () => {
  it('points robots at the sitemap', async () => {
    const text = await (await get('/robots.txt')).text();
    expect(text).toContain(`Sitemap: ${baseUrl}/sitemap-index.xml`);
  });

  it('lists pages of every language in the sitemap', async () => {
    const index = await (await get('/sitemap-index.xml')).text();
    const sitemap = index.match(/<loc>([^<]+)<\/loc>/)?.[1];
    expect(sitemap).toBeDefined();
    const urls = await (await get(new URL(sitemap!).pathname)).text();
    for (const lang of locales) expect(urls).toContain(`${baseUrl}/${lang}/case-studies/asan-service/`);
    // Rendered on demand, the list of contributed practices is still named.
    for (const lang of locales) expect(urls).toContain(`${baseUrl}/${lang}/practices/`);
    expect(urls).not.toContain('/healthz');
  });

  it.each(locales)('publishes news and case-study feeds in %s', async (lang) => {
    for (const section of ['news', 'case-studies']) {
      const response = await get(`/${lang}/${section}/rss.xml`);
      expect(response.status).toBe(200);
      const xml = await response.text();
      expect(xml).toContain(`<language>${lang}</language>`);
      expect(xml).toMatch(new RegExp(`<link>${baseUrl}/${lang}/${section}/[a-z0-9-]+/</link>`));
    }
  });

  it('describes a case study, a news item and a member state in JSON-LD, and no sample course as a real one', async () => {
    const structured = async (path: string) => {
      const html = await (await get(path)).text();
      const json = html.match(/<script type="application\/ld\+json">(.*?)<\/script>/s)?.[1];
      return JSON.parse(json ?? 'null') as Record<string, unknown>;
    };
    expect((await structured('/fr/case-studies/asan-service/'))['@type']).toBe('Article');
    expect((await structured('/en/news/sesric-asan-visit-2023/'))['@type']).toBe('NewsArticle');
    const coursesHtml = await (await get('/en/courses/')).text();
    const course = coursesHtml.match(/href="(\/en\/courses\/[a-z0-9-]+\/)"/)?.[1];
    // Every course offering today is a sample: none may be announced to search engines as a Course.
    expect(await structured(course!)).toBeNull();
    const country = await structured('/ar/countries/ma/');
    expect((country.about as Record<string, unknown>)['@type']).toBe('Country');
  });

  it('gives each page a title, description, canonical URL, alternates and OpenGraph tags', async () => {
    const html = await (await get('/ar/guides/one-stop-centre/')).text();
    expect(html).toMatch(/<html lang="ar" dir="rtl">/);
    expect(html).toMatch(/<title>[^<]+<\/title>/);
    expect(html).toMatch(/<meta name="description" content="[^"]{20,}">/);
    expect(html).toContain(`<link rel="canonical" href="${baseUrl}/ar/guides/one-stop-centre/">`);
    for (const lang of locales) expect(html).toContain(`hreflang="${lang}" href="${baseUrl}/${lang}/guides/one-stop-centre/"`);
    for (const property of ['og:title', 'og:description', 'og:url', 'og:type']) expect(html).toContain(`property="${property}"`);
  });
});

describe('seats left, live from the database', () => {
  async function islandFor(coursePath: string): Promise<string> {
    const html = await (await get(coursePath)).text();
    // Astro's server-island loader fetches the island's address, written into the page.
    const address = html.match(/fetch\("(\/_server-islands\/CourseAvailability\/?\?[^"]+)"/)?.[1];
    expect(address).toBeDefined();
    return address!;
  }

  it('gets French spacing in French, though its address has no language', async () => {
    const { slug } = await openCourse(baseUrl);
    const island = await islandFor(`/fr/courses/${slug}/`);
    const text = (await (await get(island)).text()).replace(/<[^>]+>/g, '');
    // A visitor is told how to apply, in a sentence with a semicolon.
    expect(text).toContain('candidature\u202F;');
    expect(text).not.toMatch(/[\p{L}\d] [;:!?»%]/u);
    // An English island is left as it is.
    const english = (await (await get(await islandFor(`/en/courses/${slug}/`))).text()).replace(/<[^>]+>/g, '');
    expect(english).not.toMatch(/[\u202F\u00A0][;:!?]/);
  });

  it('counts accepted participants as soon as they are in the database', async () => {
    const coursesHtml = await (await get('/en/courses/')).text();
    const slug = coursesHtml.match(/href="\/en\/courses\/([a-z0-9-]+)\/"/)?.[1];
    expect(slug).toBeDefined();
    const coursePage = await (await get(`/en/courses/${slug}/`)).text();
    const seats = Number(coursePage.match(/<dt>Seats<\/dt>\s*<dd>\s*(\d+)/)?.[1]);
    expect(seats).toBeGreaterThan(2);

    const island = await islandFor(`/en/courses/${slug}/`);
    // Other test files may already hold seats on this course: read the count, then watch it move.
    const before = await (await get(island)).text();
    const left = Number(before.match(new RegExp(`(\\d+) of ${seats} seats left`))?.[1]);
    expect(left).toBeGreaterThan(2);

    await database.execute({
      sql: "insert into applications (course_slug, country, status, created_at, updated_at) values (?, 'AZ', 'accepted', 0, 0), (?, 'SN', 'completed', 0, 0), (?, 'TR', 'waitlisted', 0, 0)",
      args: [slug!, slug!, slug!],
    });
    const after = await get(island);
    expect(after.headers.get('cache-control')).toBe('no-store');
    expect(await after.text()).toContain(`${left - 2} of ${seats} seats left`);
  });
});
