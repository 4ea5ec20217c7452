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
 * Sends one of the platform's messages in the recipient's language. A mail failure is logged,
 * never shown as an error page: the change it reports has already been made.
 */
export async function notify(recipient: Recipient, kind: EmailKind, values: Omit<EmailValues, 'name'> = {}): Promise<void> {
  const { subject, text } = emailMessage(kind, recipient.preferredLanguage, { ...values, name: recipient.fullName });
  try {
    await theMailer().send({ to: recipient.email, subject, text, language: recipient.preferredLanguage });
  } catch (error) {
    console.error(`mail "${kind}" to ${recipient.email} failed:`, error);
  }
}
