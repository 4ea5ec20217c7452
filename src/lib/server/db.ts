import { DATABASE_AUTH_TOKEN, DATABASE_URL } from 'astro:env/server';
import { defaultDatabaseUrl, openDatabase, type Database, type OpenDatabase } from './database.ts';

let opening: Promise<OpenDatabase> | undefined;

/** The server's one database connection, opened on first use from DATABASE_URL. */
export async function database(): Promise<Database> {
  opening ??= openDatabase({ url: DATABASE_URL ?? defaultDatabaseUrl, authToken: DATABASE_AUTH_TOKEN });
  return (await opening).db;
}
