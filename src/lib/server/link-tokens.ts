import type { InStatement } from '@libsql/client';
import { eq, lte, sql } from 'drizzle-orm';
import { emailTokens, type tokenPurposes } from '#db/schema.ts';
import { createToken, parseToken, secretsEqual, sha256Bytes } from './crypto.ts';
import type { Database } from './database.ts';
import { wakeSenders } from './outbox.ts';
import { columnList, statement } from './sql.ts';

/** Single-use links sent by email (the Copenhagen Book, "Email verification" and "Password reset"). */

export type LinkPurpose = (typeof tokenPurposes)[number];

export const EMAIL_VERIFICATION_LIFETIME_MS = 48 * 60 * 60 * 1000;
export const PASSWORD_RESET_LIFETIME_MS = 60 * 60 * 1000;
/** Longer, since the person did not ask for the mail (an account made by staff, a nominee). */
export const SET_PASSWORD_LIFETIME_MS = 7 * 24 * 60 * 60 * 1000;

/**
 * A new link's token; the person's earlier links for the same purpose stop working. `mail`
 * gives the outbox message that carries the link, written in the same write batch (issue 12):
 * the link and its mail are stored together or not at all.
 */
/** The statement that stores a link: its id, and only the SHA-256 of its secret. */
export function linkTokenInsert(link: { id: string; userId: string; purpose: LinkPurpose; secretHash: Uint8Array; expiresAt: number }): InStatement {
  return statement(sql`insert into ${emailTokens} (${columnList([emailTokens.id, emailTokens.userId, emailTokens.purpose, emailTokens.secretHash, emailTokens.expiresAt])})
    values (${link.id}, ${link.userId}, ${link.purpose}, ${Buffer.from(link.secretHash)}, ${link.expiresAt})`);
}

export async function createLinkToken(
  db: Database,
  userId: string,
  purpose: LinkPurpose,
  lifetimeMs: number,
  now = new Date(),
  mail?: (token: string) => InStatement | null,
): Promise<string> {
  const { id, token, secretHash } = createToken();
  const message = mail?.(token) ?? null;
  await db.$client.batch(
    [
      statement(sql`delete from ${emailTokens} where ${emailTokens.userId} = ${userId} and ${emailTokens.purpose} = ${purpose}`),
      linkTokenInsert({ id, userId, purpose, secretHash, expiresAt: now.getTime() + lifetimeMs }),
      ...(message ? [message] : []),
    ],
    'write',
  );
  if (message) wakeSenders();
  return token;
}

/**
 * The person a link was for, or null, using the link up. A wrong secret leaves the link in
 * place (so nobody who merely guesses an id can spoil it), a wrong purpose too; an expired link
 * is deleted. The final DELETE … RETURNING is what makes it single use: of two concurrent
 * requests with the same link, only one gets the row back.
 */
export async function consumeLinkToken(db: Database, token: string, purpose: LinkPurpose, now = new Date()): Promise<string | null> {
  const parts = parseToken(token);
  if (!parts) return null;
  const [row] = await db.select().from(emailTokens).where(eq(emailTokens.id, parts.id));
  if (!row) return null;
  if (!secretsEqual(sha256Bytes(parts.secret), new Uint8Array(row.secretHash))) return null;
  if (row.purpose !== purpose) return null;
  const [consumed] = await db.delete(emailTokens).where(eq(emailTokens.id, row.id)).returning({ userId: emailTokens.userId });
  if (!consumed || row.expiresAt.getTime() <= now.getTime()) return null;
  return consumed.userId;
}

/** Housekeeping: links past their expiry can never be used; returns how many were deleted. */
export async function deleteExpiredLinkTokens(db: Database, now = new Date()): Promise<number> {
  const deleted = await db.delete(emailTokens).where(lte(emailTokens.expiresAt, now)).returning({ id: emailTokens.id });
  return deleted.length;
}
