import type { AstroGlobal } from 'astro';
import type { ApplicationStatus } from '../application-states.ts';
import { courseBySlug, offeringOf } from '../content/courses.ts';
import type { EmailKind } from '../i18n/mail/index.ts';
import { readForm } from '../forms.ts';
import type { MessageKey } from '../i18n/index.ts';
import { actorOf } from './access.ts';
import { findApplication, moveApplication } from './applications.ts';
import { courseMailExtras } from './course-mail.ts';
import { database } from './db.ts';
import { moveInput } from './inputs.ts';
import type { User } from './sessions.ts';

/** The mail an applicant gets when their application reaches a state. */
const mailFor: Partial<Record<ApplicationStatus, EmailKind>> = {
  endorsed: 'endorsed',
  declined: 'declined',
  accepted: 'accepted',
  waitlisted: 'waitlisted',
  rejected: 'rejected',
  completed: 'completed',
};

const oneMove = moveInput.omit({ applicationId: true });

/**
 * The same move for many applications at once (staff's bulk actions). Each goes through the
 * state machine on its own; the answer counts how many moved and how many were refused.
 */
export async function handleBulkMove(page: AstroGlobal, user: User, form: FormData): Promise<{ moved: number; refused: number } | null> {
  const result = readForm(form, oneMove);
  const ids = form.getAll('applicationIds').map(Number).filter((id) => Number.isInteger(id) && id > 0);
  if (!result.ok || ids.length === 0) {
    page.response.status = 422;
    return null;
  }
  let moved = 0;
  for (const applicationId of ids) {
    const single = new FormData();
    single.set('applicationId', String(applicationId));
    single.set('to', result.data.to);
    if (result.data.reason) single.set('reason', result.data.reason);
    if ((await handleMove(page, user, single)).ok) moved += 1;
  }
  page.response.status = moved === ids.length ? 200 : 409;
  return { moved, refused: ids.length - moved };
}

/**
 * A posted move (endorse, accept, withdraw…) from any page of the account area: read, checked by
 * the state machine for this user, carried out, and the people concerned told by mail.
 * Returns the message to show; sets the response status on refusal.
 */
export async function handleMove(page: AstroGlobal, user: User, form: FormData): Promise<{ notice: MessageKey; ok: boolean }> {
  const result = readForm(form, moveInput);
  if (!result.ok) {
    page.response.status = 422;
    return { notice: result.errors.reason ?? 'form.invalid', ok: false };
  }
  const { applicationId, to, reason } = result.data;
  const { client } = await database();
  const application = await findApplication(client, applicationId);
  const course = application && (await courseBySlug(application.courseSlug));
  if (!application || !course) {
    page.response.status = 404;
    return { notice: 'refusal.not-found', ok: false };
  }
  // The mails are written to the outbox by the same write batch as the move (issue 12).
  const courseTitle = course.data.title;
  const kind = mailFor[to];
  const extras = courseMailExtras(course, to);
  const moved = await moveApplication(client, {
    actor: actorOf(user),
    applicationId,
    to,
    course: offeringOf(course),
    ...(reason ? { reason } : {}),
    mail: {
      applicant: kind && { kind, values: { courseTitle, ...(reason ? { reason } : {}), ...extras.applicant } },
      promoted: { kind: 'promoted', values: { courseTitle, ...extras.promoted } },
    },
    ...(extras.certificateCode ? { certificateCode: extras.certificateCode } : {}),
  });
  if (!moved.ok) {
    page.response.status = moved.refusal === 'not-found' ? 404 : 409;
    return { notice: `refusal.${moved.refusal}`, ok: false };
  }
  return { notice: 'account.saved', ok: true };
}
