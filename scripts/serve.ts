import { existsSync } from 'node:fs';
import { migrateFromEnv } from './db-migrate.ts';

/**
 * Serves the built site: migrates the database first (creating the file on first start),
 * then starts Astro's standalone server, which honours HOST and PORT.
 */
const entry = new URL('../dist/server/entry.mjs', import.meta.url);
if (!existsSync(entry)) {
  console.error('No build found in dist/. Run `npm start` (which builds first) or `npm run build`.');
  process.exit(1);
}
try {
  await migrateFromEnv();
} catch (error) {
  console.error(`Cannot prepare the database: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
}
await import(entry.href);
