import type { Database } from '#lib/server/database.ts';
import { rotateSessionAfterSecondFactor, setSessionTokenCookie, type CookieContext, type Session, type User } from '#lib/server/sessions.ts';

/**
 * Replaces the session after a passed second factor (sessions.ts) and sets the new cookie, so
 * the token used before the second factor no longer opens anything.
 */
export async function passSecondFactor(page: CookieContext & { locals: { session: Session | null } }, db: Database, user: User, session: Session): Promise<void> {
  const { token, session: rotated } = await rotateSessionAfterSecondFactor(db, session, user);
  setSessionTokenCookie(page, token, user.role);
  page.locals.session = rotated;
}
