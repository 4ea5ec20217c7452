import { and, asc, desc, eq, inArray, isNull, notInArray, sql } from 'drizzle-orm';
import { applications, evaluations, practices, sessions, users } from '#db/schema.ts';
import { documentsForExport } from './certificates.ts';
import type { Database } from './database.ts';
import { afterAnswer } from './background.ts';
import type { InStatement } from '@libsql/client';
import { createToken, randomSecret } from './crypto.ts';
import { consumeLinkToken, createLinkToken, EMAIL_VERIFICATION_LIFETIME_MS, linkTokenInsert, PASSWORD_RESET_LIFETIME_MS, SET_PASSWORD_LIFETIME_MS } from './link-tokens.ts';
import { columnList, statement } from './sql.ts';
import { hashPassword, verifyPassword } from './passwords.ts';
import { outboxInsert, type OutboxMessage } from './outbox.ts';
import { practicesOfAccount } from './practices.ts';
import { invalidateUserSessions } from './sessions.ts';
import type { User } from './sessions.ts';
import type { Locale } from '../i18n/locales.ts';
import type { Gender } from '../vocabulary.ts';

/**
 * Accounts: signing up, confirming an address, signing in, passwords. No answer here tells a
 * caller whether an address is registered; the pages say the same thing either way.
 */

export interface Profile {
  fullName: string;
  country: string;
  institution: string;
  position: string;
  gender: Gender;
  preferredLanguage: Locale;
}

/** The outbox INSERT of the mail that carries a new link, or none when `mailFor` says so. */
function mailStatement(user: User, mailFor: (made: { user: User; token: string }) => OutboxMessage | null) {
  return (token: string) => {
    const message = mailFor({ user, token });
    return message && outboxInsert(user, message.kind, message.values);
  };
}

/** Compared against when an address is unknown, so a miss takes as long as a wrong password. */
let decoyHash: Promise<string> | undefined;

export async function findUserByEmail(db: Database, email: string): Promise<User | null> {
  const [found] = await db.select().from(users).where(eq(users.email, email.trim().toLowerCase()));
  return found ?? null;
}

/**
 * Creates a participant account and returns the email-verification token to send, or null
 * when the address belongs to a confirmed account (the page answers the same, and the owner is
 * not disturbed). A sign-up for an address that was never confirmed replaces that sign-up: its
 * password and profile, and a new link that ends the earlier ones. Otherwise whoever signed up
 * first with someone else's address would keep a password of their choosing, which the owner's
 * confirmation would then bring to life.
 */
async function createParticipant(
  db: Database,
  input: Profile & { email: string },
  passwordHash: string,
  mailFor: (created: { user: User; token: string }) => OutboxMessage | null,
): Promise<{ user: User; token: string } | null> {
  const existing = await findUserByEmail(db, input.email);
  if (existing && !unconfirmedSignUp(existing)) return null;
  const columns = { passwordHash, ...profileColumns(input) };
  const [user] = existing
    ? await db.update(users).set(columns).where(eq(users.id, existing.id)).returning()
    : await db
        .insert(users)
        .values({ id: randomSecret(15), email: input.email, role: 'participant', ...columns })
        .onConflictDoNothing()
        .returning();
  if (!user) return null;
  const token = await createLinkToken(db, user.id, 'verify-email', EMAIL_VERIFICATION_LIFETIME_MS, new Date(), mailStatement(user, mailFor));
  return { user, token };
}

/**
 * A participant's own sign-up whose address was never confirmed, nor the account closed. An
 * account made for someone (a nomination, a colleague) has no password until its owner sets one
 * through their link, so it is never taken for one.
 */
function unconfirmedSignUp(user: User): boolean {
  return user.role === 'participant' && user.passwordHash !== null && !user.emailVerified && !user.deactivatedAt;
}

/**
 * Signs someone up. The password is hashed while the page waits (a busy server must be able to
 * say so, HashingBusyError); looking the address up, creating the account and its link, and
 * the mail `mailFor` describes (written to the outbox with the link) run after the answer. So the answer takes the same time,
 * after the same work, whether or not the address was registered (issue 12).
 */
export async function signUp(
  db: Database,
  input: Profile & { email: string; password: string },
  mailFor: (created: { user: User; token: string }) => OutboxMessage | null,
): Promise<void> {
  const passwordHash = await hashPassword(input.password);
  afterAnswer(async () => {
    await createParticipant(db, input, passwordHash, mailFor);
  });
}

function profileColumns(profile: Profile) {
  return {
    fullName: profile.fullName,
    country: profile.country,
    institution: profile.institution,
    position: profile.position,
    gender: profile.gender,
    preferredLanguage: profile.preferredLanguage,
  };
}

/**
 * Saves a person's own profile. A focal point's country is set by staff, because it decides
 * what they may see: changing it here is refused, naming the field.
 */
export async function updateProfile(
  db: Database,
  user: Pick<User, 'id' | 'role' | 'country'>,
  profile: Profile,
): Promise<{ ok: true } | { ok: false; field: 'country' }> {
  if (user.role === 'focal-point' && profile.country !== user.country) return { ok: false, field: 'country' };
  await db.update(users).set(profileColumns(profile)).where(eq(users.id, user.id));
  return { ok: true };
}

export type SignInOutcome = { ok: true; user: User } | { ok: false; problem: 'bad-credentials' | 'unverified' | 'deactivated'; user?: User };

/**
 * Checks an address and password. An unverified or deactivated account is told so only with the
 * right password: anyone else gets the same "wrong address or password" as for an unknown address.
 */
export async function checkCredentials(db: Database, email: string, password: string): Promise<SignInOutcome> {
  const user = await findUserByEmail(db, email);
  if (!user?.passwordHash) {
    decoyHash ??= hashPassword(randomSecret(20));
    await verifyPassword(await decoyHash, password);
    return { ok: false, problem: 'bad-credentials' };
  }
  if (!(await verifyPassword(user.passwordHash, password))) return { ok: false, problem: 'bad-credentials', user };
  if (user.deactivatedAt) return { ok: false, problem: 'deactivated', user };
  if (!user.emailVerified) return { ok: false, problem: 'unverified', user };
  return { ok: true, user };
}

export async function newVerificationToken(db: Database, user: User, mailFor: (token: string) => OutboxMessage | null): Promise<string> {
  return createLinkToken(db, user.id, 'verify-email', EMAIL_VERIFICATION_LIFETIME_MS, new Date(), mailStatement(user, ({ token }) => mailFor(token)));
}

/** Confirms the address behind a verification link; false when the link is not (any longer) valid. */
export async function confirmEmail(db: Database, token: string): Promise<boolean> {
  const userId = await consumeLinkToken(db, token, 'verify-email');
  if (!userId) return false;
  await db.update(users).set({ emailVerified: true }).where(eq(users.id, userId));
  return true;
}

/** A reset link for the address, or null when no account has it (the page answers the same). */
export async function passwordResetToken(
  db: Database,
  email: string,
  mailFor?: (found: { user: User; token: string }) => OutboxMessage | null,
): Promise<{ user: User; token: string } | null> {
  const user = await findUserByEmail(db, email);
  // A deactivated account gets no link (the page answers the same).
  if (!user || user.deactivatedAt) return null;
  const mail = mailFor && mailStatement(user, mailFor);
  return { user, token: await createLinkToken(db, user.id, 'reset-password', PASSWORD_RESET_LIFETIME_MS, new Date(), mail) };
}

/**
 * A reset request: the lookup, the link and its mail (written to the outbox with the link) run after the
 * answer, so the answer takes the same time for a registered and an unknown address (issue 12).
 */
export function requestPasswordReset(db: Database, email: string, mailFor: (found: { user: User; token: string }) => OutboxMessage | null): void {
  afterAnswer(async () => {
    await passwordResetToken(db, email, mailFor);
  });
}

/**
 * Sets a new password from a reset or set-password link, which also proves the address.
 * Every session of the account ends: whoever knew the old password is out. A deactivated
 * account's link is used up and changes nothing: only staff bring the account back.
 */
export async function setPasswordWithToken(
  db: Database,
  purpose: 'reset-password' | 'set-password',
  token: string,
  password: string,
): Promise<User | null> {
  // Hashed first: when the server is too busy to hash, the link must still work afterwards.
  const passwordHash = await hashPassword(password);
  const userId = await consumeLinkToken(db, token, purpose);
  if (!userId) return null;
  const [user] = await db
    .update(users)
    .set({ passwordHash, emailVerified: true })
    .where(and(eq(users.id, userId), isNull(users.deactivatedAt)))
    .returning();
  await invalidateUserSessions(db, userId);
  return user ?? null;
}

/** Changes the password of a signed-in person, ending their other sessions. */
export async function changePassword(db: Database, user: User, current: string, next: string, keepSession: string): Promise<boolean> {
  if (!user.passwordHash || !(await verifyPassword(user.passwordHash, current))) return false;
  await db.update(users).set({ passwordHash: await hashPassword(next) }).where(eq(users.id, user.id));
  await invalidateUserSessions(db, user.id, { except: keepSession });
  return true;
}

/**
 * An account made for someone else (staff creating staff or focal points, a focal point
 * nominating a participant), with a link for its owner to set a password.
 */
export async function createAccountFor(
  db: Database,
  input: { email: string; fullName: string; role: User['role']; country: string | null; preferredLanguage?: Profile['preferredLanguage'] },
  mailFor?: (created: { user: User; token: string }) => OutboxMessage | null,
): Promise<{ user: User; token: string }> {
  const [user] = await db
    .insert(users)
    .values({
      id: randomSecret(15),
      email: input.email.trim().toLowerCase(),
      fullName: input.fullName,
      role: input.role,
      country: input.country,
      preferredLanguage: input.preferredLanguage ?? 'en',
    })
    .returning();
  if (!user) throw new Error('the account was not created');
  const mail = mailFor && mailStatement(user, mailFor);
  return { user, token: await createLinkToken(db, user.id, 'set-password', SET_PASSWORD_LIFETIME_MS, new Date(), mail) };
}

/**
 * The statements that make an account for someone else and its set-password link, to run in a
 * caller's write batch (a nominee's account is made with the nomination, or not at all).
 */
export function accountStatements(
  input: { email: string; fullName: string; role: User['role']; country: string | null; preferredLanguage: Profile['preferredLanguage'] },
  now = new Date(),
): { userId: string; token: string; statements: InStatement[] } {
  const userId = randomSecret(15);
  const { id, token, secretHash } = createToken();
  return {
    userId,
    token,
    statements: [
      statement(sql`insert into ${users} (${columnList([users.id, users.email, users.role, users.country, users.fullName, users.preferredLanguage, users.createdAt])})
        values (${userId}, ${input.email.trim().toLowerCase()}, ${input.role}, ${input.country}, ${input.fullName}, ${input.preferredLanguage}, ${now.getTime()})`),
      linkTokenInsert({ id, userId, purpose: 'set-password', secretHash, expiresAt: now.getTime() + SET_PASSWORD_LIFETIME_MS }),
    ],
  };
}

/** Everything held about a person, for them to download. */
export async function personalData(db: Database, userId: string): Promise<Record<string, unknown> | null> {
  const [user] = await db.select().from(users).where(eq(users.id, userId));
  if (!user) return null;
  const { passwordHash: _password, totpKey: _totp, ...profile } = user;
  const theirApplications = await db.select().from(applications).where(eq(applications.userId, userId));
  const theirSessions = await db
    .select({ createdAt: sessions.createdAt, lastActiveAt: sessions.lastActiveAt, userAgent: sessions.userAgent })
    .from(sessions)
    .where(eq(sessions.userId, userId));
  const { certificates, letters } = await documentsForExport(db.$client, userId);
  const ids = theirApplications.map((application) => application.id);
  const theirEvaluations = ids.length === 0 ? [] : await db.select().from(evaluations).where(inArray(evaluations.applicationId, ids));
  const proposals = await practicesOfAccount(db.$client, userId);
  return {
    exportedAt: new Date().toISOString(),
    profile,
    applications: theirApplications,
    evaluations: theirEvaluations,
    sessions: theirSessions,
    certificates,
    letters,
    practices: proposals.practices,
    practiceComments: proposals.comments,
  };
}

/**
 * Deletes a person: their account, sessions and tokens go; their applications stay without
 * them, so course counts and country figures do not change; so do their evaluations' ratings,
 * without the written answers.
 */
export async function deleteAccount(db: Database, userId: string): Promise<void> {
  await db.batch([
    db
      .update(evaluations)
      .set({ applyAtWork: '', suggestions: '' })
      .where(inArray(evaluations.applicationId, db.select({ id: applications.id }).from(applications).where(eq(applications.userId, userId)))),
    db.update(applications).set({ userId: null, motivation: '' }).where(eq(applications.userId, userId)),
    // Contributed practices (issue 10): drafts nobody else saw go; proposals still under way are
    // withdrawn; published ones stay, attributed to their institution only.
    db.delete(practices).where(and(eq(practices.userId, userId), eq(practices.version, 0))),
    db
      .update(practices)
      .set({ status: 'withdrawn', updatedAt: new Date() })
      .where(and(eq(practices.userId, userId), notInArray(practices.status, ['accepted', 'declined', 'withdrawn']))),
    db.delete(users).where(eq(users.id, userId)),
  ]);
}

export async function saveTotpKey(db: Database, userId: string, key: Uint8Array): Promise<void> {
  await db.update(users).set({ totpKey: Buffer.from(key) }).where(eq(users.id, userId));
}

/** A staff or focal-point account as the people page lists it. */
export interface Colleague {
  id: string;
  fullName: string;
  email: string;
  role: 'staff' | 'focal-point';
  country: string | null;
  /** Whether its owner has set a password yet (an invitation not yet taken up has none). */
  active: boolean;
}

/** Every staff and focal-point account, staff first, then focal points (sort by country on the page). */
export async function listColleagues(db: Database): Promise<Colleague[]> {
  const rows = await db
    .select({ id: users.id, fullName: users.fullName, email: users.email, role: users.role, country: users.country, passwordHash: users.passwordHash })
    .from(users)
    .where(inArray(users.role, ['staff', 'focal-point']))
    .orderBy(desc(users.role), asc(users.fullName));
  return rows.map(({ passwordHash, role, ...row }) => ({ ...row, role: role as Colleague['role'], active: passwordHash !== null }));
}
