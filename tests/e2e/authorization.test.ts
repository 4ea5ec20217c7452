import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { users } from '#db/schema.ts';
import { findApplication, submitApplication, type Actor } from '#lib/server/applications.ts';
import type { CourseOffering } from '#lib/course-rules.ts';
import { openDatabase, type OpenDatabase } from '#lib/server/database.ts';
import { makeAccount, type TestAccount } from '#support/accounts.ts';
import { courseFromContent, openCourse, sessionCookie, SiteClient } from '#support/http.ts';

/** Who may open and change what, asked over HTTP of the built site, for every kind of person. */

const baseUrl = inject('baseUrl');

type ActorName = 'anonymous' | 'participant AZ' | 'participant SN' | 'focal point AZ' | 'focal point SN' | 'staff';
type Area = 'account' | 'apply' | 'focal-point' | 'staff';

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

async function allApplications(): Promise<Map<number, { country: string; status: string }>> {
  const result = await database.client.execute('select id, country, status from applications');
  return new Map(result.rows.map((row) => [Number(row.id), { country: String(row.country), status: String(row.status) }]));
}
