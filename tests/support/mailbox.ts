import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { SMTPServer } from 'smtp-server';

/** Reading what the site sent to the test SMTP server. */
export interface ReceivedMail {
  to: string;
  subject: string;
  language: string;
  text: string;
  links: string[];
  /** Files sent with the message (multipart/mixed), decoded as UTF-8 text. */
  attachments: { filename: string; contentType: string; content: string }[];
}

function header(head: string, name: string): string {
  const unfolded = head.replace(/\r?\n[ \t]+/g, ' ');
  return unfolded.match(new RegExp(`^${name}:\\s*(.*)$`, 'im'))?.[1]?.trim() ?? '';
}

/** RFC 2047 encoded words, as nodemailer writes non-ASCII subjects. */
function decodeWords(value: string): string {
  return value.replace(/=\?utf-8\?([bq])\?([^?]*)\?=\s*/gi, (_, kind: string, data: string) =>
    kind.toLowerCase() === 'b'
      ? Buffer.from(data, 'base64').toString('utf8')
      : Buffer.from(data.replace(/_/g, ' ').replace(/=([0-9A-F]{2})/gi, (_m, hex: string) => String.fromCharCode(Number.parseInt(hex, 16))), 'latin1').toString('utf8'),
  );
}

function decodeBody(body: string, encoding: string): string {
  if (/base64/i.test(encoding)) return Buffer.from(body.replace(/\s+/g, ''), 'base64').toString('utf8');
  if (/quoted-printable/i.test(encoding)) {
    const bytes = body.replace(/=\r?\n/g, '').replace(/=([0-9A-F]{2})/gi, (_m, hex: string) => String.fromCharCode(Number.parseInt(hex, 16)));
    return Buffer.from(bytes, 'latin1').toString('utf8');
  }
  return body;
}

/** A part of a message: its head and its body, decoded. */
function splitPart(raw: string): { head: string; body: string } {
  const split = raw.search(/\r?\n\r?\n/);
  const head = split < 0 ? raw : raw.slice(0, split);
  return { head, body: split < 0 ? '' : decodeBody(raw.slice(split).trim(), header(head, 'Content-Transfer-Encoding')) };
}

export function parseMail(raw: string): ReceivedMail {
  const { head, body } = splitPart(raw);
  let text = body;
  const attachments: ReceivedMail['attachments'] = [];
  const boundary = header(head, 'Content-Type').match(/multipart\/[a-z]+;.*boundary="?([^";]+)"?/i)?.[1];
  if (boundary) {
    const raws = raw.split(`--${boundary}`).slice(1, -1);
    text = '';
    for (const part of raws.map((p) => splitPart(p.replace(/^\r?\n/, '')))) {
      const type = header(part.head, 'Content-Type');
      const filename = header(part.head, 'Content-Disposition').match(/filename="?([^";]+)"?/i)?.[1] ?? type.match(/name="?([^";]+)"?/i)?.[1];
      if (filename) attachments.push({ filename, contentType: type, content: part.body });
      else if (/^text\/plain/i.test(type) && !text) text = part.body;
    }
  }
  return {
    to: header(head, 'To'),
    subject: decodeWords(header(head, 'Subject')),
    language: header(head, 'Content-Language'),
    text,
    links: [...text.matchAll(/https?:\/\/[^\s<>"«»]+/g)].map((m) => m[0].replace(/[.,;:!?)\]'’]+$/, '')),
    attachments,
  };
}

export function mailsTo(mailDir: string, address: string): ReceivedMail[] {
  return readdirSync(mailDir)
    .sort()
    .map((file) => parseMail(readFileSync(join(mailDir, file), 'utf8')))
    .filter((mail) => mail.to.includes(address));
}

/** Waits for the `count`-th message to `address` (mail is sent while the page answers). */
export async function waitForMail(mailDir: string, address: string, count = 1, timeoutMs = 10_000): Promise<ReceivedMail> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const mails = mailsTo(mailDir, address);
    if (mails.length >= count) return mails[count - 1]!;
    if (Date.now() > deadline) throw new Error(`no message number ${count} to ${address} within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/**
 * A real SMTP server on a free port of 127.0.0.1 that hands each message it receives, with its
 * envelope's recipients, to `onMessage` (the e2e setup keeps them as files, the crash drill counts them).
 */
export async function startMailCatcher(onMessage: (raw: Buffer, recipients: string[]) => void): Promise<{ url: string; stop: () => Promise<void> }> {
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      stream.on('end', () => {
        onMessage(Buffer.concat(chunks), session.envelope.rcptTo.map((to) => to.address));
        callback();
      });
    },
  });
  await new Promise<void>((resolve, reject) => {
    server.server.once('error', reject);
    server.listen(0, '127.0.0.1', resolve);
  });
  const address = server.server.address();
  if (typeof address !== 'object' || !address) throw new Error('the mail catcher has no port');
  return { url: `smtp://127.0.0.1:${address.port}`, stop: () => new Promise((resolve) => server.close(() => resolve())) };
}
