import { eq } from 'drizzle-orm';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { applications, auditLog, sessions, users } from '#db/schema.ts';
import { checkCredentials, createAccountFor, passwordResetToken, setPasswordWithToken } from '#lib/server/accounts.ts';
import { moveApplication, submitApplication } from '#lib/server/applications.ts';
import { hashPassword } from '#lib/server/passwords.ts';
import { changeFocalPointCountry, findPeople, setAccountActive } from '#lib/server/people.ts';
import { roster, rosterPage } from '#lib/server/rosters.ts';
import { createSession, validateSessionToken } from '#lib/server/sessions.ts';
import { createTestDatabase, type TestDatabase } from '#support/database.ts';
import { addPerson, duringApplications, sampleCourse } from '#support/people.ts';

let database: TestDatabase;
beforeEach(async () => {
  database = await createTestDatabase();
});
afterEach(() => database.cleanup());

const password = 'a long enough passphrase 42';

async function withPassword(role: 'participant' | 'focal-point' | 'staff', country: string | null) {
  const person = await addPerson(database.db, role, country);
  await database.db.update(users).set({ passwordHash: await hashPassword(password) }).where(eq(users.id, person.id));
  const [user] = await database.db.select().from(users).where(eq(users.id, person.id));
  return user!;
}

describe('deactivating and reactivating an account', () => {
  it('ends its sessions at once, refuses sign-in (told only to the owner), and is audited in the same batch', async () => {
    const staff = await withPassword('staff', null);
    const person = await withPassword('participant', 'AZ');
    const { token } = await createSession(database.db, person);
    expect(await validateSessionToken(database.db, token)).not.toBeNull();

    expect(await setAccountActive(database.db, staff, person.id, false, 'left the ministry')).toEqual({ ok: true });
    expect(await database.db.select().from(sessions).where(eq(sessions.userId, person.id))).toEqual([]);
    expect(await validateSessionToken(database.db, token)).toBeNull();
    expect(await checkCredentials(database.db, person.email, password)).toMatchObject({ ok: false, problem: 'deactivated' });
    // A wrong password says nothing more than for an unknown address.
    expect(await checkCredentials(database.db, person.email, 'not the password at all')).toMatchObject({ ok: false, problem: 'bad-credentials' });
    expect((await checkCredentials(database.db, 'nobody@example.org', 'not the password at all')).ok).toBe(false);

    const records = await database.db.select().from(auditLog).where(eq(auditLog.detail, person.id));
    expect(records.map((record) => [record.action, record.actorId, record.reason])).toEqual([['account.deactivate', staff.id, 'left the ministry']]);

    // Twice changes nothing and writes no second record.
    expect(await setAccountActive(database.db, staff, person.id, false, '')).toEqual({ ok: false, refusal: 'unchanged' });
    expect(await database.db.select().from(auditLog).where(eq(auditLog.detail, person.id))).toHaveLength(1);

    expect(await setAccountActive(database.db, staff, person.id, true, '')).toEqual({ ok: true });
    expect(await checkCredentials(database.db, person.email, password)).toMatchObject({ ok: true });
    expect((await database.db.select().from(auditLog).where(eq(auditLog.detail, person.id))).map((record) => record.action)).toEqual(['account.deactivate', 'account.reactivate']);
  });

  it('refuses a session that survived (inserted after the deactivation) and deletes it', async () => {
    const staff = await withPassword('staff', null);
    const person = await withPassword('focal-point', 'SN');
    await setAccountActive(database.db, staff, person.id, false, '');
    const { token } = await createSession(database.db, person);
    expect(await validateSessionToken(database.db, token)).toBeNull();
    expect(await database.db.select().from(sessions).where(eq(sessions.userId, person.id))).toEqual([]);
  });

  it('does not let staff deactivate themselves, nor an account that does not exist', async () => {
    const staff = await withPassword('staff', null);
    expect(await setAccountActive(database.db, staff, staff.id, false, '')).toEqual({ ok: false, refusal: 'own-account' });
    expect(await setAccountActive(database.db, staff, 'no-such-account', false, '')).toEqual({ ok: false, refusal: 'not-found' });
  });

  it('lets neither a set-password link sent before nor a reset link bring the account back', async () => {
    const staff = await withPassword('staff', null);
    const invited = await createAccountFor(database.db, { email: 'invited@example.org', fullName: 'Invited Person', role: 'focal-point', country: 'AZ' });
    const reset = await passwordResetToken(database.db, staff.email);
    const member = await withPassword('participant', 'TR');
    const memberReset = await passwordResetToken(database.db, member.email);
    expect(reset && memberReset).toBeTruthy();

    await setAccountActive(database.db, staff, invited.user.id, false, '');
    await setAccountActive(database.db, staff, member.id, false, '');
    expect(await setPasswordWithToken(database.db, 'set-password', invited.token, password)).toBeNull();
    expect(await setPasswordWithToken(database.db, 'reset-password', memberReset!.token, password)).toBeNull();
    // No new link is made for a deactivated account either.
    expect(await passwordResetToken(database.db, member.email)).toBeNull();
    const [still] = await database.db.select().from(users).where(eq(users.id, invited.user.id));
    expect(still?.passwordHash).toBeNull();
  });
});

describe("changing a focal point's country", () => {
  it('is audited, and the endorsements they gave for their former country stay valid', async () => {
    const staff = await withPassword('staff', null);
    const focal = await addPerson(database.db, 'focal-point', 'AZ');
    const applicant = await addPerson(database.db, 'participant', 'AZ');
    const course = sampleCourse();
    const submitted = await submitApplication(database.client, { applicant, course, motivation: 'to learn', now: duringApplications });
    if (!submitted.ok) throw new Error(submitted.refusal);
    const endorsed = await moveApplication(database.client, { actor: focal, applicationId: submitted.value.id, to: 'endorsed', course, now: duringApplications });
    expect(endorsed.ok).toBe(true);

    expect(await changeFocalPointCountry(database.db, staff, focal.id, 'SN')).toEqual({ ok: true });
    const [moved] = await database.db.select().from(users).where(eq(users.id, focal.id));
    expect(moved?.country).toBe('SN');
    const [application] = await database.db.select().from(applications).where(eq(applications.id, submitted.value.id));
    expect(application).toMatchObject({ status: 'endorsed', country: 'AZ' });
    // Staff can still accept the endorsed application.
    const accepted = await moveApplication(database.client, { actor: staff, applicationId: submitted.value.id, to: 'accepted', course, now: duringApplications });
    expect(accepted.ok).toBe(true);
    const [record] = await database.db.select().from(auditLog).where(eq(auditLog.action, 'account.country'));
    expect(record).toMatchObject({ actorId: staff.id, detail: focal.id, reason: 'AZ → SN' });

    expect(await changeFocalPointCountry(database.db, staff, focal.id, 'SN')).toEqual({ ok: false, refusal: 'unchanged' });
    expect(await changeFocalPointCountry(database.db, staff, applicant.id, 'SN')).toEqual({ ok: false, refusal: 'not-focal-point' });
  });
});

describe('finding people', () => {
  it('filters by name or address, role and country, in pages counted in SQL', async () => {
    for (let n = 0; n < 7; n += 1) await addPerson(database.db, 'participant', 'AZ');
    const focal = await addPerson(database.db, 'focal-point', 'AZ');
    await database.db.update(users).set({ fullName: 'Leyla 100%_Mammadova' }).where(eq(users.id, focal.id));
    const staff = await addPerson(database.db, 'staff', null);

    const all = await findPeople(database.db, { page: 1, pageSize: 4 });
    expect(all.total).toBe(9);
    expect(all.rows.map((row) => row.id).slice(0, 2)).toEqual([staff.id, focal.id]);
    const third = await findPeople(database.db, { page: 3, pageSize: 4 });
    expect(third.rows).toHaveLength(1);

    expect((await findPeople(database.db, { text: 'MAMMADOVA', page: 1, pageSize: 50 })).rows.map((row) => row.id)).toEqual([focal.id]);
    // % and _ are matched as typed, not as wildcards.
    expect((await findPeople(database.db, { text: '100%_', page: 1, pageSize: 50 })).total).toBe(1);
    expect((await findPeople(database.db, { text: '%', page: 1, pageSize: 50 })).total).toBe(1);
    expect((await findPeople(database.db, { text: staff.id, page: 1, pageSize: 50 })).rows.map((row) => row.id)).toEqual([staff.id]);
    expect((await findPeople(database.db, { role: 'participant', country: 'AZ', page: 1, pageSize: 50 })).total).toBe(7);
    expect((await findPeople(database.db, { country: 'SN', page: 1, pageSize: 50 })).total).toBe(0);
  });
});

describe('the paged roster', () => {
  it('gives one page and the total, sorted, and bulk selection reads only the chosen rows', async () => {
    const staff = await withPassword('staff', null);
    const course = sampleCourse();
    const ids: number[] = [];
    for (let n = 0; n < 7; n += 1) {
      const applicant = await addPerson(database.db, 'participant', n % 2 ? 'AZ' : 'SN');
      const submitted = await submitApplication(database.client, { applicant, course, motivation: '', now: duringApplications });
      if (!submitted.ok) throw new Error(submitted.refusal);
      ids.push(submitted.value.id);
    }
    const first = await rosterPage(database.db, staff, { courseSlug: course.slug }, { sort: 'country', descending: false, page: 1, pageSize: 3 });
    expect(first.total).toBe(7);
    expect(first.rows.map((row) => row.country)).toEqual(['AZ', 'AZ', 'AZ']);
    const last = await rosterPage(database.db, staff, { courseSlug: course.slug }, { sort: 'country', descending: false, page: 3, pageSize: 3 });
    expect(last.rows.map((row) => row.country)).toEqual(['SN']);
    const down = await rosterPage(database.db, staff, { courseSlug: course.slug }, { sort: 'country', descending: true, page: 1, pageSize: 3 });
    expect(down.rows.map((row) => row.country)).toEqual(['SN', 'SN', 'SN']);
    const filtered = await rosterPage(database.db, staff, { courseSlug: course.slug, country: 'SN' }, { sort: 'name', descending: false, page: 1, pageSize: 50 });
    expect(filtered.total).toBe(4);
    const chosen = await roster(database.db, staff, { courseSlug: course.slug, applicationIds: [ids[0]!, ids[3]!] });
    expect(chosen.map((row) => row.id).sort()).toEqual([ids[0], ids[3]].sort());
    expect(await roster(database.db, staff, { courseSlug: course.slug, applicationIds: [] })).toEqual([]);
    // A focal point's paged roster is still narrowed to their country.
    const focal = await withPassword('focal-point', 'AZ');
    expect((await rosterPage(database.db, focal, { courseSlug: course.slug }, { sort: 'country', descending: false, page: 1, pageSize: 50 })).total).toBe(3);
  });
});
