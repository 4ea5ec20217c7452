import type { ApplicationStatus } from '../application-states.ts';
import { acceptanceMailValues, certificateLinks } from '../content/course-extras.ts';
import type { CourseEntry } from '../content/courses.ts';
import { newDocumentCode } from './certificates.ts';
import type { OutboxValues } from './outbox.ts';
import { publicOrigin } from '#http/links.ts';

/**
 * The site's public address for links in mails written outside a page's reach (a move is plain
 * data): `publicOrigin`, decided as the server runs.
 */
export function siteOrigin(): string {
  return publicOrigin();
}

/**
 * What a move's mails carry beyond the course title (issue 11): an acceptance brings the joining
 * instructions and the calendar file (so does a promotion from the waiting list into the seat
 * freed), a completion the link to the new certificate, whose code is chosen here so the link
 * can be written in the same batch.
 */
export function courseMailExtras(
  course: CourseEntry,
  to: ApplicationStatus,
  /** The site's public address, for the links. */
  origin: string = siteOrigin(),
): { applicant: OutboxValues; promoted: OutboxValues; certificateCode?: string } {
  const acceptance = acceptanceMailValues(course, origin);
  if (to === 'completed') {
    const certificateCode = newDocumentCode();
    return { applicant: { link: certificateLinks(certificateCode, origin) }, promoted: acceptance, certificateCode };
  }
  return { applicant: to === 'accepted' ? acceptance : {}, promoted: acceptance };
}
