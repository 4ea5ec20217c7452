import { and, desc, eq, inArray, lte, ne, or, sql } from 'drizzle-orm';
import { sessions, users } from '#db/schema.ts';
import { publicOriginIsHttps } from '#http/links.ts';
import { roles, type Role } from '../vocabulary.ts';
import { createToken, parseToken, secretsEqual, sha256Bytes } from './crypto.ts';
import type { Database } from './database.ts';
import { preparedPer } from './sql.ts';

/**
 * Sessions after the Lucia guide ("sessions/basic" and "inactivity-timeout"): the cookie holds
 * `${id}.${secret}`, the database only the secret's SHA-256. Participants stay signed in while
 * they keep coming back; staff and focal points, who can change other people's applications,
 * get a short idle limit and a working-day cap.
 */

export type User = typeof users.$inferSelect;
/** A session as the rest of the site sees it: the secret's hash never leaves this module. */
export type Session = Omit<typeof sessions.$inferSelect, 'secretHash'>;

export interface SessionPolicy {
  /** A session unused for this long is over. */
  idleTimeoutMs: number;
  /** A session this old is over however much it is used; null for no cap. */
  absoluteTimeoutMs: number | null;
  /** lastActiveAt is written at most this often, to spare a write on every request. */
  activityRefreshMs: number;
}

const minute = 60_000;
const hour = 60 * minute;
const day = 24 * hour;

const participantPolicy: SessionPolicy = { idleTimeoutMs: 30 * day, absoluteTimeoutMs: null, activityRefreshMs: hour };
const privilegedPolicy: SessionPolicy = { idleTimeoutMs: 30 * minute, absoluteTimeoutMs: 12 * hour, activityRefreshMs: minute };

export function sessionPolicy(role: Role): SessionPolicy {
  return role === 'participant' ? participantPolicy : privilegedPolicy;
}

/** Every column but the hash, for queries whose rows go back to callers. */
const sessionColumns = {
  id: sessions.id,
  userId: sessions.userId,
  twoFactorVerified: sessions.twoFactorVerified,
  userAgent: sessions.userAgent,
  createdAt: sessions.createdAt,
  lastActiveAt: sessions.lastActiveAt,
};

const maxUserAgentLength = 200;

export interface NewSessionOptions {
  userAgent?: string | undefined;
  twoFactorVerified?: boolean | undefined;
}

export async function createSession(
  db: Database,
  user: { id: string; role: Role },
  options: NewSessionOptions = {},
  now = new Date(),
): Promise<{ token: string; session: Session }> {
  const { id, token, secretHash } = createToken();
  const session: Session = {
    id,
    userId: user.id,
    twoFactorVerified: options.twoFactorVerified ?? false,
    userAgent: [...(options.userAgent ?? '')].slice(0, maxUserAgentLength).join(''),
    createdAt: now,
    lastActiveAt: now,
  };
  await db.insert(sessions).values({ ...session, secretHash: Buffer.from(secretHash) });
  return { token, session };
}

function isExpired(session: Session, policy: SessionPolicy, now: Date): boolean {
  if (now.getTime() - session.lastActiveAt.getTime() >= policy.idleTimeoutMs) return true;
  return policy.absoluteTimeoutMs !== null && now.getTime() - session.createdAt.getTime() >= policy.absoluteTimeoutMs;
}

const sessionWithPerson = preparedPer((db) =>
  db
    .select({ session: sessions, user: users })
    .from(sessions)
    .innerJoin(users, eq(sessions.userId, users.id))
    .where(eq(sessions.id, sql.placeholder('id')))
    .prepare(),
);

/**
 * The session and its person for a cookie's token, or null. Expired sessions, and those of a
 * deactivated account, are deleted; a live one has its lastActiveAt moved to `now` when the last
 * write is older than the policy's refresh interval. Malformed tokens give null, never an exception.
 */
export async function validateSessionToken(db: Database, token: string, now = new Date()): Promise<{ session: Session; user: User } | null> {
  const parts = parseToken(token);
  if (!parts) return null;
  const [row] = await sessionWithPerson(db).execute({ id: parts.id });
  if (!row) return null;
  const { secretHash, ...session } = row.session;
  if (!secretsEqual(sha256Bytes(parts.secret), new Uint8Array(secretHash))) return null;
  // A deactivated account has no session, even one that outlived the deactivation's batch.
  if (row.user.deactivatedAt) {
    await invalidateSession(db, session.id);
    return null;
  }
  const policy = sessionPolicy(row.user.role);
  if (isExpired(session, policy, now)) {
    await invalidateSession(db, session.id);
    return null;
  }
  if (now.getTime() - session.lastActiveAt.getTime() >= policy.activityRefreshMs) {
    session.lastActiveAt = now;
    await db.update(sessions).set({ lastActiveAt: now }).where(eq(sessions.id, session.id));
  }
  return { session, user: row.user };
}

export async function invalidateSession(db: Database, sessionId: string): Promise<void> {
  await db.delete(sessions).where(eq(sessions.id, sessionId));
}

/**
 * Ends one of `userId`'s own sessions: a session id that belongs to someone else, or to no one,
 * ends nothing. Returns whether a session ended. A person's sessions are listed only by
 * `listUserSessions(db, theirId)`, so the security page never sees or ends another's.
 */
export async function endOwnSession(db: Database, userId: string, sessionId: string): Promise<boolean> {
  const ended = await db
    .delete(sessions)
    .where(and(eq(sessions.id, sessionId), eq(sessions.userId, userId)))
    .returning({ id: sessions.id });
  return ended.length > 0;
}

/** Ends every session of a person, except `except` (the one making the change, when it should stay). */
export async function invalidateUserSessions(db: Database, userId: string, options: { except?: string | undefined } = {}): Promise<void> {
  const condition = options.except === undefined ? eq(sessions.userId, userId) : and(eq(sessions.userId, userId), ne(sessions.id, options.except));
  await db.delete(sessions).where(condition);
}

/** After a TOTP or recovery code: this session may now reach the pages that need a second factor. */
export async function markSessionTwoFactorVerified(db: Database, sessionId: string): Promise<void> {
  await db.update(sessions).set({ twoFactorVerified: true }).where(eq(sessions.id, sessionId));
}

/**
 * After a TOTP or recovery code: the session is replaced by a new one, with a new id and secret,
 * that has passed the second factor (ASVS 3.2.1, a new token on authentication). A token seen
 * before the second factor, on a shared machine or in a log, is then worth nothing. The new
 * session keeps the old one's creation time, so the working-day cap of staff is not extended.
 */
export async function rotateSessionAfterSecondFactor(db: Database, old: Session, user: { id: string; role: Role }, now = new Date()): Promise<{ token: string; session: Session }> {
  const { id, token, secretHash } = createToken();
  const session: Session = { ...old, id, userId: user.id, twoFactorVerified: true, lastActiveAt: now };
  await db.batch([
    db.delete(sessions).where(eq(sessions.id, old.id)),
    db.insert(sessions).values({ ...session, secretHash: Buffer.from(secretHash) }),
  ]);
  return { token, session };
}

/** A person's live sessions, most recently used first; expired ones are deleted on the way. */
export async function listUserSessions(db: Database, userId: string, now = new Date()): Promise<Session[]> {
  const rows = await db
    .select({ session: sessionColumns, role: users.role })
    .from(sessions)
    .innerJoin(users, eq(sessions.userId, users.id))
    .where(eq(sessions.userId, userId))
    .orderBy(desc(sessions.lastActiveAt), desc(sessions.createdAt));
  const live: Session[] = [];
  const expired: string[] = [];
  for (const { session, role } of rows) {
    if (isExpired(session, sessionPolicy(role), now)) expired.push(session.id);
    else live.push(session);
  }
  if (expired.length > 0) await db.delete(sessions).where(inArray(sessions.id, expired));
  return live;
}

/** Housekeeping for sessions nobody came back to; returns how many were deleted. */
export async function deleteExpiredSessions(db: Database, now = new Date()): Promise<number> {
  const idleSince = (role: Role): Date => new Date(now.getTime() - sessionPolicy(role).idleTimeoutMs);
  const privilegedCreatedBefore = new Date(now.getTime() - (privilegedPolicy.absoluteTimeoutMs ?? 0));
  const privileged = roles.filter((role) => role !== 'participant');
  const participants = db.select({ id: users.id }).from(users).where(eq(users.role, 'participant'));
  const others = db.select({ id: users.id }).from(users).where(inArray(users.role, privileged));
  const deleted = await db
    .delete(sessions)
    .where(
      or(
        and(inArray(sessions.userId, participants), lte(sessions.lastActiveAt, idleSince('participant'))),
        and(inArray(sessions.userId, others), or(lte(sessions.lastActiveAt, idleSince('staff')), lte(sessions.createdAt, privilegedCreatedBefore))),
      ),
    )
    .returning({ id: sessions.id });
  return deleted.length;
}

/** The parts of a request's context the session cookie needs (structural: lib code never imports Astro's page types). */
export interface CookieContext {
  cookies: {
    get(name: string): { value: string } | undefined;
    set(name: string, value: string, options: SessionCookieOptions): void;
    delete(name: string, options: { path: '/' }): void;
  };
  url: URL;
  site?: URL | undefined;
}

/**
 * Secure, `__Host-` cookies whenever the public address is https (SITE_URL as the server runs,
 * `publicOrigin`), even behind a proxy that speaks http to us.
 */
export function secureCookies(context: Pick<CookieContext, 'site' | 'url'>): boolean {
  return publicOriginIsHttps(context);
}

/** The session token from the request's cookie, if any. */
export function sessionTokenCookie(context: CookieContext): string | undefined {
  return context.cookies.get(sessionCookieName(secureCookies(context)))?.value;
}

export function setSessionTokenCookie(context: CookieContext, token: string, role: Role): void {
  const secure = secureCookies(context);
  context.cookies.set(sessionCookieName(secure), token, sessionCookieOptions(secure, role));
}

export function deleteSessionTokenCookie(context: CookieContext): void {
  context.cookies.delete(sessionCookieName(secureCookies(context)), { path: '/' });
}

export function sessionCookieName(secure: boolean): string {
  // __Host- makes the browser refuse the cookie unless Secure, Path=/ and no Domain: no subdomain can set it.
  return secure ? '__Host-session' : 'session';
}

export interface SessionCookieOptions {
  httpOnly: true;
  sameSite: 'lax';
  path: '/';
  secure: boolean;
  expires: Date;
}

/**
 * The cookie is re-set on every request (see the middleware), so its expiry slides with use:
 * participants get now + the idle limit; staff and focal points now + 12 hours, not tied to the
 * session's creation, for simplicity. The cookie may outlive a staff session, never the other way
 * round, and the server's checks in validateSessionToken are what decide.
 */
export function sessionCookieOptions(secure: boolean, role: Role, now = new Date()): SessionCookieOptions {
  const policy = sessionPolicy(role);
  const lifetimeMs = policy.absoluteTimeoutMs ?? policy.idleTimeoutMs;
  return { httpOnly: true, sameSite: 'lax', path: '/', secure, expires: new Date(now.getTime() + lifetimeMs) };
}
