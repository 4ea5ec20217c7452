import { describe, expect, it, vi } from 'vitest';
import { locales } from '#lib/i18n/locales.ts';
import { practiceInput } from '#lib/practice-content.ts';
import { emailMessage } from '#lib/i18n/mail/index.ts';
import { looksLikeLink, nameForMail } from '#lib/names.ts';
import { safeNext } from '#lib/server/access.ts';
import { securityHeaders } from '#server/http-guard.ts';
import { publicOrigin } from '#http/links.ts';
import { clientKey, limits, signInAllowed, signInFailed, signInSucceeded } from '#lib/server/rate-limits.ts';

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

  it('stops the clients that have been failing on an account past 100 failures in the hour, not the owner', () => {
    const email = `ceiling-${Math.random()}@example.org`;
    // The probe: 106 wrong passwords from 106 addresses, then the owner from another one.
    for (let n = 0; n < 106; n += 1) {
      const address = `10.3.${Math.floor(n / 250)}.${n % 250}`;
      expect(signInAllowed(email, address), `attempt ${n}`).toBe(true);
      signInFailed(email, address);
    }
    expect(limits.failuresByAccount.check(email, 1)).toBe(false);
    // A client without recent failures has its password checked…
    expect(signInAllowed(email, '10.4.0.1')).toBe(true);
    signInSucceeded(email, '10.4.0.1');
    // …while one that failed within the hour is held at the ceiling once its own back-off is over.
    vi.useFakeTimers({ toFake: ['Date'] });
    try {
      vi.setSystemTime(Date.now() + 5_000);
      expect(signInAllowed(email, '10.3.0.7')).toBe(false);
      expect(signInAllowed(`someone-else-${Math.random()}@example.org`, '10.3.0.7')).toBe(true);
    } finally {
      vi.useRealTimers();
    }
  });

  it('holds a client that failed on other accounts at the ceiling too', () => {
    const email = `ceiling-other-${Math.random()}@example.org`;
    for (let n = 0; n < 100; n += 1) signInFailed(email, `10.5.${Math.floor(n / 250)}.${n % 250}`);
    signInFailed(`elsewhere-${Math.random()}@example.org`, '10.6.0.1');
    expect(signInAllowed(email, '10.6.0.1')).toBe(false);
    expect(signInAllowed(email, '10.6.0.2')).toBe(true);
  });
});

describe('IPv6 clients are counted by their /64 (item 1)', () => {
  it.each([
    ['2001:db8:1:2:3:4:5:6', '2001:db8:1:2::/64'],
    ['2001:0DB8:0001:0002:ffff:ffff:ffff:ffff', '2001:db8:1:2::/64'],
    ['2001:db8::1', '2001:db8:0:0::/64'],
    ['[2001:db8:1:2::9]', '2001:db8:1:2::/64'],
    ['fe80::1%eth0', 'fe80:0:0:0::/64'],
    ['::1', '0:0:0:0::/64'],
    ['::ffff:192.0.2.7', '192.0.2.7'],
    ['64:ff9b::192.0.2.7', '64:ff9b:0:0::/64'],
    ['192.0.2.7', '192.0.2.7'],
    ['unknown', 'unknown'],
    ['1:2:3::4::5', '1:2:3::4::5'],
  ])('keys %s as %s', (address, key) => {
    expect(clientKey(address)).toBe(key);
  });

  it('throttles every address of one /64 as one client', () => {
    const prefix = `2001:db8:${Math.floor(Math.random() * 0xffff).toString(16)}:1`;
    for (let n = 0; n < limits.failuresByAddress.max; n += 1) signInFailed(`v6-${n}-${Math.random()}@example.org`, `${prefix}:${n.toString(16)}::1`);
    expect(signInAllowed(`v6-other-${Math.random()}@example.org`, `${prefix}:ffff:ffff:ffff:ffff`)).toBe(false);
    expect(signInAllowed(`v6-other-${Math.random()}@example.org`, `${prefix.replace(/:1$/, ':2')}::1`)).toBe(true);
  });

  it('makes one /64 wait after its failure on an account, whichever address it tries from next', () => {
    const email = `v6-backoff-${Math.random()}@example.org`;
    expect(signInAllowed(email, '2001:db8:aaaa:1::1')).toBe(true);
    signInFailed(email, '2001:db8:aaaa:1::1');
    expect(signInAllowed(email, '2001:db8:aaaa:1::2')).toBe(false);
    expect(signInAllowed(email, '2001:db8:aaaa:2::1')).toBe(true);
  });

  it('counts requests per /64 on the sign-up and reset forms', () => {
    const prefix = `2001:db8:bbbb:${Math.floor(Math.random() * 0xffff).toString(16)}`;
    for (let n = 0; n < limits.byAddress.max; n += 1) expect(limits.byAddress.consume(`${prefix}::${n.toString(16)}`, 1)).toBe(true);
    expect(limits.byAddress.consume(`${prefix}::ffff`, 1)).toBe(false);
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

  // What a later probe got through: capitals, a common domain in any case, a domain run on into punctuation.
  it.each(['EVIL.COM', 'Evil.Com', 'evil.com-login', 'evil.com&x', 'evil.com_x', 'evil.com|a', 'evil.com…', 'evil.com’s', 'evil.com؟', 'sesric.org⁄login', 'evil.xn--p1ai', 'Re-verify at EVIL.COM-login now'])(
    'takes %j for a link too',
    (name) => {
      expect(looksLikeLink(name)).toBe(true);
    },
  );

  it.each(['Ayşe Demir', 'فاطمة الزهراء', "Ngozi O'Brien", 'Dr. Ahmed Al-Farsi', 'Dr.Ahmed', 'J. R. Smith', 'Mme N’Diaye', '<b>Bold</b> Name', 'Mr. A.B. Khan', 'M.Sc candidate', 'Ph.D. holder'])('takes %j for a name', (name) => {
    expect(looksLikeLink(name)).toBe(false);
  });

  const lookAlikes = ['evil。example', 'evil．example', 'evil｡example', 'ｅｖｉｌ．ｅｘａｍｐｌｅ', 'evil․example', 'evil﹒example', 'evil︒example', 'ｈｔｔｐｓ：／／evil.example', 'x＠evil．example', 'ｗｗｗ．evil', 'evil.\u200bexample', 'Dear evil。example／claim'];

  it.each(lookAlikes)('takes %j, with a look-alike dot or fullwidth forms, for a link', (name) => {
    expect(looksLikeLink(name)).toBe(true);
  });

  it.each(lookAlikes)('writes %j in mail with a zero-width space around each dot-like separator', (name) => {
    const written = nameForMail(name);
    expect(written.replace(/\u200b/g, '')).toBe(name.replace(/\u200b/g, ''));
    for (const separator of written.matchAll(/[.:/@\u3002\uFF0E\uFF61\u2024\uFE52\uFE12\uFF1A\uFF0F\uFF20]/gu)) {
      expect(written[separator.index - 1], `before ${separator[0]}`).toBe('\u200b');
      expect(written[separator.index + 1], `after ${separator[0]}`).toBe('\u200b');
    }
  });

  it.each(['山田。太郎', '李．明', 'Ｊ．Ｒ．Ｓｍｉｔｈ', 'Dr․ Ahmed'])('still takes %j for a name', (name) => {
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

  it('uses SITE_URL as the server runs, then the listening address, then the build’s site', () => {
    const saved = { site: process.env.SITE_URL, listen: process.env.LISTEN_ORIGIN };
    try {
      delete process.env.SITE_URL;
      process.env.LISTEN_ORIGIN = 'http://127.0.0.1:4800';
      expect(publicOrigin(placeholder)).toBe('http://127.0.0.1:4800');
      // A build made with SITE_URL=https://… and served elsewhere: the server's own address wins.
      expect(publicOrigin({ ...placeholder, site: new URL('https://reform.example.org/') })).toBe('http://127.0.0.1:4800');
      delete process.env.LISTEN_ORIGIN;
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

describe('practice titles in mails (item 3)', () => {
  const form = (title: string) => ({ intent: 'save', country: 'MA', language: 'en', title });

  it.each(['Action required: re-verify your SESRIC account at https://evil.example/login', 'Re-verify at www.evil.example', 'Write to x@evil.example', 'evil。example portal', 'ｅｖｉｌ．ｅｘａｍｐｌｅ'])(
    'refuses %j as a title, with the title’s own message',
    (title) => {
      const parsed = practiceInput.safeParse(form(title));
      expect(parsed.success).toBe(false);
      expect(parsed.error?.issues.find((issue) => issue.path[0] === 'title')?.message).toBe('practice.titleLink');
    },
  );

  it.each(['A national portal for building permits', 'Digital Bangladesh 2.0: one-stop e-services', 'ASAN service centres (2012–2023)', 'Le guichet unique des permis de construire', 'مراكز خدمة المواطنين'])('accepts %j', (title) => {
    expect(practiceInput.safeParse(form(title)).success).toBe(true);
  });

  it.each(locales)('quotes a stored title holding an address so that no link can be read in it, in %s', (language) => {
    const practiceTitle = 'Action required: re-verify your SESRIC account at https://evil.example/login';
    for (const kind of ['practice-to-endorse', 'practice-to-review', 'practice-submitted'] as const) {
      const { subject, text } = emailMessage(kind, language, { name: 'Ayşe Demir', practiceTitle, site: 'https://reform.example.org' });
      for (const part of [subject, text]) expect(part, kind).not.toMatch(/https?:\/\/evil|evil\.example/);
      expect(subject.replace(/\u200b/g, '')).toContain(practiceTitle);
    }
  });
});
