import type { ApplicationStatus } from '../application-states.ts';
import { courseBySlug, offeringOf } from '../content/courses.ts';
import type { EmailKind } from '../i18n/mail/index.ts';
import { actorOf } from './access.ts';
import { findApplication, moveApplication, type Moved, type Result } from './applications.ts';
import { database } from './site-database.ts';
import { courseMailExtras } from './course-mail.ts';
import { evaluationMail } from './evaluations.ts';
import type { User } from './sessions.ts';

/**
 * Moves asked for by a person of the account area (endorse, accept, withdraw…), on plain data:
 * checked by the state machine for this user, carried out, and the people concerned told by mail.
 * The pages turn the results into statuses (`src/http/`).
 */

/** The mail an applicant gets when their application reaches a state. */
const mailFor: Partial<Record<ApplicationStatus, EmailKind>> = {
  endorsed: 'endorsed',
  declined: 'declined',
  accepted: 'accepted',
  waitlisted: 'waitlisted',
  rejected: 'rejected',
  completed: 'completed',
};

export interface MoveRequest {
  applicationId: number;
  to: ApplicationStatus;
  reason?: string | undefined;
  /** The site's public address (`publicOrigin`), for the link in the mail that invites an attendee to evaluate the course. */
  origin?: string | undefined;
}

/** One move on behalf of `user`; its mails are written by the same write batch (issue 12). */
export async function moveAs(user: User, { applicationId, to, reason, origin }: MoveRequest): Promise<Result<Moved>> {
  const { client } = await database();
  const application = await findApplication(client, applicationId);
  const course = application && (await courseBySlug(application.courseSlug));
  if (!application || !course) return { ok: false, refusal: 'not-found' };
  const courseTitle = course.data.title;
  const kind = mailFor[to];
  // Joining instructions and the calendar file with an acceptance, the certificate's link with a completion (issue 11).
  const extras = courseMailExtras(course, to);
  return moveApplication(client, {
    actor: actorOf(user),
    applicationId,
    to,
    course: offeringOf(course),
    ...(reason ? { reason } : {}),
    mail: {
      // Attendance invites the participant to evaluate the course (issue 11).
      applicant:
        to === 'attended'
          ? evaluationMail(origin, course.id, courseTitle)
          : kind && { kind, values: { courseTitle, ...(reason ? { reason } : {}), ...extras.applicant } },
      promoted: { kind: 'promoted', values: { courseTitle, ...extras.promoted } },
    },
    ...(extras.certificateCode ? { certificateCode: extras.certificateCode } : {}),
  });
}

/**
 * The same move for many applications at once (staff's bulk actions). Each goes through the
 * state machine on its own; the answer counts how many moved and how many were refused.
 */
export async function moveEachAs(
  user: User,
  { applicationIds, to, reason, origin }: { applicationIds: readonly number[]; to: ApplicationStatus; reason?: string | undefined; origin?: string | undefined },
): Promise<{ moved: number; refused: number }> {
  let moved = 0;
  for (const applicationId of applicationIds) {
    if ((await moveAs(user, { applicationId, to, reason, origin })).ok) moved += 1;
  }
  return { moved, refused: applicationIds.length - moved };
}
