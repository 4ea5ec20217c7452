import { sql } from 'drizzle-orm';
import { blob, index, integer, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';
import { locales } from '#lib/i18n/locales.ts';
import { applicationStatuses, genders, roles } from '#lib/vocabulary.ts';

/** Courses themselves live in content/; the database holds people and what happens to them. */

const timestamp = (name: string) => integer(name, { mode: 'timestamp_ms' });
const createdAt = () =>
  timestamp('created_at')
    .notNull()
    .$defaultFn(() => new Date());

export const users = sqliteTable('users', {
  id: text().primaryKey(),
  /** Stored lower-cased and trimmed, so one address is one account. */
  email: text().notNull().unique(),
  emailVerified: integer('email_verified', { mode: 'boolean' }).notNull().default(false),
  /** Null until the person sets one (a nominee, or an account created by staff). */
  passwordHash: text('password_hash'),
  role: text({ enum: roles }).notNull().default('participant'),
  /** A participant's country, or the one country a focal point acts for. Null for staff. */
  country: text(),
  fullName: text('full_name').notNull(),
  institution: text().notNull().default(''),
  position: text().notNull().default(''),
  gender: text({ enum: genders }).notNull().default('prefer-not-to-say'),
  preferredLanguage: text('preferred_language', { enum: locales }).notNull().default('en'),
  /** The TOTP key of staff and focal points, once they have enrolled. */
  totpKey: blob('totp_key', { mode: 'buffer' }),
  createdAt: createdAt(),
});

export const sessions = sqliteTable(
  'sessions',
  {
    id: text().primaryKey(),
    userId: text('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    /** SHA-256 of the token's secret half; the token itself is never stored. */
    secretHash: blob('secret_hash', { mode: 'buffer' }).notNull(),
    twoFactorVerified: integer('two_factor_verified', { mode: 'boolean' }).notNull().default(false),
    userAgent: text('user_agent').notNull().default(''),
    createdAt: createdAt(),
    lastActiveAt: timestamp('last_active_at').notNull(),
  },
  (table) => [index('sessions_by_user').on(table.userId)],
);

export const tokenPurposes = ['verify-email', 'reset-password', 'set-password'] as const;

/** Single-use links sent by email; only the secret's hash is kept. */
export const emailTokens = sqliteTable('email_tokens', {
  id: text().primaryKey(),
  userId: text('user_id')
    .notNull()
    .references(() => users.id, { onDelete: 'cascade' }),
  purpose: text({ enum: tokenPurposes }).notNull(),
  secretHash: blob('secret_hash', { mode: 'buffer' }).notNull(),
  expiresAt: timestamp('expires_at').notNull(),
});

export const recoveryCodes = sqliteTable('recovery_codes', {
  id: integer().primaryKey({ autoIncrement: true }),
  userId: text('user_id')
    .notNull()
    .references(() => users.id, { onDelete: 'cascade' }),
  codeHash: blob('code_hash', { mode: 'buffer' }).notNull(),
});

/** One person's application to one course offering. */
export const applications = sqliteTable(
  'applications',
  {
    id: integer().primaryKey({ autoIncrement: true }),
    courseSlug: text('course_slug').notNull(),
    /** Null once the applicant deleted their account: the counts stay, the person goes. */
    userId: text('user_id').references(() => users.id, { onDelete: 'set null' }),
    country: text().notNull(),
    status: text({ enum: applicationStatuses }).notNull().default('submitted'),
    motivation: text().notNull().default(''),
    nominated: integer({ mode: 'boolean' }).notNull().default(false),
    /** The focal point's order among the endorsed of one country: the waiting-list order. */
    rank: integer(),
    endorsedAt: timestamp('endorsed_at'),
    createdAt: createdAt(),
    updatedAt: timestamp('updated_at')
      .notNull()
      .$defaultFn(() => new Date()),
  },
  (table) => [
    uniqueIndex('one_application_per_person_per_course').on(table.userId, table.courseSlug),
    index('applications_by_course_status').on(table.courseSlug, table.status),
    index('applications_by_country').on(table.country, table.courseSlug),
  ],
);

/** Every state change and every staff or focal-point action: who, when, what, why. */
export const auditLog = sqliteTable(
  'audit_log',
  {
    id: integer().primaryKey({ autoIncrement: true }),
    at: timestamp('at')
      .notNull()
      .default(sql`(unixepoch('subsec') * 1000)`),
    /** Kept as text, not a foreign key, so the record outlives the account. */
    actorId: text('actor_id'),
    actorRole: text('actor_role'),
    action: text().notNull(),
    applicationId: integer('application_id'),
    fromStatus: text('from_status'),
    toStatus: text('to_status'),
    reason: text(),
    detail: text(),
  },
  (table) => [index('audit_by_application').on(table.applicationId)],
);

/** Issued on completion; anyone can check a code at /verify/{code}. */
export const certificates = sqliteTable('certificates', {
  code: text().primaryKey(),
  applicationId: integer('application_id')
    .notNull()
    .unique()
    .references(() => applications.id, { onDelete: 'cascade' }),
  issuedAt: timestamp('issued_at')
    .notNull()
    .$defaultFn(() => new Date()),
});

export const outboxStatuses = ['pending', 'sent', 'failed'] as const;

/**
 * Mail to send, written in the same write batch as the change it reports (issue 12), so a crash
 * can lose neither without the other. A sender in each server process claims a pending message
 * by setting a lease in one UPDATE, sends it, and marks it sent, or sets the next attempt.
 */
export const outbox = sqliteTable(
  'outbox',
  {
    id: integer().primaryKey({ autoIncrement: true }),
    recipient: text().notNull(),
    name: text().notNull(),
    language: text({ enum: locales }).notNull(),
    kind: text().notNull(),
    /** The message's values as JSON; a course title may be given in every language. */
    vals: text().notNull().default('{}'),
    status: text({ enum: outboxStatuses }).notNull().default('pending'),
    attempts: integer().notNull().default(0),
    nextAttemptAt: timestamp('next_attempt_at').notNull(),
    /** Who holds the message while sending it, and until when; another sender waits for the end. */
    leaseOwner: text('lease_owner'),
    leaseUntil: timestamp('lease_until'),
    lastError: text('last_error'),
    createdAt: timestamp('created_at').notNull(),
    sentAt: timestamp('sent_at'),
  },
  (table) => [index('outbox_by_status_due').on(table.status, table.nextAttemptAt)],
);
