import { createClient, type Client } from '@libsql/client';
import { drizzle, type LibSQLDatabase } from 'drizzle-orm/libsql';
import * as schema from '../../../db/schema.ts';

export type Database = LibSQLDatabase<typeof schema>;

export interface DatabaseConfig {
  /** `file:path.db` for the embedded database, `libsql://…` or `http(s)://…` for a server. */
  url: string;
  authToken?: string | undefined;
}

/** The embedded database file used when DATABASE_URL is not set. */
export const defaultDatabaseUrl = 'file:db/platform.db';

/** How long a writer waits for another to finish before giving up, in milliseconds. */
const busyTimeoutMs = 5000;

export interface OpenDatabase {
  client: Client;
  db: Database;
}

export async function openDatabase(config: DatabaseConfig): Promise<OpenDatabase> {
  const client = createClient({ url: config.url, ...(config.authToken ? { authToken: config.authToken } : {}) });
  if (config.url.startsWith('file:')) {
    // WAL lets readers go on while one process writes. journal_mode sticks to the file;
    // the others are per connection, so they are set again on each new client.
    await client.execute('PRAGMA journal_mode = WAL');
    await client.execute(`PRAGMA busy_timeout = ${busyTimeoutMs}`);
    await client.execute('PRAGMA foreign_keys = ON');
  }
  return { client, db: drizzle(client, { schema }) };
}
