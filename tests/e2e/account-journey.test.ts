import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { ar } from '#lib/i18n/dictionaries/ar.ts';
import { en } from '#lib/i18n/dictionaries/en.ts';
import { openDatabase, type OpenDatabase } from '#lib/server/database.ts';
import { currentCode, makeAccount, type TestAccount } from '#support/accounts.ts';
import { launchChromium } from '#support/browser.ts';
import { openCourse } from '#support/http.ts';
import { waitForMail } from '#support/mailbox.ts';

const baseUrl = inject('baseUrl');
const mailDir = inject('mailDir');

let browser: Browser;
let database: OpenDatabase;

beforeAll(async () => {
  browser = await launchChromium();
  database = await openDatabase({ url: inject('databaseUrl') });
});
afterAll(async () => {
  await browser?.close();
  database?.client.close();
});

async function signIn(page: Page, lang: string, account: TestAccount): Promise<void> {
  await page.goto(`${baseUrl}/${lang}/account/sign-in/`);
  await page.locator('#field-email').fill(account.email);
  await page.locator('#field-password').fill(account.password);
  await page.locator('form.form button[type="submit"]').click();
  if (account.totpKey) {
    await page.waitForURL('**/account/two-factor/');
    await page.locator('#field-code').fill(currentCode(account.totpKey));
    await page.locator('form.form button[type="submit"]').first().click();
  }
  await page.waitForLoadState('networkidle');
}

describe.each([
  ['en', 'TR', 'Accepted'],
  ['ar', 'MA', 'مقبول'],
] as const)('a participant’s way to a seat, in the %s interface', (lang, country, acceptedLabel) => {
  it('signs up, confirms the address, applies; the focal point endorses; staff accepts', async () => {
    const course = (await openCourse(baseUrl)).slug;
    const email = `trainee-${lang}-${Date.now()}@example.org`;
    const password = 'a long enough passphrase for tests';
    const focalPoint = await makeAccount(database.db, { role: 'focal-point', country });
    const staff = await makeAccount(database.db, { role: 'staff', country: null });

    // Other suites sign up people with these common names in the same database; a per-run
    // suffix of letters keeps this participant's row the only match.
    const suffix = [...String(Date.now()).slice(-6)].map((d) => (lang === 'ar' ? 'ابتثجحخدذر' : 'abcdefghij')[Number(d)]).join('');
    const fullName = `${lang === 'ar' ? 'فاطمة الزهراء' : 'Ayşe Demir'} ${suffix}`;
    const participant = await (await browser.newContext()).newPage();
    await participant.goto(`${baseUrl}/${lang}/account/sign-up/`);
    expect(await participant.locator('html').getAttribute('dir')).toBe(lang === 'ar' ? 'rtl' : 'ltr');
    await participant.locator('#field-email').fill(email);
    await participant.locator('#field-password').fill(password);
    await participant.locator('#field-fullName').fill(fullName);
    await participant.locator('#field-country').selectOption(country);
    await participant.locator('#field-institution').fill('Ministry of Justice');
    await participant.locator('#field-position').fill('Head of unit');
    await participant.locator('form.form button[type="submit"]').click();
    await expect(participant.locator('.notice').textContent()).resolves.toBeTruthy();

    const verification = await waitForMail(mailDir, email);
    expect(verification.language).toBe(lang);
    const link = verification.links.find((l) => l.includes('/account/verify-email'));
    expect(link).toBeDefined();
    await participant.goto(link!);
    await participant.locator('form.form button[type="submit"]').click();
    await participant.waitForLoadState('networkidle');
    await signIn(participant, lang, { id: '', email, password });
    await participant.goto(`${baseUrl}/${lang}/account/apply/${course}/`);
    await participant.locator('#field-motivation').fill('I lead the redesign of our service centres.');
    await participant.locator('form.form button[type="submit"]').click();
    await participant.waitForURL('**/account/?sent=1');
    await waitForMail(mailDir, email, 2);

    const fp = await (await browser.newContext()).newPage();
    await signIn(fp, lang, focalPoint);
    const row = fp.locator('tr', { hasText: fullName });
    await row.locator('form:has(input[name="to"][value="endorsed"]) button').click();
    await fp.waitForLoadState('networkidle');
    // Each side is told what it did, to whom: not just "Saved.".
    const t = { en, ar }[lang];
    const named = (key: 'moved.endorsed' | 'moved.accepted') => t[key].replace('{name}', `\u2068${fullName}\u2069`);
    expect(await fp.locator('p.notice').textContent()).toBe(named('moved.endorsed'));

    const officer = await (await browser.newContext()).newPage();
    await signIn(officer, lang, staff);
    await officer.goto(`${baseUrl}/${lang}/staff/courses/${course}/?country=${country}`);
    const staffRow = officer.locator('tr', { hasText: fullName });
    await staffRow.locator('form:has(input[name="to"][value="accepted"]) button').click();
    await officer.waitForLoadState('networkidle');
    expect(await officer.locator('p.notice').textContent()).toBe(named('moved.accepted'));

    await participant.goto(`${baseUrl}/${lang}/account/`);
    await expect(participant.locator('.status').first().textContent()).resolves.toBe(acceptedLabel);
    const accepted = await waitForMail(mailDir, email, 4);
    expect(accepted.language).toBe(lang);
    // The course page's aside no longer tells an accepted participant how to apply.
    await participant.goto(`${baseUrl}/${lang}/courses/${course}/`, { waitUntil: 'networkidle' });
    await participant.locator('aside .your-application').waitFor();
    const aside = await participant.locator('aside').innerText();
    expect(aside).toContain(acceptedLabel);
    expect(aside).not.toContain(t['courses.applyText']);
    expect(aside).not.toContain(t['courses.applyTextSignedIn']);
    expect(await participant.locator('aside h2').innerText()).toBe(t['courses.seatsAndApplications']);
    for (const page of [participant, fp, officer]) await page.context().close();
  });
});
