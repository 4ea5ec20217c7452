import type { Locale } from '#lib/i18n/locales.ts';
import { localizedPath } from '#lib/i18n/paths.ts';

/** The parts of a page or endpoint a link needs (structural: Astro's `Astro` and `context` both fit). */
export interface SiteAddress {
  site?: URL | undefined;
  url: URL;
}

/** astro.config's `site`, when this code runs in the Astro build (undefined under plain Node). */
function builtSite(): string | undefined {
  return import.meta.env?.SITE || undefined;
}

/**
 * The site's public address, decided when the server runs, for links in mails, the verification
 * address on certificates and letters, and whether cookies are Secure (sessions.ts): SITE_URL
 * as the server was started with it; else LISTEN_ORIGIN, where server/serve.ts listens; else
 * the `site` the build was given (astro.config: SITE_URL at build time, or where `npm start`
 * serves). The build's address never wins over the server's own: a build made with one address
 * and served at another must not mail links to, or pick cookies for, the first.
 */
export function publicOrigin(page?: SiteAddress): string {
  return process.env.SITE_URL || process.env.LISTEN_ORIGIN || page?.site?.href || builtSite() || page?.url.origin || 'http://localhost:4321';
}

/** Whether the public address is https: cookies are then Secure and `__Host-` (sessions.ts). */
export function publicOriginIsHttps(page?: SiteAddress): boolean {
  try {
    return new URL(publicOrigin(page)).protocol === 'https:';
  } catch {
    return false;
  }
}

/** An absolute link for an email, on the site's public address. */
export function absoluteLink(page: SiteAddress, locale: Locale, path: string, query: Record<string, string> = {}): string {
  const url = new URL(localizedPath(locale, path), publicOrigin(page));
  for (const [name, value] of Object.entries(query)) url.searchParams.set(name, value);
  return url.href;
}
