import { nameForMail, textForMail } from '../../names.ts';
import type { Locale } from '../locales.ts';
import { arabic } from './ar.ts';
import { english } from './en.ts';
import { french } from './fr.ts';
import type { EmailKind, EmailValues, MailTexts } from './texts.ts';

export { emailKinds, type EmailKind, type EmailValues } from './texts.ts';

export interface EmailMessage {
  subject: string;
  text: string;
}

const mailTexts: Record<Locale, MailTexts> = { en: english, fr: french, ar: arabic };

/** These kinds are useless without their link, so a missing one is a bug in the caller. */
const needsLink: ReadonlySet<EmailKind> = new Set(['verify-email', 'reset-password', 'set-password', 'completed']);

/**
 * What people typed that a mail quotes, in subject or body: a practice's title (its proposer),
 * a reason or comment (a focal point, staff). Written with `textForMail`, so that a title such as
 * "re-verify at https://evil.example/login" reaches no one as a link; the course title, joining
 * instructions and links come from the site's own content and code and are left as they are.
 */
function unlinkable(values: EmailValues): EmailValues {
  return {
    ...values,
    ...(values.practiceTitle ? { practiceTitle: textForMail(values.practiceTitle) } : {}),
    ...(values.reason ? { reason: textForMail(values.reason) } : {}),
  };
}

/**
 * One of the platform's messages in the recipient's language: a greeting with their name, what
 * happened and what to do next, the link on a line of its own, and the platform's closing.
 */
export function emailMessage(kind: EmailKind, language: Locale, values: EmailValues): EmailMessage {
  if (needsLink.has(kind) && !values.link) throw new Error(`the "${kind}" email needs a link`);
  const { greeting, closing, kinds } = mailTexts[language];
  const { subject, paragraphs } = kinds[kind](unlinkable(values));
  const body = paragraphs.filter((paragraph): paragraph is string => Boolean(paragraph));
  return { subject, text: [greeting(nameForMail(values.name)), ...body, closing].join('\n\n') + '\n' };
}
