import type { Client, InStatement, Row } from '@libsql/client';
import { sql, type SQL } from 'drizzle-orm';
import { auditLog, outbox, practiceComments as comments, practices, practiceVersions as versions, users } from '#db/schema.ts';
import type { EmailKind } from '#lib/i18n/mail/index.ts';
import type { Locale } from '#lib/i18n/locales.ts';
import { parseContent, practiceSlug, type PracticeContent } from '#lib/practice-content.ts';
import {
  canMovePractice,
  endorsementAfter,
  endorsementWindowMs,
  isEditable,
  isSubmission,
  practiceNeedsReason,
  proposalsPerDay,
  type PracticeEndorsement,
  type PracticeMover,
  type PracticeStatus,
} from '#lib/practice-states.ts';
import type { Theme } from '#lib/vocabulary.ts';
import type { Actor } from './applications.ts';
import { randomSecret } from './crypto.ts';
import { wakeSenders } from './outbox.ts';
import { audit, bare, columnList, columnsOf, fromRow, statement } from './sql.ts';

/**
 * Contributed practices in the database (issue 10): drafting, every move of the state machine
 * (`practice-states.ts`), comments, and what each reader may list.
 *
 * As with applications, each change is one `batch(…, 'write')`: libSQL runs it under the write
 * lock from its first statement to COMMIT. The UPDATE that moves a practice carries the state it
 * moves from in its WHERE clause; its audit record carries a one-time operation mark, and every
 * later statement of the batch (the kept version, the mails) runs only if that record was written, so
 * a move that lost a race writes nothing else. The audit record names the practice in `detail`
 * (`{"practice": 12, …}`), as the audit log has no column for it.
 */

export interface PracticeRecord {
  id: number;
  userId: string | null;
  country: string;
  language: Locale;
  status: PracticeStatus;
  endorsement: PracticeEndorsement;
  slug: string | null;
  content: PracticeContent;
  version: number;
  submittedAt: Date | null;
  endorsedAt: Date | null;
  decidedAt: Date | null;
  reason: string | null;
  createdAt: Date;
  updatedAt: Date;
}

/** A published practice with what its page says about who contributed it. */
export interface PublishedPractice extends PracticeRecord {
  slug: string;
  decidedAt: Date;
  /** The proposer's name, only when they agreed to show it and still have an account. */
  proposerName: string | null;
}

export type PracticeRefusal = 'not-found' | 'invalid-transition' | 'reason-required' | 'rate-limited' | 'not-editable';

export type PracticeResult<T> = { ok: true; value: T } | { ok: false; refusal: PracticeRefusal };

const refuse = (refusal: PracticeRefusal): { ok: false; refusal: PracticeRefusal } => ({ ok: false, refusal });

function toRecord(row: Row): PracticeRecord {
  const practice = fromRow(practices, row);
  return {
    id: practice.id,
    userId: practice.userId ?? null,
    country: practice.country,
    language: practice.language,
    status: practice.status,
    endorsement: practice.endorsement,
    slug: practice.slug ?? null,
    content: parseContent(String(practice.content)),
    version: practice.version,
    submittedAt: practice.submittedAt ?? null,
    endorsedAt: practice.endorsedAt ?? null,
    decidedAt: practice.decidedAt ?? null,
    reason: practice.reason ?? null,
    createdAt: practice.createdAt ?? new Date(0),
    updatedAt: practice.updatedAt ?? new Date(0),
  };
}

const rows = (result: { rows: Row[] }): PracticeRecord[] => result.rows.map(toRecord);

/**
 * Who the actor is to this practice, or null when they have nothing to do with it. Others see a
 * proposal only once it has been submitted (version 1 or later): a draft is its proposer's alone.
 */
export function practiceMoverFor(actor: Actor, practice: Pick<PracticeRecord, 'userId' | 'country' | 'version'>): PracticeMover | null {
  if (practice.userId !== null && practice.userId === actor.id) return 'proposer';
  if (practice.version === 0) return null;
  if (actor.role === 'staff') return 'staff';
  if (actor.role === 'focal-point' && actor.country === practice.country) return 'focal-point';
  return null;
}

/** The audit record of a practice's change; `op` marks it so later statements can depend on it. */
function auditStatement(entry: {
  actor: Actor | null;
  action: string;
  practiceId: number | 'last-insert';
  from?: PracticeStatus | null;
  to?: PracticeStatus | null;
  reason?: string | null;
  op: string;
  now: Date;
  when?: SQL;
}): InStatement {
  const practice = entry.practiceId === 'last-insert' ? sql`last_insert_rowid()` : sql`${entry.practiceId}`;
  return audit({
    actor: entry.actor,
    action: entry.action,
    applicationId: null,
    from: entry.from ?? null,
    to: entry.to ?? null,
    reason: entry.reason ?? null,
    detail: sql`json_object('practice', ${practice}, 'op', ${entry.op})`,
    now: entry.now,
    ...(entry.when ? { when: entry.when } : {}),
  });
}

/** SQL true if the statement before changed a row: changes() is the connection's last count, inside the batch. */
const changed = sql`changes() = 1`;

/**
 * SQL true once the audit record of operation `:op` is written, i.e. the change happened. Inside
 * the batch (under the write lock) that record is the newest audit row until the next audit
 * insert, so this reads one row, not the log.
 */
const happened = (op: string): SQL => sql`(select ${auditLog.detail} ->> '$.op' from ${auditLog} order by ${auditLog.id} desc limit 1) = ${op}`;

/** SQL giving one of practice `id`'s columns. */
const practiceColumn = (id: number, column: SQL): SQL => sql`(select ${column} from ${practices} where ${practices.id} = ${id})`;

/** Who a practice's mail goes to. */
export type Audience = 'proposer' | 'focal-points' | 'staff';

const audiences: Record<Audience, (practiceId: number) => SQL> = {
  proposer: (id) => sql`from ${users} join ${practices} on ${practices.userId} = ${users.id} where ${practices.id} = ${id}`,
  'focal-points': (id) => sql`from ${users} where ${users.role} = 'focal-point' and ${users.country} = ${practiceColumn(id, sql`${practices.country}`)}`,
  staff: () => sql`from ${users} where ${users.role} = 'staff'`,
};

/** The values a practice's mail carries; the text is chosen in the recipient's language when sent. */
export interface PracticeMailValues {
  /** The site's public address, for the link (each language's text adds its own path). */
  site: string;
  reason?: string | undefined;
}

/** Mail about practice `practiceId` to everyone in `audience`, if `condition` holds when the batch runs. */
function mailStatement(audience: Audience, kind: EmailKind, practiceId: number, values: PracticeMailValues, now: Date, condition: SQL): InStatement {
  const columns = [outbox.recipient, outbox.name, outbox.language, outbox.kind, outbox.vals, outbox.status, outbox.attempts, outbox.nextAttemptAt, outbox.createdAt];
  return statement(sql`insert into ${outbox} (${columnList(columns)})
    select ${users.email}, ${users.fullName}, ${users.preferredLanguage}, ${kind},
           json_set(${JSON.stringify(values)}, '$.practiceTitle', ${practiceColumn(practiceId, sql`${practices.content} ->> '$.title'`)},
                    '$.slug', ${practiceColumn(practiceId, sql`${practices.slug}`)}),
           'pending', 0, ${now.getTime()}, ${now.getTime()}
    ${audiences[audience](practiceId)} and ${condition}`);
}

export interface Mailing {
  audience: Audience;
  kind: EmailKind;
}

/** Who is told of a move, in their own language: the proposer, the country's focal point, staff. */
export function mailsFor(from: PracticeStatus, to: PracticeStatus, mover: PracticeMover): Mailing[] {
  switch (to) {
    case 'submitted':
      return [
        { audience: 'proposer', kind: 'practice-submitted' },
        { audience: 'focal-points', kind: 'practice-to-endorse' },
      ];
    case 'endorsed':
      return [
        { audience: 'proposer', kind: 'practice-endorsed' },
        { audience: 'staff', kind: 'practice-to-review' },
      ];
    case 'returned':
      return [{ audience: 'proposer', kind: 'practice-returned' }];
    case 'in-review':
      return mover === 'system' ? [{ audience: 'staff', kind: 'practice-to-review' }] : [{ audience: 'proposer', kind: 'practice-in-review' }];
    case 'changes-requested':
      return [{ audience: 'proposer', kind: 'practice-changes-requested' }];
    case 'resubmitted':
      return [
        { audience: 'proposer', kind: 'practice-submitted' },
        { audience: 'staff', kind: 'practice-resubmitted' },
      ];
    case 'accepted':
      return [
        { audience: 'proposer', kind: 'practice-accepted' },
        { audience: 'focal-points', kind: 'practice-published' },
      ];
    case 'declined':
      return [{ audience: 'proposer', kind: 'practice-declined' }];
    case 'withdrawn':
      // Whoever had it in hand is told; a draft nobody else saw tells nobody.
      if (from === 'draft') return [];
      return from === 'submitted' ? [{ audience: 'focal-points', kind: 'practice-withdrawn' }] : [{ audience: 'staff', kind: 'practice-withdrawn' }];
    default:
      return [];
  }
}

export async function findPractice(client: Client, id: number): Promise<PracticeRecord | null> {
  if (!Number.isSafeInteger(id) || id <= 0) return null;
  const found = await client.execute(statement(sql`select * from ${practices} where ${practices.id} = ${id}`));
  return found.rows[0] ? toRecord(found.rows[0]) : null;
}

/**
 * The practice `id` if `actor` may read it, otherwise null: a missing practice and someone
 * else's draft look the same (the page answers 404 to both).
 */
export async function practiceFor(client: Client, actor: Actor, id: number): Promise<{ practice: PracticeRecord; mover: PracticeMover } | null> {
  const practice = await findPractice(client, id);
  if (!practice) return null;
  const mover = practiceMoverFor(actor, practice);
  return mover ? { practice, mover } : null;
}

/** Starts a draft, unless the account already started `proposalsPerDay` proposals in the last 24 hours. */
export async function createPractice(
  client: Client,
  input: { actor: Actor; country: string; language: Locale; content: PracticeContent; now?: Date },
): Promise<PracticeResult<PracticeRecord>> {
  const now = input.now ?? new Date();
  const at = now.getTime();
  const op = randomSecret(10);
  // The count and the insert are one statement under the write lock: five requests at once
  // cannot all pass a count read before any of them wrote.
  const [inserted] = await client.batch(
    [
      statement(sql`insert into ${practices} (${columnList([
        practices.userId,
        practices.country,
        practices.language,
        practices.status,
        practices.endorsement,
        practices.content,
        practices.version,
        practices.createdAt,
        practices.updatedAt,
      ])})
        select ${input.actor.id}, ${input.country}, ${input.language}, 'draft', 'pending', ${JSON.stringify(input.content)}, 0, ${at}, ${at}
        where (select count(*) from ${practices} where ${practices.userId} = ${input.actor.id} and ${practices.createdAt} > ${at - 24 * 60 * 60 * 1000}) < ${proposalsPerDay}
        returning *`),
      auditStatement({ actor: input.actor, action: 'practice.create', practiceId: 'last-insert', to: 'draft', op, now, when: changed }),
    ],
    'write',
  );
  const row = inserted?.rows[0];
  return row ? { ok: true, value: toRecord(row) } : refuse('rate-limited');
}

/** Saves the proposer's changes while the text may change; the country only while it is a draft. */
export async function updatePractice(
  client: Client,
  input: { actor: Actor; id: number; country: string; language: Locale; content: PracticeContent; now?: Date },
): Promise<PracticeResult<PracticeRecord>> {
  const now = input.now ?? new Date();
  const found = await practiceFor(client, input.actor, input.id);
  if (!found || found.mover !== 'proposer') return refuse('not-found');
  if (!isEditable(found.practice.status)) return refuse('not-editable');
  const op = randomSecret(10);
  const [updated] = await client.batch(
    [
      statement(sql`update ${practices} set ${bare(practices.content)} = ${JSON.stringify(input.content)}, ${bare(practices.language)} = ${input.language},
          ${bare(practices.country)} = case when ${practices.status} = 'draft' then ${input.country} else ${practices.country} end, ${bare(practices.updatedAt)} = ${now.getTime()}
        where ${practices.id} = ${input.id} and ${practices.userId} = ${input.actor.id} and ${practices.status} in ${['draft', 'returned', 'changes-requested'] satisfies PracticeStatus[]}
        returning *`),
      auditStatement({ actor: input.actor, action: 'practice.edit', practiceId: input.id, op, now, when: changed }),
    ],
    'write',
  );
  const row = updated?.rows[0];
  return row ? { ok: true, value: toRecord(row) } : refuse('not-editable');
}

/**
 * Moves practice `id` to `to` on behalf of `actor`, if the rule table and the actor's reach
 * allow it, with its audit record, the kept version (on a submission) and the mails, in one
 * write batch. A submission from a country without a focal point goes on into review at once.
 */
export async function movePractice(
  client: Client,
  input: { actor: Actor; id: number; to: PracticeStatus; reason?: string | undefined; site: string; now?: Date },
): Promise<PracticeResult<PracticeRecord>> {
  const now = input.now ?? new Date();
  const reason = input.reason?.trim() || null;
  const found = await practiceFor(client, input.actor, input.id);
  if (!found) return refuse('not-found');
  const { practice, mover } = found;
  if (!canMovePractice(practice.status, input.to, mover)) return refuse('invalid-transition');
  if (practiceNeedsReason(input.to) && !reason) return refuse('reason-required');

  const op = randomSecret(10);
  const at = now.getTime();
  const id = practice.id;
  const submission = isSubmission(input.to);
  const statements: InStatement[] = [
    // Each column a move sets only on its way to some states keeps its value otherwise.
    statement(sql`update ${practices} set ${bare(practices.status)} = ${input.to}, ${bare(practices.endorsement)} = ${endorsementAfter(input.to, practice.endorsement)},
        ${bare(practices.updatedAt)} = ${at}, ${bare(practices.version)} = ${practices.version} + ${submission ? 1 : 0}
        ${input.to === 'submitted' ? sql`, ${bare(practices.submittedAt)} = ${at}` : sql``}
        ${input.to === 'endorsed' ? sql`, ${bare(practices.endorsedAt)} = ${at}` : sql``}
        ${input.to === 'accepted' || input.to === 'declined' ? sql`, ${bare(practices.decidedAt)} = ${at}` : sql``}
        ${input.to === 'accepted' ? sql`, ${bare(practices.slug)} = ${practiceSlug(practice.content.title, id)}` : sql``}
        ${reason !== null ? sql`, ${bare(practices.reason)} = ${reason}` : sql``}
      where ${practices.id} = ${id} and ${practices.status} = ${practice.status}`),
    auditStatement({ actor: input.actor, action: `practice.${input.to}`, practiceId: id, from: practice.status, to: input.to, reason, op, now, when: changed }),
  ];
  if (submission) {
    statements.push(
      statement(sql`insert into ${versions} (${columnList([versions.practiceId, versions.version, versions.content, versions.createdAt])})
        select ${practices.id}, ${practices.version}, ${practices.content}, ${at} from ${practices} where ${practices.id} = ${id} and ${happened(op)}`),
    );
  }
  const mailValues: PracticeMailValues = { site: input.site, ...(reason ? { reason } : {}) };
  for (const mailing of mailsFor(practice.status, input.to, mover)) {
    statements.push(mailStatement(mailing.audience, mailing.kind, id, mailValues, now, happened(op)));
  }
  if (input.to === 'submitted') {
    // No focal point for the country: review begins at once, "not endorsed nationally".
    const systemOp = randomSecret(10);
    const noFocalPoint = sql`not exists (select 1 from ${users} where ${users.role} = 'focal-point' and ${users.country} = ${practiceColumn(id, sql`${practices.country}`)})`;
    statements.push(
      statement(sql`update ${practices} set ${bare(practices.status)} = 'in-review', ${bare(practices.endorsement)} = 'none', ${bare(practices.updatedAt)} = ${at}
        where ${practices.id} = ${id} and ${practices.status} = 'submitted' and ${happened(op)} and ${noFocalPoint}`),
      auditStatement({ actor: null, action: 'practice.in-review', practiceId: id, from: 'submitted', to: 'in-review', reason: 'no-focal-point', op: systemOp, now, when: changed }),
      mailStatement('staff', 'practice-to-review', id, { site: input.site }, now, happened(systemOp)),
    );
  }
  await client.batch(statements, 'write');
  wakeSenders();
  const after = await findPractice(client, id);
  if (!after) return refuse('not-found');
  // The guarded UPDATE found the practice moved by someone else first.
  if (after.updatedAt.getTime() !== at || (after.status !== input.to && !(input.to === 'submitted' && after.status === 'in-review'))) {
    return refuse('invalid-transition');
  }
  return { ok: true, value: after };
}

/**
 * Submitted proposals whose focal point has not answered in 14 days go into review, "not
 * endorsed nationally", with their audit records and staff's mails, in one batch. Run by the
 * staff list and by the server's housekeeping job (housekeeping.ts); returns how many moved.
 */
export async function escalateUnanswered(client: Client, site: string, now = new Date()): Promise<number> {
  const cutoff = now.getTime() - endorsementWindowMs;
  const due = await client.execute(statement(sql`select ${practices.id} from ${practices} where ${practices.status} = 'submitted' and ${practices.submittedAt} <= ${cutoff}`));
  if (due.rows.length === 0) return 0;
  let moved = 0;
  for (const row of due.rows) {
    const { id } = fromRow(practices, row);
    const op = randomSecret(10);
    await client.batch(
      [
        statement(sql`update ${practices} set ${bare(practices.status)} = 'in-review', ${bare(practices.endorsement)} = 'none', ${bare(practices.updatedAt)} = ${now.getTime()}
          where ${practices.id} = ${id} and ${practices.status} = 'submitted' and ${practices.submittedAt} <= ${cutoff}`),
        auditStatement({ actor: null, action: 'practice.in-review', practiceId: id, from: 'submitted', to: 'in-review', reason: 'no-answer-in-14-days', op, now, when: changed }),
        mailStatement('staff', 'practice-to-review', id, { site }, now, happened(op)),
      ],
      'write',
    );
    moved += 1;
  }
  wakeSenders();
  return moved;
}

export interface PracticeComment {
  id: number;
  authorRole: string;
  /** The author's name while their account exists. */
  authorName: string | null;
  body: string;
  createdAt: Date;
}

/** A comment of staff or the country's focal point; the proposer and the focal point read it. */
export async function commentOnPractice(client: Client, input: { actor: Actor; id: number; body: string; now?: Date }): Promise<PracticeResult<PracticeComment>> {
  const now = input.now ?? new Date();
  const found = await practiceFor(client, input.actor, input.id);
  if (!found || found.mover === 'proposer') return refuse('not-found');
  const op = randomSecret(10);
  const [inserted] = await client.batch(
    [
      statement(sql`insert into ${comments} (${columnList([comments.practiceId, comments.authorId, comments.authorRole, comments.body, comments.createdAt])})
        values (${input.id}, ${input.actor.id}, ${input.actor.role}, ${input.body}, ${now.getTime()}) returning *`),
      auditStatement({ actor: input.actor, action: 'practice.comment', practiceId: input.id, op, now }),
    ],
    'write',
  );
  const comment = fromRow(comments, inserted!.rows[0]!);
  return { ok: true, value: { id: comment.id, authorRole: comment.authorRole, authorName: null, body: comment.body, createdAt: comment.createdAt } };
}

/** The comments on a practice, oldest first, with their authors' names. */
export async function practiceComments(client: Client, id: number): Promise<PracticeComment[]> {
  const found = await client.execute(
    statement(sql`select ${columnsOf(comments)}, ${users.fullName} from ${comments} left join ${users} on ${users.id} = ${comments.authorId}
      where ${comments.practiceId} = ${id} order by ${comments.id}`),
  );
  return found.rows.map((row) => {
    const comment = fromRow(comments, row);
    return { id: comment.id, authorRole: comment.authorRole, authorName: fromRow(users, row).fullName ?? null, body: comment.body, createdAt: comment.createdAt };
  });
}

export interface PracticeVersion {
  version: number;
  content: PracticeContent;
  createdAt: Date;
}

/** Every submitted version, oldest first. */
export async function practiceVersions(client: Client, id: number): Promise<PracticeVersion[]> {
  const found = await client.execute(statement(sql`select * from ${versions} where ${versions.practiceId} = ${id} order by ${versions.version}`));
  return found.rows.map((row) => {
    const kept = fromRow(versions, row);
    return { version: kept.version, content: parseContent(String(kept.content)), createdAt: kept.createdAt };
  });
}

/** One's own proposals, newest first. */
export async function ownPractices(client: Client, userId: string): Promise<PracticeRecord[]> {
  return rows(await client.execute(statement(sql`select * from ${practices} where ${practices.userId} = ${userId} order by ${practices.updatedAt} desc, ${practices.id} desc`)));
}

/** A focal point's country's proposals, once submitted; newest first. */
export async function countryPractices(client: Client, country: string): Promise<PracticeRecord[]> {
  return rows(
    await client.execute(statement(sql`select * from ${practices} where ${practices.country} = ${country} and ${practices.version} > 0 order by ${practices.updatedAt} desc, ${practices.id} desc`)),
  );
}

export interface StaffFilters {
  status?: PracticeStatus | undefined;
  country?: string | undefined;
  theme?: Theme | undefined;
  language?: Locale | undefined;
}

/** Every submitted proposal for staff, narrowed by the filters; those waiting on staff first. */
export async function staffPractices(client: Client, filters: StaffFilters): Promise<PracticeRecord[]> {
  const where = [sql`${practices.version} > 0`];
  if (filters.status) where.push(sql`${practices.status} = ${filters.status}`);
  if (filters.country) where.push(sql`${practices.country} = ${filters.country}`);
  if (filters.language) where.push(sql`${practices.language} = ${filters.language}`);
  if (filters.theme) where.push(hasTheme(filters.theme));
  const waitingOnStaff = ['endorsed', 'in-review', 'resubmitted'] satisfies PracticeStatus[];
  return rows(
    await client.execute(
      statement(sql`select * from ${practices} where ${sql.join(where, sql` and `)}
        order by ${practices.status} in ${waitingOnStaff} desc, ${practices.updatedAt} desc, ${practices.id} desc limit 500`),
    ),
  );
}

/** SQL true of a practice filed under `theme`. */
const hasTheme = (theme: Theme): SQL => sql`exists (select 1 from json_each(${practices.content}, '$.themes') where value = ${theme})`;

function published(row: Row): PublishedPractice {
  const record = toRecord(row);
  const fullName = fromRow(users, row).fullName;
  return {
    ...record,
    slug: record.slug ?? '',
    decidedAt: record.decidedAt ?? record.updatedAt,
    proposerName: record.content.showName && fullName ? fullName : null,
  };
}

/** Accepted practices with their proposer's name, narrowed by `where`. */
const publishedQuery = (where: SQL): SQL => sql`select ${columnsOf(practices)}, ${users.fullName} from ${practices} left join ${users} on ${users.id} = ${practices.userId}
  where ${practices.status} = 'accepted' and ${where}`;

/** Accepted practices, newest first, optionally of one country or theme. */
export async function publishedPractices(client: Client, filter: { country?: string; theme?: Theme } = {}): Promise<PublishedPractice[]> {
  const where = [sql`1`];
  if (filter.country) where.push(sql`${practices.country} = ${filter.country}`);
  if (filter.theme) where.push(hasTheme(filter.theme));
  const found = await client.execute(statement(sql`${publishedQuery(sql.join(where, sql` and `))} order by ${practices.decidedAt} desc, ${practices.id} desc`));
  return found.rows.map(published);
}

export async function findPublished(client: Client, slug: string): Promise<PublishedPractice | null> {
  const found = await client.execute(statement(publishedQuery(sql`${practices.slug} = ${slug}`)));
  return found.rows[0] ? published(found.rows[0]) : null;
}

/** An account's proposals and the comments on them, for its data export. */
export async function practicesOfAccount(client: Client, userId: string): Promise<{ practices: PracticeRecord[]; comments: (PracticeComment & { practiceId: number })[] }> {
  const own = await ownPractices(client, userId);
  const comments: (PracticeComment & { practiceId: number })[] = [];
  for (const practice of own) for (const comment of await practiceComments(client, practice.id)) comments.push({ ...comment, practiceId: practice.id });
  return { practices: own, comments };
}
