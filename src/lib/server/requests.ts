import type { AstroGlobal } from 'astro';
import { isLocale, type Locale } from '../i18n/locales.ts';
import { localizedPath } from '../i18n/paths.ts';
import type { Database } from './database.ts';
import { rotateSessionAfterSecondFactor, setSessionTokenCookie, type Session, type User } from './sessions.ts';
import { BackoffThrottler, TokenBucket } from './throttle.ts';

/** Small pieces every on-demand page of the account area needs. */

/** The page's language from its address, or null for an address that is not ours. */
export function pageLocale(page: AstroGlobal): Locale | null {
  const lang = page.params.lang;
  return isLocale(lang) ? lang : null;
}

/**
 * Where links in mails point: SITE_URL when it is set (when the server runs, else when the site
 * was built), otherwise the address the server listens on (scripts/serve.ts puts it in
 * LISTEN_ORIGIN), never the build's placeholder http://localhost:4321.
 */
export function publicOrigin(page: Pick<AstroGlobal, 'site' | 'url'>): string {
  if (process.env.SITE_URL) return process.env.SITE_URL;
  const builtWith = page.site && page.site.href !== buildPlaceholder ? page.site.href : undefined;
  return builtWith ?? process.env.LISTEN_ORIGIN ?? (page.site ?? page.url).href;
}

/** astro.config's `site` when SITE_URL was not set at build time. */
const buildPlaceholder = 'http://localhost:4321/';

/** An absolute link for an email, on the site's public address. */
export function absoluteLink(page: AstroGlobal, locale: Locale, path: string, query: Record<string, string> = {}): string {
  const url = new URL(localizedPath(locale, path), publicOrigin(page));
  for (const [name, value] of Object.entries(query)) url.searchParams.set(name, value);
  return url.href;
}

export async function postedForm(page: AstroGlobal): Promise<FormData | null> {
  if (page.request.method !== 'POST') return null;
  try {
    return await page.request.formData();
  } catch {
    return new FormData();
  }
}

/**
 * Limits on the forms that cost the server an Argon2 hash or send mail (see the Lucia guide
 * on rate limiting). They live in this process's memory: with several servers each keeps its own.
 */
export const limits = {
  /** Requests per address: a burst of 20, then one a second. */
  byAddress: new TokenBucket<string>(20, 1),
  /** Failed sign-ins per client address, whatever the account: 50, then one every 72 s. */
  failuresByAddress: new TokenBucket<string>(50, 72),
  /** Failed sign-ins per account: at most 100 an hour, from everywhere together. */
  failuresByAccount: new TokenBucket<string>(100, 36),
  /**
   * After each failure on an account from one client address, a growing wait before that client
   * may try that account again. Keyed by both, so a stranger failing on an account never makes
   * its owner, on another address, wait (issue 12).
   */
  backoffByAccountAndAddress: new BackoffThrottler<string>(),
  /** Second-factor attempts per account (the session already proves the password). */
  backoffByAccount: new BackoffThrottler<string>(),
  /** Verification and reset mails per address: a few, then one every 10 minutes. */
  mailsByEmail: new TokenBucket<string>(3, 600),
};

function accountAndAddress(email: string, address: string): string {
  return `${email}\u0000${address}`;
}

/**
 * Whether a sign-in attempt on `email` from `address` may be checked now. Refused while: the
 * address sends too many requests or has failed too often on any accounts; this address must
 * still wait after its last failure on this account; or the account has had 100 failures in
 * the hour (a ceiling that applies to everyone, so no one can try more than that).
 */
export function signInAllowed(email: string, address: string): boolean {
  return (
    limits.byAddress.consume(address, 1) &&
    limits.failuresByAddress.check(address, 1) &&
    limits.failuresByAccount.check(email, 1) &&
    limits.backoffByAccountAndAddress.consume(accountAndAddress(email, address))
  );
}

/** Counts a wrong password against the account and the address. */
export function signInFailed(email: string, address: string): void {
  limits.failuresByAccount.consume(email, 1);
  limits.failuresByAddress.consume(address, 1);
}

/** A right password: this address starts afresh on this account. */
export function signInSucceeded(email: string, address: string): void {
  limits.backoffByAccountAndAddress.reset(accountAndAddress(email, address));
}

/**
 * Replaces the session after a passed second factor (sessions.ts) and sets the new cookie, so
 * the token used before the second factor no longer opens anything.
 */
export async function passSecondFactor(page: AstroGlobal, db: Database, user: User, session: Session): Promise<void> {
  const { token, session: rotated } = await rotateSessionAfterSecondFactor(db, session, user);
  setSessionTokenCookie(page, token, user.role);
  page.locals.session = rotated;
}

export function clientAddress(page: AstroGlobal): string {
  try {
    return page.clientAddress;
  } catch {
    return 'unknown';
  }
}
