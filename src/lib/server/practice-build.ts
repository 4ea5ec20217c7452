import { existsSync } from 'node:fs';
import { defaultDatabaseUrl, openDatabase } from './database.ts';
import { publishedPractices, type PublishedPractice } from './practices.ts';

/**
 * The published practices as the build sees them: read once from the database the build can
 * reach (DATABASE_URL, or the default file if it exists), or none without one. Pages built once
 * (country pages) and the search index use this; the practice pages themselves are on demand.
 */
let reading: Promise<PublishedPractice[]> | undefined;

export function publishedAtBuild(warn: (message: string) => void = console.warn): Promise<PublishedPractice[]> {
  reading ??= read(warn);
  return reading;
}

async function read(warn: (message: string) => void): Promise<PublishedPractice[]> {
  const url = process.env.DATABASE_URL ?? defaultDatabaseUrl;
  if (url.startsWith('file:') && !existsSync(url.slice('file:'.length))) return [];
  let opened: Awaited<ReturnType<typeof openDatabase>> | undefined;
  try {
    opened = await openDatabase({ url, authToken: process.env.DATABASE_AUTH_TOKEN });
    return await publishedPractices(opened.client);
  } catch (error) {
    // A database not migrated yet has no practices table, hence nothing published.
    warn(`contributed practices not read at build: ${error instanceof Error ? error.message : String(error)}`);
    return [];
  } finally {
    opened?.client.close();
  }
}
