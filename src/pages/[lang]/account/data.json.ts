import type { APIRoute } from 'astro';
import { admit } from '#http/access.ts';
import { personalData } from '#lib/server/accounts.ts';
import { database } from '#lib/server/site-database.ts';

export const prerender = false;

/** The signed-in person's own data as JSON. */
export const GET: APIRoute = async (context) => {
  const user = admit(context, ['participant', 'focal-point', 'staff']);
  if (user instanceof Response) return user;
  const data = await personalData((await database()).db, user.id);
  return new Response(JSON.stringify(data, null, 2), {
    headers: { 'Content-Type': 'application/json; charset=utf-8', 'Content-Disposition': 'attachment; filename="my-data.json"' },
  });
};
