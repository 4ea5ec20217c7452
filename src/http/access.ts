import { localizedPath } from '#lib/i18n/paths.ts';
import type { Locale } from '#lib/i18n/locales.ts';
import { needsSecondFactor } from '#lib/server/access.ts';
import type { Session, User } from '#lib/server/sessions.ts';
import type { Role } from '#lib/vocabulary.ts';

/** The parts of a page or endpoint `admit` needs (structural: `Astro` and an endpoint's `context` both fit). */
export interface AdmitPage {
  locals: { user: User | null; session: Session | null; locale: Locale };
  url: URL;
  redirect(path: string, status?: 301 | 302 | 303 | 307 | 308 | 300 | 304): Response;
}

/**
 * The signed-in person if they may open this page, otherwise the response to send instead:
 * to sign in (coming back here after), to the second factor, or 404 for a role that has no
 * business here (a 404 says nothing about what exists). Who may see what is decided in
 * lib/server/access.ts; this turns it into HTTP.
 */
export function admit(page: AdmitPage, roles: readonly Role[]): User | Response {
  const { user, session, locale } = page.locals;
  if (!user || !session) {
    const back = encodeURIComponent(page.url.pathname + page.url.search);
    return page.redirect(`${localizedPath(locale, 'account/sign-in')}?next=${back}`, 303);
  }
  if (!roles.includes(user.role)) return new Response(null, { status: 404 });
  if (needsSecondFactor(user.role) && !session.twoFactorVerified) {
    return page.redirect(localizedPath(locale, 'account/two-factor'), 303);
  }
  return user;
}
