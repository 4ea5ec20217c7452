import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createAccountFor, deleteAccount, personalData } from '#lib/server/accounts.ts';
import { rankApplication, submitApplication, substituteApplicant, moveApplication, type Actor } from '#lib/server/applications.ts';
import { createTestDatabase, type TestDatabase } from '#support/database.ts';
import { addPerson, duringApplications, duringCourse, sampleCourse } from '#support/people.ts';

let database: TestDatabase;
let azFocalPoint: Actor;
let snFocalPoint: Actor;

beforeEach(async () => {
  database = await createTestDatabase();
  azFocalPoint = await addPerson(database.db, 'focal-point', 'AZ');
  snFocalPoint = await addPerson(database.db, 'focal-point', 'SN');
});
afterEach(() => database.cleanup());

const afterDeadline = new Date('2027-02-20T00:00:00Z');

describe('nominations and substitutes', () => {
  it('lets a focal point nominate after the deadline, endorsed at once, but not once the course has started', async () => {
    const course = sampleCourse();
    const nominee = await addPerson(database.db, 'participant', 'AZ');
    const nominated = await submitApplication(database.client, { applicant: nominee, course, motivation: '', nominatedBy: azFocalPoint, now: afterDeadline });
    expect(nominated.ok && nominated.value).toMatchObject({ status: 'endorsed', nominated: true });
    const late = await addPerson(database.db, 'participant', 'AZ');
    expect(await submitApplication(database.client, { applicant: late, course, motivation: '', nominatedBy: azFocalPoint, now: duringCourse })).toEqual({ ok: false, refusal: 'course-started' });
  });

  it('swaps an accepted nominee for a substitute of the same country, keeping the seat, and records it', async () => {
    const course = sampleCourse({ seats: 1 });
    const staff = await addPerson(database.db, 'staff', null);
    const first = await addPerson(database.db, 'participant', 'AZ');
    const submitted = await submitApplication(database.client, { applicant: first, course, motivation: '', nominatedBy: azFocalPoint, now: duringApplications });
    if (!submitted.ok) throw new Error(submitted.refusal);
    await moveApplication(database.client, { actor: staff, applicationId: submitted.value.id, to: 'accepted', course, now: duringApplications });

    const senegalese = await addPerson(database.db, 'participant', 'SN');
    expect(await substituteApplicant(database.client, { actor: azFocalPoint, applicationId: submitted.value.id, substitute: senegalese, course, now: duringApplications })).toEqual({ ok: false, refusal: 'not-eligible' });
    const substitute = await addPerson(database.db, 'participant', 'AZ');
    expect(await substituteApplicant(database.client, { actor: snFocalPoint, applicationId: submitted.value.id, substitute, course, now: duringApplications })).toEqual({ ok: false, refusal: 'not-found' });
    expect(await substituteApplicant(database.client, { actor: azFocalPoint, applicationId: submitted.value.id, substitute, course, now: duringCourse })).toEqual({ ok: false, refusal: 'course-started' });

    const swapped = await substituteApplicant(database.client, { actor: azFocalPoint, applicationId: submitted.value.id, substitute, course, now: duringApplications });
    expect(swapped.ok && swapped.value).toMatchObject({ userId: substitute.id, status: 'accepted' });
    const audit = await database.client.execute("select reason from audit_log where action = 'application.substitute'");
    expect(String(audit.rows[0]?.reason)).toBe(`${first.id} → ${substitute.id}`);
  });

  it('ranks only endorsed or waitlisted applications, and only for the focal point’s own country', async () => {
    const course = sampleCourse();
    const applicant = await addPerson(database.db, 'participant', 'AZ');
    const submitted = await submitApplication(database.client, { applicant, course, motivation: 'x', now: duringApplications });
    if (!submitted.ok) throw new Error(submitted.refusal);
    const id = submitted.value.id;
    expect(await rankApplication(database.client, { actor: azFocalPoint, applicationId: id, rank: 1 })).toEqual({ ok: false, refusal: 'invalid-transition' });
    await moveApplication(database.client, { actor: azFocalPoint, applicationId: id, to: 'endorsed', course, now: duringApplications });
    expect(await rankApplication(database.client, { actor: snFocalPoint, applicationId: id, rank: 1 })).toEqual({ ok: false, refusal: 'not-found' });
    const ranked = await rankApplication(database.client, { actor: azFocalPoint, applicationId: id, rank: 3 });
    expect(ranked.ok && ranked.value.rank).toBe(3);
  });
});

describe('a person’s own data', () => {
  it('exports everything but secrets, and deletion keeps the counts without the person', async () => {
    const { user } = await createAccountFor(database.db, { email: 'Amina@Example.org', fullName: 'Amina Diallo', role: 'participant', country: 'SN' });
    const applicant: Actor = { id: user.id, role: 'participant', country: 'SN' };
    const course = sampleCourse();
    await submitApplication(database.client, { applicant, course, motivation: 'I run a one-stop shop.', now: duringApplications });

    const data = await personalData(database.db, user.id);
    expect(data?.profile).toMatchObject({ email: 'amina@example.org', fullName: 'Amina Diallo' });
    expect(JSON.stringify(data)).not.toMatch(/passwordHash|totpKey|secretHash/);
    expect(data?.applications).toHaveLength(1);

    await deleteAccount(database.db, user.id);
    const left = await database.client.execute({ sql: 'select user_id, country, status, motivation from applications where course_slug = ?', args: [course.slug] });
    expect(left.rows).toEqual([expect.objectContaining({ user_id: null, country: 'SN', status: 'submitted', motivation: '' })]);
    expect((await database.client.execute({ sql: 'select count(*) as n from users where id = ?', args: [user.id] })).rows[0]?.n).toBe(0);
    expect(await personalData(database.db, user.id)).toBeNull();
  });
});
