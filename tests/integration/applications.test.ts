import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { applicationStatuses, canMove, type ApplicationStatus, type Mover } from '#lib/application-states.ts';
import { moveApplication, submitApplication, verifyCertificate, type Actor } from '#lib/server/applications.ts';
import type { CourseOffering } from '#lib/course-rules.ts';
import { ownApplication, ownApplications } from '#lib/server/rosters.ts';
import { createTestDatabase, type TestDatabase } from '#support/database.ts';
import { addPerson, duringApplications, duringCourse, sampleCourse } from '#support/people.ts';

let database: TestDatabase;
let staff: Actor;
let azFocalPoint: Actor;
let snFocalPoint: Actor;

beforeEach(async () => {
  database = await createTestDatabase();
  staff = await addPerson(database.db, 'staff', null);
  azFocalPoint = await addPerson(database.db, 'focal-point', 'AZ');
  snFocalPoint = await addPerson(database.db, 'focal-point', 'SN');
});
afterEach(() => database.cleanup());

async function apply(course: CourseOffering, country = 'AZ', now = duringApplications) {
  const applicant = await addPerson(database.db, 'participant', country);
  const result = await submitApplication(database.client, { applicant, course, motivation: 'I run a service centre.', now });
  if (!result.ok) throw new Error(`could not apply: ${result.refusal}`);
  return { applicant, application: result.value };
}

async function move(actor: Actor, applicationId: number, to: ApplicationStatus, course: CourseOffering, options: { reason?: string; now?: Date } = {}) {
  return moveApplication(database.client, { actor, applicationId, to, course, now: options.now ?? duringApplications, ...(options.reason ? { reason: options.reason } : {}) });
}

async function expectStatus(result: Awaited<ReturnType<typeof move>>, status: ApplicationStatus): Promise<void> {
  expect(result.ok ? result.value.status : result.refusal).toBe(status);
}

describe('an application from start to certificate', () => {
  it('goes submitted → endorsed → accepted → attended → completed, with a verifiable certificate and a full audit trail', async () => {
    const course = sampleCourse();
    const { application } = await apply(course);
    expect(application.status).toBe('submitted');
    await expectStatus(await move(azFocalPoint, application.id, 'endorsed', course), 'endorsed');
    await expectStatus(await move(staff, application.id, 'accepted', course), 'accepted');
    await expectStatus(await move(staff, application.id, 'attended', course, { now: duringCourse }), 'attended');
    await expectStatus(await move(staff, application.id, 'completed', course, { now: duringCourse }), 'completed');

    const issued = await database.client.execute({ sql: 'select code from certificates where application_id = ?', args: [application.id] });
    const code = String(issued.rows[0]?.code);
    const certificate = await verifyCertificate(database.client, code.toLowerCase());
    expect(certificate).toMatchObject({ code, courseSlug: course.slug, country: 'AZ' });
    expect(await verifyCertificate(database.client, 'NOT-A-CODE')).toBeNull();

    const trail = await database.client.execute({ sql: 'select actor_role, from_status, to_status from audit_log where application_id = ? order by id', args: [application.id] });
    expect(trail.rows.map((r) => [r.actor_role, r.from_status, r.to_status])).toEqual([
      ['participant', null, 'submitted'],
      ['focal-point', 'submitted', 'endorsed'],
      ['staff', 'endorsed', 'accepted'],
      ['staff', 'accepted', 'attended'],
      ['staff', 'attended', 'completed'],
    ]);
  });
});

describe('every move the state machine does not allow is refused', () => {
  const movers: Mover[] = ['applicant', 'focal-point', 'staff'];
  const refused = applicationStatuses.flatMap((from) =>
    applicationStatuses.flatMap((to) => movers.filter((mover) => !canMove(from, to, mover)).map((mover) => [from, to, mover] as const)),
  );

  it.each(refused)('%s → %s by %s', async (from, to, mover) => {
    const course = sampleCourse();
    const { applicant, application } = await apply(course);
    await database.client.execute({ sql: 'update applications set status = ? where id = ?', args: [from, application.id] });
    const actor = { applicant, 'focal-point': azFocalPoint, staff }[mover as 'applicant' | 'focal-point' | 'staff'];
    const now = to === 'attended' || to === 'completed' ? duringCourse : duringApplications;
    const result = await move(actor, application.id, to, course, { reason: 'Because.', now });
    expect(result).toEqual({ ok: false, refusal: 'invalid-transition' });
    const after = await database.client.execute({ sql: 'select status from applications where id = ?', args: [application.id] });
    expect(after.rows[0]?.status).toBe(from);
  });
});

describe('the rules around a move', () => {
  it('refuses a rejection without a reason', async () => {
    const course = sampleCourse();
    const { application } = await apply(course);
    await move(azFocalPoint, application.id, 'endorsed', course);
    expect(await move(staff, application.id, 'rejected', course)).toEqual({ ok: false, refusal: 'reason-required' });
    await expectStatus(await move(staff, application.id, 'rejected', course, { reason: 'Not in the target group.' }), 'rejected');
  });

  it('lets an applicant withdraw before the course starts, not after', async () => {
    const course = sampleCourse();
    const first = await apply(course);
    await expectStatus(await move(first.applicant, first.application.id, 'withdrawn', course), 'withdrawn');
    const second = await apply(course);
    expect(await move(second.applicant, second.application.id, 'withdrawn', course, { now: duringCourse })).toEqual({ ok: false, refusal: 'course-started' });
  });

  it('records attendance only once the course has started', async () => {
    const course = sampleCourse();
    const { application } = await apply(course);
    await move(azFocalPoint, application.id, 'endorsed', course);
    await move(staff, application.id, 'accepted', course);
    expect(await move(staff, application.id, 'attended', course)).toEqual({ ok: false, refusal: 'course-not-started' });
  });

  it('hides another country’s application from a focal point, even by its number', async () => {
    const course = sampleCourse();
    const { application } = await apply(course, 'AZ');
    expect(await move(snFocalPoint, application.id, 'endorsed', course)).toEqual({ ok: false, refusal: 'not-found' });
    const stranger = await addPerson(database.db, 'participant', 'AZ');
    expect(await move(stranger, application.id, 'withdrawn', course)).toEqual({ ok: false, refusal: 'not-found' });
    expect(await move(staff, application.id + 1000, 'accepted', course)).toEqual({ ok: false, refusal: 'not-found' });
  });
});

describe('deadlines, eligibility and duplicates', () => {
  it('takes applications only between opening and deadline', async () => {
    const course = sampleCourse();
    const applicant = await addPerson(database.db, 'participant', 'AZ');
    const at = (iso: string) => submitApplication(database.client, { applicant, course, motivation: '', now: new Date(iso) });
    expect(await at('2026-12-31T23:59:59Z')).toEqual({ ok: false, refusal: 'not-open' });
    expect(await at('2027-02-02T00:00:00Z')).toEqual({ ok: false, refusal: 'closed' });
    expect((await at('2027-02-01T23:00:00Z')).ok).toBe(true);
  });

  it('takes applications only from eligible countries, once per person', async () => {
    const course = sampleCourse({ eligibleCountries: ['AZ', 'UZ'] });
    const senegalese = await addPerson(database.db, 'participant', 'SN');
    expect(await submitApplication(database.client, { applicant: senegalese, course, motivation: '', now: duringApplications })).toEqual({ ok: false, refusal: 'not-eligible' });
    const uzbek = await addPerson(database.db, 'participant', 'UZ');
    expect((await submitApplication(database.client, { applicant: uzbek, course, motivation: '', now: duringApplications })).ok).toBe(true);
    expect(await submitApplication(database.client, { applicant: uzbek, course, motivation: 'again', now: duringApplications })).toEqual({ ok: false, refusal: 'already-applied' });
    const rows = await database.client.execute({ sql: 'select count(*) as n from applications where course_slug = ?', args: [course.slug] });
    expect(Number(rows.rows[0]?.n)).toBe(1);
  });
});

describe('applying again after withdrawing (issue 15)', () => {
  const mail = { kind: 'application-received', values: { courseTitle: { en: 'Course' } } } as const;
  const received = async (applicationId: number) =>
    Number((await database.client.execute({ sql: "select count(*) as n from outbox where kind = 'application-received' and recipient = (select email from users where id = (select user_id from applications where id = ?))", args: [applicationId] })).rows[0]?.n);

  it('moves the same application back to submitted while applications are open, as a new one, audited, with its mail', async () => {
    const course = sampleCourse();
    const { applicant, application } = await apply(course);
    await move(azFocalPoint, application.id, 'endorsed', course);
    await database.client.execute({ sql: 'update applications set rank = 2 where id = ?', args: [application.id] });
    await expectStatus(await move(applicant, application.id, 'withdrawn', course), 'withdrawn');

    const later = new Date('2027-01-20T10:00:00Z');
    const again = await submitApplication(database.client, { applicant, course, motivation: 'My ministry can spare me now.', now: later, mail });
    if (!again.ok) throw new Error(again.refusal);
    // The same row, as a new application: its motivation and date, no endorsement or order left from before.
    expect(again.value).toMatchObject({ id: application.id, status: 'submitted', motivation: 'My ministry can spare me now.', rank: null, endorsedAt: null, nominated: false });
    expect(again.value.createdAt.getTime()).toBe(later.getTime());
    const rows = await database.client.execute({ sql: 'select count(*) as n from applications where course_slug = ?', args: [course.slug] });
    expect(Number(rows.rows[0]?.n)).toBe(1);
    const trail = await database.client.execute({ sql: 'select actor_id, action, from_status, to_status from audit_log where application_id = ? order by id', args: [application.id] });
    expect(trail.rows.map((r) => [r.action, r.from_status, r.to_status])).toEqual([
      ['application.submit', null, 'submitted'],
      ['application.move', 'submitted', 'endorsed'],
      ['application.move', 'endorsed', 'withdrawn'],
      ['application.submit', 'withdrawn', 'submitted'],
    ]);
    expect(trail.rows.at(-1)?.actor_id).toBe(applicant.id);
    expect(await received(application.id)).toBe(1);
    // From there it goes through the state machine like any application.
    await expectStatus(await move(azFocalPoint, application.id, 'endorsed', course, { now: later }), 'endorsed');
  });

  it('is refused once applications have closed, and changes nothing', async () => {
    const course = sampleCourse();
    const { applicant, application } = await apply(course);
    await move(applicant, application.id, 'withdrawn', course);
    expect(await submitApplication(database.client, { applicant, course, motivation: 'Too late.', now: new Date('2027-02-10T00:00:00Z'), mail })).toEqual({ ok: false, refusal: 'closed' });
    const [row] = (await database.client.execute({ sql: 'select status, motivation from applications where id = ?', args: [application.id] })).rows;
    expect([row?.status, row?.motivation]).toEqual(['withdrawn', 'I run a service centre.']);
    expect(await received(application.id)).toBe(0);
  });

  it('is refused while the application stands and after any other ending; only submitApplication leads back, and a nomination does not reopen it', async () => {
    const course = sampleCourse();
    const standing = await apply(course);
    expect(await submitApplication(database.client, { applicant: standing.applicant, course, motivation: 'Again.', now: duringApplications })).toEqual({ ok: false, refusal: 'already-applied' });
    for (const ending of ['declined', 'rejected', 'completed'] as const) {
      const { applicant, application } = await apply(course);
      await database.client.execute({ sql: 'update applications set status = ? where id = ?', args: [ending, application.id] });
      expect(await submitApplication(database.client, { applicant, course, motivation: 'Again.', now: duringApplications }), ending).toEqual({ ok: false, refusal: 'already-applied' });
    }
    const withdrawn = await apply(course);
    await move(withdrawn.applicant, withdrawn.application.id, 'withdrawn', course);
    expect(await move(withdrawn.applicant, withdrawn.application.id, 'submitted', course)).toEqual({ ok: false, refusal: 'invalid-transition' });
    expect(await submitApplication(database.client, { applicant: withdrawn.applicant, course, motivation: '', nominatedBy: azFocalPoint, now: duringApplications })).toEqual({ ok: false, refusal: 'already-applied' });
    const [row] = (await database.client.execute({ sql: 'select status from applications where id = ?', args: [withdrawn.application.id] })).rows;
    expect(row?.status).toBe('withdrawn');
  });
});

describe('seats and the waiting list', () => {
  it('never accepts beyond the seats or a country’s share, and promotes from the waiting list in rank order', async () => {
    const course = sampleCourse({ seats: 2, seatsPerCountry: 1 });
    const azFirst = await apply(course, 'AZ');
    const azSecond = await apply(course, 'AZ');
    const azThird = await apply(course, 'AZ');
    const sn = await apply(course, 'SN');
    for (const { application } of [azFirst, azSecond, azThird]) await move(azFocalPoint, application.id, 'endorsed', course);
    await move(snFocalPoint, sn.application.id, 'endorsed', course);

    await expectStatus(await move(staff, azFirst.application.id, 'accepted', course), 'accepted');
    expect(await move(staff, azSecond.application.id, 'accepted', course)).toEqual({ ok: false, refusal: 'country-full' });
    await expectStatus(await move(staff, sn.application.id, 'accepted', course), 'accepted');

    // The focal point ranks the third before the second: that is the waiting-list order.
    await database.client.execute({ sql: 'update applications set rank = ? where id = ?', args: [2, azSecond.application.id] });
    await database.client.execute({ sql: 'update applications set rank = ? where id = ?', args: [1, azThird.application.id] });
    await move(staff, azSecond.application.id, 'waitlisted', course);
    await move(staff, azThird.application.id, 'waitlisted', course);

    await expectStatus(await move(azFirst.applicant, azFirst.application.id, 'withdrawn', course), 'withdrawn');
    const statuses = await database.client.execute({ sql: 'select id, status from applications where course_slug = ? order by id', args: [course.slug] });
    expect(Object.fromEntries(statuses.rows.map((r) => [Number(r.id), r.status]))).toEqual({
      [azFirst.application.id]: 'withdrawn',
      [azSecond.application.id]: 'waitlisted',
      [azThird.application.id]: 'accepted',
      [sn.application.id]: 'accepted',
    });
    const promotion = await database.client.execute({ sql: "select actor_role from audit_log where action = 'application.promote' and application_id = ?", args: [azThird.application.id] });
    expect(promotion.rows[0]?.actor_role).toBe('system');
  });
});

describe("a person's own applications", () => {
  it('lists only their own, for every course or one, and keeps working on a second database (the prepared query is per database)', async () => {
    const first = sampleCourse();
    const second = { ...sampleCourse(), slug: 'second-course' };
    const { applicant } = await apply(first);
    const other = await apply(first, 'SN');
    const again = await submitApplication(database.client, { applicant, course: second, motivation: 'Another course.', now: duringApplications });
    expect(again.ok).toBe(true);

    const mine = await ownApplications(database.db, applicant.id);
    expect(mine.map((row) => row.courseSlug).sort()).toEqual([first.slug, 'second-course'].sort());
    expect(mine.every((row) => row.email !== null && row.country === 'AZ')).toBe(true);
    expect((await ownApplication(database.db, applicant.id, first.slug))?.motivation).toBe('I run a service centre.');
    expect(await ownApplication(database.db, applicant.id, 'no-such-course')).toBeUndefined();
    expect((await ownApplications(database.db, other.applicant.id)).map((row) => row.id)).toEqual([other.application.id]);

    const elsewhere = await createTestDatabase();
    try {
      expect(await ownApplications(elsewhere.db, applicant.id)).toEqual([]);
    } finally {
      elsewhere.cleanup();
    }
  });
});
