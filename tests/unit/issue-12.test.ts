import { describe, expect, it } from 'vitest';
import { locales } from '#lib/i18n/locales.ts';
import { emailMessage } from '#lib/i18n/mail/index.ts';
import { looksLikeLink, nameForMail } from '#lib/names.ts';
import { safeNext } from '#lib/server/access.ts';
import { securityHeaders } from '#server/http-guard.ts';
import { publicOrigin } from '#http/links.ts';
import { limits, signInAllowed, signInFailed, signInSucceeded } from '#lib/server/rate-limits.ts';

/** Issue 12's rules, one function at a time (the e2e file attacker-probe.test.ts tries them over HTTP). */

describe('sign-in throttling per account and address (item 1)', () => {
  it('keeps a stranger’s failures on an account from making its owner, elsewhere, wait', () => {
    const email = `owner-${Math.random()}@example.org`;
    expect(signInAllowed(email, '10.0.0.1')).toBe(true);
    signInFailed(email, '10.0.0.1');
    expect(signInAllowed(email, '10.0.0.1')).toBe(false);
    expect(signInAllowed(email, '10.0.0.2')).toBe(true);
    signInSucceeded(email, '10.0.0.2');
  });

  it('stops an address that fails on many accounts', () => {
    const address = `10.1.${Math.floor(Math.random() * 250)}.1`;
    for (let n = 0; n < limits.failuresByAddress.max; n += 1) signInFailed(`many-${n}-${Math.random()}@example.org`, address);
    expect(signInAllowed(`another-${Math.random()}@example.org`, address)).toBe(false);
    expect(signInAllowed(`another-${Math.random()}@example.org`, '10.2.0.1')).toBe(true);
  });

  it('stops everyone on an account after 100 failures in the hour', () => {
    const email = `ceiling-${Math.random()}@example.org`;
    for (let n = 0; n < 100; n += 1) signInFailed(email, `10.3.${Math.floor(n / 250)}.${n % 250}`);
    expect(signInAllowed(email, '10.4.0.1')).toBe(false);
  });
});

describe('next= after sign-in (item 3)', () => {
  it.each(['/\t/evil.example/', '/\\evil.example', '//evil.example', '/\n/evil.example', '/a\rb', '/a\u000bb', 'https://evil.example/', 'javascript:alert(1)', '', null])(
    'falls back for %j',
    (next) => {
      expect(safeNext(next, '/en/account/')).toBe('/en/account/');
    },
  );

  it('keeps a path of this site, as parsed', () => {
    expect(safeNext('/en/staff/?course=x#list', '/en/')).toBe('/en/staff/?course=x#list');
    expect(safeNext('/en/a b/', '/en/')).toBe('/en/a%20b/');
  });
});

describe('security headers (item 5)', () => {
  it('adds HSTS only for an https public address', () => {
    expect(securityHeaders('https://reform.example.org')['Strict-Transport-Security']).toMatch(/max-age=31536000/);
    expect(securityHeaders('http://127.0.0.1:4800')['Strict-Transport-Security']).toBeUndefined();
    expect(securityHeaders(undefined)['Content-Security-Policy']).toContain("frame-ancestors 'none'");
  });
});

describe('names in mails (item 6)', () => {
  it.each(['https://evil.example/claim', 'Dear www.evil.example', 'evil.example', 'see bit.ly/x', 'x@evil.example', 'mailto:x', 'hxxp://a.b', 'HTTPS://EVIL.EXAMPLE'])('takes %j for a link', (name) => {
    expect(looksLikeLink(name)).toBe(true);
  });

  it.each(['Ayşe Demir', 'فاطمة الزهراء', "Ngozi O'Brien", 'Dr. Ahmed Al-Farsi', 'Dr.Ahmed', 'J. R. Smith', 'Mme N’Diaye', '<b>Bold</b> Name'])('takes %j for a name', (name) => {
    expect(looksLikeLink(name)).toBe(false);
  });

  it('writes a name so that no address can be read in it, invisibly', () => {
    const written = nameForMail('Dear https://evil.example/claim');
    expect(written).not.toMatch(/https?:\/\/|evil\.example/);
    expect(written.replace(/\u200b/g, '')).toBe('Dear https://evil.example/claim');
  });

  it.each(locales)('greets by a name that cannot be linked, in %s', (language) => {
    const { text } = emailMessage('reset-password', language, { name: 'evil.example/claim', link: 'https://reform.example.org/en/account/reset-password/?token=a.b' });
    expect(text).not.toContain('evil.example');
    expect(text).toContain('https://reform.example.org/en/account/reset-password/?token=a.b');
  });
});

describe('links in mails (SITE_URL or where the server listens)', () => {
  const placeholder = { site: new URL('http://localhost:4321/'), url: new URL('http://127.0.0.1:4800/en/') };

  it('uses SITE_URL, then a SITE_URL given at build time, then the listening address', () => {
    const saved = { site: process.env.SITE_URL, listen: process.env.LISTEN_ORIGIN };
    try {
      delete process.env.SITE_URL;
      process.env.LISTEN_ORIGIN = 'http://127.0.0.1:4800';
      expect(publicOrigin(placeholder)).toBe('http://127.0.0.1:4800');
      expect(publicOrigin({ ...placeholder, site: new URL('https://reform.example.org/') })).toBe('https://reform.example.org/');
      process.env.SITE_URL = 'https://public.example.org';
      expect(publicOrigin(placeholder)).toBe('https://public.example.org');
    } finally {
      if (saved.site === undefined) delete process.env.SITE_URL;
      else process.env.SITE_URL = saved.site;
      if (saved.listen === undefined) delete process.env.LISTEN_ORIGIN;
      else process.env.LISTEN_ORIGIN = saved.listen;
    }
  });
});
