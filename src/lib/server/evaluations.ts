import type { Client } from '@libsql/client';
import type { ApplicationStatus } from '../application-states.ts';
import { evaluationReport, minimumGroup, ratingKeys, type EvaluationAnswers, type EvaluationReport, type EvaluationResponse } from '../evaluation-summary.ts';
import { locales, type Locale } from '../i18n/locales.ts';
import { localizedPath } from '../i18n/paths.ts';
import type { OutboxMessage, OutboxText } from './outbox.ts';

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
const evaluating = evaluatingStatuses.map((status) => `'${status}'`).join(', ');

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
  const found = await client.execute({
    sql: `select a.id as application_id, e.* from applications a left join evaluations e on e.application_id = a.id
          where a.user_id = ? and a.course_slug = ? and a.status in (${evaluating})`,
    args: [userId, courseSlug],
  });
  const row = found.rows[0];
  if (!row) return null;
  return { applicationId: Number(row.application_id), evaluation: row.id === null ? null : toStored(row as unknown as Record<string, unknown>) };
}

function toStored(row: Record<string, unknown>): StoredEvaluation {
  return {
    ...toAnswers(row),
    createdAt: new Date(Number(row.created_at)),
    updatedAt: new Date(Number(row.updated_at)),
  };
}

function toAnswers(row: Record<string, unknown>): EvaluationAnswers {
  return {
    relevance: Number(row.relevance),
    content: Number(row.content),
    trainers: Number(row.trainers),
    organisation: Number(row.organisation),
    overall: Number(row.overall),
    recommend: Boolean(row.recommend),
    applyAtWork: String(row.apply_at_work ?? ''),
    suggestions: String(row.suggestions ?? ''),
  };
}

export type SaveRefusal = 'not-found' | 'evaluation-closed';

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
  const written = await client.execute({
    sql: `insert into evaluations (application_id, course_slug, country, gender, ${ratingKeys.join(', ')}, recommend, apply_at_work, suggestions, created_at, updated_at)
          select a.id, a.course_slug, a.country, u.gender, :relevance, :content, :trainers, :organisation, :overall, :recommend, :applyAtWork, :suggestions, :at, :at
          from applications a join users u on u.id = a.user_id
          where a.user_id = :user and a.course_slug = :course and a.status in (${evaluating})
          on conflict (application_id) do update set
            relevance = excluded.relevance, content = excluded.content, trainers = excluded.trainers,
            organisation = excluded.organisation, overall = excluded.overall, recommend = excluded.recommend,
            apply_at_work = excluded.apply_at_work, suggestions = excluded.suggestions, updated_at = excluded.updated_at
          returning created_at, updated_at`,
    args: {
      relevance: answers.relevance,
      content: answers.content,
      trainers: answers.trainers,
      organisation: answers.organisation,
      overall: answers.overall,
      recommend: answers.recommend ? 1 : 0,
      applyAtWork: answers.applyAtWork,
      suggestions: answers.suggestions,
      at: now.getTime(),
      user: input.userId,
      course: input.course.slug,
    },
  });
  const row = written.rows[0];
  if (!row) return { ok: false, refusal: 'not-found' };
  return { ok: true, created: Number(row.created_at) === Number(row.updated_at) };
}

/**
 * The answers to one course's evaluation, of one country's participants when `country` is given,
 * and how many participants could answer (attended or completed).
 */
export async function evaluationResponses(client: Client, courseSlug: string, country?: string): Promise<{ responses: EvaluationResponse[]; invited: number }> {
  const [answered, invited] = await client.batch(
    [
      {
        sql: `select * from evaluations where course_slug = :course and (:country is null or country = :country)`,
        args: { course: courseSlug, country: country ?? null },
      },
      {
        sql: `select count(*) as invited from applications where course_slug = :course and status in (${evaluating})
              and (:country is null or country = :country)`,
        args: { course: courseSlug, country: country ?? null },
      },
    ],
    'read',
  );
  const responses = (answered?.rows ?? []).map((row) => {
    const record = row as unknown as Record<string, unknown>;
    return { ...toAnswers(record), country: String(record.country), gender: String(record.gender) };
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
  const found = await client.execute({
    sql: `select distinct course_slug from applications where country = ? and status in (${evaluating}) order by course_slug`,
    args: [country],
  });
  return found.rows.map((row) => String(row.course_slug));
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
