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
export function noticeOf(form: FormState<unknown>, unposted?: MessageKey): { notice: MessageKey | undefined; failed: boolean } {
  if (!form.posted) return { notice: unposted, failed: false };
  if (!form.ok) return { notice: rowFormNotice(form.errors, form.notice), failed: true };
  return { notice: typeof form.result === 'string' ? (form.result as MessageKey) : form.notice, failed: false };
}
