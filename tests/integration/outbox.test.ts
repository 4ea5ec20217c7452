import { setTimeout as sleep } from 'node:timers/promises';
import { createClient } from '@libsql/client';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { accountStatements, passwordResetToken } from '#lib/server/accounts.ts';
import { createLinkToken, PASSWORD_RESET_LIFETIME_MS } from '#lib/server/link-tokens.ts';
import { moveApplication, submitApplication, type Actor } from '#lib/server/applications.ts';
import type { OutgoingEmail } from '#lib/server/mailer.ts';
import {
  claimDue,
  deliverDue,
  enqueueMail,
  giveUpAfterMs,
  leaseMs,
  listUndelivered,
  messagesPerRound,
  resend,
  retryDelayMs,
} from '#lib/server/outbox.ts';
import { createTestDatabase, type TestDatabase } from '#support/database.ts';
import { addPerson, duringApplications, sampleCourse } from '#support/people.ts';

let database: TestDatabase;
beforeEach(async () => {
  database = await createTestDatabase();
});
afterEach(() => database.cleanup());

const recipient = (n: number) => ({ email: `person-${n}@example.org`, fullName: `Person ${n}`, preferredLanguage: 'en' as const });

async function outboxRows(): Promise<Array<Record<string, unknown>>> {
  const found = await database.client.execute('select * from outbox order by id');
  return found.rows as unknown as Array<Record<string, unknown>>;
}

describe('claiming with a lease', () => {
  it('sends each message once when two senders on two connections deliver at the same time', async () => {
    for (let n = 0; n < 40; n += 1) await enqueueMail(database.client, recipient(n), 'application-received', { courseTitle: { en: 'Course', fr: 'Cours' } });
    const other = await database.openAnother();
    const sent: string[] = [];
    const send = async (email: OutgoingEmail) => {
      await sleep(2);
      sent.push(email.to);
    };
    const [a, b] = await Promise.all([
      deliverDue(database.client, send, { owner: 'sender-a', limit: 3 }),
      deliverDue(other.client, send, { owner: 'sender-b', limit: 3 }),
    ]);
    expect(a.sent + b.sent).toBe(40);
    expect(a.sent).toBeGreaterThan(0);
    expect(b.sent).toBeGreaterThan(0);
    expect(sent.toSorted()).toEqual(Array.from({ length: 40 }, (_, n) => `person-${n}@example.org`).toSorted());
    expect((await outboxRows()).every((row) => row.status === 'sent' && row.attempts === 1)).toBe(true);
  });

  it('claims nothing, and takes no write lock, when no message is due', async () => {
    await enqueueMail(database.client, recipient(1), 'verify-email', { link: 'http://127.0.0.1/x' });
    const beforeItIsDue = new Date(Date.now() - 60_000);
    const writer = await database.openAnother();
    const writing = await writer.client.transaction('write');
    // A sender that tried to write would wait for this lock and give up with SQLITE_BUSY.
    const sender = createClient({ url: database.url, timeout: 50 });
    try {
      expect(await claimDue(sender, 'idle-sender', beforeItIsDue)).toEqual([]);
    } finally {
      await writing.rollback();
      sender.close();
    }
    expect(await claimDue(database.client, 'sender')).toHaveLength(1);
  });

  it('sends at most `max` messages in a round and leaves the rest due for the next', async () => {
    const waiting = messagesPerRound + 5;
    for (let n = 0; n < waiting; n += 1) await enqueueMail(database.client, recipient(n), 'verify-email', { link: 'http://127.0.0.1/x' });
    const sent: string[] = [];
    const send = async (email: OutgoingEmail) => void sent.push(email.to);
    expect(await deliverDue(database.client, send, { max: messagesPerRound })).toEqual({ sent: messagesPerRound, failed: 0 });
    expect((await outboxRows()).filter((row) => row.status === 'pending')).toHaveLength(5);
    expect(await deliverDue(database.client, send, { max: messagesPerRound })).toEqual({ sent: 5, failed: 0 });
    expect(new Set(sent).size).toBe(waiting);
  });

  it('does not give a leased message to another sender until the lease runs out (its sender died)', async () => {
    await enqueueMail(database.client, recipient(1), 'verify-email', { link: 'http://127.0.0.1/x' });
    const now = new Date();
    expect(await claimDue(database.client, 'dead-sender', now)).toHaveLength(1);
    expect(await claimDue(database.client, 'other', new Date(now.getTime() + leaseMs - 1))).toHaveLength(0);
    const again = await claimDue(database.client, 'other', new Date(now.getTime() + leaseMs));
    expect(again.map((row) => row.recipient)).toEqual(['person-1@example.org']);
  });

  it('renders the message in the recipient language, with the course title in that language', async () => {
    await enqueueMail(database.client, { ...recipient(1), preferredLanguage: 'fr' }, 'accepted', { courseTitle: { en: 'Budgeting', fr: 'Budgétisation' } });
    const sent: OutgoingEmail[] = [];
    await deliverDue(database.client, async (email) => void sent.push(email));
    expect(sent[0]?.language).toBe('fr');
    expect(sent[0]?.text).toContain('Budgétisation');
  });
});

describe('retries', () => {
  it('backs off exponentially after each failure, then marks the message failed with the error after a day', async () => {
    expect([1, 2, 3, 4].map(retryDelayMs)).toEqual([30_000, 60_000, 120_000, 240_000]);
    expect(retryDelayMs(30)).toBe(60 * 60 * 1000);
    const start = new Date(Date.now() + 1000);
    await enqueueMail(database.client, recipient(1), 'verify-email', { link: 'http://127.0.0.1/x' });
    let clock = start.getTime();
    const failing = async () => {
      throw new Error('421 mail server busy');
    };
    const first = await deliverDue(database.client, failing, { now: () => new Date(clock) });
    expect(first).toEqual({ sent: 0, failed: 1 });
    let [row] = await outboxRows();
    expect(row).toMatchObject({ status: 'pending', attempts: 1, next_attempt_at: clock + 30_000, last_error: '421 mail server busy', lease_owner: null });
    // Not due before its time.
    clock += 29_999;
    expect(await deliverDue(database.client, failing, { now: () => new Date(clock) })).toEqual({ sent: 0, failed: 0 });
    clock += 1;
    await deliverDue(database.client, failing, { now: () => new Date(clock) });
    [row] = await outboxRows();
    expect(row).toMatchObject({ status: 'pending', attempts: 2, next_attempt_at: clock + 60_000 });
    // Keep failing, each time it is due, until a day has gone by.
    for (let round = 0; round < 100 && row?.status === 'pending'; round += 1) {
      clock = Number(row.next_attempt_at);
      await deliverDue(database.client, failing, { now: () => new Date(clock) });
      [row] = await outboxRows();
    }
    expect(row?.status).toBe('failed');
    expect(row?.last_error).toBe('421 mail server busy');
    expect(clock - start.getTime()).toBeLessThanOrEqual(giveUpAfterMs);
    expect(clock - start.getTime()).toBeGreaterThan(giveUpAfterMs - 2 * 60 * 60 * 1000);
    // Failed messages are never tried again on their own, and staff see them.
    expect(await deliverDue(database.client, failing, { now: () => new Date(clock + giveUpAfterMs) })).toEqual({ sent: 0, failed: 0 });
    expect((await listUndelivered(database.client)).map((m) => [m.status, m.lastError])).toEqual([['failed', '421 mail server busy']]);

    // Resending puts it back in line, due now; it is then delivered once.
    expect(await resend(database.client, Number(row?.id))).toBe(true);
    const sent: string[] = [];
    expect(await deliverDue(database.client, async (email) => void sent.push(email.to))).toEqual({ sent: 1, failed: 0 });
    expect(sent).toEqual(['person-1@example.org']);
    expect(await listUndelivered(database.client)).toEqual([]);
    expect(await resend(database.client, Number(row?.id))).toBe(false);
  });
});

describe('written in the same batch as the change', () => {
  it('writes the applicant mail with a move, none for a refused move, and the promoted person mail with a freed seat', async () => {
    const course = sampleCourse({ seats: 1 });
    const staff = await addPerson(database.db, 'staff', null);
    const fp = await addPerson(database.db, 'focal-point', 'AZ');
    const people: Actor[] = [];
    const ids: number[] = [];
    for (let n = 0; n < 3; n += 1) {
      const applicant = await addPerson(database.db, 'participant', 'AZ');
      const submitted = await submitApplication(database.client, {
        applicant,
        course,
        motivation: '',
        now: duringApplications,
        mail: { kind: 'application-received', values: { courseTitle: { en: 'Course' } } },
      });
      if (!submitted.ok) throw new Error(submitted.refusal);
      people.push(applicant);
      ids.push(submitted.value.id);
      await moveApplication(database.client, { actor: fp, applicationId: submitted.value.id, to: 'endorsed', course, now: duringApplications });
    }
    await database.client.execute('delete from outbox');
    const mail = (kind: 'accepted' | 'waitlisted') => ({ applicant: { kind, values: { courseTitle: { en: 'Course' } } }, promoted: { kind: 'promoted' as const, values: {} } });
    const move = (applicationId: number, to: 'accepted' | 'waitlisted' | 'withdrawn', actor: Actor = staff) =>
      moveApplication(database.client, { actor, applicationId, to, course, now: duringApplications, mail: to === 'withdrawn' ? { promoted: mail('accepted').promoted } : mail(to) });

    expect((await move(ids[0]!, 'accepted')).ok).toBe(true);
    // The course is full: the refused acceptance writes no mail.
    expect(await move(ids[1]!, 'accepted')).toEqual({ ok: false, refusal: 'course-full' });
    expect((await move(ids[1]!, 'waitlisted')).ok).toBe(true);
    const emails = async () => (await outboxRows()).map((row) => [row.recipient, row.kind]);
    expect(await emails()).toEqual([
      [`${people[0]!.id}@example.org`, 'accepted'],
      [`${people[1]!.id}@example.org`, 'waitlisted'],
    ]);
    // The accepted person withdraws; the waiting one takes the seat and is told, in the same batch.
    const withdrawn = await move(ids[0]!, 'withdrawn', people[0]!);
    expect(withdrawn.ok && withdrawn.value.promotedId).toBe(ids[1]);
    expect((await emails()).slice(2)).toEqual([[`${people[1]!.id}@example.org`, 'promoted']]);
  });

  it('a refused nomination writes no mail and leaves no account behind', async () => {
    const course = sampleCourse();
    const fp = await addPerson(database.db, 'focal-point', 'AZ');
    const existing = await addPerson(database.db, 'participant', 'AZ');
    const first = await submitApplication(database.client, { applicant: existing, course, motivation: '', now: duringApplications });
    expect(first.ok).toBe(true);
    await database.client.execute('delete from outbox');
    const users = async () => Number((await database.client.execute('select count(*) as n from users')).rows[0]?.n);
    const before = await users();

    // Already applied: the unique index refuses the application, and the whole batch with it.
    const again = await submitApplication(database.client, {
      applicant: existing,
      course,
      motivation: '',
      nominatedBy: fp,
      now: duringApplications,
      mail: { kind: 'nominated', values: { courseTitle: { en: 'Course' } } },
    });
    expect(again).toEqual({ ok: false, refusal: 'already-applied' });

    // A new nominee for a course that has started: refused before anything is written.
    const account = accountStatements({ email: 'new@example.org', fullName: 'New Person', role: 'participant', country: 'AZ', preferredLanguage: 'en' });
    const late = await submitApplication(database.client, {
      applicant: { id: account.userId, role: 'participant', country: 'AZ' },
      course,
      motivation: '',
      nominatedBy: fp,
      now: course.start,
      before: account.statements,
      mail: { kind: 'nominated', values: { link: 'http://127.0.0.1/set', courseTitle: { en: 'Course' } } },
    });
    expect(late).toEqual({ ok: false, refusal: 'course-started' });
    expect(await users()).toBe(before);
    expect(await outboxRows()).toEqual([]);

    // The same nomination in time makes the account, its link, the application and the mail together.
    const made = await submitApplication(database.client, {
      applicant: { id: account.userId, role: 'participant', country: 'AZ' },
      course,
      motivation: '',
      nominatedBy: fp,
      now: duringApplications,
      before: account.statements,
      mail: { kind: 'nominated', values: { link: 'http://127.0.0.1/set', courseTitle: { en: 'Course' } } },
    });
    expect(made.ok && made.value.status).toBe('endorsed');
    expect(await users()).toBe(before + 1);
    expect((await outboxRows()).map((row) => [row.recipient, row.kind])).toEqual([['new@example.org', 'nominated']]);
    expect(Number((await database.client.execute({ sql: 'select count(*) as n from email_tokens where user_id = ?', args: [account.userId] })).rows[0]?.n)).toBe(1);
  });

  it('writes a link and its mail together: a reset writes both, and a failing mail write leaves no link', async () => {
    const person = await addPerson(database.db, 'participant', 'AZ');
    const tokens = async () => Number((await database.client.execute({ sql: 'select count(*) as n from email_tokens where user_id = ?', args: [person.id] })).rows[0]?.n);
    const found = await passwordResetToken(database.db, `${person.id}@example.org`, ({ token }) => ({ kind: 'reset-password', values: { link: `http://127.0.0.1/reset?token=${token}` } }));
    expect(found).not.toBeNull();
    expect(await tokens()).toBe(1);
    const [row] = await outboxRows();
    expect(row).toMatchObject({ recipient: `${person.id}@example.org`, kind: 'reset-password', status: 'pending' });
    expect(String(row?.vals)).toContain(found!.token);

    await database.client.execute('delete from email_tokens');
    await expect(
      createLinkToken(database.db, person.id, 'reset-password', PASSWORD_RESET_LIFETIME_MS, new Date(), () => ({ sql: 'insert into outbox (recipient) values (null)', args: [] })),
    ).rejects.toThrow();
    expect(await tokens()).toBe(0);
    expect(await outboxRows()).toHaveLength(1);
  });
});
