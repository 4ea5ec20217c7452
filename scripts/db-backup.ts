import { mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { openMigratedDatabase } from './cli.ts';
import { readEnv } from './env.ts';

/**
 * `npm run db:backup [folder]`: a consistent copy of the embedded database, taken with
 * VACUUM INTO while the site keeps running, named by the time it was taken.
 */
const env = readEnv();
if (!env.DATABASE_URL.startsWith('file:')) {
  console.error('db:backup copies an embedded database file; back up a libSQL server with its own tools.');
  process.exit(2);
}
const folder = resolve(process.argv[2] ?? 'db/backups');
mkdirSync(folder, { recursive: true });
const stamp = new Date().toISOString().replace(/[-:]/g, '').replace(/\.\d+Z$/, 'Z');
const target = join(folder, `platform-${stamp}.db`);
const { client } = await openMigratedDatabase();
try {
  await client.execute({ sql: 'VACUUM INTO ?', args: [target] });
  console.log(`Backed up to ${target}`);
} finally {
  client.close();
}
