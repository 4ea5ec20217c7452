import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { publicOrigin } from '#http/links.ts';
import { runHousekeeping } from '#lib/server/housekeeping.ts';
import { siteOrigin } from '#lib/server/course-mail.ts';
import { createPractice, movePractice } from '#lib/server/practices.ts';
import { createSession, secureCookies, sessionTokenCookie, setSessionTokenCookie, type CookieContext, type SessionCookieOptions } from '#lib/server/sessions.ts';
import { createTestDatabase, type TestDatabase } from '#support/database.ts';
import { addPerson } from '#support/people.ts';
import { completeProposal } from '#support/practices.ts';

/**
 * The public address is decided when the server runs (links.ts `publicOrigin`): SITE_URL, else
 * where the server listens (LISTEN_ORIGIN), else the build's `site`. Links in mails, the
 * housekeeping job's mails and the cookies' Secure flag and `__Host-` prefix all follow it.
 */

const saved = { site: process.env.SITE_URL, listen: process.env.LISTEN_ORIGIN };
function restore(name: 'SITE_URL' | 'LISTEN_ORIGIN', value: string | undefined): void {
  if (value === undefined) delete process.env[name];
  else process.env[name] = value;
}
afterEach(() => {
  restore('SITE_URL', saved.site);
  restore('LISTEN_ORIGIN', saved.listen);
});

/** A request's context as Astro gives it, on a site built without SITE_URL and reached over plain http from the proxy. */
function requestContext(cookies: Record<string, string> = {}): CookieContext & { jar: Map<string, { value: string; options: SessionCookieOptions }> } {
  const jar = new Map<string, { value: string; options: SessionCookieOptions }>();
  return {
    jar,
    site: new URL('http://localhost:4321/'),
    url: new URL('http://127.0.0.1:4800/en/account/sign-in/'),
    cookies: {
      get: (name) => (name in cookies ? { value: cookies[name]! } : undefined),
      set: (name, value, options) => void jar.set(name, { value, options }),
      delete: (name) => void jar.delete(name),
    },
  };
}

describe('the public address at run time', () => {
  it('is SITE_URL, then where the server listens, then the build’s site', () => {
    const page = { site: new URL('https://built.example.org/'), url: new URL('http://127.0.0.1:4800/en/') };
    process.env.SITE_URL = 'https://public.example.org';
    process.env.LISTEN_ORIGIN = 'http://127.0.0.1:4800';
    expect(publicOrigin(page)).toBe('https://public.example.org');
    expect(siteOrigin()).toBe('https://public.example.org');
    delete process.env.SITE_URL;
    expect(publicOrigin(page)).toBe('http://127.0.0.1:4800');
    expect(siteOrigin()).toBe('http://127.0.0.1:4800');
    delete process.env.LISTEN_ORIGIN;
    expect(publicOrigin(page)).toBe('https://built.example.org/');
    expect(publicOrigin({ url: page.url })).toBe('http://127.0.0.1:4800');
  });
});

describe('the session cookie follows SITE_URL as the server runs', () => {
  let database: TestDatabase;
  beforeEach(async () => {
    database = await createTestDatabase();
  });
  afterEach(() => database.cleanup());

  it('is __Host-session and Secure with SITE_URL=https:// on a build made without it', async () => {
    process.env.SITE_URL = 'https://reform.example.org';
    process.env.LISTEN_ORIGIN = 'http://127.0.0.1:4800';
    const person = await addPerson(database.db, 'participant', 'MA');
    const { token } = await createSession(database.db, { id: person.id, role: 'participant' }, { userAgent: 'test' });
    const context = requestContext();
    expect(secureCookies(context)).toBe(true);
    setSessionTokenCookie(context, token, 'participant');
    expect([...context.jar.keys()]).toEqual(['__Host-session']);
    expect(context.jar.get('__Host-session')?.options).toMatchObject({ secure: true, path: '/', httpOnly: true, sameSite: 'lax' });
    // The next request's cookie is read under the same name.
    expect(sessionTokenCookie(requestContext({ '__Host-session': token }))).toBe(token);
    expect(sessionTokenCookie(requestContext({ session: token }))).toBeUndefined();
  });

  it('is a plain session cookie over http, whatever https address the build was given', () => {
    delete process.env.SITE_URL;
    process.env.LISTEN_ORIGIN = 'http://127.0.0.1:4800';
    const context = { ...requestContext(), site: new URL('https://built.example.org/') };
    expect(secureCookies(context)).toBe(false);
    setSessionTokenCookie(context, 'id.secret', 'participant');
    expect([...context.jar.keys()]).toEqual(['session']);
    expect(context.jar.get('session')?.options.secure).toBe(false);
  });
});

describe('the housekeeping job’s mails', () => {
  let database: TestDatabase;
  beforeEach(async () => {
    database = await createTestDatabase();
  });
  afterEach(() => database.cleanup());

  it.each([
    ['https://reform.example.org', 'https://reform.example.org'],
    ['', 'http://127.0.0.1:4800'],
  ])('link to the public address as the server runs (SITE_URL=%j)', async (siteUrl, expected) => {
    process.env.SITE_URL = siteUrl;
    process.env.LISTEN_ORIGIN = 'http://127.0.0.1:4800';
    await addPerson(database.db, 'staff', null);
    await addPerson(database.db, 'focal-point', 'MA');
    const proposer = await addPerson(database.db, 'participant', 'MA');
    const created = await createPractice(database.client, { actor: proposer, country: 'MA', language: 'en', content: completeProposal() });
    if (!created.ok) throw new Error(created.refusal);
    await movePractice(database.client, { actor: proposer, id: created.value.id, to: 'submitted', site: 'https://reform.example.org', now: new Date('2027-01-01T00:00:00Z') });
    expect(await runHousekeeping(database.db, new Date('2027-01-16T00:00:00Z'))).toMatchObject({ practices: 1 });
    const mails = await database.client.execute("select vals from outbox where kind = 'practice-to-review'");
    expect(mails.rows.length).toBe(1);
    expect(JSON.parse(String(mails.rows[0]!.vals))).toMatchObject({ site: expected });
  });
});
