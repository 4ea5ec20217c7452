import type { APIRoute } from 'astro';
import { bestLocale } from '#lib/i18n/locales.ts';
import { localizedPath } from '#lib/i18n/paths.ts';

export const prerender = false;

/**
 * The short address printed on certificates. Every page lives under a language, so this sends
 * the visitor to the check in the language their browser asks for.
 */
export const GET: APIRoute = ({ params, request }) => {
  const code = encodeURIComponent((params.code ?? '').slice(0, 64));
  const target = localizedPath(bestLocale(request.headers.get('accept-language')), `verify/${code}`);
  return new Response(null, { status: 302, headers: { Location: target, Vary: 'Accept-Language' } });
};
