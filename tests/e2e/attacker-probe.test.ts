import { mkdtempSync, rmSync } from 'node:fs';
import { request as httpRequest } from 'node:http';
import { connect, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createClient } from '@libsql/client';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inject } from 'vitest';
import { users } from '#db/schema.ts';
import { connectionLimits } from '../../server/connection-limits.ts';
import { ar } from '#lib/i18n/dictionaries/ar.ts';
import { en } from '#lib/i18n/dictionaries/en.ts';
import { fr } from '#lib/i18n/dictionaries/fr.ts';
import { openDatabase, type OpenDatabase } from '#lib/server/database.ts';
import { createPractice, movePractice } from '#lib/server/practices.ts';
import { validateSessionToken } from '#lib/server/sessions.ts';
import { currentCode, makeAccount } from '#support/accounts.ts';
import { decodeEntities, freshLoopbackAddress, unisolatedText, noticeText, openCourse, sessionCookie, SiteClient } from '#support/http.ts';
import { waitForMail } from '#support/mailbox.ts';
import { completeProposal } from '#support/practices.ts';
import { startServer } from '#support/server.ts';

/**
 * Issue 12: the weaknesses an attacker's probe found against a fresh `npm start`, each tried
 * again from outside, over HTTP, against the built site.
 */

const baseUrl = inject('baseUrl');
const mailDir = inject('mailDir');
const base = new URL(baseUrl);

let database: OpenDatabase;
beforeAll(async () => {
  database = await openDatabase({ url: inject('databaseUrl') });
});
afterAll(() => database?.client.close());

const anonymous = (): SiteClient => new SiteClient(baseUrl);

interface RawReply {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  text: string;
}

/**
 * A request written by hand: `body` chunks are sent one after the other, and `declaredLength`
 * may announce more than is ever sent (the reply must come without the rest).
 */
function rawRequest(method: string, path: string, options: { headers?: Record<string, string>; chunks?: Buffer[]; declaredLength?: number; keepOpen?: boolean } = {}): Promise<RawReply> {
  return new Promise((resolve, reject) => {
    const headers: Record<string, string> = { Origin: baseUrl, ...options.headers };
    if (options.declaredLength !== undefined) headers['Content-Length'] = String(options.declaredLength);
    const req = httpRequest({ host: base.hostname, port: base.port, path, method, headers, localAddress: freshLoopbackAddress() }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () => {
        req.destroy();
        resolve({ status: res.statusCode ?? 0, headers: res.headers, text: Buffer.concat(chunks).toString('utf8') });
      });
      res.on('error', reject);
    });
    req.on('error', (error: NodeJS.ErrnoException) => {
      // The server may close the connection while a large body is still being written.
      if (error.code !== 'EPIPE' && error.code !== 'ECONNRESET') reject(error);
    });
    for (const chunk of options.chunks ?? []) req.write(chunk);
    if (!options.keepOpen) req.end();
  });
}

describe('1. lock-out: a stranger failing on an account does not keep its owner out', () => {
  it('lets the owner in with the right password from another address while the attacker is throttled', async () => {
    const { email, password } = await makeAccount(database.db, { role: 'participant', country: 'JO' });
    const attacker = anonymous();
    const statuses: number[] = [];
    for (let attempt = 0; attempt < 4; attempt += 1) statuses.push((await attacker.post('/en/account/sign-in/', { email, password: `wrong ${attempt}` })).status);
    expect(statuses[0]).toBe(401);
    expect(statuses).toContain(429);
    // Sent together, so the attacker's try lands inside its own back-off (one second) however
    // long the owner's password check takes.
    const [owner, again] = await Promise.all([anonymous().post('/en/account/sign-in/', { email, password }), attacker.post('/en/account/sign-in/', { email, password: 'wrong again' })]);
    expect(owner.status).toBe(303);
    expect(owner.cookies.some((cookie) => cookie.startsWith('session='))).toBe(true);
    // The attacker is still waiting out its own back-off.
    expect(again.status).toBe(429);
  });
});

describe('2. request bodies over 64 KB are refused with 413 before they are read', () => {
  const form = (size: number): Buffer => Buffer.from(`email=a%40example.org&password=${'x'.repeat(size)}`);

  it('answers a declared 200 MB body with 413 having received only its first bytes', async () => {
    const reply = await rawRequest('POST', '/en/account/sign-in/', {
      headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
      declaredLength: 200 * 1024 * 1024,
      chunks: [form(1000)],
      keepOpen: true,
    });
    expect(reply.status).toBe(413);
  });

  it('answers a chunked body that passes 64 KB with 413', async () => {
    const reply = await rawRequest('POST', '/en/account/sign-in/', {
      headers: { 'Content-Type': 'application/x-www-form-urlencoded', 'Transfer-Encoding': 'chunked' },
      chunks: [form(40_000), Buffer.from('x'.repeat(40_000))],
    });
    expect(reply.status).toBe(413);
  });

  it('refuses a large body on any route, a built page and the health check included', async () => {
    for (const path of ['/en/', '/healthz', '/en/account/sign-up/', '/en/no-such-page/']) {
      const reply = await rawRequest('POST', path, { headers: { 'Content-Type': 'application/x-www-form-urlencoded' }, declaredLength: 70_000, chunks: [form(70_000 - 33)] });
      expect(reply.status, path).toBe(413);
    }
  });

  it('still reads a form under the limit, sent whole or chunked', async () => {
    const whole = await rawRequest('POST', '/en/account/sign-in/', { headers: { 'Content-Type': 'application/x-www-form-urlencoded' }, declaredLength: form(100).length, chunks: [form(100)] });
    expect(whole.status).toBe(401);
    const chunked = await rawRequest('POST', '/en/account/sign-in/', {
      headers: { 'Content-Type': 'application/x-www-form-urlencoded', 'Transfer-Encoding': 'chunked' },
      chunks: [Buffer.from('email=a%40example.org'), Buffer.from('&password=not-the-one')],
    });
    expect(chunked.status).toBe(401);
  });
});

describe('3. next= only ever leads to a path on this site', () => {
  async function signInWithNext(next: string): Promise<{ status: number; location: string | null }> {
    const { email, password } = await makeAccount(database.db, { role: 'participant', country: 'TR' });
    const reply = await anonymous().post(`/en/account/sign-in/?next=${next}`, { email, password });
    return { status: reply.status, location: reply.location };
  }

  it.each(['/%09/evil.example/', '/%5C/evil.example/', '//evil.example/', '/%0A/evil.example/', 'https://evil.example/', '/\t/evil.example/'.replace('\t', '%09%09')])(
    'sends %s to the account page',
    async (next) => {
      const { status, location } = await signInWithNext(next);
      expect(status).toBe(303);
      expect(location).toBe('/en/account/');
    },
  );

  it.each(['%0A', '%0D', '%0B', '%00', '%7F'])('answers a next with %s in it with a redirect home, never 500', async (control) => {
    const { status, location } = await signInWithNext(`/en/account/${control}profile/`);
    expect(status).toBe(303);
    expect(location).toBe('/en/account/');
  });

  it('keeps a path, query and fragment on this site', async () => {
    const { location } = await signInWithNext(encodeURIComponent('/en/account/profile/?tab=1'));
    expect(location).toBe('/en/account/profile/?tab=1');
  });
});

describe('4. unknown methods', () => {
  it.each(['TRACE', 'PUT', 'DELETE', 'PATCH', 'OPTIONS'])('answers %s with 405 and Allow, on pages rendered on demand and built ones', async (method) => {
    for (const path of ['/en/account/sign-in/', '/en/account/', '/en/']) {
      const reply = await rawRequest(method, path);
      expect(reply.status, `${method} ${path}`).toBe(405);
      expect(reply.headers.allow).toBe('GET, HEAD, POST');
    }
  });
});

describe('5. security headers on every response', () => {
  function expectHeaders(headers: RawReply['headers'], what: string): void {
    expect(headers['content-security-policy'], what).toMatch(/frame-ancestors 'none'/);
    expect(headers['x-content-type-options'], what).toBe('nosniff');
    expect(headers['x-frame-options'], what).toBe('DENY');
    expect(headers['referrer-policy'], what).toMatch(/^(same-origin|strict-origin-when-cross-origin|no-referrer)$/);
    expect(headers['permissions-policy'], what).toMatch(/camera=\(\)/);
    expect(headers['strict-transport-security'], `${what}: no HSTS over http`).toBeUndefined();
  }

  it('sends them on built pages, their compressed copies, static files, 404s, on-demand pages and 413/405 answers', async () => {
    const home = await rawRequest('GET', '/en/');
    expectHeaders(home.headers, 'built page');
    expectHeaders((await rawRequest('GET', '/en/', { headers: { 'Accept-Encoding': 'br' } })).headers, 'brotli copy');
    const asset = home.text.match(/(?:href|src)="(\/_astro\/[^"]+)"/)?.[1] ?? '/favicon.svg';
    expectHeaders((await rawRequest('GET', asset)).headers, asset);
    expectHeaders((await rawRequest('GET', '/robots.txt')).headers, 'robots.txt');
    const missing = await rawRequest('GET', '/en/no-such-page/');
    expect(missing.status).toBe(404);
    expectHeaders(missing.headers, '404');
    expectHeaders((await rawRequest('GET', '/en/account/sign-in/')).headers, 'sign-in');
    expectHeaders((await rawRequest('TRACE', '/en/')).headers, '405');
  });

  it('keeps the page’s own CSP meta tag working beside the header', async () => {
    const home = await rawRequest('GET', '/en/');
    expect(home.text).toMatch(/<meta http-equiv="content-security-policy"/i);
  });

  it('adds HSTS when SITE_URL is https', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'oic-hsts-'));
    const server = await startServer({ databaseUrl: `file:${join(dataDir, 'platform.db')}`, siteUrl: 'https://reform.example.org' });
    try {
      const reply = await fetch(`${server.baseUrl}/en/`);
      expect(reply.headers.get('strict-transport-security')).toMatch(/max-age=\d{7,}/);
    } finally {
      await server.stop();
      rmSync(dataDir, { recursive: true, force: true });
    }
  });
});

describe('6. names never become links in mail', () => {
  const linkName = 'Dear friend https://evil.example/claim';

  it.each([
    ['en', en['form.nameLink']],
    ['fr', fr['form.nameLink']],
    ['ar', ar['form.nameLink']],
  ] as const)('refuses a web address as a name on the %s profile and sign-up pages, saying so', async (lang, message) => {
    const account = await makeAccount(database.db, { role: 'participant', country: 'MA' });
    const { cookie } = await sessionCookie(database.db, { id: account.id, role: 'participant' });
    const profile = { fullName: linkName, country: 'MA', institution: 'Ministry', position: 'Adviser', gender: 'female', preferredLanguage: lang };
    const saved = await new SiteClient(baseUrl, { cookie }).post(`/${lang}/account/profile/`, profile);
    expect(saved.status).toBe(422);
    expect(unisolatedText(saved.text)).toContain(message);
    const signUp = await anonymous().post(`/${lang}/account/sign-up/`, { ...profile, fullName: 'www.evil.example', email: `link-${Date.now()}@example.org`, password: 'a long enough passphrase for tests' });
    expect(signUp.status).toBe(422);
    expect(unisolatedText(signUp.text)).toContain(message);
  });

  it('refuses a web address as a name when staff add a colleague and a focal point nominates', async () => {
    const staff = await makeAccount(database.db, { role: 'staff', country: null });
    const staffClient = new SiteClient(baseUrl, { cookie: (await sessionCookie(database.db, { id: staff.id, role: 'staff' })).cookie });
    const colleague = await staffClient.post('/en/staff/people/', { email: `c-${Date.now()}@example.org`, fullName: 'evil.example/claim', role: 'staff', country: '', preferredLanguage: 'en' });
    expect(colleague.status).toBe(422);
    expect(decodeEntities(colleague.text)).toContain(en['form.nameLink']);
    const focalPoint = await makeAccount(database.db, { role: 'focal-point', country: 'SN' });
    const fpClient = new SiteClient(baseUrl, { cookie: (await sessionCookie(database.db, { id: focalPoint.id, role: 'focal-point' })).cookie });
    const course = (await openCourse(baseUrl)).slug;
    const nominated = await fpClient.post('/en/focal-point/', { action: 'nominate', courseSlug: course, email: `n-${Date.now()}@example.org`, fullName: 'Claim at http://evil.example', preferredLanguage: 'en' });
    expect(nominated.status).toBe(422);
    expect(decodeEntities(nominated.text)).toContain(en['form.nameLink']);
  });

  it('writes a name already holding an address so that no link can be read in the mail', async () => {
    const { id, email } = await makeAccount(database.db, { role: 'participant', country: 'MA' });
    await database.db.update(users).set({ fullName: linkName }).where(eq(users.id, id));
    await anonymous().post('/en/account/reset-password/', { email });
    const mail = await waitForMail(mailDir, email);
    expect(mail.text).not.toContain('evil.example');
    expect(mail.text).not.toContain('https://evil');
    expect(mail.links.every((link) => link.startsWith(baseUrl))).toBe(true);
    expect(mail.text.replace(/\u200b/g, '')).toContain(linkName);
  });
});

describe('7. CSV cells cannot start a formula after a ;', () => {
  it('quotes every text cell and neutralises the formula in x;=2+3;y', async () => {
    const course = (await openCourse(baseUrl)).slug;
    const account = await makeAccount(database.db, { role: 'participant', country: 'ID' });
    const client = new SiteClient(baseUrl, { cookie: (await sessionCookie(database.db, { id: account.id, role: 'participant' })).cookie });
    const profile = await client.post('/en/account/profile/', { fullName: 'x;=2+3;y', country: 'ID', institution: 'Ministry', position: 'Adviser', gender: 'male', preferredLanguage: 'en' });
    expect(profile.status).toBe(200);
    expect((await client.post(`/en/account/apply/${course}/`, { motivation: 'I lead digital services.' })).status).toBe(303);
    const staff = await makeAccount(database.db, { role: 'staff', country: null });
    const staffClient = new SiteClient(baseUrl, { cookie: (await sessionCookie(database.db, { id: staff.id, role: 'staff' })).cookie });
    const csv = (await staffClient.get(`/en/staff/courses/${course}/roster.csv?country=ID`)).text;
    expect(csv).toContain(`"x;'=2+3;y"`);
    const line = csv.split('\r\n').find((row) => row.includes(account.email))!;
    // Split as French Excel does, on ; and ignoring quotes: no piece starts a formula.
    for (const piece of line.split(/[;,]/)) expect(piece.replace(/^"/, '')).not.toMatch(/^[=+\-@]/);
  });
});

describe('8. reset and sign-up answer before, and without, the work that differs for a registered address', () => {
  /**
   * Only a registered address (reset) or a new one (sign-up) makes the server write. With the
   * database's write lock held by this test, an answer that waited for that write would take as
   * long as the lock is held (the probe measured the write as 2 ms, 20 tries of 20); the same
   * work for both means both answer at once, and the write happens after.
   */
  async function whileLocked<T>(holdMs: number, work: () => Promise<T>): Promise<T> {
    const lock = createClient({ url: inject('databaseUrl'), timeout: 5000 });
    const transaction = await lock.transaction('write');
    const release = setTimeout(() => void transaction.rollback(), holdMs);
    try {
      return await work();
    } finally {
      clearTimeout(release);
      if (!transaction.closed) await transaction.rollback();
      lock.close();
    }
  }

  async function timed(call: () => Promise<{ status: number; text: string }>): Promise<{ ms: number; status: number; text: string }> {
    const started = performance.now();
    const reply = await call();
    return { ms: performance.now() - started, status: reply.status, text: reply.text };
  }

  /**
   * The server's mail sender also writes when a message is due, and on an embedded database file
   * its wait for the lock held here stalls the whole process, this request included. So a slow
   * answer is tried again, with a fresh address, up to three times: a server that waited for the
   * write of a registered address would be slow every time.
   */
  async function quickest(attempt: () => Promise<{ ms: number; status: number; text: string; email: string }>) {
    let reply = await attempt();
    for (let retry = 0; retry < 2 && reply.ms >= 1500; retry += 1) reply = await attempt();
    return reply;
  }

  it('answers a reset request for a registered address at once, as for an unknown one', async () => {
    const known = await quickest(async () => {
      const { email } = await makeAccount(database.db, { role: 'participant', country: 'BD' });
      return { email, ...(await whileLocked(3000, () => timed(() => anonymous().post('/en/account/reset-password/', { email })))) };
    });
    const unknown = await timed(() => anonymous().post('/en/account/reset-password/', { email: `nobody-${crypto.randomUUID()}@example.org` }));
    expect(known.status).toBe(200);
    expect(unknown.status).toBe(200);
    expect(known.ms).toBeLessThan(1500);
    expect(noticeText(known.text)).toBe(noticeText(unknown.text));
    // The link is still made and sent, after the answer.
    expect((await waitForMail(mailDir, known.email)).links.some((link) => link.includes('/en/account/reset-password/?token='))).toBe(true);
  });

  it('answers a sign-up for a new address at once, as for a registered one', async () => {
    const { email } = await makeAccount(database.db, { role: 'participant', country: 'BD' });
    const form = (address: string) => ({ email: address, password: 'a long enough passphrase for tests', fullName: 'Nadia Rahman', country: 'BD', institution: 'Cabinet Division', position: 'Deputy secretary', gender: 'female', preferredLanguage: 'en' });
    const created = await quickest(async () => {
      const fresh = `new-${crypto.randomUUID()}@example.org`;
      return { email: fresh, ...(await whileLocked(3000, () => timed(() => anonymous().post('/en/account/sign-up/', form(fresh))))) };
    });
    const taken = await timed(() => anonymous().post('/en/account/sign-up/', form(email)));
    expect(created.status).toBe(200);
    expect(taken.status).toBe(200);
    expect(created.ms).toBeLessThan(1500);
    expect(noticeText(created.text)).toBe(noticeText(taken.text));
    expect((await waitForMail(mailDir, created.email)).links.some((link) => link.includes('/en/account/verify-email/?token='))).toBe(true);
  });
});

describe('the session after the second factor', () => {
  it('gets a new token; the one from before the second factor opens nothing', async () => {
    const staff = await makeAccount(database.db, { role: 'staff', country: null });
    const signIn = await anonymous().post('/en/account/sign-in/', { email: staff.email, password: staff.password });
    expect(signIn.status).toBe(303);
    const before = signIn.cookies.find((cookie) => cookie.startsWith('session='))!.split(';')[0]!;
    const passed = await new SiteClient(baseUrl, { cookie: before }).post('/en/account/two-factor/', { code: currentCode(staff.totpKey!) });
    expect(passed.status).toBe(303);
    const after = passed.cookies.find((cookie) => cookie.startsWith('session='))?.split(';')[0];
    expect(after).toBeDefined();
    expect(after).not.toBe(before);
    expect(await validateSessionToken(database.db, before.slice('session='.length))).toBeNull();
    const rotated = await validateSessionToken(database.db, after!.slice('session='.length));
    expect(rotated?.session.twoFactorVerified).toBe(true);
    expect((await new SiteClient(baseUrl, { cookie: after }).get('/en/staff/')).status).toBe(200);
    expect((await new SiteClient(baseUrl, { cookie: before }).get('/en/staff/')).status).toBe(303);
  });
});

describe('9. the per-account ceiling never keeps out an owner who has not failed', () => {
  it('lets the owner in after 106 wrong passwords from 106 addresses, and still holds the addresses that failed', async () => {
    const { email, password } = await makeAccount(database.db, { role: 'participant', country: 'KZ' });
    const attackers = Array.from({ length: 106 }, () => anonymous());
    const statuses: number[] = [];
    for (const [n, attacker] of attackers.entries()) statuses.push((await attacker.post('/en/account/sign-in/', { email, password: `wrong ${n}` })).status);
    // Each address was new, so each had its password checked, past the ceiling too.
    expect(statuses.filter((status) => status !== 401)).toEqual([]);
    const owner = await anonymous().post('/en/account/sign-in/', { email, password });
    expect(owner.status).toBe(303);
    expect(owner.cookies.some((cookie) => cookie.startsWith('session='))).toBe(true);
    // An address that failed is held by the ceiling once its own back-off (1 s) is over.
    await new Promise((resolve) => setTimeout(resolve, 1100));
    expect((await attackers[0]!.post('/en/account/sign-in/', { email, password: 'wrong again' })).status).toBe(429);
  });
});

describe('10. a practice’s title never becomes a link in mail', () => {
  const probeTitle = 'Action required: re-verify your SESRIC account at https://evil.example/login';

  it.each([
    ['en', en['practice.titleLink']],
    ['fr', fr['practice.titleLink']],
    ['ar', ar['practice.titleLink']],
  ] as const)('refuses a web address in the title on the %s proposal form, saying so by the field', async (lang, message) => {
    const proposer = await makeAccount(database.db, { role: 'participant', country: 'MA', language: lang });
    const client = new SiteClient(baseUrl, { cookie: (await sessionCookie(database.db, { id: proposer.id, role: 'participant' })).cookie });
    for (const title of [probeTitle, 'Re-verify at evil。example', 'ｅｖｉｌ．ｅｘａｍｐｌｅ']) {
      const reply = await client.post(`/${lang}/account/practices/new/`, { intent: 'save', country: 'MA', language: lang, title, summary: 'Kept summary' });
      expect(reply.status, title).toBe(422);
      const text = unisolatedText(reply.text);
      expect(text, title).toContain(message);
      expect(text, title).toContain('Kept summary');
    }
    const fine = await client.post(`/${lang}/account/practices/new/`, { intent: 'save', country: 'MA', language: lang, title: 'Digital Bangladesh 2.0: one-stop e-services' });
    expect(fine.status).toBe(303);
  });

  it('quotes a title already holding an address so that no link can be read in the focal point’s and staff’s mails', async () => {
    const proposer = await makeAccount(database.db, { role: 'participant', country: 'KW' });
    const focalPoint = await makeAccount(database.db, { role: 'focal-point', country: 'KW', language: 'fr' });
    const staff = await makeAccount(database.db, { role: 'staff', country: null, language: 'ar' });
    const proposerActor = { id: proposer.id, role: 'participant' as const, country: 'KW' };
    // Stored as an older row would be, before titles were checked.
    const created = await createPractice(database.client, { actor: proposerActor, country: 'KW', language: 'en', content: completeProposal(probeTitle) });
    if (!created.ok) throw new Error(created.refusal);
    expect((await movePractice(database.client, { actor: proposerActor, id: created.value.id, to: 'submitted', site: baseUrl })).ok).toBe(true);
    expect((await movePractice(database.client, { actor: { id: focalPoint.id, role: 'focal-point', country: 'KW' }, id: created.value.id, to: 'endorsed', site: baseUrl })).ok).toBe(true);
    for (const address of [focalPoint.email, staff.email, proposer.email]) {
      const mail = await waitForMail(mailDir, address);
      for (const part of [mail.subject, mail.text]) expect(part, address).not.toMatch(/https?:\/\/evil|evil\.example/);
      expect(mail.subject.replace(/\u200b/g, ''), address).toContain(probeTitle);
      expect(mail.text.replace(/\u200b/g, ''), address).toContain(probeTitle);
      expect(mail.links.length, address).toBeGreaterThan(0);
      expect(mail.links.every((link) => link.startsWith(baseUrl)), address).toBe(true);
    }
  });
});

describe('11. answers Node gives itself carry the security headers', () => {
  /** A request written byte for byte on a socket, and the answer's status and headers. */
  function rawSocket(request: string): Promise<{ status: number; headers: Map<string, string> }> {
    return new Promise((resolve, reject) => {
      const socket = connect({ host: base.hostname, port: Number(base.port), localAddress: freshLoopbackAddress() });
      let received = '';
      socket.on('data', (chunk) => (received += chunk.toString('latin1')));
      socket.on('error', (error: NodeJS.ErrnoException) => (error.code === 'ECONNRESET' || error.code === 'EPIPE' ? undefined : reject(error)));
      socket.on('close', () => {
        const [statusLine = '', ...lines] = (received.split('\r\n\r\n')[0] ?? '').split('\r\n');
        const headers = new Map<string, string>();
        for (const line of lines) {
          const colon = line.indexOf(':');
          if (colon > 0) headers.set(line.slice(0, colon).trim().toLowerCase(), line.slice(colon + 1).trim());
        }
        resolve({ status: Number(statusLine.split(' ')[1]), headers });
      });
      socket.setTimeout(5000, () => socket.destroy());
      socket.write(request);
    });
  }

  it.each([
    ['a malformed Content-Length', 'POST /en/account/sign-in/ HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: 12abc\r\n\r\n', 400],
    ['a method that is not a token', 'G{}T /en/ HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n', 400],
    ['headers over 16 KB', `GET /en/ HTTP/1.1\r\nHost: 127.0.0.1\r\nCookie: ${'a'.repeat(17 * 1024)}\r\n\r\n`, 431],
    ['no Host header', 'GET /en/ HTTP/1.1\r\n\r\n', 400],
  ])('answers %s with them, and closes the connection', async (_what, request, status) => {
    const reply = await rawSocket(request);
    expect(reply.status).toBe(status);
    expect(reply.headers.get('content-security-policy')).toMatch(/frame-ancestors 'none'/);
    expect(reply.headers.get('x-content-type-options')).toBe('nosniff');
    expect(reply.headers.get('x-frame-options')).toBe('DENY');
    expect(reply.headers.get('referrer-policy')).toBe('strict-origin-when-cross-origin');
    expect(reply.headers.get('permissions-policy')).toMatch(/camera=\(\)/);
    expect(reply.headers.get('connection')).toBe('close');
  });

  it('sends the CSP of a page made on demand with no empty directive', async () => {
    for (const encoding of ['identity', 'br', 'gzip']) {
      const reply = await rawRequest('GET', '/en/account/sign-in/', { headers: { 'Accept-Encoding': encoding } });
      const policy = String(reply.headers['content-security-policy']);
      expect(policy, encoding).toMatch(/script-src/);
      expect(policy, encoding).not.toMatch(/;\s*;/);
      expect(policy, encoding).toMatch(/; frame-ancestors 'none'$/);
    }
  });
});

describe('12. the public address and cookies follow SITE_URL as the server runs', () => {
  it('makes the session and enrolment cookies __Host- and Secure with SITE_URL=https://… on a build made for http', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'oic-https-'));
    const databaseUrl = `file:${join(dataDir, 'platform.db')}`;
    const server = await startServer({ databaseUrl, siteUrl: 'https://reform.example.org' });
    const db = await openDatabase({ url: databaseUrl });
    try {
      const staff = await makeAccount(db.db, { role: 'staff', country: null });
      // Not enrolled yet: the two-factor page keeps the pending key in its cookie.
      await db.db.update(users).set({ totpKey: null }).where(eq(users.id, staff.id));
      const signIn = await new SiteClient(server.baseUrl).post('/en/account/sign-in/', { email: staff.email, password: staff.password });
      expect(signIn.status).toBe(303);
      const session = signIn.cookies.find((cookie) => cookie.startsWith('__Host-session='));
      expect(session).toBeDefined();
      expect(session).toMatch(/;\s*Secure/i);
      expect(session).toMatch(/;\s*Path=\//i);
      expect(session).not.toMatch(/Domain=/i);
      const enrol = await new SiteClient(server.baseUrl, { cookie: session!.split(';')[0]! }).get('/en/account/two-factor/');
      expect(enrol.status).toBe(200);
      const pending = enrol.cookies.find((cookie) => cookie.startsWith('__Host-totp-pending='));
      expect(pending).toBeDefined();
      expect(pending).toMatch(/;\s*Secure/i);
      expect(enrol.cookies.some((cookie) => cookie.startsWith('totp-pending='))).toBe(false);
    } finally {
      db.client.close();
      await server.stop();
      rmSync(dataDir, { recursive: true, force: true });
    }
  });
});

describe('13. one client cannot hold the server’s connections', () => {
  it(`closes a client’s connection past ${connectionLimits.perClient} at once, and still answers others`, async () => {
    const from = freshLoopbackAddress();
    const opened: Socket[] = [];
    const open = () =>
      new Promise<Socket>((resolve, reject) => {
        const socket = connect({ host: base.hostname, port: Number(base.port), localAddress: from }, () => resolve(socket));
        socket.on('error', reject);
        opened.push(socket);
      });
    try {
      for (let n = 0; n < connectionLimits.perClient; n += 1) await open();
      const extra = await open();
      // The server closes it as it arrives, without waiting for a request.
      await new Promise<void>((resolve) => (extra.closed ? resolve() : extra.once('close', () => resolve())));
      expect(opened.slice(0, connectionLimits.perClient).every((socket) => !socket.closed)).toBe(true);
      expect((await anonymous().get('/healthz')).status).toBe(200);
    } finally {
      for (const socket of opened) socket.destroy();
    }
    // Once its connections are closed, the client may connect again.
    await new Promise((resolve) => setTimeout(resolve, 200));
    const again = await open();
    expect(again.closed).toBe(false);
    again.destroy();
  });
});

describe('14. a page number in the address never breaks a list', () => {
  it.each(['99999999999999999999999', '-1', '1e9', 'abc', '2.5'])('answers ?page=%s on the staff lists with their first page', async (page) => {
    const staff = await makeAccount(database.db, { role: 'staff', country: null });
    const client = new SiteClient(baseUrl, { cookie: (await sessionCookie(database.db, { id: staff.id, role: 'staff' })).cookie });
    const course = (await openCourse(baseUrl)).slug;
    for (const path of ['/en/staff/audit/', '/en/staff/people/', `/en/staff/courses/${course}/`]) {
      const reply = await client.get(`${path}?page=${page}`);
      expect(reply.status, path).toBe(200);
    }
  });
});

describe('15. signing up first with someone else’s address', () => {
  it('gives the intruder nothing: the owner’s own sign-up replaces theirs, and the intruder’s link opens nothing', async () => {
    const email = `owner-${crypto.randomUUID()}@example.org`;
    const form = (password: string, fullName: string) => ({ email, password, fullName, country: 'SN', institution: 'Ministry', position: 'Adviser', gender: 'female', preferredLanguage: 'en' });
    const tokenOf = (mail: { links: string[] }) => new URL(mail.links.find((link) => link.includes('/account/verify-email/'))!).searchParams.get('token')!;
    expect((await anonymous().post('/en/account/sign-up/', form('intruder chosen passphrase', 'Intruder'))).status).toBe(200);
    const intruders = tokenOf(await waitForMail(mailDir, email));
    expect((await anonymous().post('/en/account/sign-up/', form('owner chosen passphrase', 'Awa Ndiaye'))).status).toBe(200);
    const owners = await waitForMail(mailDir, email, 2);
    expect(owners.text).toContain('Awa Ndiaye');
    // The first link was ended by the second sign-up; the owner's confirms the owner's password.
    expect((await anonymous().post('/en/account/verify-email/', { token: intruders })).status).not.toBe(200);
    expect((await anonymous().post('/en/account/verify-email/', { token: tokenOf(owners) })).status).toBe(200);
    expect((await anonymous().post('/en/account/sign-in/', { email, password: 'intruder chosen passphrase' })).status).toBe(401);
    expect((await anonymous().post('/en/account/sign-in/', { email, password: 'owner chosen passphrase' })).status).toBe(303);
    // Once confirmed, a sign-up for the address changes nothing.
    expect((await anonymous().post('/en/account/sign-up/', form('another passphrase entirely', 'Intruder'))).status).toBe(200);
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect((await anonymous().post('/en/account/sign-in/', { email, password: 'owner chosen passphrase' })).status).toBe(303);
  });
});
