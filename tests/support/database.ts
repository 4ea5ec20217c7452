import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { migrateDatabase } from '../../db/migrate.ts';
import { openDatabase, type OpenDatabase } from '../../src/lib/server/database.ts';

export interface TestDatabase extends OpenDatabase {
  url: string;
  /** Another client on the same file, as a second server process would have. */
  openAnother(): Promise<OpenDatabase>;
  cleanup(): void;
}

/** A real libSQL database file in a fresh folder, with every migration applied. */
export async function createTestDatabase(): Promise<TestDatabase> {
  const folder = mkdtempSync(join(tmpdir(), 'oic-db-'));
  const url = `file:${join(folder, 'test.db')}`;
  const opened = await openDatabase({ url });
  await migrateDatabase(opened.db);
  const others: OpenDatabase[] = [];
  return {
    ...opened,
    url,
    async openAnother() {
      const other = await openDatabase({ url });
      others.push(other);
      return other;
    },
    cleanup() {
      for (const other of others) other.client.close();
      opened.client.close();
      rmSync(folder, { recursive: true, force: true });
    },
  };
}
