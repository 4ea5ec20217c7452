import type { LibSQLDatabase } from 'drizzle-orm/libsql';
import { migrate } from 'drizzle-orm/libsql/migrator';
import { fileURLToPath } from 'node:url';

const migrationsFolder = fileURLToPath(new URL('./migrations', import.meta.url));

/**
 * Applies every migration not yet applied; safe to run on each start. Takes any drizzle libSQL
 * database (the site's is `Database` in src/lib/server/database.ts), so db/ imports nothing above it.
 */
export async function migrateDatabase<Schema extends Record<string, unknown>>(db: LibSQLDatabase<Schema>): Promise<void> {
  await migrate(db, { migrationsFolder });
}
