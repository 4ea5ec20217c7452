import { readdirSync, readFileSync } from 'node:fs';
import { request as httpRequest } from 'node:http';
import { parse as parseYaml } from 'yaml';
import { expect } from 'vitest';
import type { CourseOffering } from '#lib/course-rules.ts';
import type { Locale } from '#lib/i18n/locales.ts';
import type { Database } from '#lib/server/database.ts';
import { createSession, sessionCookieName } from '#lib/server/sessions.ts';
import type { Role } from '#lib/vocabulary.ts';

/**
 * Talking to the test server as a given person, without a browser.
 *
 * Requests go out from a loopback address of the caller's choice (127.x.y.z): the site limits
 * sign-ins, sign-ups and reset requests per client address, and a test that spends that budget
 * from 127.0.0.1 would make the next test file's sign-ins fail with 429.
 */

export interface Reply {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  /** Every Set-Cookie header, as sent. */
  cookies: string[];
  location: string | null;
  body: Buffer;
  text: string;
}

export type FormBody = Record<string, string> | [string, string][];

export interface ClientOptions {
  /** `session=<token>` or nothing for an anonymous visitor. */
  cookie?: string | undefined;
  /** The loopback address the request comes from; a fresh one when left out. */
  from?: string | undefined;
}

/** A loopback address nobody else is likely to use in this run. */
export function freshLoopbackAddress(): string {
  const byte = (min: number) => min + Math.floor(Math.random() * (255 - min));
  return `127.${byte(1)}.${byte(0)}.${byte(1)}`;
}

export class SiteClient {
  readonly baseUrl: string;
  readonly cookie: string | undefined;
  readonly from: string;

  constructor(baseUrl: string, options: ClientOptions = {}) {
    this.baseUrl = baseUrl;
    this.cookie = options.cookie;
    this.from = options.from ?? freshLoopbackAddress();
  }

  get(path: string, headers: Record<string, string> = {}): Promise<Reply> {
    return this.send('GET', path, undefined, headers);
  }

  /** A form POST from this site's own pages: with the Origin header Astro's checkOrigin wants. */
  post(path: string, form: FormBody, headers: Record<string, string> = {}): Promise<Reply> {
    const body = new URLSearchParams(form).toString();
    return this.send('POST', path, body, { 'Content-Type': 'application/x-www-form-urlencoded', Origin: this.baseUrl, ...headers });
  }

  send(method: string, path: string, body?: string, headers: Record<string, string> = {}): Promise<Reply> {
    const url = new URL(path, this.baseUrl);
    const allHeaders: Record<string, string> = { ...(this.cookie ? { Cookie: this.cookie } : {}), ...headers };
    if (body !== undefined) allHeaders['Content-Length'] = String(Buffer.byteLength(body));
    return new Promise((resolve, reject) => {
      const req = httpRequest(
        { host: url.hostname, port: url.port, path: url.pathname + url.search, method, headers: allHeaders, localAddress: this.from },
        (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (chunk: Buffer) => chunks.push(chunk));
          res.on('error', reject);
          res.on('end', () => {
            const payload = Buffer.concat(chunks);
            resolve({
              status: res.statusCode ?? 0,
              headers: res.headers,
              cookies: res.headers['set-cookie'] ?? [],
              location: typeof res.headers.location === 'string' ? res.headers.location : null,
              body: payload,
              text: payload.toString('utf8'),
            });
          });
        },
      );
      req.on('error', reject);
      req.end(body);
    });
  }
}

/** A signed-in session straight in the database; `twoFactorVerified: false` to meet the 2FA gate. */
export async function sessionCookie(db: Database, user: { id: string; role: Role }, twoFactorVerified = true): Promise<{ cookie: string; token: string }> {
  const { token } = await createSession(db, user, { twoFactorVerified });
  // The test server runs over http, so the cookie has no __Host- prefix.
  return { cookie: `${sessionCookieName(false)}=${token}`, token };
}

/**
 * A course whose applications are open today, read from the public course list as a visitor
 * finds it, with the address of its seats island (the part of the page rendered on demand).
 */
export async function openCourse(baseUrl: string): Promise<{ slug: string; island: string }> {
  const html = await (await fetch(`${baseUrl}/en/courses/`)).text();
  for (const [, slug] of html.matchAll(/href="\/en\/courses\/([a-z0-9-]+)\/"/g)) {
    const page = await (await fetch(`${baseUrl}/en/courses/${slug}/`)).text();
    const island = page.match(/fetch\("(\/_server-islands\/[^"]+)"/)?.[1];
    if (island && (await (await fetch(`${baseUrl}${island}`)).text()).includes('/account/apply/')) return { slug: slug!, island };
  }
  throw new Error('no sample course is open for applications today: move the dates in content/courses/');
}

/** A built page's HTML, as a visitor gets it; anything but 200 fails the test, naming the page. */
export async function pageHtml(baseUrl: string, path: string): Promise<string> {
  const response = await fetch(`${baseUrl}${path}`);
  expect(response.status, path).toBe(200);
  return response.text();
}

export const caseStudiesDir = new URL('../../content/case-studies/', import.meta.url);

/** A case study's frontmatter in one language, as written (Astro's content layer is not available here). */
export function caseStudyFrontmatter<T = Record<string, unknown>>(slug: string, lang: Locale = 'en'): T {
  return parseYaml(readFileSync(new URL(`${slug}/${lang}.mdx`, caseStudiesDir), 'utf8').split(/^---$/m)[1] ?? '') as T;
}

/** The case studies that are a row of the comparison of models (those with a `model:` block). */
export const modelSlugs = (): string[] => readdirSync(caseStudiesDir).filter((slug) => caseStudyFrontmatter<{ model?: unknown }>(slug).model);

/** A course as the application rules see it, from its data file (Astro's content layer is not available here). */
export function courseFromContent(slug: string): CourseOffering {
  const source = readFileSync(new URL(`../../content/courses/${slug}.yaml`, import.meta.url), 'utf8');
  const data = parseYaml(source) as Record<string, unknown>;
  const date = (key: string) => new Date(String(data[key]));
  return {
    slug,
    start: date('start'),
    end: date('end'),
    seats: Number(data.seats),
    seatsPerCountry: data.seatsPerCountry === undefined ? undefined : Number(data.seatsPerCountry),
    applicationsOpen: date('applicationsOpen'),
    applicationDeadline: date('applicationDeadline'),
    eligibleCountries: data.eligibleCountries as CourseOffering['eligibleCountries'],
  };
}

/**
 * The course open to every member state that starts last: far from the course the open-course
 * tests share, for application histories a test sets up with its own `now`.
 */
export function latestCourse(): CourseOffering {
  const slugs = readdirSync(new URL('../../content/courses/', import.meta.url))
    .filter((file) => file.endsWith('.yaml'))
    .map((file) => file.replace(/\.yaml$/, ''));
  const courses = slugs.map(courseFromContent).filter((course) => !course.eligibleCountries);
  return courses.sort((a, b) => b.start.getTime() - a.start.getTime())[0]!;
}

/** The text of the page's notice (Saved., a refusal…), with Astro's HTML escapes undone. */
export function noticeText(html: string): string | undefined {
  const raw = html.match(/<p class="notice[^"]*"[^>]*>([\s\S]*?)<\/p>/)?.[1];
  return raw === undefined ? undefined : decodeEntities(raw.trim());
}

/** HTML with its escapes undone and without the `<bdi>` that Arabic pages put around Latin fragments. */
export function unisolatedText(html: string): string {
  return decodeEntities(html.replace(/<\/?bdi>/g, ''));
}

export function decodeEntities(text: string): string {
  return text
    .replace(/&#(\d+);/g, (_, n: string) => String.fromCodePoint(Number(n)))
    .replace(/&#x([0-9a-f]+);/gi, (_, n: string) => String.fromCodePoint(Number.parseInt(n, 16)))
    .replace(/&quot;/g, '"')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&');
}
