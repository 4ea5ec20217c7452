import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { moveApplication, submitApplication, type Actor } from '#lib/server/applications.ts';
import type { CourseOffering } from '#lib/course-rules.ts';
import { openDatabase, type OpenDatabase } from '#lib/server/database.ts';
import { makeAccount } from '#support/accounts.ts';
import { courseFromContent, decodeEntities, openCourse, sessionCookie, SiteClient } from '#support/http.ts';
import { mailsTo, waitForMail } from '#support/mailbox.ts';

/** Mail goes through the outbox table of the running site (issue 12). */

const baseUrl = inject('baseUrl');
const mailDir = inject('mailDir');

let database: OpenDatabase;
let course: CourseOffering;
let staff: SiteClient;

beforeAll(async () => {
  database = await openDatabase({ url: inject('databaseUrl') });
  course = courseFromContent((await openCourse(baseUrl)).slug);
  const account = await makeAccount(database.db, { role: 'staff', country: null });
  staff = new SiteClient(baseUrl, { cookie: (await sessionCookie(database.db, { id: account.id, role: 'staff' })).cookie });
});
afterAll(() => database.client.close());

async function outboxOf(recipient: string) {
  const found = await database.client.execute({ sql: 'select * from outbox where recipient = ? order by id', args: [recipient] });
  return found.rows;
}

describe('the mail outbox', () => {
  it('delivers a staff decision to the applicant through the outbox, once', async () => {
    const participant = await makeAccount(database.db, { role: 'participant', country: 'AZ' });
    const focalPoint = await makeAccount(database.db, { role: 'focal-point', country: 'AZ' });
    const applicant: Actor = { id: participant.id, role: 'participant', country: 'AZ' };
    const submitted = await submitApplication(database.client, { applicant, course, motivation: 'I run a service centre.' });
    if (!submitted.ok) throw new Error(submitted.refusal);
    await moveApplication(database.client, { actor: { id: focalPoint.id, role: 'focal-point', country: 'AZ' }, applicationId: submitted.value.id, to: 'endorsed', course });

    const response = await staff.post(`/en/staff/courses/${course.slug}/`, { applicationId: String(submitted.value.id), to: 'waitlisted' });
    expect(response.status).toBeLessThan(400);
    const rows = await outboxOf(participant.email);
    expect(rows.map((row) => row.kind)).toEqual(['waitlisted']);

    const mail = await waitForMail(mailDir, participant.email);
    expect(mail.subject).toMatch(/waiting list/i);
    await expect.poll(async () => (await outboxOf(participant.email)).map((row) => row.status), { timeout: 10_000 }).toEqual(['sent']);
    // Exactly one message, even after a few more rounds of the sender.
    await new Promise((resolve) => setTimeout(resolve, 2500));
    expect(mailsTo(mailDir, participant.email)).toHaveLength(1);
  });

  it('shows a failed message with its error to staff, who can send it again', async () => {
    const recipient = `failed-${Date.now()}@example.org`;
    const now = Date.now();
    await database.client.execute({
      sql: `insert into outbox (recipient, name, language, kind, vals, status, attempts, next_attempt_at, last_error, created_at)
            values (?, 'Fatima Bello', 'en', 'verify-email', ?, 'failed', 12, ?, '550 5.1.1 mailbox unavailable', ?)`,
      args: [recipient, JSON.stringify({ link: `${baseUrl}/en/account/verify-email/?token=x` }), now, now - 25 * 60 * 60 * 1000],
    });
    const [row] = await outboxOf(recipient);
    const id = String(row?.id);

    // Not for anyone but staff.
    const participant = await makeAccount(database.db, { role: 'participant', country: 'AZ' });
    const stranger = new SiteClient(baseUrl, { cookie: (await sessionCookie(database.db, { id: participant.id, role: 'participant' })).cookie });
    expect((await stranger.get('/en/staff/outbox/')).status).not.toBe(200);
    expect((await stranger.post('/en/staff/outbox/', { id })).status).not.toBeLessThan(400);
    expect((await outboxOf(recipient))[0]?.status).toBe('failed');

    const page = await staff.get('/en/staff/outbox/');
    expect(page.status).toBe(200);
    const listed = decodeEntities(page.text);
    expect(listed).toContain(recipient);
    expect(listed).toContain('550 5.1.1 mailbox unavailable');
    expect(page.text).toMatch(new RegExp(`data-outbox-id="${id}" data-outbox-status="failed"`));
    expect((await staff.get('/en/staff/')).text).toContain('href="/en/staff/outbox/"');

    const resent = await staff.post('/en/staff/outbox/', { id });
    expect(resent.status).toBe(303);
    expect(resent.location).toBe('/en/staff/outbox/?resent=1');
    const mail = await waitForMail(mailDir, recipient);
    expect(mail.subject).toMatch(/confirm your email/i);
    await expect.poll(async () => (await outboxOf(recipient))[0]?.status, { timeout: 10_000 }).toBe('sent');
    expect((await staff.get('/en/staff/outbox/')).text).not.toContain(`data-outbox-id="${id}"`);
    // A message that is no longer waiting or failed is not sent again.
    expect((await staff.post('/en/staff/outbox/', { id })).status).toBe(409);
  });

  it('a refused nomination mails no one and leaves no account behind', async () => {
    const focalPoint = await makeAccount(database.db, { role: 'focal-point', country: 'SN' });
    const fp = new SiteClient(baseUrl, { cookie: (await sessionCookie(database.db, { id: focalPoint.id, role: 'focal-point' })).cookie });
    // Senegal is not among the countries this course is open to.
    const closedToSenegal = '2027-tourismcab-destination-management';
    expect(courseFromContent(closedToSenegal).eligibleCountries).not.toContain('SN');
    const newcomer = `nominee-${Date.now()}@example.org`;
    const refused = await fp.post('/en/focal-point/', { action: 'nominate', courseSlug: closedToSenegal, email: newcomer, fullName: 'Awa Ndiaye', preferredLanguage: 'fr' });
    expect(refused.status).toBe(409);

    // Already applied: the participant applied on their own, then is nominated for the same course.
    const participant = await makeAccount(database.db, { role: 'participant', country: 'SN' });
    const own = await submitApplication(database.client, { applicant: { id: participant.id, role: 'participant', country: 'SN' }, course, motivation: 'Mine.' });
    expect(own.ok).toBe(true);
    const twice = await fp.post('/en/focal-point/', { action: 'nominate', courseSlug: course.slug, email: participant.email, fullName: 'Test participant SN', preferredLanguage: 'en' });
    expect(twice.status).toBe(409);

    const accounts = await database.client.execute({ sql: 'select count(*) as n from users where email = ?', args: [newcomer] });
    expect(Number(accounts.rows[0]?.n)).toBe(0);
    expect(await outboxOf(newcomer)).toEqual([]);
    expect(await outboxOf(participant.email)).toEqual([]);
    // Give the sender a few rounds: nothing arrives.
    await new Promise((resolve) => setTimeout(resolve, 2500));
    expect(mailsTo(mailDir, newcomer)).toEqual([]);
    expect(mailsTo(mailDir, participant.email)).toEqual([]);

    // The same newcomer nominated for an open course gets the account and one mail with a link.
    const nominated = await fp.post('/en/focal-point/', { action: 'nominate', courseSlug: course.slug, email: newcomer, fullName: 'Awa Ndiaye', preferredLanguage: 'fr' });
    expect(nominated.status).toBe(200);
    const mail = await waitForMail(mailDir, newcomer);
    expect(mail.language).toBe('fr');
    expect(mail.links.some((link) => link.includes('/fr/account/set-password/?token='))).toBe(true);
  });
});
