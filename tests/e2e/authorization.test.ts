import { readdirSync, readFileSync } from 'node:fs';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { users } from '#db/schema.ts';
import { findApplication, moveApplication, submitApplication, type Actor } from '#lib/server/applications.ts';
import type { CourseOffering } from '#lib/course-rules.ts';
import { openDatabase, type OpenDatabase } from '#lib/server/database.ts';
import { makeAccount, type TestAccount } from '#support/accounts.ts';
import { courseFromContent, openCourse, sessionCookie, SiteClient } from '#support/http.ts';
import { newDocumentCode } from '#lib/server/certificates.ts';

/** Who may open and change what, asked over HTTP of the built site, for every kind of person. */

const baseUrl = inject('baseUrl');

type ActorName = 'anonymous' | 'participant AZ' | 'participant SN' | 'focal point AZ' | 'focal point SN' | 'staff';
/** `evaluate`: a course's evaluation form, open only to who attended it (nobody in the matrix; see below). */
type Area = 'account' | 'apply' | 'evaluate' | 'focal-point' | 'staff';

interface Person {
  account: TestAccount;
  actor: Actor;
  client: SiteClient;
}

let database: OpenDatabase;
let course: CourseOffering;
let people: Record<Exclude<ActorName, 'anonymous'>, Person>;
/** The AZ participant's application to the open course: the one everybody else tries to touch. */
let applicationA: number;
const applicantName = `Aynur Mammadova ${Date.now()}`;

async function person(role: Actor['role'], country: string | null): Promise<Person> {
  const account = await makeAccount(database.db, { role, country });
  const { cookie } = await sessionCookie(database.db, { id: account.id, role });
  return { account, actor: { id: account.id, role, country }, client: new SiteClient(baseUrl, { cookie }) };
}

function clientOf(name: ActorName): SiteClient {
  return name === 'anonymous' ? new SiteClient(baseUrl) : people[name].client;
}

async function statusOf(applicationId: number): Promise<string | undefined> {
  return (await findApplication(database.client, applicationId))?.status;
}

async function apply(applicant: Actor, motivation = 'I run a one-stop service centre.'): Promise<number> {
  const submitted = await submitApplication(database.client, { applicant, course, motivation });
  if (!submitted.ok) throw new Error(`could not apply: ${submitted.refusal}`);
  return submitted.value.id;
}

beforeAll(async () => {
  database = await openDatabase({ url: inject('databaseUrl') });
  course = courseFromContent((await openCourse(baseUrl)).slug);
  people = {
    'participant AZ': await person('participant', 'AZ'),
    'participant SN': await person('participant', 'SN'),
    'focal point AZ': await person('focal-point', 'AZ'),
    'focal point SN': await person('focal-point', 'SN'),
    staff: await person('staff', null),
  };
  await database.db.update(users).set({ fullName: applicantName }).where(eq(users.id, people['participant AZ'].account.id));
  applicationA = await apply(people['participant AZ'].actor);
});
afterAll(() => database?.client.close());

describe('who may open which page', () => {
  // `{course}` stands for the open course, known only once the server answers.
  const routes: [path: string, area: Area][] = [
    ['/en/account/', 'account'],
    ['/en/account/profile/', 'account'],
    ['/en/account/security/', 'account'],
    ['/en/account/data.json', 'account'],
    ['/en/account/apply/{course}/', 'apply'],
    ['/en/focal-point/', 'focal-point'],
    ['/en/staff/', 'staff'],
    ['/en/staff/courses/{course}/', 'staff'],
    ['/en/staff/courses/{course}/roster.csv', 'staff'],
    ['/en/staff/audit/', 'staff'],
    ['/en/staff/people/', 'staff'],
    ['/en/account/evaluations/{course}/', 'evaluate'],
    ['/en/staff/courses/{course}/evaluation/', 'staff'],
    ['/en/staff/courses/{course}/evaluation.csv', 'staff'],
    ['/en/focal-point/evaluations/', 'focal-point'],
    ['/en/focal-point/evaluations/{course}/', 'focal-point'],
  ];
  const areasOf: Record<Exclude<ActorName, 'anonymous'>, Area[]> = {
    'participant AZ': ['account', 'apply'],
    'participant SN': ['account', 'apply'],
    'focal point AZ': ['account', 'focal-point'],
    'focal point SN': ['account', 'focal-point'],
    staff: ['account', 'staff'],
  };
  const actors: ActorName[] = ['anonymous', 'participant AZ', 'participant SN', 'focal point AZ', 'focal point SN', 'staff'];
  const matrix = actors.flatMap((actor) =>
    routes.map(([path, area]) => [actor, path, actor === 'anonymous' ? 303 : areasOf[actor].includes(area) ? 200 : 404] as const),
  );

  it.each(matrix)('%s: GET %s → %i', async (actor, template, expected) => {
    const path = template.replace('{course}', course.slug);
    const response = await clientOf(actor).get(path);
    expect(response.status).toBe(expected);
    if (expected === 303) expect(response.location).toBe(`/en/account/sign-in/?next=${encodeURIComponent(path)}`);
  });

  it.each([
    ['staff', '/en/staff/'],
    ['focal-point', '/en/focal-point/'],
  ] as const)('sends %s whose session has not passed the second factor from %s to /en/account/two-factor/', async (role, path) => {
    const account = await makeAccount(database.db, { role, country: role === 'staff' ? null : 'AZ' });
    const { cookie } = await sessionCookie(database.db, { id: account.id, role }, false);
    const response = await new SiteClient(baseUrl, { cookie }).get(path);
    expect(response.status).toBe(303);
    expect(response.location).toBe('/en/account/two-factor/');
  });
});

describe('who may move application A (submitted by the AZ participant)', () => {
  // Refusals first: A must still be 'submitted' for each of them to mean anything.
  it.each([
    ['the SN focal point endorses it', 'focal point SN', '/en/focal-point/', 'endorsed'],
    ['the SN participant withdraws it', 'participant SN', '/en/account/', 'withdrawn'],
    ['its owner accepts it on the staff page', 'participant AZ', '/en/staff/courses/{course}/', 'accepted'],
  ] as const)('refuses with 404 when %s, and A stays submitted', async (_what, actor, template, to) => {
    const response = await people[actor].client.post(template.replace('{course}', course.slug), { applicationId: String(applicationA), to });
    expect(response.status).toBe(404);
    expect(await statusOf(applicationA)).toBe('submitted');
  });

  it('lets the AZ focal point endorse it', async () => {
    const response = await people['focal point AZ'].client.post('/en/focal-point/', { applicationId: String(applicationA), to: 'endorsed' });
    expect(response.status).toBe(200);
    expect(await statusOf(applicationA)).toBe('endorsed');
  });
});

describe('a focal point sees and changes only their own country', () => {
  it('shows the AZ applicant to the AZ focal point and nothing of them to the SN focal point', async () => {
    const { email } = people['participant AZ'].account;
    const own = (await people['focal point AZ'].client.get('/en/focal-point/')).text;
    expect(own).toContain(applicantName);
    const other = (await people['focal point SN'].client.get('/en/focal-point/')).text;
    expect(other).not.toContain(applicantName);
    expect(other).not.toContain(email);
  });

  it('changes no other country’s application when a focal point tries ids 1…50 with to=endorsed', async () => {
    // Targets of several countries, all still submitted, so an endorsement would go through if allowed.
    const targets = [
      await apply(people['participant SN'].actor),
      await apply((await person('participant', 'TR')).actor),
      await apply((await person('participant', 'AZ')).actor),
    ];
    const ids = [...new Set([...Array.from({ length: 50 }, (_, i) => i + 1), applicationA, ...targets])];
    for (const name of ['focal point SN', 'focal point AZ'] as const) {
      const { client, actor } = people[name];
      const before = await allApplications();
      for (const id of ids) {
        const response = await client.post('/en/focal-point/', { applicationId: String(id), to: 'endorsed' });
        const target = before.get(id);
        // Another country's application answers exactly as a missing one: nothing to learn from guessing.
        if (!target || target.country !== actor.country) expect(response.status, `id ${id}`).toBe(404);
      }
      const after = await allApplications();
      for (const [id, row] of before) {
        if (row.country !== actor.country) expect(after.get(id)?.status, `application ${id} (${row.country}) after ${name}`).toBe(row.status);
      }
    }
    expect(await statusOf(targets[1]!)).toBe('submitted');
  });
});

describe('who may evaluate a course (issue 11)', () => {
  // A course no other file applies to; the attendance is written directly, since the course is in 2027.
  const evaluated = courseFromContent('2027-drmcab-early-warning');
  const path = `/en/account/evaluations/${evaluated.slug}/`;
  const answers = { relevance: '4', content: '4', trainers: '5', organisation: '3', overall: '4', recommend: 'yes', suggestions: 'Authorization matrix.' };
  let attendee: Person;

  beforeAll(async () => {
    attendee = await person('participant', 'TR');
    const now = Date.now();
    await database.client.execute({
      sql: "insert into applications (course_slug, user_id, country, status, motivation, created_at, updated_at) values (?, ?, 'TR', 'attended', 'x', ?, ?)",
      args: [evaluated.slug, attendee.account.id, now, now],
    });
  });

  it('opens the form to the participant who attended, and stores their answers', async () => {
    expect((await attendee.client.get(path)).status).toBe(200);
    expect((await attendee.client.post(path, answers)).status).toBe(200);
    const stored = await database.client.execute({ sql: 'select count(*) as n from evaluations where course_slug = ?', args: [evaluated.slug] });
    expect(stored.rows[0]?.n).toBe(1);
  });

  it.each(['participant AZ', 'participant SN', 'focal point AZ', 'focal point SN', 'staff'] as const)('answers 404 to %s, and writes nothing', async (name) => {
    expect((await people[name].client.get(path)).status).toBe(404);
    expect((await people[name].client.post(path, { ...answers, overall: '1' })).status).toBe(404);
    const stored = await database.client.execute({ sql: 'select overall from evaluations where course_slug = ?', args: [evaluated.slug] });
    expect(stored.rows.map((row) => row.overall)).toEqual([4]);
  });

  it('shows a focal point of another country nothing of it, and staff see it counted', async () => {
    const other = await people['focal point AZ'].client.get(`/en/focal-point/evaluations/${evaluated.slug}/`);
    expect(other.text).not.toContain('Authorization matrix.');
    expect((await people.staff.client.get(`/en/staff/courses/${evaluated.slug}/evaluation/`)).text).toContain('Authorization matrix.');
  });
});

async function allApplications(): Promise<Map<number, { country: string; status: string }>> {
  const result = await database.client.execute('select id, country, status from applications');
  return new Map(result.rows.map((row) => [Number(row.id), { country: String(row.country), status: String(row.status) }]));
}

describe('who may open certificates, letters and their revocation (issue 11)', () => {
  let certificateCode: string;
  let letterPath: string;

  beforeAll(async () => {
    // The AZ participant's completed application to another course held in person: a letter and a certificate.
    const inPerson = readdirSync(new URL('../../content/courses/', import.meta.url))
      .filter((file) => file.endsWith('.yaml') && /^mode: (in-person|hybrid)$/m.test(readFileSync(new URL(`../../content/courses/${file}`, import.meta.url), 'utf8')))
      .map((file) => courseFromContent(file.replace(/\.yaml$/, '')))
      .find((other) => other.slug !== course.slug && !other.eligibleCountries)!;
    const owner = people['participant AZ'].actor;
    const whileOpen = new Date(inPerson.applicationsOpen.getTime() + 86_400_000);
    const submitted = await submitApplication(database.client, { applicant: owner, course: inPerson, motivation: 'x', now: whileOpen });
    if (!submitted.ok) throw new Error(submitted.refusal);
    const id = submitted.value.id;
    await moveApplication(database.client, { actor: people['focal point AZ'].actor, applicationId: id, to: 'endorsed', course: inPerson, now: whileOpen });
    await moveApplication(database.client, { actor: people.staff.actor, applicationId: id, to: 'accepted', course: inPerson, now: whileOpen });
    await moveApplication(database.client, { actor: people.staff.actor, applicationId: id, to: 'attended', course: inPerson, now: inPerson.start });
    certificateCode = newDocumentCode();
    const completed = await moveApplication(database.client, { actor: people.staff.actor, applicationId: id, to: 'completed', course: inPerson, now: inPerson.start, certificateCode });
    if (!completed.ok) throw new Error(completed.refusal);
    letterPath = `/en/account/letters/${id}/`;
  });

  const everyone: ActorName[] = ['anonymous', 'participant AZ', 'participant SN', 'focal point AZ', 'focal point SN', 'staff'];
  const owner = (actor: ActorName): number => (actor === 'anonymous' ? 303 : actor === 'participant AZ' ? 200 : 404);
  const staffOnly = (actor: ActorName): number => (actor === 'anonymous' ? 303 : actor === 'staff' ? 200 : 404);
  const anyone = (): number => 200;
  const routes: [template: string, expected: (actor: ActorName) => number][] = [
    ['/en/account/certificates/{certificate}/', owner],
    ['{letter}', owner],
    ['/en/staff/certificates/{certificate}/', staffOnly],
    ['/en/verify/{certificate}/', anyone],
    ['/en/courses/{course}/course.ics', anyone],
  ];
  const matrix = everyone.flatMap((actor) => routes.map(([template, expected]) => [actor, template, expected(actor)] as const));

  it.each(matrix)('%s: GET %s → %i', async (actor, template, expected) => {
    const path = template.replace('{certificate}', certificateCode).replace('{letter}', letterPath).replace('{course}', course.slug);
    const response = await clientOf(actor).get(path);
    expect(response.status).toBe(expected);
    if (expected === 303) expect(response.location).toBe(`/en/account/sign-in/?next=${encodeURIComponent(path)}`);
  });

  it.each(['participant AZ', 'focal point AZ'] as const)('refuses %s revoking the certificate with 404, and it stays valid', async (actor) => {
    const response = await people[actor].client.post(`/en/staff/certificates/${certificateCode}/`, { reason: 'Not mine to keep' });
    expect(response.status).toBe(404);
    const revoked = await database.client.execute({ sql: 'select revoked_at from certificates where code = ?', args: [certificateCode] });
    expect(revoked.rows[0]?.revoked_at).toBeNull();
  });
});

describe("who may use staff's people tools (issue 11)", () => {
  let target: TestAccount;
  let focalTarget: TestAccount;

  beforeAll(async () => {
    target = await makeAccount(database.db, { role: 'participant', country: 'AZ' });
    focalTarget = await makeAccount(database.db, { role: 'focal-point', country: 'AZ' });
  });

  const everyone: ActorName[] = ['anonymous', 'participant AZ', 'participant SN', 'focal point AZ', 'focal point SN', 'staff'];
  const staffOnly = (actor: ActorName, forStaff = 200): number => (actor === 'anonymous' ? 303 : actor === 'staff' ? forStaff : 404);
  const routes: [template: string, expected: (actor: ActorName) => number][] = [
    ['/en/staff/people/?q=a&role=participant&country=AZ&page=2', (actor) => staffOnly(actor)],
    ['/en/staff/people/{target}/', (actor) => staffOnly(actor)],
    ['/en/staff/people/{target}/deactivate/', (actor) => staffOnly(actor)],
    // An active account cannot be reactivated: staff are told so with 409.
    ['/en/staff/people/{target}/reactivate/', (actor) => staffOnly(actor, 409)],
    ['/en/staff/courses/{course}/?sort=name&dir=desc&page=2&status=submitted&country=AZ', (actor) => staffOnly(actor)],
  ];
  const matrix = everyone.flatMap((actor) => routes.map(([template, expected]) => [actor, template, expected(actor)] as const));

  it.each(matrix)('%s: GET %s → %i', async (actor, template, expected) => {
    const path = template.replace('{target}', target.id).replace('{course}', course.slug);
    const response = await clientOf(actor).get(path);
    expect(response.status).toBe(expected);
    if (expected === 303) expect(response.location).toBe(`/en/account/sign-in/?next=${encodeURIComponent(path)}`);
  });

  const outsiders = everyone.filter((actor) => actor !== 'staff');
  it.each(outsiders)('refuses %s deactivating an account or moving a focal point, and nothing changes', async (actor) => {
    const deactivate = await clientOf(actor).post(`/en/staff/people/${target.id}/deactivate/`, { reason: 'not theirs to do' });
    expect(deactivate.status).toBe(actor === 'anonymous' ? 303 : 404);
    const move = await clientOf(actor).post(`/en/staff/people/${focalTarget.id}/`, { country: 'SN' });
    expect(move.status).toBe(actor === 'anonymous' ? 303 : 404);
    const rows = await database.client.execute({ sql: 'select id, country, deactivated_at from users where id in (?, ?) order by id', args: [target.id, focalTarget.id] });
    for (const row of rows.rows) {
      expect(row.deactivated_at).toBeNull();
      expect(row.country).toBe('AZ');
    }
  });

  it('refuses staff deactivating their own account with 409', async () => {
    const own = await people.staff.client.post(`/en/staff/people/${people.staff.account.id}/deactivate/`, {});
    expect(own.status).toBe(409);
    const rows = await database.client.execute({ sql: 'select deactivated_at from users where id = ?', args: [people.staff.account.id] });
    expect(rows.rows[0]?.deactivated_at).toBeNull();
  });
});
