import { readdirSync, readFileSync } from 'node:fs';
import { eq } from 'drizzle-orm';
import { HtmlValidate, type ConfigData } from 'html-validate';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { parse as parseYaml } from 'yaml';
import { users } from '#db/schema.ts';
import { zonedTimeToUtc } from '#lib/calendar.ts';
import { certificateLinks } from '#lib/content/course-extras.ts';
import { ar } from '#lib/i18n/dictionaries/ar.ts';
import { moveApplication, submitApplication, type Actor } from '#lib/server/applications.ts';
import type { CourseOffering } from '#lib/course-rules.ts';
import { newDocumentCode } from '#lib/server/certificates.ts';
import { openDatabase, type OpenDatabase } from '#lib/server/database.ts';
import { currentCode, makeAccount, type TestAccount } from '#support/accounts.ts';
import { wcagViolations } from '#support/axe.ts';
import { launchChromium } from '#support/browser.ts';
import { courseFromContent, decodeEntities, sessionCookie, SiteClient } from '#support/http.ts';
import { waitForMail } from '#support/mailbox.ts';

/**
 * Issue 11, from seat to certificate, in Arabic: accepted with joining instructions and the
 * calendar file by mail (real SMTP), the letter of acceptance, completion, the certificate mail,
 * the certificate printed by Chromium, verification, and revocation.
 */

const baseUrl = inject('baseUrl');
const mailDir = inject('mailDir');

interface CourseFile {
  slug: string;
  data: Record<string, unknown> & { joining?: { ar?: string }; timeZone?: string; dailyHours?: { from: string; to: string }; title: { en: string; ar?: string } };
}

/** An in-person or hybrid course whose applications are open today, read from its data file. */
function openInPersonCourse(): CourseFile {
  const now = new Date();
  for (const file of readdirSync(new URL('../../content/courses/', import.meta.url)).filter((f) => f.endsWith('.yaml')).sort()) {
    const slug = file.replace(/\.yaml$/, '');
    const data = parseYaml(readFileSync(new URL(`../../content/courses/${file}`, import.meta.url), 'utf8')) as CourseFile['data'];
    const course = courseFromContent(slug);
    if (data.mode !== 'online' && !course.eligibleCountries && course.applicationsOpen <= now && now <= course.applicationDeadline) return { slug, data };
  }
  throw new Error('no in-person or hybrid sample course is open for applications today: move the dates in content/courses/');
}

let browser: Browser;
let database: OpenDatabase;
let course: CourseFile;
let offering: CourseOffering;
let participant: TestAccount;
let staff: TestAccount;
let staffClient: SiteClient;
let applicationId: number;
const fullName = `مريم العبدالله ${[...String(Date.now()).slice(-5)].map((d) => 'ابتثجحخدذر'[Number(d)]).join('')}`;

beforeAll(async () => {
  browser = await launchChromium();
  database = await openDatabase({ url: inject('databaseUrl') });
  course = openInPersonCourse();
  offering = courseFromContent(course.slug);
  participant = await makeAccount(database.db, { role: 'participant', country: 'JO', language: 'ar' });
  await database.db.update(users).set({ fullName }).where(eq(users.id, participant.id));
  staff = await makeAccount(database.db, { role: 'staff', country: null });
  staffClient = new SiteClient(baseUrl, { cookie: (await sessionCookie(database.db, { id: staff.id, role: 'staff' })).cookie });
  const focalPoint = await makeAccount(database.db, { role: 'focal-point', country: 'JO' });
  const applicant: Actor = { id: participant.id, role: 'participant', country: 'JO' };
  const submitted = await submitApplication(database.client, { applicant, course: offering, motivation: 'أقود إعادة تصميم مراكز الخدمة.' });
  if (!submitted.ok) throw new Error(`could not apply: ${submitted.refusal}`);
  applicationId = submitted.value.id;
  const endorsed = await moveApplication(database.client, { actor: { id: focalPoint.id, role: 'focal-point', country: 'JO' }, applicationId, to: 'endorsed', course: offering });
  if (!endorsed.ok) throw new Error(`could not endorse: ${endorsed.refusal}`);
});
afterAll(async () => {
  await browser?.close();
  database?.client.close();
});

async function signIn(page: Page, account: TestAccount): Promise<void> {
  await page.goto(`${baseUrl}/ar/account/sign-in/`);
  await page.locator('#field-email').fill(account.email);
  await page.locator('#field-password').fill(account.password);
  await page.locator('form.form button[type="submit"]').click();
  if (account.totpKey) {
    await page.waitForURL('**/account/two-factor/');
    await page.locator('#field-code').fill(currentCode(account.totpKey));
    await page.locator('form.form button[type="submit"]').first().click();
  }
  await page.waitForLoadState('networkidle');
}

describe('an Arabic participant from acceptance to a verified, then revoked, certificate', () => {
  let letterCode: string;
  let certificateCode: string;
  let page: Page;

  it('is accepted by staff and gets the joining instructions and the calendar file by mail', async () => {
    // Endorsed, not yet accepted: no joining instructions, no letter.
    const own = new SiteClient(baseUrl, { cookie: (await sessionCookie(database.db, { id: participant.id, role: 'participant' })).cookie });
    const waiting = decodeEntities((await own.get('/ar/account/')).text);
    expect(waiting).toContain(fullName.split(' ')[0]);
    expect(waiting).not.toContain(course.data.joining!.ar!);
    expect((await own.get(`/ar/account/letters/${applicationId}/`)).status).toBe(404);
    const accepted = await staffClient.post(`/ar/staff/courses/${course.slug}/`, { applicationId: String(applicationId), to: 'accepted' });
    expect(accepted.status).toBe(200);
    const mail = await waitForMail(mailDir, participant.email, 1);
    expect(mail.language).toBe('ar');
    expect(mail.text).toContain(course.data.joining?.ar);
    expect(mail.text).toContain('course.ics');
    // A course held in person: the mail says where to print the letter of acceptance.
    expect(mail.text).toContain('خطاب قبول');
    const ics = mail.attachments.find((file) => file.filename === 'course.ics');
    expect(ics?.contentType).toMatch(/^text\/calendar/);
    expect(ics?.content).toContain('BEGIN:VCALENDAR');
    expect(ics?.content.replace(/\r?\n[ \t]/g, '')).toContain(course.data.title.ar);
    expect(ics?.content.replace(/\r?\n[ \t]/g, '')).toContain(`URL:${baseUrl}/ar/courses/${course.slug}/`);
    // The first day's session starts at its local hour in the venue's time zone, written in UTC.
    const firstStart = zonedTimeToUtc(offering.start, course.data.dailyHours!.from, course.data.timeZone!);
    expect(ics?.content).toContain(`DTSTART:${firstStart.toISOString().replace(/[-:]/g, '').slice(0, 15)}Z`);
  });

  it('sees the joining instructions on the account page, and only once accepted', async () => {
    page = await (await browser.newContext()).newPage();
    await signIn(page, participant);
    await page.goto(`${baseUrl}/ar/account/`);
    expect(await page.locator('html').getAttribute('dir')).toBe('rtl');
    const before = page.locator('.before-course');
    await expect(before.textContent()).resolves.toContain(course.data.joining?.ar);
    expect(await wcagViolations(page)).toEqual([]);
    const calendar = await fetch(`${baseUrl}/ar/courses/${course.slug}/course.ics`);
    expect(calendar.status).toBe(200);
    expect(calendar.headers.get('content-type')).toMatch(/^text\/calendar/);
  });

  it('opens the letter of acceptance, whose code verifies as a letter', async () => {
    await page.locator('.before-course a[href*="/account/letters/"]').click();
    await page.waitForLoadState('networkidle');
    await expect(page.locator('h1').textContent()).resolves.toBe(ar['letters.title']);
    await expect(page.locator('.document').textContent()).resolves.toContain(fullName);
    letterCode = (await page.locator('.document__code').textContent())!.trim();
    expect(letterCode).toMatch(/^[A-Z2-7]{16}$/);
    expect(await page.locator('.document__qr svg').count()).toBe(1);
    expect(await wcagViolations(page)).toEqual([]);
    const verified = decodeEntities(await (await fetch(`${baseUrl}/ar/verify/${letterCode}/`)).text());
    expect(verified).toContain(ar['verify.letterValid']);
    expect(verified).toContain(fullName);
  });

  it('completes the course and receives the certificate mail in Arabic with its link', async () => {
    // The sample course starts in the future; its completion is recorded as if it had begun yesterday.
    const begun: CourseOffering = { ...offering, start: new Date(Date.now() - 86_400_000) };
    const actor: Actor = { id: staff.id, role: 'staff', country: null };
    expect((await moveApplication(database.client, { actor, applicationId, to: 'attended', course: begun })).ok).toBe(true);
    certificateCode = newDocumentCode();
    const completed = await moveApplication(database.client, {
      actor,
      applicationId,
      to: 'completed',
      course: begun,
      certificateCode,
      mail: { applicant: { kind: 'completed', values: { courseTitle: course.data.title, link: certificateLinks(certificateCode, baseUrl) } } },
    });
    expect(completed.ok).toBe(true);
    const mail = await waitForMail(mailDir, participant.email, 2);
    expect(mail.language).toBe('ar');
    expect(mail.subject).toContain(course.data.title.ar);
    expect(mail.links).toContain(`${baseUrl}/ar/account/certificates/${certificateCode}/`);
  });

  it('opens the certificate from the mail and prints it to PDF with Chromium', async () => {
    await page.goto(`${baseUrl}/ar/account/`);
    await expect(page.locator('.my-certificates').textContent()).resolves.toContain(certificateCode);
    await page.goto(`${baseUrl}/ar/account/certificates/${certificateCode}/`);
    await expect(page.locator('.document__name').textContent()).resolves.toBe(fullName);
    await expect(page.locator('.document__code').textContent()).resolves.toContain(certificateCode);
    await expect(page.locator('.document').textContent()).resolves.toContain(course.data.title.ar);
    await expect(page.locator('.document').textContent()).resolves.toContain(`/verify/${certificateCode}`);
    expect(await wcagViolations(page)).toEqual([]);

    await page.emulateMedia({ media: 'print' });
    // On paper: the certificate with the name and code, without the site's chrome or the print tools.
    expect(await page.locator('.site-header').isVisible()).toBe(false);
    expect(await page.locator('.document-tools').first().isVisible()).toBe(false);
    const printed = await page.locator('.document').innerText();
    expect(printed).toContain(fullName);
    expect(printed).toContain(certificateCode);
    const pdf = await page.pdf({ preferCSSPageSize: true, printBackground: true });
    expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    expect(pdf.length).toBeGreaterThan(5_000);
    // Chromium compresses the text, but the page size stays readable: A4 landscape, 842 × 595 pt, one page.
    const boxes = [...pdf.toString('latin1').matchAll(/\/MediaBox\s*\[\s*0\s+0\s+([\d.]+)\s+([\d.]+)\s*\]/g)].map((m) => [Math.round(Number(m[1])), Math.round(Number(m[2]))]);
    expect(boxes.length).toBe(1);
    expect(boxes[0]![0]).toBeGreaterThanOrEqual(841);
    expect(boxes[0]![0]).toBeLessThanOrEqual(843);
    expect(boxes[0]![1]).toBeGreaterThanOrEqual(594);
    expect(boxes[0]![1]).toBeLessThanOrEqual(597);
    await page.emulateMedia({ media: 'screen' });
  });

  it('verifies the certificate: holder, course, date of completion and status', async () => {
    await page.goto(`${baseUrl}/ar/verify/${certificateCode}/`);
    expect(await wcagViolations(page)).toEqual([]);
    const verified = decodeEntities(await (await fetch(`${baseUrl}/ar/verify/${certificateCode}/`)).text());
    expect(verified).toContain(ar['verify.valid']);
    expect(verified).toContain(fullName);
    expect(verified).toContain(course.data.title.ar);
    expect(verified).toContain(ar['verify.statusValid']);
    // The short address printed on the certificate leads there.
    const short = await fetch(`${baseUrl}/verify/${certificateCode}`, { redirect: 'manual', headers: { 'Accept-Language': 'ar' } });
    expect(short.headers.get('location')).toBe(`/ar/verify/${certificateCode}/`);
  });

  it('is revoked by staff with a reason; verification then says so, with the date', async () => {
    const officer = await (await browser.newContext()).newPage();
    await signIn(officer, staff);
    await officer.goto(`${baseUrl}/ar/staff/courses/${course.slug}/?country=JO`);
    await officer.locator(`a[href$="/staff/certificates/${certificateCode}/"]`).click();
    await officer.waitForLoadState('networkidle');
    expect(await wcagViolations(officer)).toEqual([]);
    // No reason: refused beside the field, nothing revoked.
    await officer.locator('form.form button[type="submit"]').click();
    await officer.waitForLoadState('networkidle');
    await expect(officer.locator('.field--error').count()).resolves.toBe(1);
    expect(decodeEntities(await (await fetch(`${baseUrl}/ar/verify/${certificateCode}/`)).text())).toContain(ar['verify.valid']);
    expect(await wcagViolations(officer)).toEqual([]);
    await officer.locator('#field-reason').fill('صدرت عن طريق الخطأ');
    const revoking = new Date();
    await officer.locator('form.form button[type="submit"]').click();
    await officer.waitForLoadState('networkidle');
    await expect(officer.locator('.notice').first().textContent()).resolves.toBe(ar['staffCertificates.revoked']);
    await officer.context().close();

    const verified = decodeEntities(await (await fetch(`${baseUrl}/ar/verify/${certificateCode}/`)).text());
    expect(verified).not.toContain(ar['verify.valid']);
    // The day the revocation was made, whichever side of midnight (UTC) the click fell.
    const days = [revoking, new Date()].map((moment) => ar['verify.revokedOn'].replace('{date}', new Intl.DateTimeFormat('ar-u-nu-latn', { dateStyle: 'long', timeZone: 'UTC' }).format(moment)));
    expect(days.some((day) => verified.includes(day)), days.join(' / ')).toBe(true);
    const audit = await database.client.execute({ sql: "select reason from audit_log where action = 'certificate.revoke' and detail = ?", args: [certificateCode] });
    expect(audit.rows.map((row) => row.reason)).toEqual(['صدرت عن طريق الخطأ']);
    await page.context().close();
  });

  it('lists the certificate, revoked, in the roster CSV and the personal-data export', async () => {
    const csv = (await staffClient.get(`/en/staff/courses/${course.slug}/roster.csv?country=JO`)).text;
    expect(csv.split('\n').find((line) => line.includes(fullName))).toContain(certificateCode);
    const own = new SiteClient(baseUrl, { cookie: (await sessionCookie(database.db, { id: participant.id, role: 'participant' })).cookie });
    const data = JSON.parse((await own.get('/en/account/data.json')).text) as { certificates: { code: string; revokedAt: string | null }[]; letters: { code: string }[] };
    expect(data.certificates).toEqual([expect.objectContaining({ code: certificateCode, revokedAt: expect.any(String) })]);
    expect(data.letters).toEqual([expect.objectContaining({ code: letterCode })]);
  });

  it('sends valid HTML on every new page (html-validate)', async () => {
    const validator = new HtmlValidate(JSON.parse(readFileSync(new URL('../../.htmlvalidate.json', import.meta.url), 'utf8')) as ConfigData);
    const own = new SiteClient(baseUrl, { cookie: (await sessionCookie(database.db, { id: participant.id, role: 'participant' })).cookie });
    const pages: [SiteClient, string][] = [
      [own, '/ar/account/'],
      [own, `/ar/account/certificates/${certificateCode}/`],
      [own, `/ar/account/letters/${applicationId}/`],
      [own, `/en/account/certificates/${certificateCode}/`],
      [staffClient, `/ar/staff/certificates/${certificateCode}/`],
      [new SiteClient(baseUrl), `/ar/verify/${certificateCode}/`],
      [new SiteClient(baseUrl), `/en/verify/${letterCode}/`],
    ];
    for (const [client, path] of pages) {
      const response = await client.get(path);
      expect(response.status, path).toBe(200);
      const report = await validator.validateString(response.text, path);
      expect(report.results.flatMap((r) => r.messages.map((m) => `${path} ${m.line}:${m.column} ${m.ruleId}: ${m.message}`))).toEqual([]);
    }
  });
});

describe('document addresses fed hostile input', () => {
  const junk = ['%27%20OR%201%3D1%20--', 'AAAAAAAAAAAAAAAA', 'a'.repeat(70), '%00', '..%2F..%2Fetc%2Fpasswd', '%3Cscript%3E', 'constructor', '__proto__', '-1', '0', '99999999999999999999'];
  it.each(junk)('answers %s with 404, never 5xx', async (value) => {
    const own = new SiteClient(baseUrl, { cookie: (await sessionCookie(database.db, { id: participant.id, role: 'participant' })).cookie });
    for (const path of [`/en/account/certificates/${value}/`, `/en/account/letters/${value}/`]) expect((await own.get(path)).status, path).toBe(404);
    expect((await staffClient.get(`/en/staff/certificates/${value}/`)).status).toBe(404);
    expect((await new SiteClient(baseUrl).get(`/en/verify/${value}/`)).status).toBe(404);
  });

  it('refuses an over-long or control-character reason for revoking with 422, naming the field', async () => {
    // A certificate of its own to aim at, never revoked by these attempts.
    const code = await certificateOfOwn();
    for (const reason of ['r'.repeat(501), '\u0000', '   ', '']) {
      const response = await staffClient.post(`/en/staff/certificates/${code}/`, { reason });
      expect(response.status, JSON.stringify(reason)).toBe(422);
      expect(response.text).toContain('field-reason');
    }
    expect(decodeEntities((await new SiteClient(baseUrl).get(`/en/verify/${code}/`)).text)).toContain('This certificate is genuine.');
  });
});

/** A completed application of a new participant on the latest-starting course, and its certificate code. */
async function certificateOfOwn(): Promise<string> {
  const someone = await makeAccount(database.db, { role: 'participant', country: 'KW' });
  const focal = await makeAccount(database.db, { role: 'focal-point', country: 'KW' });
  const target = courseFromContent(course.slug);
  const applicant: Actor = { id: someone.id, role: 'participant', country: 'KW' };
  const submitted = await submitApplication(database.client, { applicant, course: target, motivation: 'x' });
  if (!submitted.ok) throw new Error(submitted.refusal);
  const begun: CourseOffering = { ...target, start: new Date(Date.now() - 86_400_000) };
  const steps: [Actor, 'endorsed' | 'accepted' | 'attended' | 'completed'][] = [
    [{ id: focal.id, role: 'focal-point', country: 'KW' }, 'endorsed'],
    [{ id: staff.id, role: 'staff', country: null }, 'accepted'],
    [{ id: staff.id, role: 'staff', country: null }, 'attended'],
    [{ id: staff.id, role: 'staff', country: null }, 'completed'],
  ];
  const code = newDocumentCode();
  for (const [actor, to] of steps) {
    const moved = await moveApplication(database.client, { actor, applicationId: submitted.value.id, to, course: to === 'endorsed' || to === 'accepted' ? target : begun, certificateCode: code });
    if (!moved.ok) throw new Error(`${to}: ${moved.refusal}`);
  }
  return code;
}
