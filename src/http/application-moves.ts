import type { ApplicationStatus } from '#lib/application-states.ts';
import type { FieldErrors } from '#lib/forms.ts';
import type { MessageKey } from '#lib/i18n/index.ts';
import type { Result } from '#lib/server/applications.ts';
import { refuseDomain, type FormState, type Refused } from './form.ts';

/**
 * The HTTP edge of the application forms (focal-point and staff pages): domain results become
 * a form's outcome through the one mapping of refusals to statuses, `refuseDomain`.
 */

/**
 * A domain result as `handleForm`'s `run` returns it on these pages: the message to show when it
 * went through, or the refusal with its status (404 when nothing is there, else 409).
 */
export function outcome(result: Result<unknown>, done: MessageKey = 'account.saved'): MessageKey | Refused {
  return result.ok ? done : refuseDomain(result.refusal);
}

/** A message that says what was done, to whom: "Accepted: Aynur Aliyeva." */
export interface Done {
  done: MessageKey;
  values: Record<string, string>;
}

/** What each move of the state machine did, as its page says it once it went through. */
export const movedMessages: Record<ApplicationStatus, MessageKey> = {
  submitted: 'apply.sent',
  endorsed: 'moved.endorsed',
  declined: 'moved.declined',
  accepted: 'moved.accepted',
  waitlisted: 'moved.waitlisted',
  rejected: 'moved.rejected',
  withdrawn: 'moved.withdrawn',
  attended: 'moved.attended',
  completed: 'moved.completed',
};

/** The address of `page` after a confirmed move, saying which (see `doneOnReturn`). */
export function afterMove(page: string, applicationId: number, to: ApplicationStatus): string {
  return `${page}?${new URLSearchParams({ moved: to, application: String(applicationId) })}`;
}

/**
 * Pages holding a small form per row (rank, endorse, substitute) show one notice at the top
 * instead of errors beside fields: the field's own message where it says what to do (a name
 * holding a link, a missing reason), otherwise "Check this value".
 */
export function rowFormNotice(errors: FieldErrors | undefined, notice: MessageKey | undefined): MessageKey | undefined {
  if (!errors) return notice;
  if (errors.fullName === 'form.nameLink') return 'form.nameLink';
  return errors.reason ?? 'form.invalid';
}

/**
 * The notice and its kind for a form's state on those pages; a `run` that answered with
 * `outcome` names its own message. `unposted` is shown when nothing was posted.
 */
export function noticeOf(
  form: FormState<unknown>,
  unposted?: MessageKey | Done,
): { notice: MessageKey | undefined; values?: Record<string, string> | undefined; failed: boolean } {
  if (!form.posted) return { ...asNotice(unposted), failed: false };
  if (!form.ok) return { notice: rowFormNotice(form.errors, form.notice), failed: true };
  const said = asNotice(form.result as MessageKey | Done | undefined);
  return said.notice ? { ...said, failed: false } : { notice: form.notice, failed: false };
}

function asNotice(said: unknown): { notice: MessageKey | undefined; values?: Record<string, string> | undefined } {
  if (typeof said === 'string') return { notice: said as MessageKey };
  if (typeof said === 'object' && said !== null && 'done' in said) return { notice: (said as Done).done, values: (said as Done).values };
  return { notice: undefined };
}
