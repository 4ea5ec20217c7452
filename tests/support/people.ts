import { users } from '#db/schema.ts';
import type { Database } from '#lib/server/database.ts';
import type { CourseOffering } from '#lib/course-rules.ts';
import type { Actor } from '#lib/server/applications.ts';

let counter = 0;

/** Adds a person to the database and returns them as the state machine sees them. */
export async function addPerson(db: Database, role: Actor['role'], country: string | null): Promise<Actor> {
  counter += 1;
  const id = `user-${counter}-${Math.random().toString(36).slice(2, 8)}`;
  await db.insert(users).values({
    id,
    email: `${id}@example.org`,
    emailVerified: true,
    role,
    country,
    fullName: `Person ${counter}`,
  });
  return { id, role, country };
}

const day = (iso: string): Date => new Date(`${iso}T00:00:00Z`);

/** A course whose applications are open on 2027-01-15 and which starts on 2027-03-01. */
export function sampleCourse(overrides: Partial<CourseOffering> = {}): CourseOffering {
  return {
    slug: `course-${Math.random().toString(36).slice(2, 8)}`,
    start: day('2027-03-01'),
    end: day('2027-03-05'),
    seats: 20,
    applicationsOpen: day('2027-01-01'),
    applicationDeadline: day('2027-02-01'),
    ...overrides,
  };
}

export const duringApplications = day('2027-01-15');
export const duringCourse = day('2027-03-02');
