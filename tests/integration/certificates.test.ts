import { eq } from 'drizzle-orm';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { users } from '#db/schema.ts';
import { courseCalendar, zonedTimeToUtc } from '#lib/calendar.ts';
import { personalData } from '#lib/server/accounts.ts';
import { moveApplication, submitApplication, type Actor } from '#lib/server/applications.ts';
import type { CourseOffering } from '#lib/course-rules.ts';
import {
  findCertificate,
  issueLetter,
  listCertificates,
  newDocumentCode,
  normalizeCode,
  revokeCertificate,
  verifyCode,
} from '#lib/server/certificates.ts';
import type { OutgoingEmail } from '#lib/server/mailer.ts';
import { deliverDue } from '#lib/server/outbox.ts';
import { createTestDatabase, type TestDatabase } from '#support/database.ts';
import { addPerson, duringApplications, duringCourse, sampleCourse } from '#support/people.ts';

let database: TestDatabase;
let staff: Actor;
let focalPoint: Actor;

beforeEach(async () => {
  database = await createTestDatabase();
  staff = await addPerson(database.db, 'staff', null);
  focalPoint = await addPerson(database.db, 'focal-point', 'MA');
});
afterEach(() => database.cleanup());

async function move(actor: Actor, applicationId: number, to: 'endorsed' | 'accepted' | 'attended' | 'completed' | 'withdrawn', course: CourseOffering, now: Date, extra: Partial<Parameters<typeof moveApplication>[1]> = {}) {
  const moved = await moveApplication(database.client, { actor, applicationId, to, course, now, ...extra });
  if (!moved.ok) throw new Error(`${to}: ${moved.refusal}`);
  return moved.value;
}

/** A participant from Morocco, accepted into `course`. */
async function acceptedParticipant(course: CourseOffering, language: 'en' | 'fr' | 'ar' = 'en') {
  const participant = await addPerson(database.db, 'participant', 'MA');
  await database.db.update(users).set({ preferredLanguage: language, fullName: 'فاطمة الزهراء بنعلي' }).where(eq(users.id, participant.id));
  const submitted = await submitApplication(database.client, { applicant: participant, course, motivation: 'x', now: duringApplications });
  if (!submitted.ok) throw new Error(submitted.refusal);
  await move(focalPoint, submitted.value.id, 'endorsed', course, duringApplications);
  await move(staff, submitted.value.id, 'accepted', course, duringApplications);
  return { participant, applicationId: submitted.value.id };
}

/** Completes the application with the certificate code and mail chosen beforehand, as handleMove does. */
async function complete(course: CourseOffering, applicationId: number): Promise<string> {
  await move(staff, applicationId, 'attended', course, duringCourse);
  const code = newDocumentCode();
  const links = { en: `https://x.example/en/account/certificates/${code}/`, fr: `https://x.example/fr/account/certificates/${code}/`, ar: `https://x.example/ar/account/certificates/${code}/` };
  await move(staff, applicationId, 'completed', course, duringCourse, {
    certificateCode: code,
    mail: { applicant: { kind: 'completed', values: { courseTitle: { en: 'Service centres', ar: 'مراكز الخدمات' }, link: links } } },
  });
  return code;
}

async function sent(now: Date): Promise<OutgoingEmail[]> {
  const mails: OutgoingEmail[] = [];
  await deliverDue(database.client, async (email) => void mails.push(email), { now: () => now });
  return mails;
}

describe('certificates', () => {
  it('are listed for their holder only, and the completion mail links to the certificate in the holder’s language', async () => {
    const course = sampleCourse();
    const { participant, applicationId } = await acceptedParticipant(course, 'ar');
    const other = await addPerson(database.db, 'participant', 'MA');
    const code = await complete(course, applicationId);

    const listed = await listCertificates(database.client, participant.id);
    expect(listed.map((c) => [c.code, c.courseSlug, c.fullName])).toEqual([[code, course.slug, 'فاطمة الزهراء بنعلي']]);
    expect(await listCertificates(database.client, other.id)).toEqual([]);
    expect(await findCertificate(database.client, code.toLowerCase(), participant.id)).toMatchObject({ code });
    expect(await findCertificate(database.client, code, other.id)).toBeNull();

    const completion = (await sent(duringCourse)).find((mail) => mail.text.includes('/account/certificates/'));
    expect(completion?.language).toBe('ar');
    expect(completion?.text.split('\n')).toContain(`https://x.example/ar/account/certificates/${code}/`);
    expect(completion?.subject).toContain('مراكز الخدمات');
  });

  it('writes no certificate and no mail when the completion is refused', async () => {
    const course = sampleCourse();
    const { applicationId } = await acceptedParticipant(course);
    // Not attended yet: the state machine refuses, and the batch writes nothing.
    const refused = await moveApplication(database.client, {
      actor: staff,
      applicationId,
      to: 'completed',
      course,
      now: duringCourse,
      certificateCode: newDocumentCode(),
      mail: { applicant: { kind: 'completed', values: { link: 'https://x.example/en/account/certificates/X/' } } },
    });
    expect(refused.ok).toBe(false);
    expect((await database.client.execute('select count(*) as n from certificates')).rows[0]?.n).toBe(0);
    expect((await database.client.execute("select count(*) as n from outbox where kind = 'completed'")).rows[0]?.n).toBe(0);
  });

  it('are revoked by staff with a reason, once, audited in the same batch; verification then gives the date', async () => {
    const course = sampleCourse();
    const { participant, applicationId } = await acceptedParticipant(course);
    const code = await complete(course, applicationId);
    expect(await verifyCode(database.client, code)).toMatchObject({ kind: 'certificate', certificate: { code, revokedAt: null } });

    expect(await revokeCertificate(database.client, { actor: participant, code, reason: 'mine' })).toEqual({ ok: false, refusal: 'not-found' });
    expect(await revokeCertificate(database.client, { actor: staff, code, reason: '   ' })).toEqual({ ok: false, refusal: 'reason-required' });
    const revokedAt = new Date('2027-04-02T10:00:00Z');
    const revoked = await revokeCertificate(database.client, { actor: staff, code, reason: 'Issued in error', now: revokedAt });
    expect(revoked.ok).toBe(true);
    expect(await revokeCertificate(database.client, { actor: staff, code, reason: 'again' })).toEqual({ ok: false, refusal: 'already-revoked' });

    const checked = await verifyCode(database.client, code);
    expect(checked?.kind === 'certificate' && checked.certificate.revokedAt?.toISOString()).toBe(revokedAt.toISOString());
    const audit = await database.client.execute({ sql: "select actor_id, reason, detail from audit_log where action = 'certificate.revoke'", args: [] });
    expect(audit.rows.map((row) => [row.actor_id, row.reason, row.detail])).toEqual([[staff.id, 'Issued in error', code]]);
  });

  it('are unknown to verification under a wrong code of the same shape', async () => {
    const course = sampleCourse();
    const { applicationId } = await acceptedParticipant(course);
    const code = await complete(course, applicationId);
    const wrong = `${code.slice(0, -1)}${code.endsWith('A') ? 'B' : 'A'}`;
    expect(await verifyCode(database.client, wrong)).toBeNull();
    expect(await verifyCode(database.client, `${code}' or 1=1 --`)).toBeNull();
    expect(normalizeCode(' abcd efgh ijkl mnop ')).toBe('ABCDEFGHIJKLMNOP');
    expect(normalizeCode('ABCDEFGHIJKLMNO1')).toBeNull();
  });
});

describe('letters of acceptance', () => {
  it('are issued once to the accepted participant, verify while they hold the seat, and lapse when they withdraw', async () => {
    const course = sampleCourse();
    const { participant, applicationId } = await acceptedParticipant(course);
    const stranger = await addPerson(database.db, 'participant', 'MA');

    const letter = await issueLetter(database.client, { ownerId: participant.id, applicationId });
    expect(letter?.code).toMatch(/^[A-Z2-7]{16}$/);
    expect((await issueLetter(database.client, { ownerId: participant.id, applicationId }))?.code).toBe(letter?.code);
    expect(await issueLetter(database.client, { ownerId: stranger.id, applicationId })).toBeNull();
    expect(await verifyCode(database.client, letter!.code)).toMatchObject({ kind: 'letter', valid: true, letter: { fullName: 'فاطمة الزهراء بنعلي', country: 'MA' } });

    await move(participant, applicationId, 'withdrawn', course, duringApplications);
    expect(await verifyCode(database.client, letter!.code)).toMatchObject({ kind: 'letter', valid: false });
    expect(await issueLetter(database.client, { ownerId: participant.id, applicationId })).toBeNull();
  });

  it('are not issued before acceptance', async () => {
    const course = sampleCourse();
    const participant = await addPerson(database.db, 'participant', 'MA');
    const submitted = await submitApplication(database.client, { applicant: participant, course, motivation: 'x', now: duringApplications });
    expect(submitted.ok && (await issueLetter(database.client, { ownerId: participant.id, applicationId: submitted.value.id }))).toBeNull();
    expect((await database.client.execute('select count(*) as n from letters')).rows[0]?.n).toBe(0);
  });
});

describe('the personal-data export', () => {
  it('includes the person’s certificates (with revocation) and letters', async () => {
    const course = sampleCourse();
    const { participant, applicationId } = await acceptedParticipant(course);
    const letter = await issueLetter(database.client, { ownerId: participant.id, applicationId });
    const code = await complete(course, applicationId);
    await revokeCertificate(database.client, { actor: staff, code, reason: 'Issued in error' });
    const data = JSON.parse(JSON.stringify(await personalData(database.db, participant.id))) as Record<string, Array<Record<string, unknown>>>;
    expect(data.certificates).toEqual([expect.objectContaining({ code, course: course.slug, revokedReason: 'Issued in error' })]);
    expect(data.certificates?.[0]?.revokedAt).toEqual(expect.any(String));
    expect(data.letters).toEqual([expect.objectContaining({ code: letter?.code, course: course.slug })]);
  });
});

describe('calendar files', () => {
  const base = { slug: 'sample', title: 'Service centres', description: 'A course.', url: 'https://x.example/en/courses/sample/' };
  const day = (iso: string): Date => new Date(`${iso}T00:00:00Z`);

  it('give each day of an in-person course its local hours in the venue’s time zone, as UTC', () => {
    const ics = courseCalendar({ ...base, start: day('2027-04-12'), end: day('2027-04-16'), timeZone: 'Asia/Baku', dailyHours: { from: '09:00', to: '17:00' }, location: 'Baku, Azerbaijan' });
    const starts = [...ics.matchAll(/^DTSTART:(\S+)/gm)].map((m) => m[1]);
    // Baku is UTC+4 all year: 09:00 there is 05:00 UTC.
    expect(starts).toEqual(['20270412T050000Z', '20270413T050000Z', '20270414T050000Z', '20270415T050000Z', '20270416T050000Z']);
    expect(ics).toContain('DTEND:20270412T130000Z');
    expect(ics).toContain('LOCATION:Baku\\, Azerbaijan');
    expect(ics).toContain('BEGIN:VCALENDAR');
    expect(new Set([...ics.matchAll(/^UID:(\S+)/gm)].map((m) => m[1])).size).toBe(5);
  });

  it('keep the local hours across a daylight-saving change', () => {
    // Europe/Istanbul has no DST; Europe/London changes on 28 March 2027.
    const ics = courseCalendar({ ...base, start: day('2027-03-26'), end: day('2027-03-29'), timeZone: 'Europe/London', dailyHours: { from: '09:00', to: '17:00' } });
    const starts = [...ics.matchAll(/^DTSTART:(\S+)/gm)].map((m) => m[1]);
    expect(starts).toEqual(['20270326T090000Z', '20270327T090000Z', '20270328T080000Z', '20270329T080000Z']);
    expect(zonedTimeToUtc(day('2027-06-01'), '09:30', 'Africa/Dakar').toISOString()).toBe('2027-06-01T09:30:00.000Z');
  });

  it('make an online course without hours one all-day event, the end date exclusive', () => {
    const ics = courseCalendar({ ...base, start: day('2027-06-07'), end: day('2027-06-11') });
    expect(ics).toMatch(/^DTSTART;VALUE=DATE:20270607/m);
    expect(ics).toMatch(/^DTEND;VALUE=DATE:20270612/m);
    expect(ics.match(/BEGIN:VEVENT/g)).toHaveLength(1);
  });
});
