import type { Client, InStatement, Row } from '@libsql/client';
import { sql, type SQL } from 'drizzle-orm';
import { applications, outbox, users } from '#db/schema.ts';
import { emailMessage, type EmailKind, type EmailValues } from '../i18n/mail/index.ts';
import type { Locale } from '../i18n/locales.ts';
import { randomSecret } from './crypto.ts';
import type { OutgoingEmail } from './mailer.ts';
import { bare, columnList, fromRow, statement } from './sql.ts';

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

const columns = columnList([outbox.recipient, outbox.name, outbox.language, outbox.kind, outbox.vals, outbox.status, outbox.attempts, outbox.nextAttemptAt, outbox.createdAt]);

/** The INSERT of one message to a known person, to add to a write batch. */
export function outboxInsert(recipient: OutboxRecipient, kind: EmailKind, values: OutboxValues = {}, now = new Date()): InStatement {
  return statement(sql`insert into ${outbox} (${columns})
    values (${recipient.email}, ${recipient.fullName}, ${recipient.preferredLanguage}, ${kind}, ${JSON.stringify(values)}, 'pending', 0, ${now.getTime()}, ${now.getTime()})`);
}

/**
 * The INSERT of one message to the owner of an application, chosen in SQL when the batch runs:
 * `applicationId` is SQL giving the application's id, `where` an extra condition (it may name
 * the application's columns). No row is written when the application has no owner any longer.
 */
export function outboxInsertForApplication(applicationId: SQL, kind: EmailKind, values: OutboxValues, now: Date, where: SQL = sql`1`): InStatement {
  return statement(sql`insert into ${outbox} (${columns})
    select ${users.email}, ${users.fullName}, ${users.preferredLanguage}, ${kind}, ${JSON.stringify(values)}, 'pending', 0, ${now.getTime()}, ${now.getTime()}
    from ${applications} join ${users} on ${users.id} = ${applications.userId}
    where ${applications.id} = (${applicationId}) and (${where})`);
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

function toRow(row: Row): OutboxRow {
  const message = fromRow(outbox, row);
  let values: OutboxValues = {};
  try {
    values = JSON.parse(String(message.vals)) as OutboxValues;
  } catch {
    values = {};
  }
  return {
    id: message.id,
    recipient: message.recipient,
    name: message.name,
    language: message.language,
    kind: message.kind as EmailKind,
    values,
    status: message.status,
    attempts: message.attempts,
    nextAttemptAt: message.nextAttemptAt,
    lastError: message.lastError ?? null,
    createdAt: message.createdAt,
    sentAt: message.sentAt ?? null,
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
  const at = now.getTime();
  const due = sql`${outbox.status} = 'pending' and ${outbox.nextAttemptAt} <= ${at} and (${outbox.leaseUntil} is null or ${outbox.leaseUntil} <= ${at})`;
  // A read first: the UPDATE takes the database's write lock even when nothing is due, and an
  // idle sender would otherwise take it every second, stalling writers on an embedded file.
  const anything = await client.execute(statement(sql`select 1 from ${outbox} where ${due} limit 1`));
  if (anything.rows.length === 0) return [];
  const claimed = await client.execute(
    statement(sql`update ${outbox} set ${bare(outbox.leaseOwner)} = ${owner}, ${bare(outbox.leaseUntil)} = ${at + leaseMs}
      where ${outbox.id} in (select ${outbox.id} from ${outbox} where ${due} order by ${outbox.nextAttemptAt}, ${outbox.id} limit ${limit})
      returning *`),
  );
  return claimed.rows.map(toRow).sort((a, b) => a.id - b.id);
}

export async function markSent(client: Client, id: number, owner: string, now = new Date()): Promise<void> {
  await client.execute(
    statement(sql`update ${outbox} set ${bare(outbox.status)} = 'sent', ${bare(outbox.sentAt)} = ${now.getTime()}, ${bare(outbox.attempts)} = ${outbox.attempts} + 1,
        ${bare(outbox.leaseOwner)} = null, ${bare(outbox.leaseUntil)} = null, ${bare(outbox.lastError)} = null
      where ${outbox.id} = ${id} and ${outbox.leaseOwner} = ${owner}`),
  );
}

/** Records a failed attempt: the next one after a back-off, or "failed" once a day has passed. */
export async function markAttemptFailed(client: Client, row: OutboxRow, owner: string, error: unknown, now = new Date()): Promise<void> {
  const attempts = row.attempts + 1;
  const next = now.getTime() + retryDelayMs(attempts);
  const giveUp = next - row.createdAt.getTime() > giveUpAfterMs;
  const message = (error instanceof Error ? error.message : String(error)).slice(0, 1000);
  await client.execute(
    statement(sql`update ${outbox} set ${bare(outbox.status)} = ${giveUp ? 'failed' : 'pending'}, ${bare(outbox.attempts)} = ${attempts}, ${bare(outbox.nextAttemptAt)} = ${next},
        ${bare(outbox.lastError)} = ${message}, ${bare(outbox.leaseOwner)} = null, ${bare(outbox.leaseUntil)} = null
      where ${outbox.id} = ${row.id} and ${outbox.leaseOwner} = ${owner}`),
  );
}

/**
 * Sends what is due, `limit` claimed at a time, at most `max` in all; returns how many were sent
 * and how many attempts failed.
 */
export async function deliverDue(
  client: Client,
  send: (email: OutgoingEmail) => Promise<void>,
  options: { owner?: string; now?: () => Date; limit?: number; max?: number } = {},
): Promise<{ sent: number; failed: number }> {
  const owner = options.owner ?? senderId;
  const now = options.now ?? (() => new Date());
  let sent = 0;
  let failed = 0;
  for (;;) {
    const room = (options.max ?? Number.POSITIVE_INFINITY) - sent - failed;
    if (room <= 0) break;
    const claimed = await claimDue(client, owner, now(), Math.min(options.limit ?? 10, room));
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
  const found = await client.execute(
    statement(sql`select * from ${outbox} where ${outbox.status} in ('pending', 'failed') order by ${outbox.status} = 'pending', ${outbox.createdAt}, ${outbox.id} limit ${limit}`),
  );
  return found.rows.map(toRow);
}

/** Puts a failed (or waiting) message back in line, due now, with a fresh day of attempts. */
export async function resend(client: Client, id: number, now = new Date()): Promise<boolean> {
  const updated = await client.execute(
    statement(sql`update ${outbox} set ${bare(outbox.status)} = 'pending', ${bare(outbox.attempts)} = 0, ${bare(outbox.nextAttemptAt)} = ${now.getTime()},
        ${bare(outbox.createdAt)} = ${now.getTime()}, ${bare(outbox.leaseOwner)} = null, ${bare(outbox.leaseUntil)} = null
      where ${outbox.id} = ${id} and ${outbox.status} in ('pending', 'failed')`),
  );
  if (updated.rowsAffected === 1) wakeSenders();
  return updated.rowsAffected === 1;
}

/** This process's name as a lease owner. */
const senderId = `${process.pid}-${randomSecret(6)}`;

export const senderIntervalMs = 1000;

/**
 * Messages one sender sends in a round, and a round comes at most once a `senderIntervalMs`: in
 * a rush of applications (hundreds a second) the mail waits in the outbox and drains after,
 * instead of taking the server's time from the people applying. Far above what a day needs.
 */
export const messagesPerRound = 20;

const wakers = new Set<() => void>();

/** Asks this process's sender to look now rather than at its next tick (a message was just written). */
export function wakeSenders(): void {
  for (const wake of wakers) wake();
}

let started = false;

/**
 * Starts the sender once per process: every `intervalMs`, and as soon as this process writes a
 * message unless a round ran less than `intervalMs` ago, it delivers up to `messagesPerRound`
 * due messages. One round at a time; the timers never keep the process alive.
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
  let next: NodeJS.Timeout | undefined;
  let lastRound = Number.NEGATIVE_INFINITY;
  const round = (): void => {
    next = undefined;
    running = true;
    lastRound = Date.now();
    open()
      .then(({ client }) => deliverDue(client, send(), { max: messagesPerRound }))
      .catch((error: unknown) => console.error('the mail outbox sender failed:', error))
      .finally(() => {
        running = false;
        if (again) {
          again = false;
          schedule();
        }
      });
  };
  const schedule = (): void => {
    if (running) {
      again = true;
      return;
    }
    if (next) return;
    next = setTimeout(round, Math.max(0, lastRound + intervalMs - Date.now()));
    next.unref();
  };
  wakers.add(schedule);
  setInterval(schedule, intervalMs).unref();
  schedule();
}
