import type { Client, InStatement, InValue } from '@libsql/client';
import {
  canMove,
  holdsSeat,
  inTime,
  needsReason,
  seatHoldingStatuses,
  timing,
  type ApplicationStatus,
  type Mover,
} from '../application-states.ts';
import { applicationWindow, isEligible, type CourseOffering as Course } from '../courses.ts';
import type { Role } from '../vocabulary.ts';
import { randomSecret } from './crypto.ts';
import { outboxInsertForApplication, wakeSenders, type OutboxMessage } from './outbox.ts';

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
 * ignores a transaction's `behavior`. Hence the client's own batches and plain SQL here.
 */

export interface Actor {
  id: string;
  role: Role;
  /** A participant's own country; the one country a focal point acts for. */
  country: string | null;
}

export type { Course };

export interface ApplicationRecord {
  id: number;
  courseSlug: string;
  userId: string | null;
  country: string;
  status: ApplicationStatus;
  motivation: string;
  nominated: boolean;
  rank: number | null;
  endorsedAt: Date | null;
  createdAt: Date;
  updatedAt: Date;
}

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

const seatHolding = seatHoldingStatuses.map((s) => `'${s}'`).join(', ');

function toRecord(row: Record<string, unknown>): ApplicationRecord {
  const date = (value: unknown): Date | null => (value === null || value === undefined ? null : new Date(Number(value)));
  return {
    id: Number(row.id),
    courseSlug: String(row.course_slug),
    userId: row.user_id === null ? null : String(row.user_id),
    country: String(row.country),
    status: row.status as ApplicationStatus,
    motivation: String(row.motivation),
    nominated: Boolean(row.nominated),
    rank: row.rank === null ? null : Number(row.rank),
    endorsedAt: date(row.endorsed_at),
    createdAt: date(row.created_at) ?? new Date(0),
    updatedAt: date(row.updated_at) ?? new Date(0),
  };
}

/** The audit record of a change; `when` makes it conditional on the change having happened. */
function audit(entry: {
  actor: Actor | null;
  action: string;
  /** The application's id, or the row just inserted by the statement before. */
  applicationId: number | 'last-insert';
  from?: ApplicationStatus | null;
  to?: ApplicationStatus | null;
  reason?: string | null;
  now: Date;
  when?: { sql: string; args: Record<string, InValue> };
}): InStatement {
  const id = entry.applicationId === 'last-insert' ? 'last_insert_rowid()' : ':auditApplication';
  return {
    sql: `insert into audit_log (at, actor_id, actor_role, action, application_id, from_status, to_status, reason)
          select :auditAt, :auditActor, :auditRole, :auditAction, ${id}, :auditFrom, :auditTo, :auditReason
          ${entry.when ? `where ${entry.when.sql}` : ''}`,
    args: {
      auditAt: entry.now.getTime(),
      auditActor: entry.actor?.id ?? null,
      auditRole: entry.actor?.role ?? 'system',
      auditAction: entry.action,
      auditFrom: entry.from ?? null,
      auditTo: entry.to ?? null,
      auditReason: entry.reason ?? null,
      ...(entry.applicationId === 'last-insert' ? {} : { auditApplication: entry.applicationId }),
      ...entry.when?.args,
    },
  };
}

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
    course: Course;
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
  try {
    const results = await client.batch(
      [
        ...(input.before ?? []),
        {
          sql: `insert into applications (course_slug, user_id, country, status, motivation, nominated, endorsed_at, created_at, updated_at)
                values (?, ?, ?, ?, ?, ?, ?, ?, ?) returning *`,
          args: [course.slug, applicant.id, applicant.country, status, input.motivation, input.nominatedBy ? 1 : 0, input.nominatedBy ? at : null, at, at],
        },
        audit({
          actor: input.nominatedBy ?? applicant,
          action: input.nominatedBy ? 'application.nominate' : 'application.submit',
          applicationId: 'last-insert',
          to: status,
          now,
        }),
        ...(input.mail
          ? [outboxInsertForApplication('select application_id from audit_log where id = last_insert_rowid()', input.mail.kind, input.mail.values ?? {}, now)]
          : []),
      ],
      'write',
    );
    if (input.mail) wakeSenders();
    const inserted = results[input.before?.length ?? 0];
    return { ok: true, value: toRecord(inserted?.rows[0] as unknown as Record<string, unknown>) };
  } catch (error) {
    if (String(error).includes('UNIQUE constraint failed')) return refuse('already-applied');
    throw error;
  }
}

export async function findApplication(client: Client, id: number): Promise<ApplicationRecord | null> {
  const found = await client.execute({ sql: 'select * from applications where id = ?', args: [id] });
  const row = found.rows[0];
  return row ? toRecord(row as unknown as Record<string, unknown>) : null;
}

/** SQL true while one more seat can go to the application `:id`'s country. */
const seatIsFree = `(select count(*) from applications s where s.course_slug = :course and s.status in (${seatHolding})) < :seats
  and (:cap is null or (select count(*) from applications s where s.course_slug = :course and s.status in (${seatHolding})
       and s.country = (select country from applications where id = :id)) < :cap)`;

/** The next waiting applicant who can take a freed seat: its country first, then rank, then endorsement. */
const nextWaiting = `(select w.id from applications w where w.course_slug = :course and w.status = 'waitlisted'
  and (select count(*) from applications s where s.course_slug = :course and s.status in (${seatHolding})) < :seats
  and (:cap is null or (select count(*) from applications s where s.course_slug = :course and s.status in (${seatHolding})
       and s.country = w.country) < :cap)
  order by (w.country = :freedCountry) desc, w.rank is null, w.rank, w.endorsed_at, w.id limit 1)`;

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
    course: Course;
    reason?: string;
    now?: Date;
    /** Mail for the applicant, and for the one promoted into a freed seat: written in the same batch. */
    mail?: { applicant?: OutboxMessage | undefined; promoted?: OutboxMessage | undefined };
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
  const args = {
    id: application.id,
    from: application.status,
    to: input.to,
    at: now.getTime(),
    course: input.course.slug,
    seats: input.course.seats,
    cap: input.course.seatsPerCountry ?? null,
    freedCountry: application.country,
    operation,
  };
  // Each statement after the guarded UPDATE runs only if the one before it changed a row:
  // changes() is the row count of the connection's previous statement, inside this batch.
  const moved = 'changes() = 1';
  const statements: InStatement[] = [
    {
      sql: `update applications set status = :to, updated_at = :at,
              endorsed_at = case when :to = 'endorsed' then :at else endorsed_at end
            where id = :id and status = :from ${input.to === 'accepted' ? `and ${seatIsFree}` : ''} returning *`,
      args,
    },
    audit({ actor: input.actor, action: 'application.move', applicationId: application.id, from: application.status, to: input.to, reason, now, when: { sql: moved, args: {} } }),
  ];
  if (input.to === 'completed') {
    statements.push({
      sql: `insert into certificates (code, application_id, issued_at) select :code, :id, :at where ${moved}
            on conflict (application_id) do nothing`,
      args: { ...args, code: randomSecret(10).toUpperCase() },
    });
  }
  if (holdsSeat(application.status) && !holdsSeat(input.to)) {
    statements.push(
      {
        sql: `insert into audit_log (at, actor_id, actor_role, action, application_id, from_status, to_status, reason, detail)
              select :at, null, 'system', 'application.promote', ${nextWaiting}, 'waitlisted', 'accepted', null, :operation
              where ${moved} and ${nextWaiting} is not null`,
        args,
      },
      {
        sql: `update applications set status = 'accepted', updated_at = :at
              where id = (select application_id from audit_log where action = 'application.promote' and detail = :operation)`,
        args,
      },
    );
  }
  const applicantMail = input.mail?.applicant;
  if (applicantMail) {
    // Written only if this batch moved the application: its audit record is there.
    statements.push(
      outboxInsertForApplication(':outboxApplication', applicantMail.kind, applicantMail.values ?? {}, now, {
        sql: `exists (select 1 from audit_log where action = 'application.move' and application_id = :outboxApplication
                and at = :outboxMovedAt and to_status = :outboxTo and actor_id is :outboxActor)
              and a.status = :outboxTo and a.updated_at = :outboxMovedAt`,
        args: { outboxApplication: application.id, outboxMovedAt: now.getTime(), outboxTo: input.to, outboxActor: input.actor.id },
      }),
    );
  }
  const promotedMail = input.mail?.promoted;
  if (promotedMail && holdsSeat(application.status) && !holdsSeat(input.to)) {
    statements.push(
      outboxInsertForApplication(
        "select application_id from audit_log where action = 'application.promote' and detail = :outboxOperation",
        promotedMail.kind,
        promotedMail.values ?? {},
        now,
        { sql: '1', args: { outboxOperation: operation } },
      ),
    );
  }
  const [updated] = await client.batch(statements, 'write');
  const row = updated?.rows[0];
  if (!row) return refuse(await whyNotMoved(client, input.course, application));
  if (input.mail) wakeSenders();
  const promoted = await client.execute({
    sql: "select application_id from audit_log where action = 'application.promote' and detail = ?",
    args: [operation],
  });
  const promotedId = promoted.rows[0] ? Number(promoted.rows[0].application_id) : null;
  return { ok: true, value: { ...toRecord(row as unknown as Record<string, unknown>), promotedId } };
}

/** Why a move guarded in SQL did not happen: no seat, or the application changed meanwhile. */
async function whyNotMoved(client: Client, course: Course, application: ApplicationRecord): Promise<Refusal> {
  const current = await findApplication(client, application.id);
  if (current?.status !== application.status) return 'invalid-transition';
  const counts = await client.execute({
    sql: `select count(*) as course, sum(country = ?) as country from applications where course_slug = ? and status in (${seatHolding})`,
    args: [application.country, course.slug],
  });
  const taken = counts.rows[0];
  if (Number(taken?.course ?? 0) >= course.seats) return 'course-full';
  return Number(taken?.country ?? 0) >= (course.seatsPerCountry ?? Infinity) ? 'country-full' : 'invalid-transition';
}

/** Statuses in which a focal point orders their country's candidates and may swap one. */
const rankable: readonly ApplicationStatus[] = ['endorsed', 'waitlisted'];
const swappable: readonly ApplicationStatus[] = ['endorsed', 'waitlisted', 'accepted'];

/** Sets where an endorsed application stands in its country's waiting-list order (1 first). */
export async function rankApplication(
  client: Client,
  input: { actor: Actor; applicationId: number; rank: number | null; now?: Date },
): Promise<Result<ApplicationRecord>> {
  const now = input.now ?? new Date();
  const application = await findApplication(client, input.applicationId);
  const mover = application && moverFor(input.actor, application);
  if (!application || (mover !== 'focal-point' && mover !== 'staff')) return refuse('not-found');
  if (!rankable.includes(application.status)) return refuse('invalid-transition');
  const [updated] = await client.batch(
    [
      { sql: 'update applications set rank = ?, updated_at = ? where id = ? returning *', args: [input.rank, now.getTime(), application.id] },
      audit({ actor: input.actor, action: 'application.rank', applicationId: application.id, reason: input.rank === null ? null : `rank ${input.rank}`, now }),
    ],
    'write',
  );
  return { ok: true, value: toRecord(updated?.rows[0] as unknown as Record<string, unknown>) };
}

/**
 * Puts `substitute` in a nominee's place before the course starts: same application, same
 * status, same seat. Only the nominee's own focal point may, with someone of the same country.
 */
export async function substituteApplicant(
  client: Client,
  input: { actor: Actor; applicationId: number; substitute: Actor; course: Course; now?: Date },
): Promise<Result<ApplicationRecord>> {
  const now = input.now ?? new Date();
  const application = await findApplication(client, input.applicationId);
  if (!application || application.courseSlug !== input.course.slug || moverFor(input.actor, application) !== 'focal-point') return refuse('not-found');
  if (!swappable.includes(application.status)) return refuse('invalid-transition');
  if (now >= input.course.start) return refuse('course-started');
  if (input.substitute.role !== 'participant' || input.substitute.country !== application.country) return refuse('not-eligible');
  try {
    const [updated] = await client.batch(
      [
        { sql: 'update applications set user_id = ?, updated_at = ? where id = ? and status = ? returning *', args: [input.substitute.id, now.getTime(), application.id, application.status] },
        audit({ actor: input.actor, action: 'application.substitute', applicationId: application.id, from: application.status, to: application.status, reason: `${application.userId ?? '-'} → ${input.substitute.id}`, now }),
      ],
      'write',
    );
    const row = updated?.rows[0];
    return row ? { ok: true, value: toRecord(row as unknown as Record<string, unknown>) } : refuse('invalid-transition');
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
  const found = await client.execute({
    sql: `select c.code, c.issued_at, a.course_slug, a.country, u.full_name from certificates c
          join applications a on a.id = c.application_id left join users u on u.id = a.user_id
          where c.code = ? and a.status = 'completed'`,
    args: [code.trim().toUpperCase()],
  });
  const row = found.rows[0];
  if (!row) return null;
  return {
    code: String(row.code),
    courseSlug: String(row.course_slug),
    fullName: row.full_name === null ? null : String(row.full_name),
    country: String(row.country),
    issuedAt: new Date(Number(row.issued_at)),
  };
}
