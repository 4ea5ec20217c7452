import type { InStatement, InValue, Row } from '@libsql/client';
import { getTableColumns, sql, type SQL } from 'drizzle-orm';
import { SQLiteSyncDialect, type AnySQLiteColumn, type SQLiteTable } from 'drizzle-orm/sqlite-core';
import { auditLog } from '#db/schema.ts';
import type { Role } from '../vocabulary.ts';
import type { Database } from './database.ts';

/**
 * Statements for the libSQL client's own write batches, built from the drizzle schema: drizzle
 * `sql` templates that name the schema's tables and columns, so that a renamed column fails the
 * type check instead of a request, and rows read back typed as the schema's `$inferSelect`.
 * (Batches, not drizzle transactions: see `applications.ts` for why.)
 */

const dialect = new SQLiteSyncDialect();

/** A drizzle `sql` template as a statement of the client's batches. */
export function statement(query: SQL): InStatement {
  const { sql: text, params } = dialect.sqlToQuery(query);
  return { sql: text, args: params as InValue[] };
}

/**
 * A drizzle query built once per database handle, then run with `sql.placeholder` values. For
 * the queries of nearly every request (the session lookup, a participant's own applications):
 * building a query with drizzle's builder costs about 0.2 ms, more than SQLite takes to run it.
 */
export function preparedPer<Q>(build: (db: Database) => Q): (db: Database) => Q {
  const built = new WeakMap<Database, Q>();
  return (db) => {
    let query = built.get(db);
    if (!query) built.set(db, (query = build(db)));
    return query;
  };
}

/** A column by its bare name, where SQLite allows no table before it (SET, INSERT's column list). */
export const bare = (column: AnySQLiteColumn): SQL => sql`${sql.identifier(column.name)}`;
export const columnList = (columns: AnySQLiteColumn[]): SQL => sql.join(columns.map(bare), sql`, `);

/** Every column of `table`, named with its table (a SELECT's list where tables are joined). */
export const columnsOf = (table: SQLiteTable): SQL => sql.join(Object.values(getTableColumns(table)), sql`, `);

/** A row as the client read it, converted as drizzle would (timestamps to dates, 0/1 to booleans). */
export function fromRow<T extends SQLiteTable>(table: T, row: Row): T['$inferSelect'] {
  const record: Record<string, unknown> = {};
  for (const [key, column] of Object.entries(getTableColumns(table))) {
    const value = row[column.name];
    record[key] = value === null || value === undefined ? null : column.mapFromDriverValue(value);
  }
  return record as T['$inferSelect'];
}

/** The audit record of a change; `when` makes it conditional on the change having happened. */
export function audit(entry: {
  actor: { id: string; role: Role } | null;
  action: string;
  /** The application's id, the row just inserted by the statement before, SQL that finds it, or none. */
  applicationId: number | 'last-insert' | SQL | null;
  /** The states moved between: an application's, or another record's (a practice's). */
  from?: string | null;
  to?: string | null;
  reason?: string | null;
  /** Machine data about the record (the operation that promoted someone, a document's code). */
  detail?: SQL | string | null;
  now: Date;
  when?: SQL;
}): InStatement {
  const applicationId =
    entry.applicationId === 'last-insert' ? sql`last_insert_rowid()` : typeof entry.applicationId === 'number' || entry.applicationId === null ? sql`${entry.applicationId}` : entry.applicationId;
  const columns = [auditLog.at, auditLog.actorId, auditLog.actorRole, auditLog.action, auditLog.applicationId, auditLog.fromStatus, auditLog.toStatus, auditLog.reason, auditLog.detail];
  return statement(sql`insert into ${auditLog} (${columnList(columns)})
    select ${entry.now.getTime()}, ${entry.actor?.id ?? null}, ${entry.actor?.role ?? 'system'}, ${entry.action}, ${applicationId},
      ${entry.from ?? null}, ${entry.to ?? null}, ${entry.reason ?? null}, ${entry.detail ?? null}
    ${entry.when ? sql`where ${entry.when}` : sql``}`);
}
