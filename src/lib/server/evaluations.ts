import type { Client } from '@libsql/client';
import { sql } from 'drizzle-orm';
import { applications, evaluations, users } from '#db/schema.ts';
import type { ApplicationStatus } from '../application-states.ts';
import { evaluationReport, minimumGroup, type EvaluationAnswers, type EvaluationReport, type EvaluationResponse } from '../evaluation-summary.ts';
import { locales, type Locale } from '../i18n/locales.ts';
import { localizedPath } from '../i18n/paths.ts';
import type { OutboxMessage, OutboxText } from './outbox.ts';
import { bare, columnList, columnsOf, fromRow, statement } from './sql.ts';

/**
 * Course evaluations in the database (issue 11). A participant who attended (or completed) a
 * course answers once, and may change the answers until `editableDays` after the course's last
 * day; staff and focal points read only aggregates (src/lib/evaluation-summary.ts).
 */

/** The statuses whose holder may evaluate the course. */
export const evaluatingStatuses = ['attended', 'completed'] as const satisfies readonly ApplicationStatus[];

export const editableDays = 30;

/** Whether an application in `status` lets its applicant evaluate the course. */
export function mayEvaluate(status: ApplicationStatus): boolean {
  return (evaluatingStatuses as readonly ApplicationStatus[]).includes(status);
}

const dayMs = 24 * 60 * 60 * 1000;
/** SQL true of an application whose holder may evaluate its course. */
const evaluating = sql`${applications.status} in ${[...evaluatingStatuses]}`;

type EvaluationRow = typeof evaluations.$inferSelect;

/**
 * The first moment the answers can no longer change: `editableDays` after the end of the course's
 * last day (course dates are calendar days in UTC, as in src/lib/course-rules.ts).
 */
export function evaluationClosesAt(end: Date): Date {
  return new Date(end.getTime() + dayMs + editableDays * dayMs);
}

export function evaluationOpen(end: Date, now: Date): boolean {
  return now.getTime() < evaluationClosesAt(end).getTime();
}

export interface StoredEvaluation extends EvaluationAnswers {
  createdAt: Date;
  updatedAt: Date;
}

/** A participant's standing towards one course's evaluation. */
export interface EvaluationStanding {
  applicationId: number;
  evaluation: StoredEvaluation | null;
}

/**
 * The participant's application to the course, if it lets them evaluate it (attended or
 * completed), with their answers so far; null otherwise.
 */
export async function evaluationStanding(client: Client, userId: string, courseSlug: string): Promise<EvaluationStanding | null> {
  const found = await client.execute(
    statement(sql`select ${applications.id} as ${sql.identifier('standingApplicationId')}, ${columnsOf(evaluations)}
      from ${applications} left join ${evaluations} on ${evaluations.applicationId} = ${applications.id}
      where ${applications.userId} = ${userId} and ${applications.courseSlug} = ${courseSlug} and ${evaluating}`),
  );
  const row = found.rows[0];
  if (!row) return null;
  const evaluation = fromRow(evaluations, row);
  return { applicationId: Number(row.standingApplicationId), evaluation: evaluation.id === null ? null : toStored(evaluation) };
}

function toStored(row: EvaluationRow): StoredEvaluation {
  return { ...toAnswers(row), createdAt: row.createdAt, updatedAt: row.updatedAt };
}

function toAnswers(row: EvaluationRow): EvaluationAnswers {
  return {
    relevance: row.relevance,
    content: row.content,
    trainers: row.trainers,
    organisation: row.organisation,
    overall: row.overall,
    recommend: row.recommend,
    applyAtWork: row.applyAtWork ?? '',
    suggestions: row.suggestions ?? '',
  };
}

export type SaveRefusal = 'not-found' | 'evaluation-closed';

/** The columns of the answers themselves, in the order the INSERT below gives their values. */
const answerColumns = [
  evaluations.relevance,
  evaluations.content,
  evaluations.trainers,
  evaluations.organisation,
  evaluations.overall,
  evaluations.recommend,
  evaluations.applyAtWork,
  evaluations.suggestions,
];

/**
 * Writes the participant's answers, or replaces them: one evaluation per application (a unique
 * index), and only while their application is attended or completed, checked in the same
 * statement that writes. Country and gender are copied in the first time only.
 */
export async function saveEvaluation(
  client: Client,
  input: { userId: string; course: { slug: string; end: Date }; answers: EvaluationAnswers; now?: Date },
): Promise<{ ok: true; created: boolean } | { ok: false; refusal: SaveRefusal }> {
  const now = input.now ?? new Date();
  if (!evaluationOpen(input.course.end, now)) {
    const standing = await evaluationStanding(client, input.userId, input.course.slug);
    return { ok: false, refusal: standing ? 'evaluation-closed' : 'not-found' };
  }
  const { answers } = input;
  const at = now.getTime();
  // Answered again: everything but the application, its country and gender, and when it was first written.
  const replaced = [...answerColumns, evaluations.updatedAt];
  const written = await client.execute(
    statement(sql`insert into ${evaluations} (${columnList([
      evaluations.applicationId,
      evaluations.courseSlug,
      evaluations.country,
      evaluations.gender,
      ...answerColumns,
      evaluations.createdAt,
      evaluations.updatedAt,
    ])})
      select ${applications.id}, ${applications.courseSlug}, ${applications.country}, ${users.gender}, ${answers.relevance}, ${answers.content}, ${answers.trainers},
        ${answers.organisation}, ${answers.overall}, ${answers.recommend ? 1 : 0}, ${answers.applyAtWork}, ${answers.suggestions}, ${at}, ${at}
      from ${applications} join ${users} on ${users.id} = ${applications.userId}
      where ${applications.userId} = ${input.userId} and ${applications.courseSlug} = ${input.course.slug} and ${evaluating}
      on conflict (${bare(evaluations.applicationId)}) do update set ${sql.join(
        replaced.map((column) => sql`${bare(column)} = excluded.${bare(column)}`),
        sql`, `,
      )}
      returning ${bare(evaluations.createdAt)}, ${bare(evaluations.updatedAt)}`),
  );
  const row = written.rows[0];
  if (!row) return { ok: false, refusal: 'not-found' };
  const { createdAt, updatedAt } = fromRow(evaluations, row);
  return { ok: true, created: createdAt.getTime() === updatedAt.getTime() };
}

/**
 * The answers to one course's evaluation, of one country's participants when `country` is given,
 * and how many participants could answer (attended or completed).
 */
export async function evaluationResponses(client: Client, courseSlug: string, country?: string): Promise<{ responses: EvaluationResponse[]; invited: number }> {
  const [answered, invited] = await client.batch(
    [
      statement(sql`select * from ${evaluations} where ${evaluations.courseSlug} = ${courseSlug}${country === undefined ? sql`` : sql` and ${evaluations.country} = ${country}`}`),
      statement(sql`select count(*) as ${sql.identifier('invited')} from ${applications} where ${applications.courseSlug} = ${courseSlug} and ${evaluating}
        ${country === undefined ? sql`` : sql` and ${applications.country} = ${country}`}`),
    ],
    'read',
  );
  const responses = (answered?.rows ?? []).map((row) => {
    const evaluation = fromRow(evaluations, row);
    return { ...toAnswers(evaluation), country: evaluation.country, gender: evaluation.gender };
  });
  return { responses, invited: Number(invited?.rows[0]?.invited ?? 0) };
}

/** What staff see of a course: every response, summed up, with the small groups merged. */
export async function courseEvaluation(client: Client, courseSlug: string): Promise<EvaluationReport> {
  const { responses, invited } = await evaluationResponses(client, courseSlug);
  return evaluationReport(responses, invited);
}

/**
 * What a focal point sees: their own country's responses, summed up, and only when there are
 * `minimumGroup` or more of them (null otherwise, with nothing computed from them).
 */
export async function countryEvaluation(client: Client, courseSlug: string, country: string): Promise<EvaluationReport | null> {
  const { responses, invited } = await evaluationResponses(client, courseSlug, country);
  return responses.length >= minimumGroup ? evaluationReport(responses, invited) : null;
}

/**
 * The courses `country`'s participants attended, for a focal point's list of evaluations. Chosen
 * by attendance, which the focal point already sees, not by responses: a list of courses "with
 * an answer" would tell them that someone answered while there are still fewer than 5.
 */
export async function coursesAttendedFrom(client: Client, country: string): Promise<string[]> {
  const found = await client.execute(
    statement(sql`select distinct ${applications.courseSlug} from ${applications} where ${applications.country} = ${country} and ${evaluating} order by ${applications.courseSlug}`),
  );
  return found.rows.map((row) => fromRow(applications, row).courseSlug);
}

/**
 * The mail that invites a participant to evaluate the course, for `moveApplication`'s `mail`
 * parameter on the move to attended: the link in each language, since the recipient's is read
 * from the database as the batch runs.
 */
export function evaluationMail(origin: string | undefined, courseSlug: string, courseTitle: OutboxText): OutboxMessage {
  // Without the site's address the mail points to "My applications" instead of a link.
  if (!origin) return { kind: 'evaluation', values: { courseTitle } };
  const link = Object.fromEntries(locales.map((locale: Locale) => [locale, new URL(evaluationPath(locale, courseSlug), origin).href]));
  return { kind: 'evaluation', values: { courseTitle, link } };
}

export function evaluationPath(locale: Locale, courseSlug: string): string {
  return localizedPath(locale, `account/evaluations/${courseSlug}`);
}
