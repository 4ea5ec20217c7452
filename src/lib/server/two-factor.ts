import { createTOTPKeyURI, verifyHOTP } from '@oslojs/otp';
import { eq } from 'drizzle-orm';
import { recoveryCodes } from '#db/schema.ts';
import { randomSecret, secretsEqual, sha256Bytes } from './crypto.ts';
import type { Database } from './database.ts';

/** TOTP second factor (RFC 6238 as authenticator apps use it) and single-use recovery codes. */

const periodSeconds = 30;
const digits = 6;

/** 160 bits, the size RFC 4226 recommends for an HMAC-SHA1 key. */
export function createTotpKey(): Uint8Array {
  return crypto.getRandomValues(new Uint8Array(20));
}

/** The otpauth:// address an authenticator app reads from the QR code. */
export function totpKeyUri(issuer: string, accountName: string, key: Uint8Array): string {
  return createTOTPKeyURI(issuer, accountName, key, periodSeconds, digits);
}

/**
 * The current code or the one just before it, so a code typed as the 30 seconds turn still
 * counts. Not the next one: a phone clock running ahead is rarer than a slow typist. Spaces are
 * ignored, as apps show "123 456". The same code works again within its minute: callers throttle.
 */
export function verifyTotpCode(key: Uint8Array, code: string, now = Date.now()): boolean {
  const otp = code.replace(/\s/g, '');
  if (!/^\d{6}$/.test(otp)) return false;
  const counter = BigInt(Math.floor(now / (periodSeconds * 1000)));
  // Both are checked so the time taken does not tell which step matched.
  const current = verifyHOTP(key, counter, digits, otp);
  const previous = verifyHOTP(key, counter - 1n, digits, otp);
  return current || previous;
}

/** Lower-case, without spaces or dashes: how a code is hashed. */
function normaliseRecoveryCode(code: string): string {
  return code.toLowerCase().replace(/[\s-]/g, '');
}

/**
 * New recovery codes, replacing any earlier ones; shown once, stored as SHA-256 only. Each is
 * 40 random bits written `xxxx-xxxx` in base32 (a-z, 2-7: no 0/o or 1/l to confuse).
 */
export async function createRecoveryCodes(db: Database, userId: string, count = 8): Promise<string[]> {
  const codes = Array.from({ length: count }, () => randomSecret(5).replace(/^(.{4})(.{4})$/, '$1-$2'));
  const rows = codes.map((code) => ({ userId, codeHash: Buffer.from(sha256Bytes(normaliseRecoveryCode(code))) }));
  const removeEarlier = db.delete(recoveryCodes).where(eq(recoveryCodes.userId, userId));
  if (rows.length === 0) await removeEarlier;
  else await db.batch([removeEarlier, db.insert(recoveryCodes).values(rows)]);
  return codes;
}

/** True once per code: the code is deleted as it is used, and of two concurrent uses only one wins. */
export async function useRecoveryCode(db: Database, userId: string, code: string): Promise<boolean> {
  const normalised = normaliseRecoveryCode(code);
  if (!/^[a-z2-7]{8}$/.test(normalised)) return false;
  const hash = sha256Bytes(normalised);
  const stored = await db.select().from(recoveryCodes).where(eq(recoveryCodes.userId, userId));
  let matchId: number | null = null;
  // Every stored code is compared, so the time taken does not depend on which one matched.
  for (const row of stored) {
    if (secretsEqual(hash, new Uint8Array(row.codeHash))) matchId = row.id;
  }
  if (matchId === null) return false;
  const deleted = await db.delete(recoveryCodes).where(eq(recoveryCodes.id, matchId)).returning({ id: recoveryCodes.id });
  return deleted.length > 0;
}
