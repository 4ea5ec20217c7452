import { DATABASE_AUTH_TOKEN, DATABASE_URL } from 'astro:env/server';
import { defaultDatabaseUrl, openDatabase, type OpenDatabase } from './database.ts';

let opening: Promise<OpenDatabase> | undefined;

/** The server's database (the drizzle handle and its libSQL client), opened on first use. */
export function database(): Promise<OpenDatabase> {
  opening ??= openDatabase({ url: DATABASE_URL ?? defaultDatabaseUrl, authToken: DATABASE_AUTH_TOKEN });
  return opening;
}
