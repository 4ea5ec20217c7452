import { randomBytes } from 'node:crypto';
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { createTransport, type SendMailOptions } from 'nodemailer';
import type { Locale } from '../i18n/locales.ts';

export interface MailerConfig {
  /** smtp://host:port or smtps://user:pass@host:465; without it, mail goes to the outbox folder. */
  smtpUrl?: string | undefined;
  /** The From header, e.g. `SESRIC <no-reply@example.org>`. */
  from: string;
  /** Where .eml files are written when there is no SMTP server. */
  outboxDir: string;
}

export interface OutgoingEmail {
  to: string;
  subject: string;
  text: string;
  language: Locale;
  /** A Message-ID that stays the same when the same outbox message is sent again. */
  messageId?: string;
  /** Files sent with the message (a course's calendar file). */
  attachments?: MailAttachment[];
}

export interface MailAttachment {
  filename: string;
  contentType: string;
  content: string;
}

export interface Mailer {
  send(email: OutgoingEmail): Promise<void>;
  close(): void;
}

/**
 * A mailer that sends through SMTP when `smtpUrl` is set, and otherwise writes each message to
 * `outboxDir` and logs its links, so a developer working offline can still follow them.
 */
export function createMailer(config: MailerConfig): Mailer {
  const smtpUrl = config.smtpUrl?.trim();
  const compose = (email: OutgoingEmail): SendMailOptions => ({
    from: config.from,
    to: email.to,
    subject: email.subject,
    text: email.text,
    headers: { 'Content-Language': email.language },
    ...(email.messageId ? { messageId: email.messageId } : {}),
    ...(email.attachments?.length ? { attachments: email.attachments.map((file) => ({ ...file })) } : {}),
  });

  if (smtpUrl) {
    checkSmtpUrl(smtpUrl);
    const smtp = createTransport({
      url: smtpUrl,
      pool: true,
      // Sends run after the page has answered; a silent server should still fail in seconds.
      connectionTimeout: 10_000,
      greetingTimeout: 10_000,
      socketTimeout: 30_000,
    });
    return {
      async send(email: OutgoingEmail): Promise<void> {
        await smtp.sendMail(compose(email));
      },
      close(): void {
        smtp.close();
      },
    };
  }

  const outbox = createTransport({ streamTransport: true, buffer: true });
  return {
    async send(email: OutgoingEmail): Promise<void> {
      const { message } = await outbox.sendMail(compose(email));
      if (!Buffer.isBuffer(message)) throw new Error('the outbox transport returned a stream, not a buffer');
      await writeToOutbox(config.outboxDir, message);
      for (const link of linksIn(email.text)) console.info(`[outbox] ${email.to}: ${link}`);
    },
    close(): void {
      outbox.close();
    },
  };
}

/** The http(s) links in a plain-text message, without the punctuation that may close a sentence. */
function linksIn(text: string): string[] {
  return [...text.matchAll(/https?:\/\/[^\s<>"«»]+/g)].map((match) => match[0].replace(/[.,;:!?)\]'’]+$/, ''));
}

function checkSmtpUrl(smtpUrl: string): void {
  let protocol: string;
  try {
    protocol = new URL(smtpUrl).protocol;
  } catch {
    // The URL may hold a password, so it is never repeated in the message.
    throw new Error('SMTP_URL is not a valid URL; expected smtp://host:port or smtps://user:pass@host:465');
  }
  if (protocol !== 'smtp:' && protocol !== 'smtps:') {
    throw new Error(`SMTP_URL must start with smtp:// or smtps://, not ${protocol}//`);
  }
}

async function writeToOutbox(outboxDir: string, message: Buffer): Promise<void> {
  await mkdir(outboxDir, { recursive: true });
  // Colons are not allowed in Windows file names; the name still sorts by time.
  const stamp = new Date().toISOString().replaceAll(':', '-');
  const file = join(outboxDir, `${stamp}-${randomBytes(4).toString('hex')}.eml`);
  await writeFile(file, message, { flag: 'wx' });
}
