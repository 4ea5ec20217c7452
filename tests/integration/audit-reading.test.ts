import { eq } from 'drizzle-orm';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { users } from '#db/schema.ts';
import { deleteAccount, listColleagues } from '#lib/server/accounts.ts';
import { moveApplication, rankApplication, submitApplication, substituteApplicant } from '#lib/server/applications.ts';
import { auditEntries, recordAccountCreated } from '#lib/server/audit.ts';
import { createTestDatabase, type TestDatabase } from '#support/database.ts';
import { addPerson, duringApplications, sampleCourse } from '#support/people.ts';

let database: TestDatabase;
beforeEach(async () => {
  database = await createTestDatabase();
});
afterEach(() => database.cleanup());

async function user(id: string) {
  const [found] = await database.db.select().from(users).where(eq(users.id, id));
  if (!found) throw new Error(`no user ${id}`);
  return found;
}

describe('the audit log as staff read it', () => {
  it('names the people behind the ids, and keeps ids and ranks out of the Reason', async () => {
    const course = sampleCourse();
    const staff = await addPerson(database.db, 'staff', null);
    const focal = await addPerson(database.db, 'focal-point', 'AZ');
    const applicant = await addPerson(database.db, 'participant', 'AZ');
    const substitute = await addPerson(database.db, 'participant', 'AZ');
    const submitted = await submitApplication(database.client, { applicant, course, motivation: '', now: duringApplications });
    if (!submitted.ok) throw new Error(submitted.refusal);
    const id = submitted.value.id;
    await moveApplication(database.client, { actor: focal, applicationId: id, to: 'endorsed', course, now: duringApplications });
    await rankApplication(database.client, { actor: focal, applicationId: id, rank: 2, now: duringApplications });
    await substituteApplicant(database.client, { actor: focal, applicationId: id, substitute, course, now: duringApplications });
    await moveApplication(database.client, { actor: staff, applicationId: id, to: 'rejected', reason: 'Too many from one office', course, now: duringApplications });
    await recordAccountCreated(database.db, await user(staff.id), await user(focal.id));

    const [created, rejected, swapped, ranked, endorsed, applied] = await auditEntries(database.db, { limit: 10, offset: 0 });
    const name = async (id: string) => (await user(id)).fullName;
    expect(created).toMatchObject({ action: 'account.create', reason: null, actor: { fullName: await name(staff.id) } });
    expect(created?.subject).toMatchObject({ fullName: await name(focal.id), role: 'focal-point', country: 'AZ' });
    expect(rejected).toMatchObject({ reason: 'Too many from one office', fromStatus: 'endorsed', toStatus: 'rejected', courseSlug: course.slug });
    expect(rejected?.subject?.fullName).toBe(await name(substitute.id));
    expect(swapped).toMatchObject({ action: 'application.substitute', reason: null });
    expect(swapped?.subject?.fullName).toBe(await name(substitute.id));
    expect(swapped?.replaced?.fullName).toBe(await name(applicant.id));
    expect(ranked).toMatchObject({ action: 'application.rank', rank: 2, reason: null });
    expect(endorsed?.actor?.fullName).toBe(await name(focal.id));
    expect(applied).toMatchObject({ action: 'application.submit', toStatus: 'submitted', fromStatus: null });
  });

  it('reads a deleted account as a person without a name, not as an error', async () => {
    const course = sampleCourse();
    const applicant = await addPerson(database.db, 'participant', 'AZ');
    await submitApplication(database.client, { applicant, course, motivation: '', now: duringApplications });
    await deleteAccount(database.db, applicant.id);
    const [applied] = await auditEntries(database.db, { limit: 10, offset: 0 });
    expect(applied?.actor).toEqual({ id: applicant.id, fullName: null, role: null, country: null });
    expect(applied?.subject).toBeNull();
  });
});

describe('the people page', () => {
  it('lists staff and focal points, never participants', async () => {
    const staff = await addPerson(database.db, 'staff', null);
    const focal = await addPerson(database.db, 'focal-point', 'SN');
    await addPerson(database.db, 'participant', 'SN');
    const listed = await listColleagues(database.db);
    expect(listed.map((person) => [person.id, person.role, person.country])).toEqual([
      [staff.id, 'staff', null],
      [focal.id, 'focal-point', 'SN'],
    ]);
  });
});
