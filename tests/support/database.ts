import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { migrateDatabase } from '#db/migrate.ts';
import { openDatabase, type OpenDatabase } from '#lib/server/database.ts';

export interface TestDatabase extends OpenDatabase {
  url: string;
  /** The temporary folder that holds the file; `cleanup` removes it. */
  folder: string;
  /** Another client on the same file, as a second server process would have. */
  openAnother(): Promise<OpenDatabase>;
  cleanup(): void;
}

/**
 * A real libSQL database file in a fresh folder, with every migration applied: for the tests,
 * and for the benchmarks and drills, which hand its `url` to a server they start.
 */
export async function createTestDatabase(): Promise<TestDatabase> {
  const folder = mkdtempSync(join(tmpdir(), 'oic-db-'));
  const url = `file:${join(folder, 'platform.db')}`;
  const opened = await openDatabase({ url });
  await migrateDatabase(opened.db);
  const others: OpenDatabase[] = [];
  return {
    ...opened,
    url,
    folder,
    async openAnother() {
      const other = await openDatabase({ url });
      others.push(other);
      return other;
    },
    cleanup() {
      for (const client of [...others.map((other) => other.client), opened.client]) {
        try {
          client.close();
        } catch {
          // already closed
        }
      }
      rmSync(folder, { recursive: true, force: true });
    },
  };
}
