import { mkdirSync } from 'node:fs';
import { eq } from 'drizzle-orm';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { applications, users } from '#db/schema.ts';
import { openDatabase, type OpenDatabase } from '#lib/server/database.ts';
import { createSession } from '#lib/server/sessions.ts';
import type { Role } from '#lib/vocabulary.ts';
import { makeAccount, type TestAccount } from '#support/accounts.ts';
import { launchChromium } from '#support/browser.ts';

/**
 * Staff's people tools and the paged roster (issue 11) in Chromium against the built site:
 * deactivation ends the session at its next request and refuses sign-in; the roster's paging
 * and sorting are links. PEOPLE_SCREENSHOTS=<dir> (default /tmp/people-tools-shots) keeps
 * screenshots of the people page and the paged roster at 390 and 1280 px, in en and ar.
 */

const baseUrl = inject('baseUrl');
const shotsDir = process.env.PEOPLE_SCREENSHOTS ?? '/tmp/people-tools-shots';
/** A course whose roster this file fills, filtered to a country no other file uses for it. */
const courseSlug = '2027-oshcab-workplace-inspection';
const country = 'BN';
const seeded = 61;

let browser: Browser;
let database: OpenDatabase;
let staff: TestAccount;
const stamp = Date.now();

async function signedIn(account: TestAccount, role: Role, width = 1280): Promise<BrowserContext> {
  const context = await browser.newContext({ viewport: { width, height: 900 } });
  const { token } = await createSession(database.db, { id: account.id, role }, { twoFactorVerified: true });
  await context.addCookies([{ name: 'session', value: token, url: baseUrl }]);
  return context;
}

async function open(context: BrowserContext, path: string, status = 200): Promise<Page> {
  const page = await context.newPage();
  const response = await page.goto(`${baseUrl}${path}`, { waitUntil: 'networkidle' });
  expect(response?.status(), path).toBe(status);
  return page;
}

beforeAll(async () => {
  mkdirSync(shotsDir, { recursive: true });
  browser = await launchChromium();
  database = await openDatabase({ url: inject('databaseUrl') });
  staff = await makeAccount(database.db, { role: 'staff', country: null });
  // Applicants named so that sorting by name is easy to check: "Roster 000 …" to "Roster 060 …".
  for (let n = 0; n < seeded; n += 1) {
    const account = await makeAccount(database.db, { role: 'participant', country });
    const name = `Roster ${String(n).padStart(3, '0')} ${stamp}`;
    await database.db.update(users).set({ fullName: name, institution: 'Ministry of Labour', position: 'Inspector' }).where(eq(users.id, account.id));
    await database.db.insert(applications).values({ courseSlug, userId: account.id, country, status: n % 3 ? 'submitted' : 'endorsed', rank: n % 3 ? null : n });
  }
});
afterAll(async () => {
  await browser?.close();
  database?.client.close();
});

describe('deactivating an account', () => {
  it('ends its open session at its next request, and sign-in is refused (told only with the right password)', async () => {
    const person = await makeAccount(database.db, { role: 'participant', country: 'TR' });
    const name = `Deactivated Person ${stamp}`;
    await database.db.update(users).set({ fullName: name }).where(eq(users.id, person.id));
    const theirs = await signedIn(person, 'participant');
    const before = await open(theirs, '/en/account/');
    expect(new URL(before.url()).pathname).toBe('/en/account/');

    const staffContext = await signedIn(staff, 'staff');
    const people = await open(staffContext, `/en/staff/people/?q=${encodeURIComponent(name)}`);
    await people.getByRole('link', { name }).click();
    await people.waitForLoadState('networkidle');
    await people.getByRole('link', { name: 'Deactivate this account' }).click();
    await people.waitForLoadState('networkidle');
    expect(await people.locator('h1').innerText()).toBe('Deactivate the account?');
    await people.locator('#field-reason').fill('Left the ministry.');
    await people.locator('button[data-confirm]').click();
    await people.waitForLoadState('networkidle');
    expect(await people.locator('.notice').innerText()).toBe('The account is deactivated and its sessions have ended.');
    expect(await people.locator('.badge--off').innerText()).toBe('deactivated');

    // Their next request finds no session: to the sign-in page.
    await before.reload({ waitUntil: 'networkidle' });
    expect(new URL(before.url()).pathname).toBe('/en/account/sign-in/');

    const signIn = async (password: string) => {
      await before.goto(`${baseUrl}/en/account/sign-in/`);
      await before.locator('#field-email').fill(person.email);
      await before.locator('#field-password').fill(password);
      await before.locator('form.form button[type="submit"]').click();
      await before.waitForLoadState('networkidle');
      return before.locator('main').innerText();
    };
    expect(await signIn(person.password)).toContain('This account has been deactivated.');
    expect(new URL(before.url()).pathname).toBe('/en/account/sign-in/');
    expect(await signIn('not the right password at all')).toContain('The email address or password is not right.');

    // Reactivated, the same password works again.
    await people.getByRole('link', { name: 'Reactivate this account' }).click();
    await people.waitForLoadState('networkidle');
    await people.locator('button[data-confirm]').click();
    await people.waitForLoadState('networkidle');
    await signIn(person.password);
    expect(new URL(before.url()).pathname).toBe('/en/account/');
    await theirs.close();
    await staffContext.close();
  });
});

describe('the paged roster', () => {
  it('shows 50 rows a page, pages and sorts through links, keeping the filter', async () => {
    const context = await signedIn(staff, 'staff');
    const page = await open(context, `/en/staff/courses/${courseSlug}/?country=${country}&sort=name`);
    const names = () => page.locator('table.roster tbody tr td:nth-child(2) > bdi').allInnerTexts();
    const first = await names();
    expect(first).toHaveLength(50);
    expect(first[0]).toBe(`Roster 000 ${stamp}`);
    expect(first).toEqual([...first].sort());
    expect(await page.locator('th[aria-sort="ascending"]').innerText()).toBe('Full name');

    await page.getByRole('link', { name: 'Next page' }).first().click();
    await page.waitForLoadState('networkidle');
    const second = await names();
    expect(second).toHaveLength(seeded - 50);
    expect(second.at(-1)).toBe(`Roster 060 ${stamp}`);
    expect(new URL(page.url()).searchParams.get('country')).toBe(country);

    // The header link turns the order round, from the first page.
    await page.getByRole('link', { name: 'Full name' }).click();
    await page.waitForLoadState('networkidle');
    expect(await page.locator('th[aria-sort="descending"]').innerText()).toBe('Full name');
    expect((await names())[0]).toBe(`Roster 060 ${stamp}`);
    // "Select all" ticks this page's rows only.
    await page.getByRole('link', { name: 'Select all' }).click();
    await page.waitForLoadState('networkidle');
    expect(await page.locator('input.roster-select:checked').count()).toBe(50);
    await context.close();
  });
});

describe('screenshots of the people page and the paged roster', () => {
  it.each([
    ['en', 390],
    ['en', 1280],
    ['ar', 390],
    ['ar', 1280],
  ] as const)('%s at %i px', async (lang, width) => {
    const context = await signedIn(staff, 'staff', width);
    const people = await open(context, `/${lang}/staff/people/?role=participant&country=${country}`);
    expect(await people.locator('table.people-list tbody tr').count()).toBe(50);
    expect(await people.locator('nav.pager a[rel="next"]').count()).toBe(1);
    await people.screenshot({ path: `${shotsDir}/people-${lang}-${width}.png`, fullPage: true });
    const roster = await open(context, `/${lang}/staff/courses/${courseSlug}/?country=${country}&page=2`);
    // No horizontal scrolling of the whole page, whatever the table does inside its own box.
    expect(await roster.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth + 1)).toBe(true);
    await roster.screenshot({ path: `${shotsDir}/roster-${lang}-${width}.png`, fullPage: true });
    await context.close();
  });
});
