import { applicationStatuses, type ApplicationStatus } from '#lib/application-states.ts';
import { courseBySlug } from '#lib/content/courses.ts';
import type { Locale, MessageKey } from '#lib/i18n/index.ts';
import { pickText } from '#lib/localized-text.ts';
import type { Result } from '#lib/server/applications.ts';
import { roster } from '#lib/server/rosters.ts';
import type { User } from '#lib/server/sessions.ts';
import { database } from '#lib/server/site-database.ts';
import { movedMessages, type Done } from './application-moves.ts';
import { refuseDomain, type Refused } from './form.ts';

/**
 * What the account pages say once a change to an application went through (issue 15):
 * what was done, to whom, read from the database as the viewer may see it. The pure parts (the
 * messages, the notice of a form's state, the address after a confirmation) are in application-moves.ts.
 */

/**
 * The same for a change to one application: when it went through, the message says what was
 * done, to whom (`doneWith`); otherwise the refusal with its status.
 */
export async function outcomeFor(
  viewer: User,
  result: Result<unknown>,
  applicationId: number,
  what: ApplicationStatus | 'ranked' | 'substituted',
  locale: Locale,
  options: { own?: boolean } = {},
): Promise<MessageKey | Done | Refused> {
  if (!result.ok) return refuseDomain(result.refusal);
  return (await doneWith(viewer, applicationId, what, locale, options)) ?? 'account.saved';
}

/** A name or title inside a sentence, isolated so that a right-to-left name keeps its place in a left-to-right sentence (and back). */
const isolated = (text: string) => `\u2068${text}\u2069`;

/**
 * The message for a change that went through on application `applicationId`, read as `viewer`
 * may see it (another's application is not found, and then nothing is said): "Accepted: {name}."
 * for a focal point's or staff's move, "Your application to {course} was withdrawn." for one's own.
 * `what` is the move's new status, or `ranked`/`substituted` for the focal point's other changes.
 */
export async function doneWith(
  viewer: User,
  applicationId: number,
  what: ApplicationStatus | 'ranked' | 'substituted',
  locale: Locale,
  options: { own?: boolean } = {},
): Promise<Done | undefined> {
  const { db } = await database();
  const [row] = await roster(db, viewer, { applicationId, ...(options.own ? { applicantId: viewer.id } : {}) });
  if (!row) return undefined;
  if (options.own) {
    if (what !== 'withdrawn') return undefined;
    const course = await courseBySlug(row.courseSlug);
    return { done: 'moved.ownWithdrawn', values: { course: isolated(course ? pickText(course.data.title, locale).text : row.courseSlug) } };
  }
  const name = isolated(row.fullName ?? '—');
  if (what === 'ranked') return { done: 'moved.ranked', values: { name } };
  if (what === 'substituted') return { done: 'moved.substituted', values: { name } };
  return { done: movedMessages[what], values: { name } };
}

/**
 * The message for a page reached again after a confirmation page's move went through: the
 * address says which move (`?moved=declined&application=12`), never whose name, and the page reads
 * the name as its viewer may see it.
 */
export async function doneOnReturn(viewer: User, search: URLSearchParams, locale: Locale, options: { own?: boolean } = {}): Promise<Done | undefined> {
  const moved = search.get('moved') as ApplicationStatus | null;
  const applicationId = Number(search.get('application'));
  if (!moved || !applicationStatuses.includes(moved) || !Number.isInteger(applicationId) || applicationId <= 0) return undefined;
  return doneWith(viewer, applicationId, moved, locale, options);
}

