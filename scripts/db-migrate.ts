import { migrateDatabase } from '#db/migrate.ts';
import { openDatabase } from '#lib/server/database.ts';
import { readEnv } from './env.ts';

/** `npm run db:migrate`: brings the database at DATABASE_URL up to the current schema. */
export async function migrateFromEnv(): Promise<void> {
  const env = readEnv();
  const { client, db } = await openDatabase({ url: env.DATABASE_URL, authToken: env.DATABASE_AUTH_TOKEN });
  try {
    await migrateDatabase(db);
  } finally {
    client.close();
  }
}

if (import.meta.main) {
  try {
    await migrateFromEnv();
    console.log('Database is up to date.');
  } catch (error) {
    console.error(`Migration failed: ${error instanceof Error ? error.message : String(error)}`);
    process.exit(1);
  }
}
