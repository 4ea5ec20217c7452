import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/**
 * Serves the built site: migrates the database first (creating the file on first start),
 * then starts Astro's standalone server, which honours HOST and PORT.
 *
 * The migration runs in a child process: loading drizzle-orm through Node's resolver (its
 * package.json exports map is 180 KB) grows the heap by about 200 MB that V8 keeps, whereas
 * the server's bundle carries drizzle inlined and idles near 110 MB.
 */
const entry = new URL('../dist/server/entry.mjs', import.meta.url);
if (!existsSync(entry)) {
  console.error('No build found in dist/. Run `npm start` (which builds first) or `npm run build`.');
  process.exit(1);
}
const migration = spawnSync(process.execPath, [fileURLToPath(new URL('./db-migrate.ts', import.meta.url))], {
  stdio: ['ignore', 'ignore', 'inherit'],
});
if (migration.status !== 0) {
  console.error('Cannot prepare the database; the server was not started.');
  process.exit(1);
}
await import(entry.href);
