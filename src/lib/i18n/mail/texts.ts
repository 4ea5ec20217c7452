/** What every language's mail texts provide, and the values a mail may carry. */

export const emailKinds = [
  'verify-email',
  'reset-password',
  'set-password',
  'application-received',
  'endorsed',
  'declined',
  'accepted',
  'waitlisted',
  'rejected',
  'promoted',
  'nominated',
  // Contributed practices (issue 10)
  'practice-submitted',
  'practice-to-endorse',
  'practice-endorsed',
  'practice-returned',
  'practice-to-review',
  'practice-in-review',
  'practice-changes-requested',
  'practice-resubmitted',
  'practice-accepted',
  'practice-published',
  'practice-declined',
  'practice-withdrawn',
  // Issue 11: certificates
  'completed',
  // Issue 11: course evaluation
  'evaluation',
] as const;

export type EmailKind = (typeof emailKinds)[number];

export interface EmailValues {
  /** The recipient's full name, for the greeting. */
  name: string;
  /** The one link the recipient should open; required by the account kinds. */
  link?: string;
  /** The course title, already in the recipient's language where a translation exists. */
  courseTitle?: string;
  /** Why an application was declined or rejected, as written by the person who decided. */
  reason?: string;
  /** By when a nominee should set their password or sign in, already formatted for the reader. */
  deadline?: string;
  /** A contributed practice's title, as its proposer wrote it (issue 10). */
  practiceTitle?: string;
  /** An accepted practice's address segment. */
  slug?: string | null;
  /** The site's public address; a practice's mail builds its link in the reader's language from it. */
  site?: string;
  /** The course's joining instructions, for an accepted participant. */
  joining?: string;
  /** Whether the course's calendar file is attached (course.ics). */
  calendar?: boolean;
  /** Whether the participant can print a letter of acceptance (a course held in person). */
  letter?: boolean;
}

/** The subject and the paragraphs between the greeting and the closing. */
export interface Draft {
  subject: string;
  paragraphs: Array<string | false | undefined>;
}

/** One language's mails, as a dictionary holds one language's interface texts. */
export interface MailTexts {
  greeting(name: string): string;
  closing: string;
  kinds: Record<EmailKind, (values: EmailValues) => Draft>;
}

/** A link on the site in the mail's language: `path` under `/{lang}/`, on the public address `site`. */
export function siteLink(site: string | undefined, language: string, path: string): string | undefined {
  if (!site) return undefined;
  try {
    return new URL(`/${language}/${path.replace(/^\/+|\/+$/g, '')}/`, site).href;
  } catch {
    return undefined;
  }
}
