import { eq } from 'drizzle-orm';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { emailTokens, sessions } from '#db/schema.ts';
import { createAccountFor } from '#lib/server/accounts.ts';
import { createLinkToken, PASSWORD_RESET_LIFETIME_MS } from '#lib/server/link-tokens.ts';
import { runHousekeeping, startHousekeeping } from '#lib/server/housekeeping.ts';
import { createSession, rotateSessionAfterSecondFactor, validateSessionToken } from '#lib/server/sessions.ts';
import { createTestDatabase, type TestDatabase } from '#support/database.ts';

/** Issue 12: what can never be used again is deleted by a periodic job; the session changes after the second factor. */

let database: TestDatabase;
beforeEach(async () => {
  database = await createTestDatabase();
});
afterEach(() => database.cleanup());

const start = new Date('2026-03-02T08:00:00Z');
const hours = (count: number): number => count * 60 * 60_000;

async function person(role: 'participant' | 'staff') {
  const { user } = await createAccountFor(database.db, { email: `${role}-${Math.random()}@example.org`, fullName: 'Test', role, country: null });
  return user;
}

describe('housekeeping', () => {
  it('deletes expired sessions and expired email links, and keeps live ones', async () => {
    const staff = await person('staff');
    const participant = await person('participant');
    await createSession(database.db, staff, {}, start);
    const live = await createSession(database.db, participant, {}, start);
    await createLinkToken(database.db, staff.id, 'reset-password', PASSWORD_RESET_LIFETIME_MS, start);
    const keptToken = await createLinkToken(database.db, participant.id, 'reset-password', PASSWORD_RESET_LIFETIME_MS, new Date(start.getTime() + hours(13)));
    const later = new Date(start.getTime() + hours(13));
    expect(await runHousekeeping(database.db, later)).toEqual({ sessions: 1, emailTokens: 1, practices: 0 });
    expect(await database.db.select().from(sessions)).toHaveLength(1);
    expect(await validateSessionToken(database.db, live.token, later)).not.toBeNull();
    // createAccountFor's set-password links (7 days) are still valid and stay too.
    const resets = await database.db.select().from(emailTokens).where(eq(emailTokens.purpose, 'reset-password'));
    expect(resets.map((t) => t.id)).toEqual([keptToken.split('.')[0]]);
  });

  it('runs in the process on a timer that does not keep it alive', async () => {
    vi.useFakeTimers();
    try {
      const open = vi.fn(async () => ({ db: database.db }));
      startHousekeeping(open, 1000);
      startHousekeeping(open, 1000);
      await vi.advanceTimersByTimeAsync(3500);
      expect(open.mock.calls.length).toBe(4);
    } finally {
      vi.useRealTimers();
    }
  });
});

describe('after the second factor', () => {
  it('replaces the session: the old token opens nothing, the new one has passed, the creation time stays', async () => {
    const staff = await person('staff');
    const { token: before, session } = await createSession(database.db, staff, {}, start);
    const now = new Date(start.getTime() + 60_000);
    const { token: after, session: rotated } = await rotateSessionAfterSecondFactor(database.db, session, staff, now);
    expect(after).not.toBe(before);
    expect(rotated.id).not.toBe(session.id);
    expect(await validateSessionToken(database.db, before, now)).toBeNull();
    const found = await validateSessionToken(database.db, after, now);
    expect(found?.session.twoFactorVerified).toBe(true);
    expect(found?.session.createdAt.getTime()).toBe(start.getTime());
    expect(await database.db.select().from(sessions).where(eq(sessions.userId, staff.id))).toHaveLength(1);
  });
});
