import { locales, type Locale } from './locales.ts';

/** `getStaticPaths` for a page that exists once per language. */
export function localeParams(): { params: { lang: Locale } }[] {
  return locales.map((lang) => ({ params: { lang } }));
}

/** `/fr/case-studies/asan-service/` from ('fr', 'case-studies/asan-service'). */
export function localizedPath(locale: Locale, path = ''): string {
  const trimmed = path.replace(/^\/+|\/+$/g, '');
  return trimmed ? `/${locale}/${trimmed}/` : `/${locale}/`;
}

/** The same page in another language: swaps the leading locale segment of a path. */
export function switchLocale(pathname: string, target: Locale): string {
  const rest = pathname.split('/').filter(Boolean);
  if (rest.length > 0 && (locales as readonly string[]).includes(rest[0] ?? '')) rest.shift();
  return localizedPath(target, rest.join('/'));
}
