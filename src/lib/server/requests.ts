import type { AstroGlobal } from 'astro';
import { isLocale, type Locale } from '../i18n/locales.ts';
import { localizedPath } from '../i18n/paths.ts';
import { BackoffThrottler, TokenBucket } from './throttle.ts';

/** Small pieces every on-demand page of the account area needs. */

/** The page's language from its address, or null for an address that is not ours. */
export function pageLocale(page: AstroGlobal): Locale | null {
  const lang = page.params.lang;
  return isLocale(lang) ? lang : null;
}

/** An absolute link for an email, on the site's public address. */
export function absoluteLink(page: AstroGlobal, locale: Locale, path: string, query: Record<string, string> = {}): string {
  const url = new URL(localizedPath(locale, path), page.site ?? page.url);
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
  /** Failed sign-ins per account: at most 100 an hour. */
  failuresByAccount: new TokenBucket<string>(100, 36),
  /** After each failure on an account, a growing wait before the next try. */
  backoffByAccount: new BackoffThrottler<string>(),
  /** Verification and reset mails per address: a few, then one every 10 minutes. */
  mailsByEmail: new TokenBucket<string>(3, 600),
};

export function clientAddress(page: AstroGlobal): string {
  try {
    return page.clientAddress;
  } catch {
    return 'unknown';
  }
}
