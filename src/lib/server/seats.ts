import { and, count, eq, inArray } from 'drizzle-orm';
import { applications } from '#db/schema.ts';
import { seatHoldingStatuses, seatsHeld } from '../application-states.ts';
import type { Database } from './database.ts';

/**
 * Seats: how many a course (or one country's share of it) still has. "Seats left" is computed
 * here only, never below zero (a course whose seats were lowered after acceptances is full, not
 * negative). The write that accepts guards the same count in SQL (`applications.ts`).
 */

/** What is left of `seats` when `held` are taken, never below zero. */
export function seatsLeftOf(seats: number, held: number): number {
  return Math.max(0, seats - held);
}

/** What is left of `seats` given a tally of applications by status (the staff pages' counts). */
export function seatsLeftIn(seats: number, counts: Parameters<typeof seatsHeld>[0]): number {
  return seatsLeftOf(seats, seatsHeld(counts));
}

/** How many of a course's seats are held by accepted participants, read from the database. */
export async function seatsTaken(db: Database, courseSlug: string): Promise<number> {
  const [row] = await db
    .select({ taken: count() })
    .from(applications)
    .where(and(eq(applications.courseSlug, courseSlug), inArray(applications.status, [...seatHoldingStatuses])));
  return row?.taken ?? 0;
}

export async function seatsLeft(db: Database, courseSlug: string, seats: number): Promise<number> {
  return seatsLeftOf(seats, await seatsTaken(db, courseSlug));
}
