import { mkdirSync, readFileSync } from 'node:fs';
import { HtmlValidate, type ConfigData } from 'html-validate';
import type { Browser, BrowserContext } from 'playwright-core';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { users } from '#db/schema.ts';
import { openDatabase, type OpenDatabase } from '#lib/server/database.ts';
import { saveEvaluation } from '#lib/server/evaluations.ts';
import { createSession } from '#lib/server/sessions.ts';
import { makeAccount } from '#support/accounts.ts';
import { wcagViolations } from '#support/axe.ts';
import { launchChromium } from '#support/browser.ts';
import { courseFromContent, SiteClient, sessionCookie } from '#support/http.ts';

/**
 * Course evaluation (issue 11) in Chromium on the built site: an Arabic participant who attended
 * fills in the form; staff see the SVG charts; groups under 5 are never shown; a focal point sees
 * their country only from 5 responses. Screenshots at 390 and 1280 px, English and Arabic, go to
 * screenshots/evaluations/ (git-ignored) for a person to look at.
 */

const baseUrl = inject('baseUrl');
/** A course no other test file applies to (applications open in 2027): its roster is this file's own. */
const course = courseFromContent('2027-oshcab-workplace-inspection');
const shots = new URL('../../screenshots/evaluations/', import.meta.url).pathname;
let browser: Browser;
let database: OpenDatabase;

beforeAll(async () => {
  browser = await launchChromium();
  database = await openDatabase({ url: inject('databaseUrl') });
  mkdirSync(shots, { recursive: true });
});
afterAll(async () => {
  await browser?.close();
  database?.client.close();
});

type Gender = 'female' | 'male' | 'prefer-not-to-say';

/** A participant whose application to the course stands at `status` (written directly: the course is in 2027). */
async function participant(country: string, status: 'attended' | 'completed' | 'accepted', options: { gender?: Gender; language?: 'en' | 'fr' | 'ar' } = {}) {
  const account = await makeAccount(database.db, { role: 'participant', country, language: options.language ?? 'en' });
  await database.db.update(users).set({ gender: options.gender ?? 'female' }).where(eq(users.id, account.id));
  const now = Date.now();
  await database.client.execute({
    sql: `insert into applications (course_slug, user_id, country, status, motivation, created_at, updated_at) values (?, ?, ?, ?, 'Inspection.', ?, ?)`,
    args: [course.slug, account.id, country, status, now, now],
  });
  return account;
}

async function answered(country: string, gender: Gender, overall: number, suggestions = ''): Promise<void> {
  const account = await participant(country, 'attended', { gender });
  const saved = await saveEvaluation(database.client, {
    userId: account.id,
    course,
    answers: { relevance: 4, content: 4, trainers: 5, organisation: 3, overall, recommend: overall >= 3, applyAtWork: '', suggestions },
  });
  if (!saved.ok) throw new Error(saved.refusal);
}

const validator = new HtmlValidate(JSON.parse(readFileSync(new URL('../../.htmlvalidate.json', import.meta.url), 'utf8')) as ConfigData);

/** html-validate's findings for the page at `path`, fetched with `cookie`. */
async function htmlProblems(path: string, cookie: string): Promise<string[]> {
  const response = await fetch(`${baseUrl}${path}`, { headers: { cookie } });
  expect(response.status, path).toBe(200);
  const report = await validator.validateString(await response.text(), path);
  return report.results.flatMap((result) => result.messages.map((m) => `${m.line}:${m.column} ${m.ruleId}: ${m.message}`));
}

async function signedIn(role: 'participant' | 'focal-point' | 'staff', id: string, width: number): Promise<BrowserContext> {
  const { token } = await createSession(database.db, { id, role }, { twoFactorVerified: true });
  const context = await browser.newContext({ viewport: { width, height: 900 } });
  await context.addCookies([{ name: 'session', value: token, url: baseUrl }]);
  return context;
}

describe('an Arabic participant who attended evaluates the course', () => {
  it('is told what is missing in Arabic, then sends the form; the answers are stored once and can be changed', async () => {
    const account = await participant('MA', 'attended', { language: 'ar', gender: 'male' });
    const context = await signedIn('participant', account.id, 390);
    const page = await context.newPage();
    const path = `/ar/account/evaluations/${course.slug}/`;
    // From "My applications", as the participant would go.
    await page.goto(`${baseUrl}/ar/account/`);
    await page.getByRole('link', { name: 'تقييم الدورة' }).click();
    await page.waitForLoadState();
    expect(new URL(page.url()).pathname).toBe(path);
    expect(await page.locator('html').getAttribute('dir')).toBe('rtl');
    await page.screenshot({ path: `${shots}form-ar-390.png`, fullPage: true });
    expect(await wcagViolations(page)).toEqual([]);

    // Nothing chosen: 422, an error summary naming each rating, in Arabic.
    await page.getByRole('button', { name: 'إرسال التقييم' }).click();
    await page.waitForLoadState();
    await expect.poll(() => page.locator('.error-summary').textContent()).toContain('اختر تقييمًا من 1 إلى 5 للمدرّبين.');
    expect(await page.locator('.error-summary a').count()).toBe(6);
    expect(await wcagViolations(page)).toEqual([]);

    for (const [question, answer] of [
      ['ما مدى صلة الدورة بعملك؟', '5 – ممتاز'],
      ['ما تقييمك لمحتوى الدورة؟', '4 – جيد'],
      ['ما تقييمك للمدرّبين؟', '5 – ممتاز'],
      ['ما تقييمك لتنظيم الدورة (الجدول الزمني، والمكان أو المنصة الإلكترونية، والمواد)؟', '3 – مقبول'],
      ['ما تقييمك العام للدورة؟', '4 – جيد'],
    ] as const) {
      await page.getByRole('group', { name: question }).getByLabel(answer).check();
    }
    await page.getByRole('group', { name: 'هل توصي زميلًا لك بهذه الدورة؟' }).getByLabel('نعم').check();
    await page.getByLabel('ما الذي ستطبّقه في عملك؟ (اختياري)').fill('جدول تفتيش موحّد للمنشآت الصغيرة');
    await page.getByRole('button', { name: 'إرسال التقييم' }).click();
    await page.waitForLoadState();
    expect(await page.locator('.notice').first().textContent()).toContain('شكرًا لك. حُفظ تقييمك.');

    const stored = await database.client.execute({
      sql: 'select e.* from evaluations e join applications a on a.id = e.application_id where a.user_id = ?',
      args: [account.id],
    });
    expect(stored.rows).toHaveLength(1);
    expect(stored.rows[0]).toMatchObject({ relevance: 5, content: 4, trainers: 5, organisation: 3, overall: 4, recommend: 1, country: 'MA', gender: 'male' });
    expect(stored.rows[0]?.apply_at_work).toBe('جدول تفتيش موحّد للمنشآت الصغيرة');

    // Back later: the answers are there to change, and a change keeps one evaluation.
    await page.goto(`${baseUrl}${path}`);
    expect(await page.getByRole('group', { name: 'ما تقييمك العام للدورة؟' }).getByLabel('4 – جيد').isChecked()).toBe(true);
    await page.getByRole('group', { name: 'ما تقييمك العام للدورة؟' }).getByLabel('5 – ممتاز').check();
    await page.getByRole('button', { name: 'حفظ التعديلات' }).click();
    await page.waitForLoadState();
    const after = await database.client.execute({
      sql: 'select overall from evaluations e join applications a on a.id = e.application_id where a.user_id = ?',
      args: [account.id],
    });
    expect(after.rows.map((row) => row.overall)).toEqual([5]);
    await context.close();

    for (const [lang, width] of [
      ['en', 1280],
      ['ar', 1280],
      ['en', 390],
    ] as const) {
      const other = await signedIn('participant', (await participant('TR', 'completed')).id, width);
      const shot = await other.newPage();
      await shot.goto(`${baseUrl}/${lang}/account/evaluations/${course.slug}/`);
      await shot.screenshot({ path: `${shots}form-${lang}-${width}.png`, fullPage: true });
      await other.close();
    }
  });

  it('is not there for a participant who did not attend, nor for anyone else’s course', async () => {
    const accepted = await participant('MA', 'accepted', { language: 'ar' });
    const { cookie } = await sessionCookie(database.db, { id: accepted.id, role: 'participant' });
    const client = new SiteClient(baseUrl, { cookie });
    expect((await client.get(`/ar/account/evaluations/${course.slug}/`)).status).toBe(404);
    const posted = await client.post(`/ar/account/evaluations/${course.slug}/`, { relevance: '1', content: '1', trainers: '1', organisation: '1', overall: '1', recommend: 'no' });
    expect(posted.status).toBe(404);
    const written = await database.client.execute({
      sql: 'select count(*) as n from evaluations e join applications a on a.id = e.application_id where a.user_id = ?',
      args: [accepted.id],
    });
    expect(written.rows[0]?.n).toBe(0);
  });
});

describe('staff read the evaluation; groups under 5 stay hidden', () => {
  let staffId: string;

  beforeAll(async () => {
    // AZ 6, TR 5 (plus the screenshots' TR participants, who did not answer), EG 5, SN 1, and the MA answer above.
    for (let i = 0; i < 6; i += 1) await answered('AZ', i < 3 ? 'female' : 'male', 5, i === 0 ? 'More field visits.' : '');
    for (let i = 0; i < 5; i += 1) await answered('TR', 'female', 3);
    for (let i = 0; i < 5; i += 1) await answered('EG', 'male', 4);
    await answered('SN', 'prefer-not-to-say', 1, 'A single voice from Senegal.');
    staffId = (await makeAccount(database.db, { role: 'staff', country: null })).id;
  });

  it('shows the response rate, five SVG rating charts, and breakdowns with no group under 5', async () => {
    const context = await signedIn('staff', staffId, 1280);
    const page = await context.newPage();
    // From the course's roster page, as staff would go.
    await page.goto(`${baseUrl}/en/staff/courses/${course.slug}/`);
    await page.getByRole('link', { name: 'Course evaluation' }).click();
    await page.waitForLoadState();
    expect(new URL(page.url()).pathname).toBe(`/en/staff/courses/${course.slug}/evaluation/`);
    expect(await page.locator('figure.rating-chart').count()).toBe(5);
    expect(await page.locator('figure.rating-chart svg rect.rating-chart__fill').count()).toBe(25);
    const text = (await page.locator('main').textContent()) ?? '';
    expect(text).toMatch(/18 responses from \d+ participants who attended/);
    expect(text).toContain('More field visits.');
    // The single Senegalese answer counts in the totals, but Senegal is never a group of its own.
    const byCountry = page.getByRole('region', { name: 'By country' });
    const groups = await byCountry.locator('tbody th').allTextContents();
    expect(groups).not.toContain('Senegal');
    expect(groups).toContain('Other');
    for (const size of await byCountry.locator('tbody tr td:first-of-type').allTextContents()) expect(Number(size)).toBeGreaterThanOrEqual(5);
    // No JavaScript is needed: the page carries no script of its own.
    expect(await page.locator('main script').count()).toBe(0);
    expect(await wcagViolations(page)).toEqual([]);
    await page.screenshot({ path: `${shots}staff-en-1280.png`, fullPage: true });
    await context.close();

    const csv = await (await fetch(`${baseUrl}/en/staff/courses/${course.slug}/evaluation.csv`, { headers: { cookie: (await sessionCookie(database.db, { id: staffId, role: 'staff' })).cookie } })).text();
    expect(csv.split('\r\n')[1]).toContain('"All responses"');
    expect(csv).toContain('"Azerbaijan"');
    expect(csv).not.toContain('Senegal');
    expect(csv).not.toContain('A single voice');
  });

  it('is valid HTML with its charts, in English and Arabic, as is the form', async () => {
    const staff = (await sessionCookie(database.db, { id: staffId, role: 'staff' })).cookie;
    const attendee = (await sessionCookie(database.db, { id: (await participant('KW', 'attended')).id, role: 'participant' })).cookie;
    for (const lang of ['en', 'ar']) {
      expect(await htmlProblems(`/${lang}/staff/courses/${course.slug}/evaluation/`, staff)).toEqual([]);
      expect(await htmlProblems(`/${lang}/account/evaluations/${course.slug}/`, attendee)).toEqual([]);
    }
  });

  it('draws the bars from the right in Arabic', async () => {
    for (const width of [390, 1280]) {
      const context = await signedIn('staff', staffId, width);
      const page = await context.newPage();
      await page.goto(`${baseUrl}/ar/staff/courses/${course.slug}/evaluation/`);
      // The overall rating's "5" bar is the longest: it starts right of 0 and ends at 100.
      const bar = page.locator('#rating-overall-title').locator('xpath=..').locator('rect.rating-chart__fill').first();
      const x = Number(await bar.getAttribute('x'));
      const w = Number(await bar.getAttribute('width'));
      expect(x + w).toBeCloseTo(100, 5);
      expect(x).toBeGreaterThanOrEqual(0);
      await page.screenshot({ path: `${shots}staff-ar-${width}.png`, fullPage: true });
      if (width === 390) expect(await wcagViolations(page)).toEqual([]);
      await context.close();
    }
    const context = await signedIn('staff', staffId, 390);
    const page = await context.newPage();
    await page.goto(`${baseUrl}/en/staff/courses/${course.slug}/evaluation/`);
    await page.screenshot({ path: `${shots}staff-en-390.png`, fullPage: true });
    await context.close();
  });

  it('a focal point sees their country from 5 responses, and a plain message below that', async () => {
    const az = await makeAccount(database.db, { role: 'focal-point', country: 'AZ' });
    const sn = await makeAccount(database.db, { role: 'focal-point', country: 'SN' });
    const get = async (id: string) =>
      new SiteClient(baseUrl, { cookie: (await sessionCookie(database.db, { id, role: 'focal-point' })).cookie }).get(`/en/focal-point/evaluations/${course.slug}/`);
    const home = await new SiteClient(baseUrl, { cookie: (await sessionCookie(database.db, { id: az.id, role: 'focal-point' })).cookie }).get('/en/focal-point/');
    expect(home.text).toContain('href="/en/focal-point/evaluations/"');
    const own = await get(az.id);
    expect(own.status).toBe(200);
    expect(own.text).toContain('6 responses from 6 participants who attended');
    expect(own.text).toContain('More field visits.');
    expect(own.text).not.toContain('A single voice');
    expect(own.text).not.toContain('By country');
    const few = await get(sn.id);
    expect(few.status).toBe(200);
    expect(few.text).toContain('Fewer than 5 participants from your country have answered');
    expect(few.text).not.toContain('A single voice');
    expect(few.text).not.toContain('<figure');
    // Their list names the course by attendance, whether or not anyone answered.
    const list = await new SiteClient(baseUrl, { cookie: (await sessionCookie(database.db, { id: sn.id, role: 'focal-point' })).cookie }).get('/en/focal-point/evaluations/');
    expect(list.text).toContain(`/en/focal-point/evaluations/${course.slug}/`);
  });
});
