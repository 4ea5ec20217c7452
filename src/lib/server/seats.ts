import { and, count, eq, inArray } from 'drizzle-orm';
import { applications } from '../../../db/schema.ts';
import { seatHoldingStatuses } from '../application-states.ts';
import type { Database } from './database.ts';

/** How many of a course's seats are held by accepted participants, read from the database. */
export async function seatsTaken(db: Database, courseSlug: string): Promise<number> {
  const [row] = await db
    .select({ taken: count() })
    .from(applications)
    .where(and(eq(applications.courseSlug, courseSlug), inArray(applications.status, [...seatHoldingStatuses])));
  return row?.taken ?? 0;
}

export async function seatsLeft(db: Database, courseSlug: string, seats: number): Promise<number> {
  return Math.max(0, seats - (await seatsTaken(db, courseSlug)));
}
