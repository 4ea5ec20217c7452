import type { Client, InStatement, InValue } from '@libsql/client';
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

function date(value: unknown): Date | null {
  return value === null || value === undefined ? null : new Date(Number(value));
}

function toRecord(row: Record<string, unknown>): PracticeRecord {
  return {
    id: Number(row.id),
    userId: row.user_id === null ? null : String(row.user_id),
    country: String(row.country),
    language: row.language as Locale,
    status: row.status as PracticeStatus,
    endorsement: row.endorsement as PracticeEndorsement,
    slug: row.slug === null ? null : String(row.slug),
    content: parseContent(String(row.content)),
    version: Number(row.version),
    submittedAt: date(row.submitted_at),
    endorsedAt: date(row.endorsed_at),
    decidedAt: date(row.decided_at),
    reason: row.reason === null || row.reason === undefined ? null : String(row.reason),
    createdAt: date(row.created_at) ?? new Date(0),
    updatedAt: date(row.updated_at) ?? new Date(0),
  };
}

const rows = (result: { rows: unknown[] }): PracticeRecord[] => result.rows.map((row) => toRecord(row as Record<string, unknown>));

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
  when?: string;
}): InStatement {
  const detail =
    entry.practiceId === 'last-insert'
      ? `json_object('practice', last_insert_rowid(), 'op', :auditOp)`
      : `json_object('practice', :auditPractice, 'op', :auditOp)`;
  return {
    sql: `insert into audit_log (at, actor_id, actor_role, action, from_status, to_status, reason, detail)
          select :auditAt, :auditActor, :auditRole, :auditAction, :auditFrom, :auditTo, :auditReason, ${detail}
          ${entry.when ? `where ${entry.when}` : ''}`,
    args: {
      auditAt: entry.now.getTime(),
      auditActor: entry.actor?.id ?? null,
      auditRole: entry.actor?.role ?? 'system',
      auditAction: entry.action,
      auditFrom: entry.from ?? null,
      auditTo: entry.to ?? null,
      auditReason: entry.reason ?? null,
      auditOp: entry.op,
      ...(entry.practiceId === 'last-insert' ? {} : { auditPractice: entry.practiceId }),
    },
  };
}

/**
 * SQL true once the audit record of operation `:op` is written, i.e. the change happened. Inside
 * the batch (under the write lock) that record is the newest audit row until the next audit
 * insert, so this reads one row, not the log.
 */
const happened = `(select detail ->> '$.op' from audit_log order by id desc limit 1) = :op`;

/** Who a practice's mail goes to. */
export type Audience = 'proposer' | 'focal-points' | 'staff';

const audiences: Record<Audience, string> = {
  proposer: 'from users u join practices p on p.user_id = u.id where p.id = :practice',
  'focal-points': `from users u where u.role = 'focal-point' and u.country = (select country from practices where id = :practice)`,
  staff: `from users u where u.role = 'staff'`,
};

/** The values a practice's mail carries; the text is chosen in the recipient's language when sent. */
export interface PracticeMailValues {
  /** The site's public address, for the link (each language's text adds its own path). */
  site: string;
  reason?: string | undefined;
}

/** Mail about practice `practiceId` to everyone in `audience`, if `condition` holds when the batch runs. */
function mailStatement(audience: Audience, kind: EmailKind, practiceId: number, values: PracticeMailValues, now: Date, condition: string, op: string): InStatement {
  return {
    sql: `insert into outbox (recipient, name, language, kind, vals, status, attempts, next_attempt_at, created_at)
          select u.email, u.full_name, u.preferred_language, :kind,
                 json_set(:vals, '$.practiceTitle', (select content ->> '$.title' from practices where id = :practice),
                                 '$.slug', (select slug from practices where id = :practice)),
                 'pending', 0, :at, :at
          ${audiences[audience]} and ${condition}`,
    args: { kind, vals: JSON.stringify(values), at: now.getTime(), practice: practiceId, op },
  };
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
  const found = await client.execute({ sql: 'select * from practices where id = ?', args: [id] });
  return found.rows[0] ? toRecord(found.rows[0] as unknown as Record<string, unknown>) : null;
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
      {
        sql: `insert into practices (user_id, country, language, status, endorsement, content, version, created_at, updated_at)
              select :user, :country, :language, 'draft', 'pending', :content, 0, :at, :at
              where (select count(*) from practices where user_id = :user and created_at > :since) < :perDay
              returning *`,
        args: { user: input.actor.id, country: input.country, language: input.language, content: JSON.stringify(input.content), at, since: at - 24 * 60 * 60 * 1000, perDay: proposalsPerDay },
      },
      auditStatement({ actor: input.actor, action: 'practice.create', practiceId: 'last-insert', to: 'draft', op, now, when: 'changes() = 1' }),
    ],
    'write',
  );
  const row = inserted?.rows[0];
  return row ? { ok: true, value: toRecord(row as unknown as Record<string, unknown>) } : refuse('rate-limited');
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
      {
        sql: `update practices set content = :content, language = :language,
                country = case when status = 'draft' then :country else country end, updated_at = :at
              where id = :id and user_id = :user and status in ('draft', 'returned', 'changes-requested') returning *`,
        args: { content: JSON.stringify(input.content), language: input.language, country: input.country, at: now.getTime(), id: input.id, user: input.actor.id },
      },
      auditStatement({ actor: input.actor, action: 'practice.edit', practiceId: input.id, op, now, when: 'changes() = 1' }),
    ],
    'write',
  );
  const row = updated?.rows[0];
  return row ? { ok: true, value: toRecord(row as unknown as Record<string, unknown>) } : refuse('not-editable');
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
    {
      sql: `update practices set status = :to, endorsement = :endorsement, updated_at = :at,
              version = version + :submission,
              submitted_at = case when :to = 'submitted' then :at else submitted_at end,
              endorsed_at = case when :to = 'endorsed' then :at else endorsed_at end,
              decided_at = case when :to in ('accepted', 'declined') then :at else decided_at end,
              slug = case when :to = 'accepted' then :slug else slug end,
              reason = case when :hasReason then :reason else reason end
            where id = :id and status = :from`,
      args: {
        to: input.to,
        endorsement: endorsementAfter(input.to, practice.endorsement),
        at,
        submission: submission ? 1 : 0,
        slug: practiceSlug(practice.content.title, id),
        hasReason: reason !== null ? 1 : 0,
        reason,
        id,
        from: practice.status,
      },
    },
    auditStatement({ actor: input.actor, action: `practice.${input.to}`, practiceId: id, from: practice.status, to: input.to, reason, op, now, when: 'changes() = 1' }),
  ];
  if (submission) {
    statements.push({
      sql: `insert into practice_versions (practice_id, version, content, created_at)
            select id, version, content, :at from practices where id = :practice and ${happened}`,
      args: { at, practice: id, op },
    });
  }
  const mailValues: PracticeMailValues = { site: input.site, ...(reason ? { reason } : {}) };
  for (const mailing of mailsFor(practice.status, input.to, mover)) {
    statements.push(mailStatement(mailing.audience, mailing.kind, id, mailValues, now, happened, op));
  }
  if (input.to === 'submitted') {
    // No focal point for the country: review begins at once, "not endorsed nationally".
    const systemOp = randomSecret(10);
    const noFocalPoint = `not exists (select 1 from users where role = 'focal-point' and country = (select country from practices where id = :id))`;
    statements.push(
      {
        sql: `update practices set status = 'in-review', endorsement = 'none', updated_at = :at
              where id = :id and status = 'submitted' and ${happened} and ${noFocalPoint}`,
        args: { at, id, op },
      },
      auditStatement({ actor: null, action: 'practice.in-review', practiceId: id, from: 'submitted', to: 'in-review', reason: 'no-focal-point', op: systemOp, now, when: 'changes() = 1' }),
      mailStatement('staff', 'practice-to-review', id, { site: input.site }, now, happened, systemOp),
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
  const due = await client.execute({ sql: `select id from practices where status = 'submitted' and submitted_at <= ?`, args: [cutoff] });
  if (due.rows.length === 0) return 0;
  let moved = 0;
  for (const row of due.rows) {
    const id = Number(row.id);
    const op = randomSecret(10);
    await client.batch(
      [
        {
          sql: `update practices set status = 'in-review', endorsement = 'none', updated_at = :at where id = :id and status = 'submitted' and submitted_at <= :cutoff`,
          args: { at: now.getTime(), id, cutoff },
        },
        auditStatement({ actor: null, action: 'practice.in-review', practiceId: id, from: 'submitted', to: 'in-review', reason: 'no-answer-in-14-days', op, now, when: 'changes() = 1' }),
        mailStatement('staff', 'practice-to-review', id, { site }, now, happened, op),
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
      {
        sql: 'insert into practice_comments (practice_id, author_id, author_role, body, created_at) values (?, ?, ?, ?, ?) returning *',
        args: [input.id, input.actor.id, input.actor.role, input.body, now.getTime()],
      },
      auditStatement({ actor: input.actor, action: 'practice.comment', practiceId: input.id, op, now }),
    ],
    'write',
  );
  const row = inserted!.rows[0] as unknown as Record<string, unknown>;
  return { ok: true, value: { id: Number(row.id), authorRole: String(row.author_role), authorName: null, body: String(row.body), createdAt: new Date(Number(row.created_at)) } };
}

/** The comments on a practice, oldest first, with their authors' names. */
export async function practiceComments(client: Client, id: number): Promise<PracticeComment[]> {
  const found = await client.execute({
    sql: `select c.*, u.full_name from practice_comments c left join users u on u.id = c.author_id where c.practice_id = ? order by c.id`,
    args: [id],
  });
  return found.rows.map((row) => ({
    id: Number(row.id),
    authorRole: String(row.author_role),
    authorName: row.full_name === null ? null : String(row.full_name),
    body: String(row.body),
    createdAt: new Date(Number(row.created_at)),
  }));
}

export interface PracticeVersion {
  version: number;
  content: PracticeContent;
  createdAt: Date;
}

/** Every submitted version, oldest first. */
export async function practiceVersions(client: Client, id: number): Promise<PracticeVersion[]> {
  const found = await client.execute({ sql: 'select * from practice_versions where practice_id = ? order by version', args: [id] });
  return found.rows.map((row) => ({ version: Number(row.version), content: parseContent(String(row.content)), createdAt: new Date(Number(row.created_at)) }));
}

/** One's own proposals, newest first. */
export async function ownPractices(client: Client, userId: string): Promise<PracticeRecord[]> {
  return rows(await client.execute({ sql: 'select * from practices where user_id = ? order by updated_at desc, id desc', args: [userId] }));
}

/** A focal point's country's proposals, once submitted; newest first. */
export async function countryPractices(client: Client, country: string): Promise<PracticeRecord[]> {
  return rows(await client.execute({ sql: 'select * from practices where country = ? and version > 0 order by updated_at desc, id desc', args: [country] }));
}

export interface StaffFilters {
  status?: PracticeStatus | undefined;
  country?: string | undefined;
  theme?: Theme | undefined;
  language?: Locale | undefined;
}

/** Every submitted proposal for staff, narrowed by the filters; those waiting on staff first. */
export async function staffPractices(client: Client, filters: StaffFilters): Promise<PracticeRecord[]> {
  const where = ['version > 0'];
  const args: Record<string, InValue> = {};
  if (filters.status) {
    where.push('status = :status');
    args.status = filters.status;
  }
  if (filters.country) {
    where.push('country = :country');
    args.country = filters.country;
  }
  if (filters.language) {
    where.push('language = :language');
    args.language = filters.language;
  }
  if (filters.theme) {
    where.push(`exists (select 1 from json_each(content, '$.themes') where value = :theme)`);
    args.theme = filters.theme;
  }
  return rows(
    await client.execute({
      sql: `select * from practices where ${where.join(' and ')}
            order by status in ('endorsed', 'in-review', 'resubmitted') desc, updated_at desc, id desc limit 500`,
      args,
    }),
  );
}

function published(row: Record<string, unknown>): PublishedPractice {
  const record = toRecord(row);
  return {
    ...record,
    slug: record.slug ?? '',
    decidedAt: record.decidedAt ?? record.updatedAt,
    proposerName: record.content.showName && row.full_name ? String(row.full_name) : null,
  };
}

/** Accepted practices, newest first, optionally of one country or theme. */
export async function publishedPractices(client: Client, filter: { country?: string; theme?: Theme } = {}): Promise<PublishedPractice[]> {
  const where = [`p.status = 'accepted'`];
  const args: Record<string, InValue> = {};
  if (filter.country) {
    where.push('p.country = :country');
    args.country = filter.country;
  }
  if (filter.theme) {
    where.push(`exists (select 1 from json_each(p.content, '$.themes') where value = :theme)`);
    args.theme = filter.theme;
  }
  const found = await client.execute({
    sql: `select p.*, u.full_name from practices p left join users u on u.id = p.user_id where ${where.join(' and ')} order by p.decided_at desc, p.id desc`,
    args,
  });
  return found.rows.map((row) => published(row as unknown as Record<string, unknown>));
}

export async function findPublished(client: Client, slug: string): Promise<PublishedPractice | null> {
  const found = await client.execute({
    sql: `select p.*, u.full_name from practices p left join users u on u.id = p.user_id where p.slug = ? and p.status = 'accepted'`,
    args: [slug],
  });
  return found.rows[0] ? published(found.rows[0] as unknown as Record<string, unknown>) : null;
}

/** An account's proposals and the comments on them, for its data export. */
export async function practicesOfAccount(client: Client, userId: string): Promise<{ practices: PracticeRecord[]; comments: (PracticeComment & { practiceId: number })[] }> {
  const own = await ownPractices(client, userId);
  const comments: (PracticeComment & { practiceId: number })[] = [];
  for (const practice of own) for (const comment of await practiceComments(client, practice.id)) comments.push({ ...comment, practiceId: practice.id });
  return { practices: own, comments };
}
