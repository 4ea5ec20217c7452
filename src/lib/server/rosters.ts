import { and, asc, count, desc, eq, sql, type SQL } from 'drizzle-orm';
import { applications, users } from '#db/schema.ts';
import type { ApplicationStatus } from '../application-states.ts';
import { visibleApplications } from './access.ts';
import type { Database } from './database.ts';
import type { User } from './sessions.ts';

/** Applications as the account pages list them, always narrowed to what the viewer may see. */
export interface RosterRow {
  id: number;
  courseSlug: string;
  country: string;
  status: ApplicationStatus;
  motivation: string;
  nominated: boolean;
  rank: number | null;
  createdAt: Date;
  fullName: string | null;
  email: string | null;
  institution: string | null;
  position: string | null;
  gender: User['gender'] | null;
}

export interface RosterFilter {
  applicationId?: number | undefined;
  applicantId?: string | undefined;
  courseSlug?: string | undefined;
  status?: ApplicationStatus | undefined;
  country?: string | undefined;
}

export async function roster(db: Database, viewer: User, filter: RosterFilter = {}): Promise<RosterRow[]> {
  const conditions: (SQL | undefined)[] = [
    visibleApplications(viewer),
    filter.applicationId ? eq(applications.id, filter.applicationId) : undefined,
    filter.applicantId ? eq(applications.userId, filter.applicantId) : undefined,
    filter.courseSlug ? eq(applications.courseSlug, filter.courseSlug) : undefined,
    filter.status ? eq(applications.status, filter.status) : undefined,
    filter.country ? eq(applications.country, filter.country) : undefined,
  ];
  return db
    .select({
      id: applications.id,
      courseSlug: applications.courseSlug,
      country: applications.country,
      status: applications.status,
      motivation: applications.motivation,
      nominated: applications.nominated,
      rank: applications.rank,
      createdAt: applications.createdAt,
      fullName: users.fullName,
      email: users.email,
      institution: users.institution,
      position: users.position,
      gender: users.gender,
    })
    .from(applications)
    .leftJoin(users, eq(users.id, applications.userId))
    .where(and(...conditions))
    .orderBy(asc(applications.courseSlug), asc(applications.country), asc(applications.rank), desc(applications.createdAt));
}

export type StatusCounts = Partial<Record<ApplicationStatus, number>>;

/** How many applications each course has in each status (and per country, when asked). */
export async function statusCounts(db: Database, by: 'course' | 'country', courseSlug?: string): Promise<Map<string, StatusCounts>> {
  const key = by === 'course' ? applications.courseSlug : applications.country;
  const rows = await db
    .select({ key, status: applications.status, n: count() })
    .from(applications)
    .where(courseSlug ? eq(applications.courseSlug, courseSlug) : undefined)
    .groupBy(key, applications.status);
  const counts = new Map<string, StatusCounts>();
  for (const row of rows) counts.set(row.key, { ...counts.get(row.key), [row.status]: row.n });
  return counts;
}

/** Applications to one course by the applicants' gender, for the staff chart. */
export async function genderCounts(db: Database, courseSlug: string): Promise<Map<string, number>> {
  const gender = sql<string>`coalesce(${users.gender}, 'prefer-not-to-say')`;
  const rows = await db
    .select({ gender, n: count() })
    .from(applications)
    .leftJoin(users, eq(users.id, applications.userId))
    .where(eq(applications.courseSlug, courseSlug))
    .groupBy(gender);
  return new Map(rows.map((row) => [row.gender, row.n]));
}
