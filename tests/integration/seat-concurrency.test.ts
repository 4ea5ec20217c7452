import { Worker } from 'node:worker_threads';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CourseOffering } from '#lib/course-rules.ts';
import { moveApplication, type Actor } from '#lib/server/applications.ts';
import { createTestDatabase, type TestDatabase } from '#support/database.ts';
import { addPerson, duringApplications, sampleCourse } from '#support/people.ts';

/**
 * 300 people apply at once and 300 acceptances arrive at once for a 20-seat course with at most
 * 4 seats per country, from four threads that each hold their own client on one database file,
 * as four server processes would. Ten rounds.
 */
const workers = 4;
const countries = ['AZ', 'SN', 'TR', 'ID', 'PK', 'EG'];
const applicants = 300;

let database: TestDatabase;
let staff: Actor;
const focalPoints = new Map<string, Actor>();
const people: Actor[] = [];

beforeAll(async () => {
  database = await createTestDatabase();
  staff = await addPerson(database.db, 'staff', null);
  for (const country of countries) focalPoints.set(country, await addPerson(database.db, 'focal-point', country));
  for (let i = 0; i < applicants; i += 1) people.push(await addPerson(database.db, 'participant', countries[i % countries.length] ?? 'AZ'));
});
afterAll(() => database.cleanup());

function runWorkers(course: CourseOffering, share: (worker: number) => { submit?: Actor[]; accept?: { staff: Actor; applicationIds: number[] } }): Promise<string[]> {
  const serialCourse = { ...course, start: course.start.toISOString(), end: course.end.toISOString(), applicationsOpen: course.applicationsOpen.toISOString(), applicationDeadline: course.applicationDeadline.toISOString() };
  const runs = Array.from({ length: workers }, (_, worker) =>
    new Promise<string[]>((resolve, reject) => {
      const thread = new Worker(new URL('../support/seat-worker.ts', import.meta.url), {
        workerData: { url: database.url, course: serialCourse, now: duringApplications.toISOString(), ...share(worker) },
      });
      thread.once('message', resolve);
      thread.once('error', reject);
    }),
  );
  return Promise.all(runs).then((results) => results.flat());
}

const slice = <T>(items: T[], worker: number): T[] => items.filter((_, i) => i % workers === worker);

describe('seats are never overbooked', () => {
  it.each(Array.from({ length: 10 }, (_, round) => round + 1))('round %i: exactly 20 accepted, at most 4 per country, nothing lost', async () => {
    const course = sampleCourse({ seats: 20, seatsPerCountry: 4 });
    const submitted = await runWorkers(course, (worker) => ({ submit: slice(people, worker) }));
    expect(submitted.filter((r) => r.startsWith('ok:'))).toHaveLength(applicants);
    const ids = submitted.map((r) => Number(r.slice(3)));
    expect(new Set(ids).size).toBe(applicants);

    const rows = await database.client.execute({ sql: 'select id, country from applications where course_slug = ?', args: [course.slug] });
    for (const row of rows.rows) {
      const endorsed = await moveApplication(database.client, { actor: focalPoints.get(String(row.country))!, applicationId: Number(row.id), to: 'endorsed', course, now: duringApplications });
      expect(endorsed.ok).toBe(true);
    }

    // Every worker tries to accept every application: 4 × 300 simultaneous acceptances.
    const accepted = await runWorkers(course, () => ({ accept: { staff, applicationIds: ids } }));
    const wins = accepted.filter((r) => r.startsWith('ok:'));
    expect(wins).toHaveLength(20);
    expect(new Set(wins).size).toBe(20);
    // The others are told why: no seat left, or someone else accepted that application first.
    const refusals = new Set(accepted.filter((r) => !r.startsWith('ok:')));
    expect([...refusals].filter((r) => !['course-full', 'country-full', 'invalid-transition'].includes(r))).toEqual([]);

    const byCountry = await database.client.execute({
      sql: "select country, count(*) as n from applications where course_slug = ? and status = 'accepted' group by country",
      args: [course.slug],
    });
    expect(byCountry.rows.reduce((sum, r) => sum + Number(r.n), 0)).toBe(20);
    for (const row of byCountry.rows) expect(Number(row.n)).toBeLessThanOrEqual(4);

    const statuses = await database.client.execute({ sql: 'select status, count(*) as n from applications where course_slug = ? group by status', args: [course.slug] });
    expect(Object.fromEntries(statuses.rows.map((r) => [r.status, Number(r.n)]))).toEqual({ accepted: 20, endorsed: applicants - 20 });
    const audits = await database.client.execute({
      sql: `select action, to_status, count(*) as n from audit_log join applications a on a.id = audit_log.application_id
            where a.course_slug = ? group by action, to_status order by action, to_status`,
      args: [course.slug],
    });
    expect(audits.rows.map((r) => [r.action, r.to_status, Number(r.n)])).toEqual([
      ['application.move', 'accepted', 20],
      ['application.move', 'endorsed', applicants],
      ['application.submit', 'submitted', applicants],
    ]);
    const integrity = await database.client.execute('pragma integrity_check');
    expect(integrity.rows[0]?.integrity_check).toBe('ok');
  });
});
