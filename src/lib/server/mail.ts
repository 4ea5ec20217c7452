import { MAIL_FROM, OUTBOX_DIR, SMTP_URL } from 'astro:env/server';
import { emailMessage, type EmailKind, type EmailValues } from '../email-messages.ts';
import { createMailer, type Mailer } from './mailer.ts';

let mailer: Mailer | undefined;

function theMailer(): Mailer {
  mailer ??= createMailer({ smtpUrl: SMTP_URL, from: MAIL_FROM, outboxDir: OUTBOX_DIR });
  return mailer;
}

export interface Recipient {
  email: string;
  fullName: string;
  preferredLanguage: 'en' | 'fr' | 'ar';
}

/**
 * Sends one of the platform's messages in the recipient's language, without making the page
 * wait: a slow or silent mail server never delays the answer, and how long an answer takes
 * never tells whether an address is registered. A failure is logged, never shown: the change the
 * message reports has already been made.
 */
export function notify(recipient: Recipient, kind: EmailKind, values: Omit<EmailValues, 'name'> = {}): void {
  const { subject, text } = emailMessage(kind, recipient.preferredLanguage, { ...values, name: recipient.fullName });
  theMailer()
    .send({ to: recipient.email, subject, text, language: recipient.preferredLanguage })
    .catch((error: unknown) => console.error(`mail "${kind}" to ${recipient.email} failed:`, error));
}
