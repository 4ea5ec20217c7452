import type { Locale } from '#lib/i18n/locales.ts';
import { localizedPath } from '#lib/i18n/paths.ts';

/** The parts of a page or endpoint a link needs (structural: Astro's `Astro` and `context` both fit). */
export interface SiteAddress {
  site?: URL | undefined;
  url: URL;
}

/** astro.config's `site` when SITE_URL was not set at build time. */
const buildPlaceholder = 'http://localhost:4321/';

/**
 * Where links in mails point: SITE_URL when it is set (when the server runs, else when the site
 * was built), otherwise the address the server listens on (server/serve.ts puts it in
 * LISTEN_ORIGIN), never the build's placeholder http://localhost:4321.
 */
export function publicOrigin(page: SiteAddress): string {
  if (process.env.SITE_URL) return process.env.SITE_URL;
  const builtWith = page.site && page.site.href !== buildPlaceholder ? page.site.href : undefined;
  return builtWith ?? process.env.LISTEN_ORIGIN ?? (page.site ?? page.url).href;
}

/** An absolute link for an email, on the site's public address. */
export function absoluteLink(page: SiteAddress, locale: Locale, path: string, query: Record<string, string> = {}): string {
  const url = new URL(localizedPath(locale, path), publicOrigin(page));
  for (const [name, value] of Object.entries(query)) url.searchParams.set(name, value);
  return url.href;
}
