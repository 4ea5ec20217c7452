import { index, integer, sqliteTable, text } from 'drizzle-orm/sqlite-core';
import { applicationStatuses } from '../src/lib/application-states.ts';

/** One person's application to one course offering (courses themselves live in content/). */
export const applications = sqliteTable(
  'applications',
  {
    id: integer().primaryKey({ autoIncrement: true }),
    courseSlug: text('course_slug').notNull(),
    country: text().notNull(),
    status: text({ enum: applicationStatuses }).notNull().default('submitted'),
    createdAt: integer('created_at', { mode: 'timestamp_ms' })
      .notNull()
      .$defaultFn(() => new Date()),
  },
  (table) => [index('applications_by_course_status').on(table.courseSlug, table.status)],
);
