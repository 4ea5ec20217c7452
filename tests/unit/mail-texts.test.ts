import { describe, expect, it } from 'vitest';
import { emailKinds, emailMessage } from '#lib/i18n/mail/index.ts';
import { locales, type Locale } from '#lib/i18n/locales.ts';

const signatures: Record<Locale, string> = {
  en: 'OIC Public Service Reform Exchange — SESRIC',
  fr: 'Échange OCI sur la réforme du service public — SESRIC',
  ar: 'منصة منظمة التعاون الإسلامي لتبادل تجارب إصلاح الخدمة العامة — سيسرك',
};
const arabicLetter = /[\u0621-\u064A]/;
const values = {
  name: 'Aylin Demir',
  link: 'https://exchange.example.org/en/account/verify-email?token=abc123',
  courseTitle: 'One-stop service centres',
  reason: 'The quota for your country is already reached.',
  deadline: '30 June',
};
// Contributed practices' mails carry a practice, not a course: tests/unit/practice-mail.test.ts.
const courseKinds = emailKinds.filter((kind) => !kind.startsWith('practice-'));
const cases = locales.flatMap((language) => courseKinds.map((kind) => [language, kind] as const));

describe('email messages', () => {
  it.each(cases)('%s %s has a subject, the name, the link, the signature and nothing undefined', (language, kind) => {
    const { subject, text } = emailMessage(kind, language, values);
    expect(subject.trim()).not.toBe('');
    expect(subject).not.toContain('\n');
    expect(text).toContain(values.name);
    expect(text).toContain(signatures[language]);
    expect(`${subject}\n${text}`).not.toMatch(/undefined|null|\$\{/);
    if (kind === 'verify-email' || kind === 'reset-password' || kind === 'set-password' || kind === 'nominated' || kind === 'completed') {
      // On a line of its own, so that mail clients make it clickable whatever the script around it.
      expect(text.split('\n')).toContain(values.link);
    }
    // A reason is written with zero-width spaces around its dots (names.ts textForMail).
    const read = text.replace(/\u200b/g, '');
    if (kind === 'declined' || kind === 'rejected') expect(read).toContain(values.reason);
    else expect(read).not.toContain(values.reason);
    if (language === 'ar') {
      expect(subject).toMatch(arabicLetter);
      expect(text).toMatch(arabicLetter);
    }
  });

  it.each(locales)('%s names the course in course messages', (language) => {
    for (const kind of courseKinds.filter((k) => !['verify-email', 'reset-password', 'set-password'].includes(k))) {
      const { subject, text } = emailMessage(kind, language, values);
      expect(subject, kind).toContain(values.courseTitle);
      expect(text, kind).toContain(values.courseTitle);
    }
  });

  it.each(locales)('%s gives an accepted participant the joining instructions and mentions the attached calendar', (language) => {
    const joining = 'Arrive at 08:30 at the front desk.';
    for (const kind of ['accepted', 'promoted'] as const) {
      const plain = emailMessage(kind, language, values).text;
      expect(plain, kind).not.toContain(joining);
      expect(plain, kind).not.toContain('course.ics');
      const full = emailMessage(kind, language, { ...values, joining, calendar: true, letter: true }).text;
      expect(full, kind).toContain(joining);
      expect(full, kind).toContain('course.ics');
      expect(full.split('\n\n').length, kind).toBe(plain.split('\n\n').length + 3);
    }
  });

  it('refuses to write a certificate mail without its link', () => {
    expect(() => emailMessage('completed', 'ar', { name: 'x', courseTitle: 'y' })).toThrow(/needs a link/);
  });

  it.each(locales)('%s states how long each account link stays valid', (language) => {
    const validity = {
      en: ['48 hours', 'one hour', '7 days'],
      fr: ['48 heures', 'une heure', '7 jours'],
      ar: ['48 ساعة', 'ساعة واحدة', '7 أيام'],
    }[language];
    expect(emailMessage('verify-email', language, values).text).toContain(validity[0]);
    expect(emailMessage('reset-password', language, values).text).toContain(validity[1]);
    expect(emailMessage('set-password', language, values).text).toContain(validity[2]);
  });

  it('reassures someone who did not ask for a reset', () => {
    expect(emailMessage('reset-password', 'en', values).text).toContain('your password has not changed');
    expect(emailMessage('reset-password', 'fr', values).text).toContain('votre mot de passe n’a pas été modifié');
  });

  it.each(locales)('%s leaves out what was not given', (language) => {
    const bare = { name: 'Awa Diop' };
    for (const kind of courseKinds.filter((k) => !['verify-email', 'reset-password', 'set-password', 'completed'].includes(k))) {
      const { subject, text } = emailMessage(kind, language, bare);
      expect(`${subject}\n${text}`, kind).not.toMatch(/undefined|https?:|[“«]\s*[”»]/);
      expect(text, kind).toContain(bare.name);
    }
  });

  it('asks a nominee without a new account to sign in instead of following a link', () => {
    const withoutLink = emailMessage('nominated', 'en', { name: 'Awa Diop', courseTitle: 'Open data' });
    expect(withoutLink.text).toMatch(/sign in/i);
    expect(withoutLink.text).not.toMatch(/https?:|7 days/);
    const withLink = emailMessage('nominated', 'en', { name: 'Awa Diop', courseTitle: 'Open data', link: values.link });
    expect(withLink.text).toContain('7 days');
  });

  it.each(['verify-email', 'reset-password', 'set-password'] as const)('refuses to write %s without its link', (kind) => {
    expect(() => emailMessage(kind, 'en', { name: 'Awa Diop' })).toThrow(/link/);
  });
});
