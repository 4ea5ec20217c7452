import { sql } from 'drizzle-orm';
import { blob, check, index, integer, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';
import { locales } from '#lib/i18n/locales.ts';
import { applicationStatuses, genders, practiceEndorsements, practiceStatuses, roles } from '#lib/vocabulary.ts';

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
  /** Set when staff deactivate the account: it cannot sign in and has no session until reactivated. */
  deactivatedAt: timestamp('deactivated_at'),
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
  /** Set when staff revoke the certificate; verification then says so, with the date. */
  revokedAt: timestamp('revoked_at'),
  revokedReason: text('revoked_reason'),
});

/**
 * A letter of acceptance for an in-person course (for visas and employers), written the first
 * time the accepted participant opens it; anyone holding its code can check it at /verify/{code}.
 */
export const letters = sqliteTable('letters', {
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

/*
 * Practices contributed by member states (issue 10): proposed by an account, endorsed by the
 * focal point of their country, reviewed by staff, published on demand once accepted.
 */
export const practices = sqliteTable(
  'practices',
  {
    id: integer().primaryKey({ autoIncrement: true }),
    /** Null once the proposer deleted their account: a published practice stays, with its institution. */
    userId: text('user_id').references(() => users.id, { onDelete: 'set null' }),
    country: text().notNull(),
    /** The language the text is written in. */
    language: text({ enum: locales }).notNull(),
    status: text({ enum: practiceStatuses }).notNull().default('draft'),
    endorsement: text({ enum: practiceEndorsements }).notNull().default('pending'),
    /** Set when accepted: the public address /{lang}/practices/{slug}/. */
    slug: text().unique(),
    /** Title, institution, summary, sections, figures, sources and consents as JSON (see practice-content.ts). */
    content: text().notNull().default('{}'),
    /** The number of the last submitted version; 0 for a draft never submitted. */
    version: integer().notNull().default(0),
    submittedAt: timestamp('submitted_at'),
    endorsedAt: timestamp('endorsed_at'),
    decidedAt: timestamp('decided_at'),
    /** Why it was declined, returned or sent back for changes, as written by the person who did. */
    reason: text(),
    createdAt: createdAt(),
    updatedAt: timestamp('updated_at')
      .notNull()
      .$defaultFn(() => new Date()),
  },
  (table) => [
    index('practices_by_user').on(table.userId, table.createdAt),
    index('practices_by_country_status').on(table.country, table.status),
    index('practices_by_status').on(table.status, table.decidedAt),
  ],
);

/** Each submitted version of a practice, kept so staff can see what changed. */
export const practiceVersions = sqliteTable(
  'practice_versions',
  {
    id: integer().primaryKey({ autoIncrement: true }),
    practiceId: integer('practice_id')
      .notNull()
      .references(() => practices.id, { onDelete: 'cascade' }),
    version: integer().notNull(),
    content: text().notNull(),
    createdAt: createdAt(),
  },
  (table) => [uniqueIndex('one_practice_version').on(table.practiceId, table.version)],
);

/** Comments of staff and focal points on a practice; the proposer reads them. */
export const practiceComments = sqliteTable(
  'practice_comments',
  {
    id: integer().primaryKey({ autoIncrement: true }),
    practiceId: integer('practice_id')
      .notNull()
      .references(() => practices.id, { onDelete: 'cascade' }),
    /** Kept as text, so the comment outlives its author's account. */
    authorId: text('author_id'),
    authorRole: text('author_role').notNull(),
    body: text().notNull(),
    createdAt: createdAt(),
  },
  (table) => [index('practice_comments_by_practice').on(table.practiceId)],
);
/**
 * A participant's evaluation of a course they attended (issue 11): one per application, editable
 * until 30 days after the course ends. Country and gender are copied in when it is written, so
 * the aggregates do not shift when a profile changes or an account is deleted. Staff and focal
 * points only ever see aggregates of groups of 5 or more (src/lib/evaluation-summary.ts).
 */
export const evaluations = sqliteTable(
  'evaluations',
  {
    id: integer().primaryKey({ autoIncrement: true }),
    applicationId: integer('application_id')
      .notNull()
      .unique()
      .references(() => applications.id, { onDelete: 'cascade' }),
    courseSlug: text('course_slug').notNull(),
    country: text().notNull(),
    gender: text({ enum: genders }).notNull(),
    /** Ratings 1 to 5. */
    relevance: integer().notNull(),
    content: integer().notNull(),
    trainers: integer().notNull(),
    organisation: integer().notNull(),
    overall: integer().notNull(),
    recommend: integer({ mode: 'boolean' }).notNull(),
    /** What the participant will apply at work, and their suggestions: free text, shown without names. */
    applyAtWork: text('apply_at_work').notNull().default(''),
    suggestions: text().notNull().default(''),
    createdAt: createdAt(),
    updatedAt: timestamp('updated_at').notNull(),
  },
  (table) => [
    index('evaluations_by_course').on(table.courseSlug, table.country),
    check(
      'evaluation_ratings',
      sql`${table.relevance} between 1 and 5 and ${table.content} between 1 and 5 and ${table.trainers} between 1 and 5
          and ${table.organisation} between 1 and 5 and ${table.overall} between 1 and 5`,
    ),
  ],
);
