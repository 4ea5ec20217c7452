import type { APIRoute } from 'astro';
import { isLocale } from '../../../lib/i18n/locales.ts';
import { admit } from '../../../lib/server/access.ts';
import { personalData } from '../../../lib/server/accounts.ts';
import { database } from '../../../lib/server/db.ts';

export const prerender = false;

/** The signed-in person's own data as JSON. */
export const GET: APIRoute = async (context) => {
  const locale = context.params.lang;
  if (!isLocale(locale)) return new Response(null, { status: 404 });
  const admitted = admit(context, ['participant', 'focal-point', 'staff']);
  if (admitted instanceof Response) return admitted;
  const data = await personalData((await database()).db, admitted.id);
  return new Response(JSON.stringify(data, null, 2), {
    headers: { 'Content-Type': 'application/json; charset=utf-8', 'Content-Disposition': 'attachment; filename="my-data.json"' },
  });
};
