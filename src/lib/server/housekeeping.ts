import { publicOrigin } from '#http/links.ts';
import type { Database } from './database.ts';
import { deleteExpiredLinkTokens } from './link-tokens.ts';
import { escalateUnanswered } from './practices.ts';
import { deleteExpiredSessions } from './sessions.ts';

/**
 * Deletes what can never be used again: expired sessions and expired email links (a used link
 * is deleted when it is used, see consumeLinkToken). Also takes into review the contributed
 * practices a focal point left unanswered for 14 days, so that staff are told of them (issue 10).
 * Runs in the server process, every
 * `intervalMs`, on a timer that never keeps the process alive.
 */
export const housekeepingIntervalMs = 15 * 60 * 1000;

export async function runHousekeeping(db: Database, now = new Date()): Promise<{ sessions: number; emailTokens: number; practices: number }> {
  // Links in the mails to staff: the public address as the server runs (links.ts publicOrigin).
  const site = publicOrigin();
  return {
    sessions: await deleteExpiredSessions(db, now),
    emailTokens: await deleteExpiredLinkTokens(db, now),
    practices: await escalateUnanswered(db.$client, site, now),
  };
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
