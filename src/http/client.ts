import type { Locale } from '../lib/i18n/locales.ts';
import { isLocale } from '../lib/i18n/locales.ts';

/** Who sent a request, as far as the HTTP edge can tell. */

/** The client's address, or 'unknown' where the adapter cannot tell (Astro throws then). */
export function clientAddress(page: { readonly clientAddress: string }): string {
  try {
    return page.clientAddress;
  } catch {
    return 'unknown';
  }
}

/**
 * The page's language from its address, or null for an address that is not ours. Pages read
 * `Astro.locals.locale` instead (the middleware answers 404 for an unknown language); this stays
 * only for the pages not yet moved to it.
 */
export function pageLocale(page: { params: Record<string, string | undefined> }): Locale | null {
  const lang = page.params.lang;
  return isLocale(lang) ? lang : null;
}
