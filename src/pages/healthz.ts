import type { APIRoute } from 'astro';
import { sql } from 'drizzle-orm';
import { database } from '#lib/server/site-database.ts';

export const prerender = false;

/** 200 when the server and its database answer, 503 otherwise (for load balancers). */
export const GET: APIRoute = async () => {
  const headers = { 'Content-Type': 'application/json', 'Cache-Control': 'no-store' };
  try {
    const { db } = await database();
    await db.run(sql`select 1`);
    return new Response(JSON.stringify({ status: 'ok' }), { status: 200, headers });
  } catch {
    return new Response(JSON.stringify({ status: 'unavailable', database: 'not answering' }), { status: 503, headers });
  }
};
