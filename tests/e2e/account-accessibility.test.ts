import type { Browser, BrowserContext } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { openDatabase, type OpenDatabase } from '#lib/server/database.ts';
import { createSession } from '#lib/server/sessions.ts';
import type { Role } from '#lib/vocabulary.ts';
import { makeAccount } from '#support/accounts.ts';
import { wcagViolations } from '#support/axe.ts';
import { launchChromium } from '#support/browser.ts';

const baseUrl = inject('baseUrl');
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

/** Checked at a phone's width, where the account area's tables scroll sideways. */
const phone = { width: 390, height: 844 };

/** A browser signed in as a new person of `role`, their second factor already passed. */
async function signedIn(role: Role, twoFactorVerified = true): Promise<BrowserContext> {
  const account = await makeAccount(database.db, { role, country: role === 'staff' ? null : 'AZ' });
  const { token } = await createSession(database.db, { id: account.id, role }, { twoFactorVerified });
  const context = await browser.newContext({ viewport: phone });
  await context.addCookies([{ name: 'session', value: token, url: baseUrl }]);
  return context;
}

async function firstCourse(): Promise<string> {
  const html = await (await fetch(`${baseUrl}/en/courses/`)).text();
  return html.match(/href="\/en\/courses\/([a-z0-9-]+)\/"/)?.[1] ?? '';
}

const pages: [string, 'anonymous' | Role | 'unverified-staff', string][] = [
  ['sign-in', 'anonymous', 'account/sign-in/'],
  ['sign-up', 'anonymous', 'account/sign-up/'],
  ['reset-password', 'anonymous', 'account/reset-password/'],
  ['my applications', 'participant', 'account/'],
  ['profile', 'participant', 'account/profile/'],
  ['security', 'participant', 'account/security/'],
  ['apply', 'participant', 'account/apply/COURSE/'],
  ['second factor (enrolment)', 'unverified-staff', 'account/two-factor/'],
  ['focal point', 'focal-point', 'focal-point/'],
  ['staff', 'staff', 'staff/'],
  ['staff course roster', 'staff', 'staff/courses/COURSE/'],
  ['audit log', 'staff', 'staff/audit/'],
  ['people', 'staff', 'staff/people/'],
  ['mail outbox', 'staff', 'staff/outbox/'],
];

describe('the account area passes axe-core (WCAG 2.2 A and AA)', () => {
  it.each((['en', 'ar'] as const).flatMap((lang) => pages.map(([name, who, path]) => [lang, name, who, path] as const)))(
    '%s %s',
    async (lang, _name, who, path) => {
      const context =
        who === 'anonymous' ? await browser.newContext({ viewport: phone }) : await signedIn(who === 'unverified-staff' ? 'staff' : who, who !== 'unverified-staff');
      const page = await context.newPage();
      const response = await page.goto(`${baseUrl}/${lang}/${path.replace('COURSE', await firstCourse())}`);
      expect(response?.status()).toBe(200);
      expect(await wcagViolations(page)).toEqual([]);
      await context.close();
    },
  );

  it('keeps a form accessible when it shows errors', async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    await page.goto(`${baseUrl}/ar/account/sign-up/`);
    await page.locator('#field-email').fill('not-an-address');
    await page.locator('form.form button[type="submit"]').click();
    await page.waitForLoadState('networkidle');
    expect(await page.locator('#field-email').getAttribute('aria-invalid')).toBe('true');
    expect(await page.locator('#field-email').inputValue()).toBe('not-an-address');
    expect(await wcagViolations(page)).toEqual([]);
    await context.close();
  });
});
