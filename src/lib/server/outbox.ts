import type { Client, InStatement, InValue } from '@libsql/client';
import { emailMessage, type EmailKind, type EmailValues } from '../i18n/mail/index.ts';
import type { Locale } from '../i18n/locales.ts';
import { randomSecret } from './crypto.ts';
import type { OutgoingEmail } from './mailer.ts';

/**
 * The mail outbox (issue 12). A message is a row written by the same write batch as the change
 * it reports: the change and its mail are stored together or not at all. A sender in each server
 * process delivers them:
 *
 * - it claims due messages with one UPDATE that sets a lease (owner and end time) on rows that are
 *   pending, due and not leased by anyone else; libSQL runs it under the write lock, so of several
 *   processes sharing the database only one gets a given row;
 * - it sends each claimed message, then marks it sent, but only while it still holds the lease;
 * - a failure sets the next attempt with exponential back-off (30 s, 1 min, 2 min, … capped at
 *   an hour between tries); a message still unsent 24 hours after it was written becomes
 *   "failed" with its last error, for staff to see and resend.
 *
 * A process killed between sending and marking leaves the lease to run out, and the message is
 * sent again: delivery is at least once. The window is the one SMTP round trip plus one UPDATE.
 */

/** A course title in every language, or text already in the recipient's language. */
export type OutboxText = string | { [language in Locale]?: string | undefined };

export interface OutboxValues extends Omit<EmailValues, 'name' | 'courseTitle' | 'link' | 'joining' | 'calendar'> {
  courseTitle?: OutboxText;
  /** A link may differ by language (/en/…, /ar/…), like the texts below. */
  link?: OutboxText;
  /** Joining instructions of the course (issue 11). */
  joining?: OutboxText;
  /** The course's calendar file (issue 11), attached as course.ics. */
  calendar?: OutboxText;
}

/** A message to write, without its recipient. */
export interface OutboxMessage {
  kind: EmailKind;
  values?: OutboxValues;
}

export interface OutboxRecipient {
  email: string;
  fullName: string;
  preferredLanguage: Locale;
}

export const leaseMs = 2 * 60 * 1000;
export const firstRetryMs = 30 * 1000;
export const maxRetryGapMs = 60 * 60 * 1000;
export const giveUpAfterMs = 24 * 60 * 60 * 1000;

/** When the next attempt is due after `attempts` failures. */
export function retryDelayMs(attempts: number): number {
  return Math.min(maxRetryGapMs, firstRetryMs * 2 ** Math.max(0, attempts - 1));
}

const columns = 'recipient, name, language, kind, vals, status, attempts, next_attempt_at, created_at';

/** The INSERT of one message to a known person, to add to a write batch. */
export function outboxInsert(recipient: OutboxRecipient, kind: EmailKind, values: OutboxValues = {}, now = new Date()): InStatement {
  return {
    sql: `insert into outbox (${columns}) values (?, ?, ?, ?, ?, 'pending', 0, ?, ?)`,
    args: [recipient.email, recipient.fullName, recipient.preferredLanguage, kind, JSON.stringify(values), now.getTime(), now.getTime()],
  };
}

/**
 * The INSERT of one message to the owner of an application, chosen in SQL when the batch runs:
 * `applicationSql` is an expression giving the application's id, `where` an extra condition.
 * No row is written when the application has no owner any longer.
 */
export function outboxInsertForApplication(
  applicationSql: string,
  kind: EmailKind,
  values: OutboxValues,
  now: Date,
  where: { sql: string; args: Record<string, InValue> } = { sql: '1', args: {} },
): InStatement {
  return {
    sql: `insert into outbox (${columns})
          select u.email, u.full_name, u.preferred_language, :outboxKind, :outboxVals, 'pending', 0, :outboxAt, :outboxAt
          from applications a join users u on u.id = a.user_id
          where a.id = (${applicationSql}) and (${where.sql})`,
    args: { outboxKind: kind, outboxVals: JSON.stringify(values), outboxAt: now.getTime(), ...where.args },
  };
}

/** A message on its own, for changes that are not a database write (a new link to an existing account). */
export async function enqueueMail(client: Client, recipient: OutboxRecipient, kind: EmailKind, values: OutboxValues = {}): Promise<void> {
  await client.batch([outboxInsert(recipient, kind, values)], 'write');
  wakeSenders();
}

export interface OutboxRow {
  id: number;
  recipient: string;
  name: string;
  language: Locale;
  kind: EmailKind;
  values: OutboxValues;
  status: 'pending' | 'sent' | 'failed';
  attempts: number;
  nextAttemptAt: Date;
  lastError: string | null;
  createdAt: Date;
  sentAt: Date | null;
}

function toRow(row: Record<string, unknown>): OutboxRow {
  let values: OutboxValues = {};
  try {
    values = JSON.parse(String(row.vals)) as OutboxValues;
  } catch {
    values = {};
  }
  return {
    id: Number(row.id),
    recipient: String(row.recipient),
    name: String(row.name),
    language: row.language as Locale,
    kind: row.kind as EmailKind,
    values,
    status: row.status as OutboxRow['status'],
    attempts: Number(row.attempts),
    nextAttemptAt: new Date(Number(row.next_attempt_at)),
    lastError: row.last_error === null ? null : String(row.last_error),
    createdAt: new Date(Number(row.created_at)),
    sentAt: row.sent_at === null ? null : new Date(Number(row.sent_at)),
  };
}

/** The message as it goes out, in the recipient's language. */
export function render(row: OutboxRow): OutgoingEmail {
  const { courseTitle, link, joining, calendar, ...rest } = row.values;
  const localized = { courseTitle: inLanguage(courseTitle, row.language), link: inLanguage(link, row.language), joining: inLanguage(joining, row.language) };
  const given = Object.fromEntries(Object.entries(localized).filter(([, value]) => value !== undefined));
  const ics = inLanguage(calendar, row.language);
  const { subject, text } = emailMessage(row.kind, row.language, { ...rest, ...given, ...(ics ? { calendar: true } : {}), name: row.name });
  return {
    to: row.recipient,
    subject,
    text,
    language: row.language,
    messageId: `<outbox.${row.id}.${row.createdAt.getTime()}@oic-reform-exchange>`,
    ...(ics ? { attachments: [{ filename: 'course.ics', contentType: 'text/calendar; charset=utf-8; method=PUBLISH', content: ics }] } : {}),
  };
}

function inLanguage(text: OutboxText | undefined, language: Locale): string | undefined {
  return typeof text === 'object' ? (text[language] ?? text.en ?? Object.values(text)[0]) : text;
}

/**
 * Claims up to `limit` due messages for `owner` until `now + leaseMs`, in one UPDATE. A message
 * whose lease ran out (its sender died) is due again.
 */
export async function claimDue(client: Client, owner: string, now = new Date(), limit = 10): Promise<OutboxRow[]> {
  const claimed = await client.execute({
    sql: `update outbox set lease_owner = :owner, lease_until = :until
          where id in (select id from outbox where status = 'pending' and next_attempt_at <= :now
                       and (lease_until is null or lease_until <= :now) order by next_attempt_at, id limit :limit)
          returning *`,
    args: { owner, until: now.getTime() + leaseMs, now: now.getTime(), limit },
  });
  return claimed.rows.map((row) => toRow(row as unknown as Record<string, unknown>)).sort((a, b) => a.id - b.id);
}

export async function markSent(client: Client, id: number, owner: string, now = new Date()): Promise<void> {
  await client.execute({
    sql: `update outbox set status = 'sent', sent_at = ?, attempts = attempts + 1, lease_owner = null, lease_until = null, last_error = null
          where id = ? and lease_owner = ?`,
    args: [now.getTime(), id, owner],
  });
}

/** Records a failed attempt: the next one after a back-off, or "failed" once a day has passed. */
export async function markAttemptFailed(client: Client, row: OutboxRow, owner: string, error: unknown, now = new Date()): Promise<void> {
  const attempts = row.attempts + 1;
  const next = now.getTime() + retryDelayMs(attempts);
  const giveUp = next - row.createdAt.getTime() > giveUpAfterMs;
  const message = (error instanceof Error ? error.message : String(error)).slice(0, 1000);
  await client.execute({
    sql: `update outbox set status = ?, attempts = ?, next_attempt_at = ?, last_error = ?, lease_owner = null, lease_until = null
          where id = ? and lease_owner = ?`,
    args: [giveUp ? 'failed' : 'pending', attempts, next, message, row.id, owner],
  });
}

/** Sends what is due; returns how many were sent and how many attempts failed. */
export async function deliverDue(
  client: Client,
  send: (email: OutgoingEmail) => Promise<void>,
  options: { owner?: string; now?: () => Date; limit?: number } = {},
): Promise<{ sent: number; failed: number }> {
  const owner = options.owner ?? senderId;
  const now = options.now ?? (() => new Date());
  let sent = 0;
  let failed = 0;
  for (;;) {
    const claimed = await claimDue(client, owner, now(), options.limit ?? 10);
    if (claimed.length === 0) break;
    for (const row of claimed) {
      try {
        await send(render(row));
      } catch (error) {
        failed += 1;
        await markAttemptFailed(client, row, owner, error, now());
        continue;
      }
      sent += 1;
      await markSent(client, row.id, owner, now());
    }
  }
  return { sent, failed };
}

/** Messages staff should see: pending and failed, oldest first. */
export async function listUndelivered(client: Client, limit = 200): Promise<OutboxRow[]> {
  const found = await client.execute({
    sql: "select * from outbox where status in ('pending', 'failed') order by status = 'pending', created_at, id limit ?",
    args: [limit],
  });
  return found.rows.map((row) => toRow(row as unknown as Record<string, unknown>));
}

/** Puts a failed (or waiting) message back in line, due now, with a fresh day of attempts. */
export async function resend(client: Client, id: number, now = new Date()): Promise<boolean> {
  const updated = await client.execute({
    sql: `update outbox set status = 'pending', attempts = 0, next_attempt_at = ?, created_at = ?, lease_owner = null, lease_until = null
          where id = ? and status in ('pending', 'failed')`,
    args: [now.getTime(), now.getTime(), id],
  });
  if (updated.rowsAffected === 1) wakeSenders();
  return updated.rowsAffected === 1;
}

/** This process's name as a lease owner. */
const senderId = `${process.pid}-${randomSecret(6)}`;

export const senderIntervalMs = 1000;

const wakers = new Set<() => void>();

/** Asks this process's sender to look now rather than at its next tick (a message was just written). */
export function wakeSenders(): void {
  for (const wake of wakers) wake();
}

let started = false;

/**
 * Starts the sender once per process: every `intervalMs`, and whenever this process writes a
 * message, it delivers what is due. One round at a time; the timer never keeps the process alive.
 */
export function startOutboxSender(
  open: () => Promise<{ client: Client }>,
  send: () => (email: OutgoingEmail) => Promise<void>,
  intervalMs = senderIntervalMs,
): void {
  if (started) return;
  started = true;
  let running = false;
  let again = false;
  const run = (): void => {
    if (running) {
      again = true;
      return;
    }
    running = true;
    open()
      .then(({ client }) => deliverDue(client, send()))
      .catch((error: unknown) => console.error('the mail outbox sender failed:', error))
      .finally(() => {
        running = false;
        if (again) {
          again = false;
          setImmediate(run);
        }
      });
  };
  wakers.add(run);
  setInterval(run, intervalMs).unref();
  setImmediate(run);
}
