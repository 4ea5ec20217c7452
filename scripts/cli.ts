import { parseArgs, type ParseArgsOptionsConfig } from 'node:util';
import { z } from 'astro/zod';
import { migrateDatabase } from '#db/migrate.ts';
import { openDatabase, type OpenDatabase } from '#lib/server/database.ts';
import { listenOrigin } from '#lib/listen-origin.ts';
import { readEnv } from './env.ts';

/** What the command-line tools share: their flags checked by zod, and a migrated database. */

/** The flags, or exit 2 with a message naming the flag (and the usage line, when given). */
export function readFlags<S extends z.ZodType>(command: string, options: ParseArgsOptionsConfig, schema: S, usage?: string): z.infer<S> {
  const refuse = (message: string): never => fail(command, usage ? `${message}\nusage: ${usage}` : message);
  let values: Record<string, unknown>;
  try {
    values = parseArgs({ options, strict: true, allowPositionals: false }).values;
  } catch (error) {
    return refuse(error instanceof Error ? error.message : String(error));
  }
  const parsed = schema.safeParse(values);
  if (parsed.success) return parsed.data;
  return refuse(parsed.error.issues.map((issue) => `--${issue.path.join('.')}: ${issue.message}`).join('\n'));
}

export function fail(command: string, message: string): never {
  console.error(`${command}: ${message}`);
  process.exit(2);
}

export async function openMigratedDatabase(): Promise<OpenDatabase> {
  const env = readEnv();
  const opened = await openDatabase({ url: env.DATABASE_URL, authToken: env.DATABASE_AUTH_TOKEN });
  await migrateDatabase(opened.db);
  return opened;
}

/**
 * The public address links in printed messages point to: SITE_URL, or else where `npm run serve`
 * listens with the same PORT and HOST (a wildcard host is reached as localhost).
 */
export function siteUrl(): string {
  if (process.env.SITE_URL) return process.env.SITE_URL;
  return listenOrigin(process.env.HOST ?? 'localhost', process.env.PORT ?? '4321');
}
