import { defineMiddleware, sequence } from 'astro:middleware';
import { database } from '#lib/server/site-database.ts';
import { useTranslations } from '#lib/i18n/index.ts';
import { defaultLocale, isLocale, type Locale } from '#lib/i18n/locales.ts';
import { isMemberState } from '#lib/member-states.ts';
import { isolateLatinHtml } from '#lib/i18n/bidi.ts';
import { typesetFrenchHtml } from '#lib/i18n/typography.ts';
import { startHousekeeping } from '#lib/server/housekeeping.ts';
import { sendEmail } from '#lib/server/site-mailer.ts';
import { startOutboxSender } from '#lib/server/outbox.ts';
import { deleteSessionTokenCookie, sessionTokenCookie, setSessionTokenCookie, validateSessionToken } from '#lib/server/sessions.ts';

/**
 * The page's language, from the `lang` of its address, and its translate function, as
 * `Astro.locals.locale` and `Astro.locals.t` (as Starlight does). An address whose `lang` is not
 * one of ours is answered 404 here, so pages need not check.
 */
const language = defineMiddleware(async (context, next) => {
  const lang = context.params.lang;
  if (lang !== undefined && !isLocale(lang)) return new Response(null, { status: 404 });
  // Without a `lang` route parameter (the not-found page), the address's first folder decides.
  const first = context.url.pathname.split('/')[1];
  context.locals.locale = lang ?? (isLocale(first) ? first : defaultLocale);
  context.locals.t = useTranslations(context.locals.locale);
  return next();
});

/**
 * A member state's page asked for with its code in capitals, as codes are written
 * (/en/countries/MA/): 301 to the lower-case address the page is built at. Pages are prerendered,
 * so such a request reaches this only on its way to the not-found page; any other address,
 * and a code that is not a member state's (/en/countries/ZZ/), goes on to it.
 */
const countryPath = /^\/([a-z]{2})\/countries\/([A-Za-z]{2})\/?$/;
const countryCase = defineMiddleware((context, next) => {
  const [, lang, code] = countryPath.exec(context.url.pathname) ?? [];
  if (lang && code && code !== code.toLowerCase() && isLocale(lang) && isMemberState(code.toUpperCase())) {
    return context.redirect(`/${lang}/countries/${code.toLowerCase()}/${context.url.search}`, 301);
  }
  return next();
});

/** Finds who is signed in from the session cookie, and keeps a live session's cookie fresh. */
const session = defineMiddleware(async (context, next) => {
  context.locals.user = null;
  context.locals.session = null;
  if (context.isPrerendered) return next();
  // From the first request rendered on demand (never during the build), a periodic job in this
  // process deletes expired sessions and email links, and the outbox sender delivers mail.
  startHousekeeping(database);
  startOutboxSender(database, () => sendEmail);
  const token = sessionTokenCookie(context);
  if (token) {
    const { db } = await database();
    const found = await validateSessionToken(db, token);
    if (found) {
      context.locals.user = found.user;
      context.locals.session = found.session;
      setSessionTokenCookie(context, token, found.user.role);
    } else {
      deleteSessionTokenCookie(context);
    }
  }
  return next();
});

/** Pages rendered on demand are personal: never cached, never framed, no referrer leaks. */
const privateHeaders = defineMiddleware(async (context, next) => {
  const response = await next();
  if (context.isPrerendered || context.url.pathname.startsWith('/_server-islands/')) return response;
  response.headers.set('Cache-Control', 'no-store');
  response.headers.set('X-Frame-Options', 'DENY');
  response.headers.set('Referrer-Policy', 'same-origin');
  response.headers.set('X-Content-Type-Options', 'nosniff');
  return response;
});

/** What each language's text gets once rendered: French spacing, Arabic's Latin fragments isolated. */
const typesetters: Partial<Record<Locale, (html: string) => string>> = { fr: typesetFrenchHtml, ar: isolateLatinHtml };

/**
 * Pages get their language's typesetting (typography.ts, bidi.ts), whether built ahead or
 * rendered on demand; so do server islands, whose address has no language: the island sets the
 * locale as it renders (CourseAvailability), so it is read once the body has been rendered.
 */
const typesetting = defineMiddleware(async (context, next) => {
  const response = await next();
  const isHtml = response.headers.get('Content-Type')?.startsWith('text/html') ?? false;
  const island = context.url.pathname.startsWith('/_server-islands/');
  if (!(island || typesetters[context.locals.locale]) || !isHtml || !response.body) return response;
  const headers = new Headers(response.headers);
  headers.delete('Content-Length');
  const html = await response.text();
  const typeset = typesetters[context.locals.locale];
  return new Response(typeset ? typeset(html) : html, { status: response.status, statusText: response.statusText, headers });
});

export const onRequest = sequence(countryCase, language, session, privateHeaders, typesetting);
