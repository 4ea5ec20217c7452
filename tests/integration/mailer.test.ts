import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SMTPServer } from 'smtp-server';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { emailMessage } from '#lib/i18n/mail/index.ts';
import { createMailer, type Mailer } from '#lib/server/mailer.ts';

const from = 'SESRIC <no-reply@localhost>';

interface ReceivedMail {
  rcptTo: string[];
  raw: string;
}

interface ParsedMail {
  headers: Map<string, string>;
  body: string;
}

let folder: string;
let mailer: Mailer | undefined;

beforeEach(async () => {
  folder = await mkdtemp(join(tmpdir(), 'oic-mail-'));
});
afterEach(async () => {
  mailer?.close();
  mailer = undefined;
  vi.restoreAllMocks();
  await rm(folder, { recursive: true, force: true });
});

describe('sending through SMTP', () => {
  let server: SMTPServer;
  let received: ReceivedMail[];
  let port: number;

  beforeEach(async () => {
    received = [];
    server = new SMTPServer({
      authOptional: true,
      disabledCommands: ['STARTTLS'],
      logger: false,
      onRcptTo(address, _session, callback) {
        callback(address.address.startsWith('refused@') ? new Error('mailbox unavailable') : null);
      },
      onData(stream, session, callback) {
        const chunks: Buffer[] = [];
        stream.on('data', (chunk: Buffer) => chunks.push(chunk));
        stream.on('end', () => {
          received.push({ rcptTo: session.envelope.rcptTo.map((r) => r.address), raw: Buffer.concat(chunks).toString('utf8') });
          callback();
        });
      },
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    port = (server.server.address() as AddressInfo).port;
  });
  afterEach(async () => {
    mailer?.close();
    mailer = undefined;
    await new Promise<void>((resolve) => server.close(() => resolve()));
  });

  it('delivers an Arabic message with its subject, body and Content-Language intact', async () => {
    const message = emailMessage('accepted', 'ar', { name: 'فاطمة الزهراء', courseTitle: 'مراكز الخدمة الموحّدة' });
    mailer = createMailer({ smtpUrl: `smtp://127.0.0.1:${port}`, from, outboxDir: join(folder, 'outbox') });
    await mailer.send({ to: 'fatima@example.org', subject: message.subject, text: message.text, language: 'ar' });

    expect(received).toHaveLength(1);
    const [mail] = received;
    expect(mail?.rcptTo).toEqual(['fatima@example.org']);
    const parsed = parseMail(mail?.raw ?? '');
    expect(parsed.headers.get('to')).toBe('fatima@example.org');
    expect(parsed.headers.get('from')).toBe(from);
    expect(parsed.headers.get('subject')).toMatch(/^=\?UTF-8\?[BQ]\?/i);
    expect(decodeWords(parsed.headers.get('subject') ?? '')).toBe(message.subject);
    expect(parsed.headers.get('content-language')).toBe('ar');
    expect(parsed.headers.get('content-type')).toMatch(/^text\/plain; charset=utf-8$/i);
    expect(parsed.body.trimEnd()).toBe(message.text.trimEnd());
    // Nothing should reach the outbox when SMTP is configured.
    await expect(readdir(join(folder, 'outbox'))).rejects.toThrow();
  });

  it('lets SMTP errors reach the caller', async () => {
    mailer = createMailer({ smtpUrl: `smtp://127.0.0.1:${port}`, from, outboxDir: join(folder, 'outbox') });
    const message = emailMessage('endorsed', 'en', { name: 'Aylin Demir' });
    await expect(mailer.send({ to: 'refused@example.org', ...message, language: 'en' })).rejects.toThrow(/mailbox unavailable/);
    expect(received).toHaveLength(0);
  });
});

describe('writing to the outbox when there is no SMTP server', () => {
  it('writes an .eml file in a folder it creates, and logs the link', async () => {
    const info = vi.spyOn(console, 'info').mockImplementation(() => undefined);
    const outboxDir = join(folder, 'not', 'yet', 'there');
    const link = 'http://127.0.0.1:4321/fr/account/verify-email?token=0123456789abcdef0123456789abcdef0123456789abcdef';
    const message = emailMessage('verify-email', 'fr', { name: 'Awa Diop', link });
    mailer = createMailer({ from, outboxDir });
    await mailer.send({ to: 'awa@example.sn', ...message, language: 'fr' });

    const files = await readdir(outboxDir);
    expect(files).toHaveLength(1);
    expect(files[0]).toMatch(/^\d{4}-\d\d-\d\dT\d\d-\d\d-\d\d\.\d{3}Z-[0-9a-f]{8}\.eml$/);
    const parsed = parseMail(await readFile(join(outboxDir, files[0] ?? ''), 'utf8'));
    expect(parsed.headers.get('to')).toBe('awa@example.sn');
    expect(parsed.headers.get('content-language')).toBe('fr');
    expect(decodeWords(parsed.headers.get('subject') ?? '')).toBe(message.subject);
    expect(parsed.body.split('\n')).toContain(link);
    expect(info).toHaveBeenCalledWith(`[outbox] awa@example.sn: ${link}`);
  });

  it('gives every message its own file', async () => {
    vi.spyOn(console, 'info').mockImplementation(() => undefined);
    mailer = createMailer({ smtpUrl: undefined, from, outboxDir: folder });
    const message = emailMessage('waitlisted', 'en', { name: 'Aylin Demir' });
    await Promise.all([1, 2, 3].map((n) => mailer?.send({ to: `person${n}@example.org`, ...message, language: 'en' })));
    expect((await readdir(folder)).filter((file) => file.endsWith('.eml'))).toHaveLength(3);
  });
});

describe('a bad SMTP_URL', () => {
  it.each(['http://x', 'not a url', 'ftp://user:s3cret@mail.example.org'])('%s is refused at start, naming SMTP_URL', (smtpUrl) => {
    expect(() => createMailer({ smtpUrl, from, outboxDir: folder })).toThrow(/SMTP_URL/);
  });

  it('never repeats the URL, which may hold a password', () => {
    expect(() => createMailer({ smtpUrl: 'ftp://user:s3cret@mail.example.org', from, outboxDir: folder })).toThrow(
      expect.objectContaining({ message: expect.not.stringContaining('s3cret') }),
    );
  });
});

/** Headers (unfolded, by lower-case name) and the body decoded from its transfer encoding. */
function parseMail(raw: string): ParsedMail {
  const split = raw.indexOf('\r\n\r\n');
  const head = raw.slice(0, split).replace(/\r\n(?=[ \t])/g, '');
  const headers = new Map<string, string>();
  for (const line of head.split('\r\n')) {
    const colon = line.indexOf(':');
    headers.set(line.slice(0, colon).toLowerCase(), line.slice(colon + 1).trim());
  }
  const encoded = raw.slice(split + 4);
  const encoding = headers.get('content-transfer-encoding')?.toLowerCase();
  const bytes =
    encoding === 'base64' ? Buffer.from(encoded, 'base64') : encoding === 'quoted-printable' ? decodeQuotedPrintable(encoded) : Buffer.from(encoded, 'utf8');
  return { headers, body: bytes.toString('utf8').replace(/\r\n/g, '\n') };
}

function decodeQuotedPrintable(encoded: string): Buffer {
  const text = encoded.replace(/=\r\n/g, '');
  const bytes: number[] = [];
  for (let i = 0; i < text.length; i++) {
    const hex = text.slice(i + 1, i + 3);
    if (text[i] === '=' && /^[0-9A-F]{2}$/i.test(hex)) {
      bytes.push(Number.parseInt(hex, 16));
      i += 2;
    } else {
      bytes.push(text.charCodeAt(i));
    }
  }
  return Buffer.from(bytes);
}

/** RFC 2047 encoded words; adjacent words join without the space between them (§6.2). */
function decodeWords(value: string): string {
  return value.replace(/=\?UTF-8\?[BQ]\?[^?]*\?=(?:\s+=\?UTF-8\?[BQ]\?[^?]*\?=)*/gi, (run) => {
    const words = [...run.matchAll(/=\?UTF-8\?([BQ])\?([^?]*)\?=/gi)];
    const bytes = words.map(([, kind, data = '']) =>
      kind?.toUpperCase() === 'B' ? Buffer.from(data, 'base64') : decodeQuotedPrintable(data.replace(/_/g, ' ')),
    );
    return Buffer.concat(bytes).toString('utf8');
  });
}
