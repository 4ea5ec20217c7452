import { eq } from 'drizzle-orm';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { sessions, users } from '#db/schema.ts';
import { randomSecret } from '#lib/server/crypto.ts';
import {
  createSession,
  deleteExpiredSessions,
  endOwnSession,
  invalidateSession,
  invalidateUserSessions,
  listUserSessions,
  markSessionTwoFactorVerified,
  sessionCookieName,
  sessionCookieOptions,
  sessionPolicy,
  validateSessionToken,
} from '#lib/server/sessions.ts';
import type { Role } from '#lib/vocabulary.ts';
import { createTestDatabase, type TestDatabase } from '#support/database.ts';

let database: TestDatabase;

beforeEach(async () => {
  database = await createTestDatabase();
});
afterEach(() => database.cleanup());

const start = new Date('2026-03-02T08:00:00Z');
const minutes = (count: number): number => count * 60_000;
const days = (count: number): number => count * 24 * 60 * 60_000;
const after = (ms: number, from = start): Date => new Date(from.getTime() + ms);

async function addUser(role: Role): Promise<{ id: string; role: Role }> {
  const [user] = await database.db
    .insert(users)
    .values({ id: randomSecret(15), email: `${role}-${randomSecret(6)}@example.org`, fullName: `Test ${role}`, role, country: role === 'staff' ? null : 'AZ' })
    .returning();
  if (!user) throw new Error('no user');
  return { id: user.id, role: user.role };
}

/** Replaces one character of the secret half with another, keeping the length. */
function withWrongSecret(token: string): string {
  const [id, secret] = token.split('.') as [string, string];
  const last = secret.at(-1) === 'a' ? 'b' : 'a';
  return `${id}.${secret.slice(0, -1)}${last}`;
}

describe('creating and validating', () => {
  it('gives back the session and its person for the token', async () => {
    const user = await addUser('participant');
    const { token, session } = await createSession(database.db, user, { userAgent: 'x'.repeat(500), twoFactorVerified: true }, start);
    expect(token).toMatch(/^[a-z2-7]{24}\.[a-z2-7]{32}$/);
    expect(session).toMatchObject({ userId: user.id, twoFactorVerified: true, createdAt: start, lastActiveAt: start });
    expect(session.userAgent).toHaveLength(200);
    expect(session).not.toHaveProperty('secretHash');

    const found = await validateSessionToken(database.db, token, after(minutes(5)));
    expect(found?.session.id).toBe(session.id);
    expect(found?.user.id).toBe(user.id);
    expect(found?.session).not.toHaveProperty('secretHash');
  });

  it('keeps nothing in the database that could be presented as the token', async () => {
    const user = await addUser('participant');
    const { token, session } = await createSession(database.db, user, {}, start);
    const [id, secret] = token.split('.') as [string, string];
    expect(session.id).toBe(id);
    const stored = await database.client.execute({ sql: 'select * from sessions where id = ?', args: [id] });
    const row = stored.rows[0];
    expect(row).toBeDefined();
    for (const value of Object.values(row ?? {})) {
      const text = value instanceof ArrayBuffer ? Buffer.from(value).toString('latin1') : String(value);
      expect(text).not.toContain(secret);
      expect(text).not.toContain(token);
    }
    const hash = Buffer.from(row?.secret_hash as ArrayBuffer);
    expect(hash).toHaveLength(32);
    expect(hash.equals(Buffer.from(secret))).toBe(false);
    expect(hash.toString('hex')).not.toContain(Buffer.from(secret).toString('hex'));
  });

  it('refuses a wrong secret of the same length, and leaves the session alone', async () => {
    const user = await addUser('participant');
    const { token } = await createSession(database.db, user, {}, start);
    const wrong = withWrongSecret(token);
    expect(wrong).toHaveLength(token.length);
    expect(wrong).not.toBe(token);
    expect(await validateSessionToken(database.db, wrong, start)).toBeNull();
    expect(await validateSessionToken(database.db, token, start)).not.toBeNull();
  });

  it('refuses malformed tokens without throwing', async () => {
    const user = await addUser('participant');
    const { token, session } = await createSession(database.db, user, {}, start);
    const [, secret] = token.split('.') as [string, string];
    const malformed = [
      '',
      '.',
      session.id,
      `${session.id}.`,
      `.${secret}`,
      `${token}.extra`,
      `${session.id}.${secret}x`,
      `${session.id}.${secret.slice(1)}`,
      token.toUpperCase(),
      ` ${token}`,
      `${session.id}.${secret.slice(0, -1)}=`,
      `${session.id}' or 1=1 --.${secret}`,
      'x'.repeat(10_000),
    ];
    for (const candidate of malformed) {
      await expect(validateSessionToken(database.db, candidate, start)).resolves.toBeNull();
    }
  });

  it('ends sessions of a person whose account is deleted', async () => {
    const user = await addUser('participant');
    const { token } = await createSession(database.db, user, {}, start);
    await database.db.delete(users).where(eq(users.id, user.id));
    expect(await validateSessionToken(database.db, token, start)).toBeNull();
  });
});

describe('participants', () => {
  it('stay signed in while they come back within 30 days', async () => {
    const user = await addUser('participant');
    const { token } = await createSession(database.db, user, {}, start);
    expect(await validateSessionToken(database.db, token, after(days(20)))).not.toBeNull();
    // 29 days after creation, but only 9 after the last use.
    const found = await validateSessionToken(database.db, token, after(days(29)));
    expect(found?.session.lastActiveAt).toEqual(after(days(29)));
    expect(await validateSessionToken(database.db, token, after(days(29) + days(29)))).not.toBeNull();
  });

  it('are signed out after 30 days without use, and the session is deleted', async () => {
    const user = await addUser('participant');
    const { token, session } = await createSession(database.db, user, {}, start);
    expect(await validateSessionToken(database.db, token, after(days(30)))).toBeNull();
    expect(await database.db.select().from(sessions).where(eq(sessions.id, session.id))).toHaveLength(0);
  });

  it('have their activity written at most hourly', async () => {
    const user = await addUser('participant');
    const { token } = await createSession(database.db, user, {}, start);
    expect((await validateSessionToken(database.db, token, after(minutes(59))))?.session.lastActiveAt).toEqual(start);
    expect((await validateSessionToken(database.db, token, after(minutes(60))))?.session.lastActiveAt).toEqual(after(minutes(60)));
  });
});

describe('staff and focal points', () => {
  for (const role of ['staff', 'focal-point'] as const) {
    it(`${role}: valid after 29 idle minutes, refused after 31`, async () => {
      const user = await addUser(role);
      const { token } = await createSession(database.db, user, {}, start);
      expect(await validateSessionToken(database.db, token, after(minutes(29)))).not.toBeNull();
      expect(await validateSessionToken(database.db, token, after(minutes(29 + 29)))).not.toBeNull();
      expect(await validateSessionToken(database.db, token, after(minutes(29 + 29 + 31)))).toBeNull();
    });
  }

  it('are signed out 12 hours after signing in even when active every 20 minutes', async () => {
    const user = await addUser('staff');
    const { token } = await createSession(database.db, user, {}, start);
    for (let at = minutes(20); at < days(0.5); at += minutes(20)) {
      expect(await validateSessionToken(database.db, token, after(at)), `at ${at / 60_000} minutes`).not.toBeNull();
    }
    expect(await validateSessionToken(database.db, token, after(days(0.5)))).toBeNull();
  });

  it('follow the person’s current role, so a promotion tightens an open session', async () => {
    const user = await addUser('participant');
    const { token } = await createSession(database.db, user, {}, start);
    await database.db.update(users).set({ role: 'staff' }).where(eq(users.id, user.id));
    expect(await validateSessionToken(database.db, token, after(minutes(45)))).toBeNull();
  });
});

describe('ending sessions', () => {
  it('invalidateSession ends one session', async () => {
    const user = await addUser('participant');
    const first = await createSession(database.db, user, {}, start);
    const second = await createSession(database.db, user, {}, start);
    await invalidateSession(database.db, first.session.id);
    expect(await validateSessionToken(database.db, first.token, start)).toBeNull();
    expect(await validateSessionToken(database.db, second.token, start)).not.toBeNull();
  });

  it('invalidateUserSessions ends all of one person’s sessions but the one kept', async () => {
    const user = await addUser('participant');
    const other = await addUser('participant');
    const kept = await createSession(database.db, user, {}, start);
    const ended = await createSession(database.db, user, {}, start);
    const someoneElse = await createSession(database.db, other, {}, start);
    await invalidateUserSessions(database.db, user.id, { except: kept.session.id });
    expect(await validateSessionToken(database.db, kept.token, start)).not.toBeNull();
    expect(await validateSessionToken(database.db, ended.token, start)).toBeNull();
    expect(await validateSessionToken(database.db, someoneElse.token, start)).not.toBeNull();

    await invalidateUserSessions(database.db, user.id);
    expect(await validateSessionToken(database.db, kept.token, start)).toBeNull();
    expect(await validateSessionToken(database.db, someoneElse.token, start)).not.toBeNull();
  });

  it('deleteExpiredSessions removes only sessions past their policy', async () => {
    const participant = await addUser('participant');
    const staff = await addUser('staff');
    const oldParticipant = await createSession(database.db, participant, {}, start);
    const recentParticipant = await createSession(database.db, participant, {}, after(days(10)));
    const idleStaff = await createSession(database.db, staff, {}, after(days(31) - minutes(40)));
    const liveStaff = await createSession(database.db, staff, {}, after(days(31) - minutes(10)));
    expect(await deleteExpiredSessions(database.db, after(days(31)))).toBe(2);
    const left = (await database.db.select({ id: sessions.id }).from(sessions)).map((row) => row.id).sort();
    expect(left).toEqual([recentParticipant.session.id, liveStaff.session.id].sort());
    expect(left).not.toContain(oldParticipant.session.id);
    expect(left).not.toContain(idleStaff.session.id);
  });
});

describe('listing and marking sessions', () => {
  it('lists a person’s live sessions, most recently used first, without hashes', async () => {
    const user = await addUser('participant');
    const other = await addUser('participant');
    const older = await createSession(database.db, user, { userAgent: 'Firefox' }, start);
    const newer = await createSession(database.db, user, { userAgent: 'Safari' }, after(days(1)));
    const stale = await createSession(database.db, user, { userAgent: 'Old phone' }, after(days(-40)));
    await createSession(database.db, other, {}, start);
    await validateSessionToken(database.db, older.token, after(days(2)));

    const listed = await listUserSessions(database.db, user.id, after(days(2)));
    expect(listed.map((session) => session.userAgent)).toEqual(['Firefox', 'Safari']);
    for (const session of listed) expect(session).not.toHaveProperty('secretHash');
    expect(await database.db.select().from(sessions).where(eq(sessions.id, stale.session.id))).toHaveLength(0);
    expect(newer.session.id).toBe(listed[1]?.id);
  });

  it('records a passed second factor on the session', async () => {
    const user = await addUser('staff');
    const { token, session } = await createSession(database.db, user, {}, start);
    expect(session.twoFactorVerified).toBe(false);
    await markSessionTwoFactorVerified(database.db, session.id);
    expect((await validateSessionToken(database.db, token, start))?.session.twoFactorVerified).toBe(true);
  });
});

describe('the cookie', () => {
  it('is __Host-session over HTTPS and session over plain HTTP', () => {
    expect(sessionCookieName(true)).toBe('__Host-session');
    expect(sessionCookieName(false)).toBe('session');
  });

  it('is HttpOnly, SameSite=Lax, Path=/, Secure when secure, and lasts as long as the policy', () => {
    const secure = sessionCookieOptions(true, 'participant', start);
    expect(secure).toEqual({ httpOnly: true, sameSite: 'lax', path: '/', secure: true, expires: after(days(30)) });
    const insecure = sessionCookieOptions(false, 'participant', start);
    expect(insecure).toEqual({ httpOnly: true, sameSite: 'lax', path: '/', secure: false, expires: after(days(30)) });
    expect(sessionCookieOptions(true, 'staff', start).expires).toEqual(after(days(0.5)));
    expect(sessionCookieOptions(false, 'focal-point', start).expires).toEqual(after(days(0.5)));
    expect(sessionPolicy('participant').idleTimeoutMs).toBe(days(30));
    expect(sessionPolicy('staff')).toEqual({ idleTimeoutMs: minutes(30), absoluteTimeoutMs: days(0.5), activityRefreshMs: minutes(1) });
  });
});

describe('ending one of your own sessions (the security page)', () => {
  it("ends the person's own session and no one else's", async () => {
    const owner = await addUser('participant');
    const stranger = await addUser('participant');
    const { session: mine } = await createSession(database.db, owner, { userAgent: 'mine' }, start);
    const { session: theirs } = await createSession(database.db, stranger, { userAgent: 'theirs' }, start);

    expect(await endOwnSession(database.db, owner.id, theirs.id)).toBe(false);
    expect((await listUserSessions(database.db, stranger.id, start)).map((session) => session.id)).toEqual([theirs.id]);
    expect(await endOwnSession(database.db, owner.id, 'no-such-session')).toBe(false);

    expect(await endOwnSession(database.db, owner.id, mine.id)).toBe(true);
    expect(await listUserSessions(database.db, owner.id, start)).toEqual([]);
    expect(await endOwnSession(database.db, owner.id, mine.id)).toBe(false);
  });

  it("lists only the person's own sessions", async () => {
    const owner = await addUser('staff');
    const other = await addUser('staff');
    const { session: mine } = await createSession(database.db, owner, {}, start);
    await createSession(database.db, other, {}, start);
    expect((await listUserSessions(database.db, owner.id, start)).map((session) => session.id)).toEqual([mine.id]);
  });
});
