import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { users } from '#db/schema.ts';
import { randomSecret } from '#lib/server/crypto.ts';
import {
  consumeLinkToken,
  createLinkToken,
  EMAIL_VERIFICATION_LIFETIME_MS,
  PASSWORD_RESET_LIFETIME_MS,
  SET_PASSWORD_LIFETIME_MS,
} from '#lib/server/link-tokens.ts';
import { createTestDatabase, type TestDatabase } from '#support/database.ts';

let database: TestDatabase;
let userId: string;

beforeEach(async () => {
  database = await createTestDatabase();
  userId = randomSecret(15);
  await database.db.insert(users).values({ id: userId, email: `someone-${randomSecret(6)}@example.org`, fullName: 'Someone' });
});
afterEach(() => database.cleanup());

const start = new Date('2026-03-02T08:00:00Z');
const after = (ms: number): Date => new Date(start.getTime() + ms);

function withWrongSecret(token: string): string {
  const last = token.at(-1) === 'a' ? 'b' : 'a';
  return `${token.slice(0, -1)}${last}`;
}

describe('email tokens', () => {
  it('have the documented lifetimes', () => {
    expect(EMAIL_VERIFICATION_LIFETIME_MS).toBe(48 * 3_600_000);
    expect(PASSWORD_RESET_LIFETIME_MS).toBe(3_600_000);
    expect(SET_PASSWORD_LIFETIME_MS).toBe(7 * 24 * 3_600_000);
  });

  it('work once', async () => {
    const token = await createLinkToken(database.db, userId, 'verify-email', EMAIL_VERIFICATION_LIFETIME_MS, start);
    expect(await consumeLinkToken(database.db, token, 'verify-email', after(60_000))).toBe(userId);
    expect(await consumeLinkToken(database.db, token, 'verify-email', after(60_000))).toBeNull();
  });

  it('store only a hash of the secret', async () => {
    const token = await createLinkToken(database.db, userId, 'reset-password', PASSWORD_RESET_LIFETIME_MS, start);
    const secret = token.split('.')[1] ?? '';
    const stored = await database.client.execute('select * from email_tokens');
    expect(stored.rows).toHaveLength(1);
    for (const value of Object.values(stored.rows[0] ?? {})) {
      const text = value instanceof ArrayBuffer ? Buffer.from(value).toString('latin1') : String(value);
      expect(text).not.toContain(secret);
    }
  });

  it('are refused once expired', async () => {
    const token = await createLinkToken(database.db, userId, 'reset-password', PASSWORD_RESET_LIFETIME_MS, start);
    expect(await consumeLinkToken(database.db, token, 'reset-password', after(PASSWORD_RESET_LIFETIME_MS))).toBeNull();
    // Expired links are deleted, not kept for later.
    expect(await consumeLinkToken(database.db, token, 'reset-password', start)).toBeNull();
  });

  it('are refused for another purpose, and stay usable for their own', async () => {
    const token = await createLinkToken(database.db, userId, 'verify-email', EMAIL_VERIFICATION_LIFETIME_MS, start);
    expect(await consumeLinkToken(database.db, token, 'reset-password', start)).toBeNull();
    expect(await consumeLinkToken(database.db, token, 'set-password', start)).toBeNull();
    expect(await consumeLinkToken(database.db, token, 'verify-email', start)).toBe(userId);
  });

  it('refuse a wrong secret of the same length, without spoiling the real link', async () => {
    const token = await createLinkToken(database.db, userId, 'set-password', SET_PASSWORD_LIFETIME_MS, start);
    const wrong = withWrongSecret(token);
    expect(wrong).toHaveLength(token.length);
    expect(wrong).not.toBe(token);
    expect(await consumeLinkToken(database.db, wrong, 'set-password', start)).toBeNull();
    expect(await consumeLinkToken(database.db, token, 'set-password', start)).toBe(userId);
  });

  it('refuse malformed tokens without throwing', async () => {
    const token = await createLinkToken(database.db, userId, 'verify-email', EMAIL_VERIFICATION_LIFETIME_MS, start);
    for (const candidate of ['', '.', token.split('.')[0] ?? '', `${token}.x`, token.toUpperCase(), `${token} `, '%00']) {
      await expect(consumeLinkToken(database.db, candidate, 'verify-email', start)).resolves.toBeNull();
    }
  });

  it('replace the earlier link of the same purpose only', async () => {
    const firstReset = await createLinkToken(database.db, userId, 'reset-password', PASSWORD_RESET_LIFETIME_MS, start);
    const verification = await createLinkToken(database.db, userId, 'verify-email', EMAIL_VERIFICATION_LIFETIME_MS, start);
    const secondReset = await createLinkToken(database.db, userId, 'reset-password', PASSWORD_RESET_LIFETIME_MS, start);
    expect(await consumeLinkToken(database.db, firstReset, 'reset-password', start)).toBeNull();
    expect(await consumeLinkToken(database.db, secondReset, 'reset-password', start)).toBe(userId);
    expect(await consumeLinkToken(database.db, verification, 'verify-email', start)).toBe(userId);
  });

  it('give the person to exactly one of two concurrent uses, even from two processes', async () => {
    for (let round = 0; round < 10; round += 1) {
      const token = await createLinkToken(database.db, userId, 'reset-password', PASSWORD_RESET_LIFETIME_MS, start);
      const other = await database.openAnother();
      const results = await Promise.all([
        consumeLinkToken(database.db, token, 'reset-password', start),
        consumeLinkToken(other.db, token, 'reset-password', start),
        consumeLinkToken(database.db, token, 'reset-password', start),
      ]);
      expect(results.filter((result) => result === userId)).toHaveLength(1);
      expect(results.filter((result) => result === null)).toHaveLength(2);
    }
  });
});
