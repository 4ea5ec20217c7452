import { createClient, type Client } from '@libsql/client';
import { drizzle, type LibSQLDatabase } from 'drizzle-orm/libsql';
import * as schema from '#db/schema.ts';

export type Database = LibSQLDatabase<typeof schema> & { $client: Client };

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
  // The client keeps a pool of connections to a local file, and a transaction takes one of its
  // own, so a PRAGMA run once would not reach them: the busy timeout is given to the client,
  // which sets it on every connection it opens; it also turns foreign keys on for each.
  const client = createClient({
    url: config.url,
    timeout: busyTimeoutMs,
    ...(config.authToken ? { authToken: config.authToken } : {}),
  });
  if (config.url.startsWith('file:')) {
    // WAL lets readers go on while one process writes; the mode is stored in the file itself.
    await client.execute('PRAGMA journal_mode = WAL');
  }
  return { client, db: drizzle(client, { schema }) };
}
