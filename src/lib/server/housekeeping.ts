import type { Database } from './database.ts';
import { deleteExpiredLinkTokens } from './link-tokens.ts';
import { deleteExpiredSessions } from './sessions.ts';

/**
 * Deletes what can never be used again: expired sessions and expired email links (a used link
 * is deleted when it is used, see consumeLinkToken). Runs in the server process, every
 * `intervalMs`, on a timer that never keeps the process alive.
 */
export const housekeepingIntervalMs = 15 * 60 * 1000;

export async function runHousekeeping(db: Database, now = new Date()): Promise<{ sessions: number; emailTokens: number }> {
  return { sessions: await deleteExpiredSessions(db, now), emailTokens: await deleteExpiredLinkTokens(db, now) };
}

let timer: NodeJS.Timeout | undefined;

/** Starts the periodic job once per process; the first run comes right away. */
export function startHousekeeping(open: () => Promise<{ db: Database }>, intervalMs = housekeepingIntervalMs): void {
  if (timer) return;
  const run = (): void => {
    open()
      .then(({ db }) => runHousekeeping(db))
      .catch((error: unknown) => console.error('housekeeping failed:', error));
  };
  timer = setInterval(run, intervalMs);
  timer.unref();
  setImmediate(run);
}
