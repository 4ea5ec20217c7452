import { and, asc, count, eq, inArray, or, sql, type SQL } from 'drizzle-orm';
import type { InStatement } from '@libsql/client';
import { emailTokens, sessions, users } from '#db/schema.ts';
import type { Role } from '../vocabulary.ts';
import type { Database } from './database.ts';
import type { User } from './sessions.ts';
import { audit, bare, statement } from './sql.ts';

/**
 * Staff's people tools (issue 11): deactivating and reactivating accounts, moving a focal point
 * to another country, and finding accounts. Each change is one write batch with its audit
 * record, written only when the change happened (`changes()` of the UPDATE before it).
 */

export type PeopleRefusal = 'not-found' | 'own-account' | 'not-focal-point' | 'unchanged';
export type PeopleOutcome = { ok: true } | { ok: false; refusal: PeopleRefusal };

/** The audit INSERT that follows an UPDATE in the same batch: written only if that UPDATE changed a row. */
function auditIfChanged(actor: Pick<User, 'id' | 'role'>, action: string, subjectId: string, reason: string | null, now: Date): InStatement {
  return audit({ actor, action, applicationId: null, reason, detail: subjectId, now, when: sql`changes() > 0` });
}

async function target(db: Database, id: string): Promise<Pick<User, 'id' | 'role' | 'country' | 'deactivatedAt'> | null> {
  const [found] = await db.select({ id: users.id, role: users.role, country: users.country, deactivatedAt: users.deactivatedAt }).from(users).where(eq(users.id, id));
  return found ?? null;
}

/**
 * Deactivates (`active: false`) or reactivates an account. Deactivation ends every session of the
 * account and deletes its unused password links in the same batch, so neither a session cookie
 * nor a link sent earlier brings it back; sign-in refuses it (checkCredentials). Staff cannot
 * deactivate themselves (nobody would be left to undo it on a one-person team).
 */
export async function setAccountActive(
  db: Database,
  actor: Pick<User, 'id' | 'role'>,
  accountId: string,
  active: boolean,
  reason: string,
  now = new Date(),
): Promise<PeopleOutcome> {
  if (accountId === actor.id) return { ok: false, refusal: 'own-account' };
  const found = await target(db, accountId);
  if (!found) return { ok: false, refusal: 'not-found' };
  const statements: InStatement[] = active
    ? [
        statement(sql`update ${users} set ${bare(users.deactivatedAt)} = null where ${users.id} = ${accountId} and ${users.deactivatedAt} is not null`),
        auditIfChanged(actor, 'account.reactivate', accountId, reason || null, now),
      ]
    : [
        statement(sql`update ${users} set ${bare(users.deactivatedAt)} = ${now.getTime()} where ${users.id} = ${accountId} and ${users.deactivatedAt} is null`),
        auditIfChanged(actor, 'account.deactivate', accountId, reason || null, now),
        statement(sql`delete from ${sessions} where ${sessions.userId} = ${accountId}`),
        statement(sql`delete from ${emailTokens} where ${emailTokens.userId} = ${accountId} and ${inArray(emailTokens.purpose, ['reset-password', 'set-password'])}`),
      ];
  const [updated] = await db.$client.batch(statements, 'write');
  return updated && updated.rowsAffected > 0 ? { ok: true } : { ok: false, refusal: 'unchanged' };
}

/**
 * Moves a focal point to another country. Their past endorsements are rows of applications
 * that carry their own country, so they stay as they are (valid); from now on the focal point
 * sees and acts for the new country's applications.
 */
export async function changeFocalPointCountry(db: Database, actor: Pick<User, 'id' | 'role'>, accountId: string, country: string, now = new Date()): Promise<PeopleOutcome> {
  const found = await target(db, accountId);
  if (!found) return { ok: false, refusal: 'not-found' };
  if (found.role !== 'focal-point') return { ok: false, refusal: 'not-focal-point' };
  const [updated] = await db.$client.batch(
    [
      statement(sql`update ${users} set ${bare(users.country)} = ${country} where ${users.id} = ${accountId} and ${users.role} = 'focal-point' and ${users.country} is not ${country}`),
      auditIfChanged(actor, 'account.country', accountId, `${found.country ?? '-'} → ${country}`, now),
    ],
    'write',
  );
  return updated && updated.rowsAffected > 0 ? { ok: true } : { ok: false, refusal: 'unchanged' };
}

export interface PeopleQuery {
  /** Part of a name or an address. */
  text?: string | undefined;
  role?: Role | undefined;
  country?: string | undefined;
  /** Counted from 1. */
  page: number;
  pageSize: number;
}

export interface PersonRow {
  id: string;
  fullName: string;
  email: string;
  role: Role;
  country: string | null;
  /** Whether its owner has set a password (an invitation not yet taken up has none). */
  hasPassword: boolean;
  deactivated: boolean;
}

/** `%`, `_` and the escape itself are matched as typed. */
function likePattern(text: string): string {
  return `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

/**
 * Accounts matching the query, one page of them and the total, both counted and cut in SQL.
 * Staff first, then focal points, then participants; by country code, then name.
 */
export async function findPeople(db: Database, query: PeopleQuery): Promise<{ rows: PersonRow[]; total: number }> {
  const text = query.text?.trim().toLowerCase();
  const conditions: (SQL | undefined)[] = [
    text ? or(sql`lower(${users.fullName}) like ${likePattern(text)} escape '\\'`, sql`${users.email} like ${likePattern(text)} escape '\\'`) : undefined,
    query.role ? eq(users.role, query.role) : undefined,
    query.country ? eq(users.country, query.country) : undefined,
  ];
  const where = and(...conditions);
  const [counted] = await db.select({ n: count() }).from(users).where(where);
  const rows = await db
    .select({
      id: users.id,
      fullName: users.fullName,
      email: users.email,
      role: users.role,
      country: users.country,
      passwordHash: users.passwordHash,
      deactivatedAt: users.deactivatedAt,
    })
    .from(users)
    .where(where)
    .orderBy(sql`case ${users.role} when 'staff' then 0 when 'focal-point' then 1 else 2 end`, asc(users.country), asc(users.fullName), asc(users.id))
    .limit(query.pageSize)
    .offset((query.page - 1) * query.pageSize);
  return {
    total: counted?.n ?? 0,
    rows: rows.map(({ passwordHash, deactivatedAt, ...row }) => ({ ...row, hasPassword: passwordHash !== null, deactivated: deactivatedAt !== null })),
  };
}

/** One account as its staff page shows it. */
export async function personById(db: Database, id: string): Promise<PersonRow | null> {
  const [row] = await db
    .select({ id: users.id, fullName: users.fullName, email: users.email, role: users.role, country: users.country, passwordHash: users.passwordHash, deactivatedAt: users.deactivatedAt })
    .from(users)
    .where(eq(users.id, id));
  if (!row) return null;
  const { passwordHash, deactivatedAt, ...rest } = row;
  return { ...rest, hasPassword: passwordHash !== null, deactivated: deactivatedAt !== null };
}
