import { readFileSync } from 'node:fs';
import { HtmlValidate, type ConfigData } from 'html-validate';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { openDatabase, type OpenDatabase } from '#lib/server/database.ts';
import { accountPageTypes, firstCourse, publicPageTypes } from '#support/page-types.ts';
import { seedRoster, type SeededRoster } from '#support/roster.ts';

/**
 * Every page type, in English and Arabic, as the built site sends it, checked by html-validate
 * with .htmlvalidate.json: its recommended rules, less what is not a problem here: the length
 * of <title> (an entry's title and the site's name, an editorial matter), strict ids (HTML
 * allows any id without spaces; headings in Arabic get Arabic ids), checkboxes sharing a name
 * (the staff roster's "applicationIds", as HTML intends) and conditional comments (Astro marks
 * server islands with `<!--[if astro]>`).
 */
const baseUrl = inject('baseUrl');
const config = JSON.parse(readFileSync(new URL('../../.htmlvalidate.json', import.meta.url), 'utf8')) as ConfigData;
const validator = new HtmlValidate(config);

let database: OpenDatabase;
let roster: SeededRoster;
let course: string;
beforeAll(async () => {
  database = await openDatabase({ url: inject('databaseUrl') });
  course = await firstCourse(baseUrl);
  roster = await seedRoster(database.db, course, 'SN');
});
afterAll(() => database?.client.close());

async function problems(path: string, session?: string): Promise<string[]> {
  const response = await fetch(`${baseUrl}${path}`, { headers: session ? { cookie: `session=${session}` } : {}, redirect: 'manual' });
  expect(response.status, path).toBe(path.includes('no-such-page') ? 404 : 200);
  const report = await validator.validateString(await response.text(), path);
  return report.results.flatMap((result) => result.messages.map((m) => `${m.line}:${m.column} ${m.ruleId}: ${m.message}`));
}

const langs = ['en', 'ar'] as const;

describe('every page type is valid HTML (html-validate)', () => {
  it.each(langs.flatMap((lang) => Object.entries(publicPageTypes).map(([type, path]) => [lang, type, path] as const)))(
    '%s %s',
    async (lang, _type, path) => {
      expect(await problems(`/${lang}/${path.replace('COURSE', course)}`)).toEqual([]);
    },
  );

  it.each(langs.flatMap((lang) => Object.entries(accountPageTypes).map(([type, [role, path]]) => [lang, type, role, path] as const)))(
    '%s %s (signed in as %s)',
    async (lang, _type, role, path) => {
      expect(await problems(`/${lang}/${path.replace('COURSE', course)}`, roster.sessions[role])).toEqual([]);
    },
  );

  it('finds the search page’s script inside the document (it once came after </html>)', async () => {
    const html = await (await fetch(`${baseUrl}/en/search/`)).text();
    expect(html.trimEnd().endsWith('</html>')).toBe(true);
  });
});
