import { describe, expect, it } from 'vitest';
import { emailKinds, emailMessage } from '#lib/i18n/mail/index.ts';
import type { Locale } from '#lib/i18n/locales.ts';

/** The mails of contributed practices (issue 10), in each language. */
const languages: Locale[] = ['en', 'fr', 'ar'];
const practiceKinds = emailKinds.filter((kind) => kind.startsWith('practice-'));
const values = { name: 'Fatima Zahra Bennani', practiceTitle: 'Le guichet unique des permis de construire', slug: 'le-guichet-unique-3', site: 'https://exchange.example.org', reason: 'Please date the figure in the results.' };
const withReason = new Set(['practice-returned', 'practice-changes-requested', 'practice-declined']);
const cases = languages.flatMap((language) => practiceKinds.map((kind) => [language, kind] as const));

describe('practice mails', () => {
  it.each(cases)('%s %s names the practice, links to the right page in the reader’s language and carries the reason only where one is given', (language, kind) => {
    const { subject, text: written } = emailMessage(kind, language, values);
    // What people typed is written with zero-width spaces around its dots (names.ts textForMail).
    const text = written.replace(/\u200b/g, '');
    expect(subject).toContain(values.practiceTitle);
    expect(subject).not.toContain('\n');
    expect(text).toContain(values.name);
    expect(`${subject}\n${text}`).not.toMatch(/undefined|null|\$\{/);
    if (withReason.has(kind)) expect(text).toContain(values.reason);
    else expect(text).not.toContain(values.reason);
    const links = text.split('\n').filter((line) => line.startsWith('https://'));
    if (kind !== 'practice-withdrawn') expect(links.length).toBe(1);
    for (const link of links) expect(link).toMatch(new RegExp(`^https://exchange\\.example\\.org/${language}/(account/practices|focal-point/practices|staff/practices|practices/${values.slug})/$`));
    if (language === 'ar') expect(text).toMatch(/[\u0621-\u064A]/);
  });

  it.each(cases)('%s %s quotes a title or reason holding an address so that no link can be read in it', (language, kind) => {
    const hostile = {
      ...values,
      practiceTitle: 'Action required: re-verify your SESRIC account at https://evil.example/login',
      reason: 'Re-verify at https://evil.example/login or www.evil.example or evil。example',
    };
    const { subject, text } = emailMessage(kind, language, hostile);
    for (const part of [subject, text]) expect(part).not.toMatch(/https?:\/\/evil|evil\.example|www\.evil|evil。example/);
    expect(subject.replace(/\u200b/g, '')).toContain(hostile.practiceTitle);
    expect(text.replace(/\u200b/g, '')).toContain(hostile.practiceTitle);
    if (withReason.has(kind)) expect(text.replace(/\u200b/g, '')).toContain(hostile.reason);
    // The site's own link is still whole, on a line of its own.
    const links = text.split('\n').filter((line) => line.startsWith('https://'));
    for (const link of links) expect(link).toMatch(/^https:\/\/exchange\.example\.org\//);
  });

  it('sends the proposer to the published page once accepted', () => {
    expect(emailMessage('practice-accepted', 'ar', values).text).toContain('https://exchange.example.org/ar/practices/le-guichet-unique-3/');
  });
});
