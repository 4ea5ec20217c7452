import { MAIL_FROM, OUTBOX_DIR, SMTP_URL } from 'astro:env/server';
import { createMailer, type Mailer, type OutgoingEmail } from './mailer.ts';

let mailer: Mailer | undefined;

function theMailer(): Mailer {
  mailer ??= createMailer({ smtpUrl: SMTP_URL, from: MAIL_FROM, outboxDir: OUTBOX_DIR });
  return mailer;
}

/**
 * Hands one message to the mail server (or the folder of .eml files). Only the outbox sender
 * calls it (src/lib/server/outbox.ts): every message is first written to the outbox table with
 * the change it reports, so a crash loses neither one without the other (issue 12).
 */
export function sendEmail(email: OutgoingEmail): Promise<void> {
  return theMailer().send(email);
}
