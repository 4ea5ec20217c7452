import { generateHOTP, generateTOTP } from '@oslojs/otp';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { users } from '#db/schema.ts';
import { randomSecret } from '#lib/server/crypto.ts';
import { createRecoveryCodes, createTotpKey, totpKeyUri, useRecoveryCode, verifyTotpCode } from '#lib/server/two-factor.ts';
import { createTestDatabase, type TestDatabase } from '#support/database.ts';

let database: TestDatabase;
let userId: string;

beforeEach(async () => {
  database = await createTestDatabase();
  userId = randomSecret(15);
  await database.db.insert(users).values({ id: userId, email: `staff-${randomSecret(6)}@example.org`, fullName: 'Staff', role: 'staff' });
});
afterEach(() => database.cleanup());

/** Another code of the same length: the correct one with its last digit changed. */
function wrongCode(code: string): string {
  return `${code.slice(0, -1)}${(Number(code.at(-1)) + 1) % 10}`;
}

describe('TOTP', () => {
  it('makes 20-byte keys and an otpauth URI apps read', () => {
    const key = createTotpKey();
    expect(key).toHaveLength(20);
    expect(createTotpKey()).not.toEqual(key);
    const uri = new URL(totpKeyUri('SESRIC OIC Reform Exchange', 'staff@example.org', key));
    expect(uri.protocol).toBe('otpauth:');
    expect(uri.searchParams.get('period')).toBe('30');
    expect(uri.searchParams.get('digits')).toBe('6');
    expect(uri.searchParams.get('secret')).toMatch(/^[A-Z2-7]{32}$/);
  });

  it('accepts the code an app shows now, spaces or not, and refuses a wrong one', () => {
    const key = createTotpKey();
    const code = generateTOTP(key, 30, 6);
    const now = Date.now();
    // generateTOTP reads the clock itself; right at a step boundary the code is still the previous step's.
    expect(verifyTotpCode(key, code, now)).toBe(true);
    expect(verifyTotpCode(key, `${code.slice(0, 3)} ${code.slice(3)}`, now)).toBe(true);
    expect(verifyTotpCode(key, wrongCode(code), now)).toBe(false);
    expect(verifyTotpCode(createTotpKey(), code, now)).toBe(false);
    for (const malformed of ['', '12345', '1234567', 'abcdef', `${code}0`]) expect(verifyTotpCode(key, malformed, now)).toBe(false);
  });

  it('accepts the previous step, not the one before nor the next', () => {
    const key = createTotpKey();
    const now = Date.UTC(2026, 2, 2, 8, 0, 10);
    const step = BigInt(Math.floor(now / 30_000));
    expect(verifyTotpCode(key, generateHOTP(key, step, 6), now)).toBe(true);
    expect(verifyTotpCode(key, generateHOTP(key, step - 1n, 6), now)).toBe(true);
    const older = generateHOTP(key, step - 2n, 6);
    const next = generateHOTP(key, step + 1n, 6);
    const valid = new Set([generateHOTP(key, step, 6), generateHOTP(key, step - 1n, 6)]);
    if (!valid.has(older)) expect(verifyTotpCode(key, older, now)).toBe(false);
    if (!valid.has(next)) expect(verifyTotpCode(key, next, now)).toBe(false);
  });
});

describe('recovery codes', () => {
  it('look like xxxx-xxxx in base32 and are stored as hashes only', async () => {
    const codes = await createRecoveryCodes(database.db, userId);
    expect(codes).toHaveLength(8);
    expect(new Set(codes).size).toBe(8);
    for (const code of codes) expect(code).toMatch(/^[a-z2-7]{4}-[a-z2-7]{4}$/);
    const stored = await database.client.execute({ sql: 'select code_hash from recovery_codes where user_id = ?', args: [userId] });
    expect(stored.rows).toHaveLength(8);
    const hashes = stored.rows.map((row) => Buffer.from(row.code_hash as ArrayBuffer));
    for (const hash of hashes) {
      expect(hash).toHaveLength(32);
      const text = hash.toString('latin1');
      for (const code of codes) {
        expect(text).not.toContain(code);
        expect(text).not.toContain(code.replace('-', ''));
      }
    }
  });

  it('work once each, ignoring case, spaces and the dash', async () => {
    const codes = await createRecoveryCodes(database.db, userId);
    const [first = '', second = ''] = codes;
    expect(await useRecoveryCode(database.db, userId, first)).toBe(true);
    expect(await useRecoveryCode(database.db, userId, first)).toBe(false);
    expect(await useRecoveryCode(database.db, userId, ` ${second.toUpperCase().replace('-', '')} `)).toBe(true);
    expect(await useRecoveryCode(database.db, userId, second)).toBe(false);
    const left = await database.client.execute({ sql: 'select count(*) as n from recovery_codes where user_id = ?', args: [userId] });
    expect(Number(left.rows[0]?.n)).toBe(6);
  });

  it('refuse a wrong code of the same length, another person’s code, and malformed input', async () => {
    const codes = await createRecoveryCodes(database.db, userId);
    const code = codes[0] ?? '';
    const wrong = `${code.slice(0, -1)}${code.at(-1) === 'a' ? 'b' : 'a'}`;
    expect(wrong).toHaveLength(code.length);
    expect(codes).not.toContain(wrong);
    expect(await useRecoveryCode(database.db, userId, wrong)).toBe(false);

    const otherId = randomSecret(15);
    await database.db.insert(users).values({ id: otherId, email: `other-${randomSecret(6)}@example.org`, fullName: 'Other' });
    expect(await useRecoveryCode(database.db, otherId, code)).toBe(false);
    for (const malformed of ['', '-', 'aaaa-aaa', 'aaaa-aaaa-a', '0000-1111']) expect(await useRecoveryCode(database.db, userId, malformed)).toBe(false);
    expect(await useRecoveryCode(database.db, userId, code)).toBe(true);
  });

  it('replace the earlier set when made again', async () => {
    const earlier = await createRecoveryCodes(database.db, userId);
    const later = await createRecoveryCodes(database.db, userId, 4);
    expect(later).toHaveLength(4);
    expect(await useRecoveryCode(database.db, userId, earlier[0] ?? '')).toBe(false);
    expect(await useRecoveryCode(database.db, userId, later[0] ?? '')).toBe(true);
  });

  it('give one of two concurrent uses of the same code the win', async () => {
    const [code = ''] = await createRecoveryCodes(database.db, userId);
    const other = await database.openAnother();
    const results = await Promise.all([useRecoveryCode(database.db, userId, code), useRecoveryCode(other.db, userId, code)]);
    expect(results.filter(Boolean)).toHaveLength(1);
  });
});
