import type { Client, InStatement } from '@libsql/client';
import { sql, type SQL } from 'drizzle-orm';
import { alias } from 'drizzle-orm/sqlite-core';
import { applications, auditLog, certificates, users } from '#db/schema.ts';
import {
  canApplyAgain,
  canMove,
  canRank,
  canSubstitute,
  holdsSeat,
  inTime,
  needsReason,
  seatHoldingStatuses,
  timing,
  type ApplicationStatus,
  type Mover,
} from '../application-states.ts';
import { applicationWindow, isEligible, type CourseOffering } from '../course-rules.ts';
import type { Role } from '../vocabulary.ts';
import { randomSecret } from './crypto.ts';
import { outboxInsertForApplication, wakeSenders, type OutboxMessage } from './outbox.ts';
import { audit, bare, columnList, fromRow, statement } from './sql.ts';

/**
 * Applications in the database: submitting, and every move of the state machine.
 *
 * Each change is one `batch(…, 'write')`: libSQL opens it with BEGIN IMMEDIATE, so it holds the
 * database's write lock before it reads anything, and runs every statement through to COMMIT
 * without yielding to the event loop. The seat count that guards an acceptance is read inside
 * the same UPDATE that accepts, under that lock, on every connection and in every server process
 * sharing the file: never a count read before the write. An interactive transaction would yield
 * between statements; the local driver waits for a busy lock synchronously, so another request
 * of the same process could then block the one holding the lock. drizzle's libSQL driver also
 * ignores a transaction's `behavior`. Hence the client's own batches; their statements are
 * drizzle `sql` templates naming the schema's tables and columns (`sql.ts`), so a renamed column
 * fails the type check, and rows come back typed as the schema's `$inferSelect`.
 */

export interface Actor {
  id: string;
  role: Role;
  /** A participant's own country; the one country a focal point acts for. */
  country: string | null;
}


export type ApplicationRecord = typeof applications.$inferSelect;

export type Refusal =
  | 'not-found'
  | 'invalid-transition'
  | 'reason-required'
  | 'course-full'
  | 'country-full'
  | 'course-started'
  | 'course-not-started'
  | 'not-open'
  | 'closed'
  | 'not-eligible'
  | 'already-applied'
  | 'no-country';

export type Result<T> = { ok: true; value: T } | { ok: false; refusal: Refusal };

const refuse = (refusal: Refusal): { ok: false; refusal: Refusal } => ({ ok: false, refusal });

/** Who the actor is to this application, or null when they have nothing to do with it. */
export function moverFor(actor: Actor, application: Pick<ApplicationRecord, 'userId' | 'country'>): Mover | null {
  if (actor.role === 'staff') return 'staff';
  if (actor.role === 'focal-point') return actor.country === application.country ? 'focal-point' : null;
  return application.userId === actor.id ? 'applicant' : null;
}

/** Applies to a course as `applicant`, inside the window and from an eligible country only. */
export async function submitApplication(
  client: Client,
  input: {
    applicant: Actor;
    course: CourseOffering;
    motivation: string;
    nominatedBy?: Actor;
    now?: Date;
    /** Statements run first in the same batch (a nominee's new account); undone if the application is refused. */
    before?: InStatement[];
    /** The mail to the applicant, written to the outbox in the same batch. */
    mail?: OutboxMessage;
  },
): Promise<Result<ApplicationRecord>> {
  const now = input.now ?? new Date();
  const { applicant, course } = input;
  if (!applicant.country) return refuse('no-country');
  const window = applicationWindow(course, now);
  // A focal point may still nominate after the deadline, until the course starts.
  if (input.nominatedBy && now >= course.start) return refuse('course-started');
  if (window !== 'open' && !input.nominatedBy) return refuse(window === 'closed' ? 'closed' : 'not-open');
  if (!isEligible(course, applicant.country)) return refuse('not-eligible');
  const status: ApplicationStatus = input.nominatedBy ? 'endorsed' : 'submitted';
  const at = now.getTime();
  if (!input.nominatedBy) {
    const existing = await client.execute(
      statement(sql`select * from ${applications} where ${applications.courseSlug} = ${course.slug} and ${applications.userId} = ${applicant.id}`),
    );
    const row = existing.rows[0];
    if (row) {
      const earlier = fromRow(applications, row);
      return canApplyAgain(earlier.status) ? applyAgain(client, { ...input, applicant, earlier, now }) : refuse('already-applied');
    }
  }
  try {
    const results = await client.batch(
      [
        ...(input.before ?? []),
        statement(sql`insert into ${applications} (${columnList([
          applications.courseSlug,
          applications.userId,
          applications.country,
          applications.status,
          applications.motivation,
          applications.nominated,
          applications.endorsedAt,
          applications.createdAt,
          applications.updatedAt,
        ])})
          values (${course.slug}, ${applicant.id}, ${applicant.country}, ${status}, ${input.motivation}, ${input.nominatedBy ? 1 : 0},
            ${input.nominatedBy ? at : null}, ${at}, ${at}) returning *`),
        audit({
          actor: input.nominatedBy ?? applicant,
          action: input.nominatedBy ? 'application.nominate' : 'application.submit',
          applicationId: 'last-insert',
          to: status,
          now,
        }),
        ...(input.mail
          ? [outboxInsertForApplication(sql`select ${auditLog.applicationId} from ${auditLog} where ${auditLog.id} = last_insert_rowid()`, input.mail.kind, input.mail.values ?? {}, now)]
          : []),
      ],
      'write',
    );
    if (input.mail) wakeSenders();
    const inserted = results[input.before?.length ?? 0]?.rows[0];
    if (!inserted) throw new Error('the application was not inserted');
    return { ok: true, value: fromRow(applications, inserted) };
  } catch (error) {
    if (String(error).includes('UNIQUE constraint failed')) return refuse('already-applied');
    throw error;
  }
}

/**
 * Applying again after withdrawing (`canApplyAgain`): the same row back to submitted, as a new
 * application (its motivation, the applicant's country now, today's date; no endorsement, rank or
 * nomination left from before), audited as an application from `withdrawn`, with its mail, in one
 * write batch. The UPDATE is guarded by the status read before, so a concurrent change wins.
 */
async function applyAgain(
  client: Client,
  input: { applicant: Actor; earlier: ApplicationRecord; motivation: string; now: Date; mail?: OutboxMessage | undefined },
): Promise<Result<ApplicationRecord>> {
  const { applicant, earlier, now } = input;
  const at = now.getTime();
  const submitted: ApplicationStatus = 'submitted';
  const audited = sql`exists (select 1 from ${auditLog} where ${auditLog.action} = 'application.submit' and ${auditLog.applicationId} = ${earlier.id}
    and ${auditLog.at} = ${at} and ${auditLog.fromStatus} = ${earlier.status})`;
  const [updated] = await client.batch(
    [
      statement(sql`update ${applications}
        set ${bare(applications.status)} = ${submitted}, ${bare(applications.motivation)} = ${input.motivation}, ${bare(applications.country)} = ${applicant.country},
          ${bare(applications.nominated)} = 0, ${bare(applications.rank)} = null, ${bare(applications.endorsedAt)} = null,
          ${bare(applications.createdAt)} = ${at}, ${bare(applications.updatedAt)} = ${at}
        where ${applications.id} = ${earlier.id} and ${applications.status} = ${earlier.status}
        returning *`),
      audit({ actor: applicant, action: 'application.submit', applicationId: earlier.id, from: earlier.status, to: submitted, now, when: sql`changes() = 1` }),
      ...(input.mail ? [outboxInsertForApplication(sql`${earlier.id}`, input.mail.kind, input.mail.values ?? {}, now, audited)] : []),
    ],
    'write',
  );
  const row = updated?.rows[0];
  if (!row) return refuse('already-applied');
  if (input.mail) wakeSenders();
  return { ok: true, value: fromRow(applications, row) };
}

export async function findApplication(client: Client, id: number): Promise<ApplicationRecord | null> {
  const found = await client.execute(statement(sql`select * from ${applications} where ${applications.id} = ${id}`));
  const row = found.rows[0];
  return row ? fromRow(applications, row) : null;
}

const held = alias(applications, 'held');
const waiting = alias(applications, 'waiting');

/** SQL counting the seats held on a course, or on one country's share of it: the one copy of this count. */
function seatsHeldSql(courseSlug: string, country?: SQL): SQL {
  return sql`(select count(*) from ${applications} ${held} where ${held.courseSlug} = ${courseSlug}
    and ${held.status} in ${[...seatHoldingStatuses]}${country ? sql` and ${held.country} = ${country}` : sql``})`;
}

/** SQL true while the course, and the country `country` within its cap, has a seat free. */
function seatIsFree(course: CourseOffering, country: SQL): SQL {
  const countryCap = course.seatsPerCountry ?? null;
  return sql`${seatsHeldSql(course.slug)} < ${course.seats}${countryCap === null ? sql`` : sql` and ${seatsHeldSql(course.slug, country)} < ${countryCap}`}`;
}

/** The next waiting applicant who can take a freed seat: its country first, then rank, then endorsement. */
function nextWaiting(course: CourseOffering, freedCountry: string): SQL {
  return sql`(select ${waiting.id} from ${applications} ${waiting}
    where ${waiting.courseSlug} = ${course.slug} and ${waiting.status} = ${'waitlisted' satisfies ApplicationStatus}
      and ${seatIsFree(course, sql`${waiting.country}`)}
    order by (${waiting.country} = ${freedCountry}) desc, ${waiting.rank} is null, ${waiting.rank}, ${waiting.endorsedAt}, ${waiting.id} limit 1)`;
}

/** SQL naming the application promoted by the operation `operation` (read from its audit record). */
function promotedBy(operation: string): SQL {
  return sql`(select ${auditLog.applicationId} from ${auditLog} where ${auditLog.action} = 'application.promote' and ${auditLog.detail} = ${operation})`;
}

/** A moved application, and the one promoted from the waiting list into the seat it freed. */
export interface Moved extends ApplicationRecord {
  promotedId: number | null;
}

/**
 * Moves an application to `to` on behalf of `actor`, if the state machine, the actor's reach,
 * the course's dates and its seats allow it. A freed seat goes to the waiting list at once.
 */
export async function moveApplication(
  client: Client,
  input: {
    actor: Actor;
    applicationId: number;
    to: ApplicationStatus;
    course: CourseOffering;
    reason?: string;
    now?: Date;
    /** Mail for the applicant, and for the one promoted into a freed seat: written in the same batch. */
    mail?: { applicant?: OutboxMessage | undefined; promoted?: OutboxMessage | undefined };
    /** The code of the certificate a completion issues, when the caller needs it first (the mail's link). */
    certificateCode?: string;
  },
): Promise<Result<Moved>> {
  const now = input.now ?? new Date();
  const reason = input.reason?.trim() || null;
  const application = await findApplication(client, input.applicationId);
  if (!application || application.courseSlug !== input.course.slug) return refuse('not-found');
  const mover = moverFor(input.actor, application);
  if (!mover) return refuse('not-found');
  if (!canMove(application.status, input.to, mover)) return refuse('invalid-transition');
  if (needsReason(input.to) && !reason) return refuse('reason-required');
  if (!inTime(input.to, input.course.start, now)) return refuse(timing(input.to) === 'before-start' ? 'course-started' : 'course-not-started');

  const operation = randomSecret(10);
  const at = now.getTime();
  const { course } = input;
  const freesSeat = holdsSeat(application.status) && !holdsSeat(input.to);
  // Each statement after the guarded UPDATE runs only if the one before it changed a row:
  // changes() is the row count of the connection's previous statement, inside this batch.
  const moved = sql`changes() = 1`;
  const ownCountry = sql`(select ${applications.country} from ${applications} where ${applications.id} = ${application.id})`;
  const statements: InStatement[] = [
    statement(sql`update ${applications}
      set ${bare(applications.status)} = ${input.to}, ${bare(applications.updatedAt)} = ${at}${input.to === 'endorsed' ? sql`, ${bare(applications.endorsedAt)} = ${at}` : sql``}
      where ${applications.id} = ${application.id} and ${applications.status} = ${application.status}${input.to === 'accepted' ? sql` and ${seatIsFree(course, ownCountry)}` : sql``}
      returning *`),
    audit({ actor: input.actor, action: 'application.move', applicationId: application.id, from: application.status, to: input.to, reason, now, when: moved }),
  ];
  if (input.to === 'completed') {
    statements.push(
      statement(sql`insert into ${certificates} (${columnList([certificates.code, certificates.applicationId, certificates.issuedAt])})
        select ${input.certificateCode ?? randomSecret(10).toUpperCase()}, ${application.id}, ${at} where ${moved}
        on conflict (${bare(certificates.applicationId)}) do nothing`),
    );
  }
  if (freesSeat) {
    const next = nextWaiting(course, application.country);
    statements.push(
      audit({
        actor: null,
        action: 'application.promote',
        applicationId: next,
        from: 'waitlisted',
        to: 'accepted',
        detail: operation,
        now,
        when: sql`${moved} and ${next} is not null`,
      }),
      statement(sql`update ${applications} set ${bare(applications.status)} = ${'accepted' satisfies ApplicationStatus}, ${bare(applications.updatedAt)} = ${at}
        where ${applications.id} = ${promotedBy(operation)}`),
    );
  }
  const applicantMail = input.mail?.applicant;
  if (applicantMail) {
    // Written only if this batch moved the application: its audit record is there.
    statements.push(
      outboxInsertForApplication(
        sql`${application.id}`,
        applicantMail.kind,
        applicantMail.values ?? {},
        now,
        sql`exists (select 1 from ${auditLog} where ${auditLog.action} = 'application.move' and ${auditLog.applicationId} = ${application.id}
            and ${auditLog.at} = ${at} and ${auditLog.toStatus} = ${input.to} and ${auditLog.actorId} is ${input.actor.id})
          and ${applications.status} = ${input.to} and ${applications.updatedAt} = ${at}`,
      ),
    );
  }
  const promotedMail = input.mail?.promoted;
  if (promotedMail && freesSeat) {
    statements.push(
      outboxInsertForApplication(promotedBy(operation), promotedMail.kind, promotedMail.values ?? {}, now),
    );
  }
  const [updated] = await client.batch(statements, 'write');
  const row = updated?.rows[0];
  if (!row) return refuse(await whyNotMoved(client, input.course, application));
  if (input.mail) wakeSenders();
  const promoted = await client.execute(statement(sql`select ${promotedBy(operation)} as ${sql.identifier('promotedId')}`));
  const promotedId = promoted.rows[0]?.promotedId;
  return { ok: true, value: { ...fromRow(applications, row), promotedId: promotedId === null || promotedId === undefined ? null : Number(promotedId) } };
}

/** Why a move guarded in SQL did not happen: no seat, or the application changed meanwhile. */
async function whyNotMoved(client: Client, course: CourseOffering, application: ApplicationRecord): Promise<Refusal> {
  const current = await findApplication(client, application.id);
  if (current?.status !== application.status) return 'invalid-transition';
  const counts = await client.execute(
    statement(sql`select ${seatsHeldSql(course.slug)} as ${sql.identifier('course')}, ${seatsHeldSql(course.slug, sql`${application.country}`)} as ${sql.identifier('country')}`),
  );
  const taken = counts.rows[0];
  if (Number(taken?.course ?? 0) >= course.seats) return 'course-full';
  return Number(taken?.country ?? 0) >= (course.seatsPerCountry ?? Infinity) ? 'country-full' : 'invalid-transition';
}

/** Sets where an endorsed application stands in its country's waiting-list order (1 first). */
export async function rankApplication(
  client: Client,
  input: { actor: Actor; applicationId: number; rank: number | null; now?: Date },
): Promise<Result<ApplicationRecord>> {
  const now = input.now ?? new Date();
  const application = await findApplication(client, input.applicationId);
  const mover = application && moverFor(input.actor, application);
  if (!application || (mover !== 'focal-point' && mover !== 'staff')) return refuse('not-found');
  if (!canRank(application.status)) return refuse('invalid-transition');
  const [updated] = await client.batch(
    [
      statement(sql`update ${applications} set ${bare(applications.rank)} = ${input.rank}, ${bare(applications.updatedAt)} = ${now.getTime()}
        where ${applications.id} = ${application.id} returning *`),
      audit({ actor: input.actor, action: 'application.rank', applicationId: application.id, reason: input.rank === null ? null : `rank ${input.rank}`, now }),
    ],
    'write',
  );
  const row = updated?.rows[0];
  return row ? { ok: true, value: fromRow(applications, row) } : refuse('not-found');
}

/**
 * Puts `substitute` in a nominee's place before the course starts: same application, same
 * status, same seat. Only the nominee's own focal point may, with someone of the same country.
 */
export async function substituteApplicant(
  client: Client,
  input: { actor: Actor; applicationId: number; substitute: Actor; course: CourseOffering; now?: Date },
): Promise<Result<ApplicationRecord>> {
  const now = input.now ?? new Date();
  const application = await findApplication(client, input.applicationId);
  if (!application || application.courseSlug !== input.course.slug || moverFor(input.actor, application) !== 'focal-point') return refuse('not-found');
  if (!canSubstitute(application.status)) return refuse('invalid-transition');
  if (now >= input.course.start) return refuse('course-started');
  if (input.substitute.role !== 'participant' || input.substitute.country !== application.country) return refuse('not-eligible');
  try {
    const [updated] = await client.batch(
      [
        statement(sql`update ${applications} set ${bare(applications.userId)} = ${input.substitute.id}, ${bare(applications.updatedAt)} = ${now.getTime()}
          where ${applications.id} = ${application.id} and ${applications.status} = ${application.status} returning *`),
        audit({ actor: input.actor, action: 'application.substitute', applicationId: application.id, from: application.status, to: application.status, reason: `${application.userId ?? '-'} → ${input.substitute.id}`, now }),
      ],
      'write',
    );
    const row = updated?.rows[0];
    return row ? { ok: true, value: fromRow(applications, row) } : refuse('invalid-transition');
  } catch (error) {
    if (String(error).includes('UNIQUE constraint failed')) return refuse('already-applied');
    throw error;
  }
}

/** A completed participant's certificate, for anyone who has the code. */
export async function verifyCertificate(
  client: Client,
  code: string,
): Promise<{ code: string; courseSlug: string; fullName: string | null; country: string; issuedAt: Date } | null> {
  const found = await client.execute(
    statement(sql`select ${certificates.code}, ${certificates.issuedAt}, ${applications.courseSlug}, ${applications.country}, ${users.fullName}
      from ${certificates} join ${applications} on ${applications.id} = ${certificates.applicationId}
      left join ${users} on ${users.id} = ${applications.userId}
      where ${certificates.code} = ${code.trim().toUpperCase()} and ${applications.status} = ${'completed' satisfies ApplicationStatus}`),
  );
  const row = found.rows[0];
  if (!row) return null;
  const certificate = fromRow(certificates, row);
  const application = fromRow(applications, row);
  return {
    code: certificate.code,
    courseSlug: application.courseSlug,
    fullName: fromRow(users, row).fullName ?? null,
    country: application.country,
    issuedAt: certificate.issuedAt,
  };
}
