import { and, asc, count, desc, eq, inArray, sql, type SQL } from 'drizzle-orm';
import { applications, users } from '#db/schema.ts';
import { rankableStatuses, type ApplicationStatus } from '../application-states.ts';
import { visibleApplications } from './access.ts';
import type { Database } from './database.ts';
import { preparedPer } from './sql.ts';
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
  /** Only these applications (the rows ticked on a page); an empty list matches none. */
  applicationIds?: readonly number[] | undefined;
}

function rosterConditions(viewer: User, filter: RosterFilter): SQL | undefined {
  return and(
    visibleApplications(viewer),
    filter.applicationId ? eq(applications.id, filter.applicationId) : undefined,
    filter.applicantId ? eq(applications.userId, filter.applicantId) : undefined,
    filter.courseSlug ? eq(applications.courseSlug, filter.courseSlug) : undefined,
    filter.status ? eq(applications.status, filter.status) : undefined,
    filter.country ? eq(applications.country, filter.country) : undefined,
    filter.applicationIds ? (filter.applicationIds.length > 0 ? inArray(applications.id, [...filter.applicationIds]) : sql`0`) : undefined,
  );
}

const rosterColumns = {
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
};

export async function roster(db: Database, viewer: User, filter: RosterFilter = {}): Promise<RosterRow[]> {
  return db
    .select(rosterColumns)
    .from(applications)
    .leftJoin(users, eq(users.id, applications.userId))
    .where(rosterConditions(viewer, filter))
    .orderBy(asc(applications.courseSlug), asc(applications.country), asc(applications.rank), desc(applications.createdAt));
}

const ownApplicationsQuery = preparedPer((db) =>
  db
    .select(rosterColumns)
    .from(applications)
    .leftJoin(users, eq(users.id, applications.userId))
    .where(eq(applications.userId, sql.placeholder('userId')))
    .orderBy(asc(applications.courseSlug), desc(applications.createdAt))
    .prepare(),
);

const ownApplicationQuery = preparedPer((db) =>
  db
    .select(rosterColumns)
    .from(applications)
    .leftJoin(users, eq(users.id, applications.userId))
    .where(and(eq(applications.userId, sql.placeholder('userId')), eq(applications.courseSlug, sql.placeholder('courseSlug'))))
    .prepare(),
);

/**
 * A person's own applications, whatever their role: what `/account/` lists and the apply page
 * checks. Prepared once (sql.ts), as nearly every signed-in page asks for them.
 */
export function ownApplications(db: Database, userId: string): Promise<RosterRow[]> {
  return ownApplicationsQuery(db).all({ userId });
}

/** A person's own application to one course, if they made one. */
export async function ownApplication(db: Database, userId: string, courseSlug: string): Promise<RosterRow | undefined> {
  return (await ownApplicationQuery(db).all({ userId, courseSlug }))[0];
}

/** The columns a roster page can be sorted by, from its column headers' links. */
export const rosterSorts = ['country', 'name', 'rank', 'status', 'applied'] as const;
export type RosterSort = (typeof rosterSorts)[number];

export interface RosterPageQuery {
  sort: RosterSort;
  descending: boolean;
  /** Counted from 1. */
  page: number;
  pageSize: number;
}

/**
 * One page of a roster and how many rows the whole roster has: the count and the page are each
 * one SQL query (with LIMIT/OFFSET), so a course with thousands of applications costs no more
 * than one page of them. The id is the last key, so a page boundary never shuffles rows.
 */
export async function rosterPage(db: Database, viewer: User, filter: RosterFilter, query: RosterPageQuery): Promise<{ rows: RosterRow[]; total: number }> {
  const where = rosterConditions(viewer, filter);
  const direction = query.descending ? desc : asc;
  const keys: Record<RosterSort, SQL[]> = {
    country: [direction(applications.country), asc(applications.rank), desc(applications.createdAt)],
    name: [direction(sql`coalesce(${users.fullName}, '')`)],
    // By the order shown (waitingListOrder): a rank counts only while the application waits; none last.
    rank: [direction(sql`coalesce(case when ${applications.status} in ${[...rankableStatuses]} then ${applications.rank} end, 1e9)`), asc(applications.country)],
    status: [direction(applications.status), asc(applications.country)],
    applied: [direction(applications.createdAt)],
  };
  const [counted] = await db.select({ n: count() }).from(applications).where(where);
  // The page's ids first, sorting narrow rows (people are joined only to sort by name), then
  // the 50 rows themselves with their people.
  const ordered = db.select({ id: applications.id }).from(applications);
  const pageIds = (
    await (query.sort === 'name' ? ordered.leftJoin(users, eq(users.id, applications.userId)) : ordered)
      .where(where)
      .orderBy(...keys[query.sort], asc(applications.id))
      .limit(query.pageSize)
      .offset((query.page - 1) * query.pageSize)
  ).map((row) => row.id);
  const found = pageIds.length === 0 ? [] : await db.select(rosterColumns).from(applications).leftJoin(users, eq(users.id, applications.userId)).where(inArray(applications.id, pageIds));
  const byId = new Map(found.map((row) => [row.id, row]));
  const rows = pageIds.flatMap((id) => byId.get(id) ?? []);
  return { rows, total: counted?.n ?? 0 };
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
