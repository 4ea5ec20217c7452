import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { users } from '#db/schema.ts';
import { eq } from 'drizzle-orm';
import { otherGroup } from '#lib/evaluation-summary.ts';
import { deleteAccount, personalData } from '#lib/server/accounts.ts';
import type { CourseOffering } from '#lib/course-rules.ts';
import { moveApplication, submitApplication, type Actor } from '#lib/server/applications.ts';
import {
  countryEvaluation,
  coursesAttendedFrom,
  courseEvaluation,
  evaluationClosesAt,
  evaluationMail,
  evaluationStanding,
  saveEvaluation,
} from '#lib/server/evaluations.ts';
import { evaluationInput } from '#lib/server/inputs.ts';
import { render, type OutboxRow } from '#lib/server/outbox.ts';
import { createTestDatabase, type TestDatabase } from '#support/database.ts';
import { addPerson, duringApplications, duringCourse, sampleCourse } from '#support/people.ts';

let database: TestDatabase;
let staff: Actor;

beforeEach(async () => {
  database = await createTestDatabase();
  staff = await addPerson(database.db, 'staff', null);
});
afterEach(() => database.cleanup());

const answers = {
  relevance: 4,
  content: 5,
  trainers: 5,
  organisation: 3,
  overall: 4,
  recommend: true,
  applyAtWork: 'A single queue for all counters.',
  suggestions: '',
};
const afterCourse = new Date('2027-03-10T00:00:00Z');

/** A participant of `country` whose application to `course` stands at `status`. */
async function participant(course: CourseOffering, country: string, status: string, gender: 'female' | 'male' | 'prefer-not-to-say' = 'female') {
  const person = await addPerson(database.db, 'participant', country);
  await database.db.update(users).set({ gender }).where(eq(users.id, person.id));
  const submitted = await submitApplication(database.client, { applicant: person, course, motivation: 'Service centres.', now: duringApplications });
  if (!submitted.ok) throw new Error(submitted.refusal);
  await database.client.execute({ sql: 'update applications set status = ? where id = ?', args: [status, submitted.value.id] });
  return { person, applicationId: submitted.value.id };
}

async function answered(course: CourseOffering, country: string, gender: 'female' | 'male' | 'prefer-not-to-say' = 'female', overall = 4) {
  const { person } = await participant(course, country, 'attended', gender);
  const saved = await saveEvaluation(database.client, { userId: person.id, course, answers: { ...answers, overall }, now: afterCourse });
  expect(saved.ok).toBe(true);
  return person;
}

describe('a participant evaluates a course they attended', () => {
  it('answers once, may change the answers, and it stays one evaluation', async () => {
    const course = sampleCourse();
    const { person, applicationId } = await participant(course, 'AZ', 'attended');
    expect(await evaluationStanding(database.client, person.id, course.slug)).toEqual({ applicationId, evaluation: null });

    expect(await saveEvaluation(database.client, { userId: person.id, course, answers, now: afterCourse })).toEqual({ ok: true, created: true });
    const later = new Date(afterCourse.getTime() + 60_000);
    expect(await saveEvaluation(database.client, { userId: person.id, course, answers: { ...answers, overall: 2, suggestions: 'More practice.' }, now: later })).toEqual({
      ok: true,
      created: false,
    });

    const rows = await database.client.execute({ sql: 'select overall, suggestions, country, gender from evaluations where application_id = ?', args: [applicationId] });
    expect(rows.rows.map((row) => ({ ...row }))).toEqual([{ overall: 2, suggestions: 'More practice.', country: 'AZ', gender: 'female' }]);
    const standing = await evaluationStanding(database.client, person.id, course.slug);
    expect(standing?.evaluation).toMatchObject({ overall: 2, suggestions: 'More practice.', recommend: true });
  });

  it('the database itself refuses a second evaluation of one application and a rating outside 1–5', async () => {
    const course = sampleCourse();
    const { person, applicationId } = await participant(course, 'AZ', 'completed');
    await saveEvaluation(database.client, { userId: person.id, course, answers, now: afterCourse });
    const insert = (overall: number) =>
      database.client.execute({
        sql: `insert into evaluations (application_id, course_slug, country, gender, relevance, content, trainers, organisation, overall, recommend, created_at, updated_at)
              values (?, ?, 'AZ', 'female', 3, 3, 3, 3, ?, 1, 0, 0)`,
        args: [applicationId, course.slug, overall],
      });
    await expect(insert(3)).rejects.toThrow(/UNIQUE/);
    await database.client.execute({ sql: 'delete from evaluations' });
    await expect(insert(6)).rejects.toThrow(/CHECK/);
  });

  it('only while the application is attended or completed', async () => {
    const course = sampleCourse();
    for (const status of ['submitted', 'endorsed', 'accepted', 'waitlisted', 'rejected', 'declined', 'withdrawn']) {
      const { person } = await participant(course, 'AZ', status);
      expect(await evaluationStanding(database.client, person.id, course.slug), status).toBeNull();
      expect(await saveEvaluation(database.client, { userId: person.id, course, answers, now: afterCourse }), status).toEqual({ ok: false, refusal: 'not-found' });
    }
    const stranger = await addPerson(database.db, 'participant', 'AZ');
    expect(await saveEvaluation(database.client, { userId: stranger.id, course, answers, now: afterCourse })).toEqual({ ok: false, refusal: 'not-found' });
    expect((await database.client.execute('select count(*) as n from evaluations')).rows[0]?.n).toBe(0);
  });

  it('until 30 days after the course’s last day, then read-only', async () => {
    const course = sampleCourse();
    const { person } = await participant(course, 'AZ', 'attended');
    const closes = evaluationClosesAt(course.end);
    expect(closes.toISOString()).toBe('2027-04-05T00:00:00.000Z');
    const lastMoment = new Date(closes.getTime() - 1);
    expect((await saveEvaluation(database.client, { userId: person.id, course, answers, now: lastMoment })).ok).toBe(true);
    expect(await saveEvaluation(database.client, { userId: person.id, course, answers: { ...answers, overall: 1 }, now: closes })).toEqual({
      ok: false,
      refusal: 'evaluation-closed',
    });
    expect((await evaluationStanding(database.client, person.id, course.slug))?.evaluation?.overall).toBe(4);
  });
});

describe('an evaluation and the participant’s own data', () => {
  it('is in their data export, and deleting the account keeps the ratings but not the written answers', async () => {
    const course = sampleCourse();
    const { person } = await participant(course, 'AZ', 'attended');
    await saveEvaluation(database.client, { userId: person.id, course, answers: { ...answers, suggestions: 'Ask Mr Aliyev.' }, now: afterCourse });
    const exported = (await personalData(database.db, person.id)) as { evaluations: { overall: number; suggestions: string }[] };
    expect(exported.evaluations).toMatchObject([{ overall: 4, suggestions: 'Ask Mr Aliyev.' }]);
    await deleteAccount(database.db, person.id);
    const rows = await database.client.execute('select overall, apply_at_work, suggestions from evaluations');
    expect(rows.rows.map((row) => ({ ...row }))).toEqual([{ overall: 4, apply_at_work: '', suggestions: '' }]);
    const report = await courseEvaluation(database.client, course.slug);
    expect(report.overall.responses).toBe(1);
    expect(report.suggestions).toEqual([]);
  });
});

describe('the move to attended writes the evaluation mail in the same batch', () => {
  it('in the participant’s language, with the link to the form', async () => {
    const course = sampleCourse();
    const { person, applicationId } = await participant(course, 'MA', 'accepted');
    await database.db.update(users).set({ preferredLanguage: 'ar' }).where(eq(users.id, person.id));
    const moved = await moveApplication(database.client, {
      actor: staff,
      applicationId,
      to: 'attended',
      course,
      now: duringCourse,
      mail: { applicant: evaluationMail('https://example.org', course.slug, { en: 'Service delivery', ar: 'تقديم الخدمات' }) },
    });
    expect(moved.ok).toBe(true);
    const outbox = await database.client.execute("select * from outbox where kind = 'evaluation'");
    expect(outbox.rows).toHaveLength(1);
    const row = outbox.rows[0]!;
    const message = render({
      id: Number(row.id),
      recipient: String(row.recipient),
      name: String(row.name),
      language: row.language as OutboxRow['language'],
      kind: 'evaluation',
      values: JSON.parse(String(row.vals)),
      status: 'pending',
      attempts: 0,
      nextAttemptAt: new Date(),
      lastError: null,
      createdAt: new Date(Number(row.created_at)),
      sentAt: null,
    });
    expect(message.subject).toContain('تقديم الخدمات');
    expect(message.text).toContain(`https://example.org/ar/account/evaluations/${course.slug}/`);
    expect(message.text).not.toContain('/en/');
  });

  it('without the site’s address, points to “My applications” instead of a link', () => {
    expect(evaluationMail(undefined, 'a-course', 'A course')).toEqual({ kind: 'evaluation', values: { courseTitle: 'A course' } });
  });
});

describe('what staff and focal points see', () => {
  it('staff see every response; country groups under 5 are merged so none can be isolated', async () => {
    const course = sampleCourse();
    for (let i = 0; i < 6; i += 1) await answered(course, 'AZ', i % 2 ? 'male' : 'female', 5);
    for (let i = 0; i < 5; i += 1) await answered(course, 'TR', 'female', 3);
    for (let i = 0; i < 5; i += 1) await answered(course, 'EG', 'male', 4);
    await answered(course, 'SN', 'prefer-not-to-say', 1);
    await participant(course, 'SN', 'completed');
    const report = await courseEvaluation(database.client, course.slug);
    expect(report.invited).toBe(18);
    expect(report.overall.responses).toBe(17);
    expect(report.overall.ratings.overall.distribution).toEqual([1, 0, 5, 5, 6]);
    // SN alone (1) is too small; TR (the smallest shown group) joins it, so total minus shown never isolates SN.
    expect(report.byCountry.map((group) => [group.group, group.responses])).toEqual([
      ['AZ', 6],
      ['EG', 5],
      [otherGroup, 6],
    ]);
    expect(report.byCountry.every((group) => group.responses >= 5)).toBe(true);
    expect(report.byGender.map((group) => [group.group, group.responses])).toEqual([
      ['female', 8],
      [otherGroup, 9],
    ]);
  });

  it('a focal point sees only their own country, and only with 5 or more responses', async () => {
    const course = sampleCourse();
    for (let i = 0; i < 5; i += 1) await answered(course, 'AZ', 'female', 5);
    for (let i = 0; i < 4; i += 1) await answered(course, 'SN', 'male', 1);
    await participant(course, 'AZ', 'attended');

    const az = await countryEvaluation(database.client, course.slug, 'AZ');
    expect(az?.overall.responses).toBe(5);
    expect(az?.invited).toBe(6);
    expect(az?.overall.ratings.overall.distribution).toEqual([0, 0, 0, 0, 5]);
    expect(az?.byCountry).toEqual([]);
    expect(await countryEvaluation(database.client, course.slug, 'SN')).toBeNull();
    expect(await countryEvaluation(database.client, course.slug, 'TR')).toBeNull();
    // The list shows courses by attendance: SN's is there though its answers are not shown, TR's is not.
    await participant(sampleCourse(), 'SN', 'accepted');
    expect(await coursesAttendedFrom(database.client, 'SN')).toEqual([course.slug]);
    expect(await coursesAttendedFrom(database.client, 'TR')).toEqual([]);
  });

  it('a profile changed later does not move an answer to another group', async () => {
    const course = sampleCourse();
    const person = await answered(course, 'AZ', 'female');
    await database.db.update(users).set({ gender: 'male', country: 'TR' }).where(eq(users.id, person.id));
    const row = await database.client.execute('select country, gender from evaluations');
    expect({ ...row.rows[0] }).toEqual({ country: 'AZ', gender: 'female' });
  });
});

describe('the evaluation form’s schema', () => {
  const form = (values: Record<string, string>) => evaluationInput.safeParse(values);

  it('takes ratings 1–5 and yes/no, and bounded free text', () => {
    const parsed = form({ relevance: '1', content: '2', trainers: '3', organisation: '4', overall: '5', recommend: 'no', applyAtWork: '  x ', suggestions: '' });
    expect(parsed.success && parsed.data).toEqual({ relevance: 1, content: 2, trainers: 3, organisation: 4, overall: 5, recommend: false, applyAtWork: 'x', suggestions: '' });
  });

  it('refuses a missing or out-of-range rating, a made-up answer and overlong text', () => {
    for (const values of [
      { content: '2', trainers: '3', organisation: '4', overall: '5', recommend: 'no' },
      { relevance: '0', content: '2', trainers: '3', organisation: '4', overall: '5', recommend: 'no' },
      { relevance: '6', content: '2', trainers: '3', organisation: '4', overall: '5', recommend: 'no' },
      { relevance: '1.5', content: '2', trainers: '3', organisation: '4', overall: '5', recommend: 'no' },
      { relevance: '1', content: '2', trainers: '3', organisation: '4', overall: '5', recommend: 'maybe' },
      { relevance: '1', content: '2', trainers: '3', organisation: '4', overall: '5', recommend: 'yes', suggestions: 'x'.repeat(2001) },
    ]) {
      expect(form(values).success, JSON.stringify(values).slice(0, 80)).toBe(false);
    }
  });
});
