import type { APIRoute } from 'astro';
import { isLocale } from '../../../lib/i18n/locales.ts';
import { localizedPath } from '../../../lib/i18n/paths.ts';
import { admit } from '../../../lib/server/access.ts';
import { deleteAccount } from '../../../lib/server/accounts.ts';
import { database } from '../../../lib/server/db.ts';
import { sessionCookieName } from '../../../lib/server/sessions.ts';

export const prerender = false;

/** Deletes the signed-in person's account once they typed DELETE. */
export const POST: APIRoute = async (context) => {
  const locale = context.params.lang;
  if (!isLocale(locale)) return new Response(null, { status: 404 });
  const admitted = admit(context, locale, ['participant']);
  if (admitted instanceof Response) return admitted;
  const form = await context.request.formData().catch(() => new FormData());
  if (String(form.get('confirm') ?? '').trim() !== 'DELETE') return context.redirect(localizedPath(locale, 'account/profile'), 303);
  await deleteAccount((await database()).db, admitted.id);
  context.cookies.delete(sessionCookieName((context.site ?? context.url).protocol === 'https:'), { path: '/' });
  return context.redirect(`${localizedPath(locale, 'account/sign-in')}?deleted=1`, 303);
};
