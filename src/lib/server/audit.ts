import { desc, eq, inArray } from 'drizzle-orm';
import { applications, auditLog, users } from '#db/schema.ts';
import type { ApplicationStatus } from '../application-states.ts';
import type { Database } from './database.ts';
import type { User } from './sessions.ts';

/** Audit records for actions on people (the state machine writes its own, in its batches). */
export async function recordAccountCreated(db: Database, actor: User, created: User): Promise<void> {
  await db.insert(auditLog).values({
    actorId: actor.id,
    actorRole: actor.role,
    action: 'account.create',
    reason: `${created.role} ${created.country ?? ''} ${created.id}`.trim(),
  });
}

/** A person named in the audit log, as far as their account still exists. */
export interface AuditPerson {
  id: string;
  fullName: string | null;
  role: User['role'] | null;
  country: string | null;
}

/** One audit record with the people and the application it concerns, for reading rather than ids. */
export interface AuditEntry {
  id: number;
  at: Date;
  action: string;
  actorRole: string | null;
  actor: AuditPerson | null;
  applicationId: number | null;
  courseSlug: string | null;
  /** The applicant of the application, or the account created or handed over to. */
  subject: AuditPerson | null;
  /** The applicant replaced by `subject` (application.substitute). */
  replaced: AuditPerson | null;
  fromStatus: ApplicationStatus | null;
  toStatus: ApplicationStatus | null;
  /** The reason as given by a person; null where the record's reason is machine data (ids, ranks). */
  reason: string | null;
  rank: number | null;
}

/** Staff's people tools (people.ts) keep the account concerned in `detail`. */
const peopleActions = new Set(['account.deactivate', 'account.reactivate', 'account.country']);

/**
 * Audit records, newest first, with names in place of ids. Records keep ids, not foreign keys,
 * so that they outlive accounts: a deleted account reads as a person with no name.
 * Some records carry ids in their reason: account.create ("role country id") and
 * application.substitute ("old → new"); they are read here, not shown as reasons.
 */
export async function auditEntries(db: Database, page: { limit: number; offset: number }): Promise<AuditEntry[]> {
  const rows = await db
    .select({
      id: auditLog.id,
      at: auditLog.at,
      action: auditLog.action,
      actorId: auditLog.actorId,
      actorRole: auditLog.actorRole,
      applicationId: auditLog.applicationId,
      fromStatus: auditLog.fromStatus,
      toStatus: auditLog.toStatus,
      reason: auditLog.reason,
      detail: auditLog.detail,
      courseSlug: applications.courseSlug,
      applicantId: applications.userId,
    })
    .from(auditLog)
    .leftJoin(applications, eq(applications.id, auditLog.applicationId))
    .orderBy(desc(auditLog.id))
    .limit(page.limit)
    .offset(page.offset);

  const created = (reason: string | null) => reason?.split(' ').at(-1) ?? null;
  const swapped = (reason: string | null) => reason?.split(' → ').map((id) => id.trim()) ?? [];
  const ids = new Set<string>();
  for (const row of rows) {
    for (const id of [row.actorId, row.applicantId]) if (id) ids.add(id);
    if (row.action === 'account.create') ids.add(created(row.reason) ?? '');
    if (row.action === 'application.substitute') for (const id of swapped(row.reason)) ids.add(id);
    if (peopleActions.has(row.action) && row.detail) ids.add(row.detail);
  }
  ids.delete('');
  ids.delete('-');
  const people = new Map<string, AuditPerson>();
  if (ids.size > 0) {
    const found = await db
      .select({ id: users.id, fullName: users.fullName, role: users.role, country: users.country })
      .from(users)
      .where(inArray(users.id, [...ids]));
    for (const person of found) people.set(person.id, person);
  }
  const person = (id: string | null | undefined): AuditPerson | null =>
    id && id !== '-' ? (people.get(id) ?? { id, fullName: null, role: null, country: null }) : null;

  return rows.map((row) => {
    const base = {
      id: row.id,
      at: row.at,
      action: row.action,
      actorRole: row.actorRole,
      actor: person(row.actorId),
      applicationId: row.applicationId,
      courseSlug: row.courseSlug,
      fromStatus: row.fromStatus as ApplicationStatus | null,
      toStatus: row.toStatus as ApplicationStatus | null,
    };
    if (peopleActions.has(row.action)) return { ...base, subject: person(row.detail), replaced: null, reason: row.reason, rank: null };
    if (row.action === 'account.create') return { ...base, subject: person(created(row.reason)), replaced: null, reason: null, rank: null };
    if (row.action === 'application.substitute') {
      const [before, after] = swapped(row.reason);
      return { ...base, subject: person(after), replaced: person(before), reason: null, rank: null };
    }
    if (row.action === 'application.rank') {
      const rank = Number(row.reason?.replace(/^rank /, ''));
      return { ...base, subject: person(row.applicantId), replaced: null, reason: null, rank: Number.isInteger(rank) && row.reason ? rank : null };
    }
    return { ...base, subject: person(row.applicantId), replaced: null, reason: row.reason, rank: null };
  });
}
