import type { APIRoute } from 'astro';
import { localizedPath } from '#lib/i18n/paths.ts';
import { database } from '#lib/server/site-database.ts';
import { deleteSessionTokenCookie, invalidateSession } from '#lib/server/sessions.ts';

export const prerender = false;

/** Ends this session. POST only: a link or an image must not be able to sign anyone out. */
export const POST: APIRoute = async (context) => {
  const { locals, redirect } = context;
  if (locals.session) await invalidateSession((await database()).db, locals.session.id);
  deleteSessionTokenCookie(context);
  return redirect(localizedPath(locals.locale, 'account/sign-in'), 303);
};
