import { mkdirSync } from 'node:fs';
import { decodeBase64 } from '@oslojs/encoding';
import { and, eq } from 'drizzle-orm';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { applications, auditLog, sessions, users } from '#db/schema.ts';
import { submitApplication, moveApplication, type Actor } from '#lib/server/applications.ts';
import { openDatabase, type OpenDatabase } from '#lib/server/database.ts';
import { ar } from '#lib/i18n/dictionaries/ar.ts';
import { en } from '#lib/i18n/dictionaries/en.ts';
import { createSession } from '#lib/server/sessions.ts';
import { genders } from '#lib/vocabulary.ts';
import { currentCode, makeAccount } from '#support/accounts.ts';
import { launchChromium } from '#support/browser.ts';
import { latestCourse } from '#support/http.ts';

/**
 * The form layer of issue 15, in a real browser, in English and Arabic at a phone's and a
 * desktop's width: radios and checkboxes beside their labels, an error summary whose links lead
 * to the fields, every destructive action confirmed on a page of its own before anything
 * changes, and the second factor's key kept through a refused try.
 *
 * FORMS_SCREENSHOTS=<dir> saves a full-page screenshot of each form seen, for a person to look at.
 */
const baseUrl = inject('baseUrl');
const shotsDir = process.env.FORMS_SCREENSHOTS;
let browser: Browser;
let database: OpenDatabase;

beforeAll(async () => {
  browser = await launchChromium();
  database = await openDatabase({ url: inject('databaseUrl') });
  if (shotsDir) mkdirSync(shotsDir, { recursive: true });
});
afterAll(async () => {
  await browser?.close();
  database?.client.close();
});

const dictionaries = { en, ar } as const;
type Lang = keyof typeof dictionaries;
type Role = Actor['role'];
const cases = (['en', 'ar'] as const).flatMap((lang) => ([390, 1280] as const).map((width) => [lang, width] as const));

// A course no application rule will refuse today: the latest one, open to every member state.
const course = latestCourse();
const whileOpen = new Date(course.applicationsOpen.getTime() + 24 * 60 * 60 * 1000);

async function person(role: Role, country: string | null, twoFactorVerified = true): Promise<{ actor: Actor; token: string }> {
  const account = await makeAccount(database.db, { role, country });
  const { token } = await createSession(database.db, { id: account.id, role }, { twoFactorVerified });
  return { actor: { id: account.id, role, country }, token };
}

async function browserAs(token: string | null, width: number): Promise<BrowserContext> {
  const context = await browser.newContext({ viewport: { width, height: 900 } });
  if (token) await context.addCookies([{ name: 'session', value: token, url: baseUrl }]);
  return context;
}

/** An application of a new participant of `country`, submitted, and endorsed when asked. */
async function application(country: string, endorsedBy?: Actor): Promise<{ id: number; applicant: { actor: Actor; token: string } }> {
  const applicant = await person('participant', country);
  const submitted = await submitApplication(database.client, { applicant: applicant.actor, course, motivation: 'I run a service centre.', now: whileOpen });
  if (!submitted.ok) throw new Error(`could not apply: ${submitted.refusal}`);
  if (endorsedBy) await moveApplication(database.client, { actor: endorsedBy, applicationId: submitted.value.id, to: 'endorsed', course, now: whileOpen });
  return { id: submitted.value.id, applicant };
}

async function statusOf(id: number): Promise<string | undefined> {
  const [row] = await database.db.select({ status: applications.status }).from(applications).where(eq(applications.id, id));
  return row?.status;
}

/**
 * The error summary takes the focus through `autofocus`, which the browser applies at its next
 * rendering step: that may come a moment after the `load` event, so the test waits for it.
 */
async function expectSummaryFocused(page: Page): Promise<void> {
  await expect.poll(() => page.evaluate(() => document.activeElement?.className ?? ''), { timeout: 5_000 }).toContain('error-summary');
}

async function shot(page: Page, name: string): Promise<void> {
  if (shotsDir) await page.screenshot({ path: `${shotsDir}/${name}.png`, fullPage: true });
}

/** Where a box stands against its label: beside it on the line's start side, not above it. */
async function expectBesideLabel(page: Page, inputSelector: string, lang: Lang): Promise<void> {
  const input = page.locator(inputSelector);
  const id = await input.getAttribute('id');
  const box = await input.boundingBox();
  const label = await page.locator(`label[for="${id}"]`).boundingBox();
  expect(box, inputSelector).not.toBeNull();
  expect(label, `label of ${inputSelector}`).not.toBeNull();
  // On the same line: the box's middle lies within the label's height.
  const middle = box!.y + box!.height / 2;
  expect(middle).toBeGreaterThan(label!.y);
  expect(middle).toBeLessThan(label!.y + label!.height);
  // Before the label in reading order: left of it in English, right of it in Arabic, close by.
  const gap = lang === 'ar' ? box!.x - (label!.x + label!.width) : label!.x - (box!.x + box!.width);
  expect(gap).toBeGreaterThanOrEqual(0);
  expect(gap).toBeLessThan(24);
  // A large target: at least 24 px square.
  expect(box!.width).toBeGreaterThanOrEqual(24);
  expect(box!.height).toBeGreaterThanOrEqual(24);
}

describe.each(cases)('forms in %s at %i px', (lang, width) => {
  const t = dictionaries[lang];

  it('puts radios and checkboxes beside their labels (sign-up, staff’s people page)', async () => {
    const anonymous = await browserAs(null, width);
    const page = await anonymous.newPage();
    await page.goto(`${baseUrl}/${lang}/account/sign-up/`);
    for (const value of genders) await expectBesideLabel(page, `input[name="gender"][value="${value}"]`, lang);
    await expectBesideLabel(page, '#show-password', lang);
    expect(await page.locator('.fieldset__legend').first().textContent()).toBe(t['account.gender']);
    await shot(page, `sign-up-${lang}-${width}`);
    await anonymous.close();

    const staff = await browserAs((await person('staff', null)).token, width);
    const people = await staff.newPage();
    await people.goto(`${baseUrl}/${lang}/staff/people/`);
    for (const role of ['focal-point', 'staff']) await expectBesideLabel(people, `input[name="role"][value="${role}"]`, lang);
    await shot(people, `people-${lang}-${width}`);
    await staff.close();
  });

  it('lists each error at the top, focused, with links that move the focus to their fields', async () => {
    const context = await browserAs(null, width);
    const page = await context.newPage();
    await page.goto(`${baseUrl}/${lang}/account/sign-up/`);
    await page.locator('#field-email').fill('not-an-address');
    const [response] = await Promise.all([page.waitForResponse((r) => r.request().method() === 'POST'), page.locator('form.form button[type="submit"]').click()]);
    expect(response.status()).toBe(422);
    await page.waitForLoadState('load');
    // The summary has the focus as the page loads (autofocus), without any script of ours.
    await expectSummaryFocused(page);
    const links = page.locator('.error-summary a');
    const targets = await links.evaluateAll((anchors) => anchors.map((a) => a.getAttribute('href') ?? ''));
    // One entry per field in error, naming what to do, in the page's language.
    expect(targets).toEqual(expect.arrayContaining(['#field-email', '#field-password', '#field-fullName', '#field-country', '#field-institution', '#field-position']));
    expect(targets).toHaveLength(await page.locator('.field__error').count());
    // The window's title says there is an error before anything else (GOV.UK's pattern).
    expect(await page.title()).toMatch(new RegExp(`^${t['form.errorTitle'].replace('{title}', '').trim()}`));
    expect(await page.locator('.error-summary a[href="#field-fullName"]').textContent()).toBe(t['error.fullName.required']);
    expect(await page.locator('#field-fullName-error').textContent()).toBe(t['error.fullName.required']);
    await shot(page, `sign-up-errors-${lang}-${width}`);
    for (const target of targets) {
      await page.locator(`.error-summary a[href="${target}"]`).click();
      expect(await page.evaluate(() => document.activeElement?.id)).toBe(target.slice(1));
    }
    await context.close();
  });

  it('asks a participant to confirm withdrawing on a page of its own, and changes nothing until they do', async () => {
    const { id, applicant } = await application('AZ');
    const context = await browserAs(applicant.token, width);
    const page = await context.newPage();
    await page.goto(`${baseUrl}/${lang}/account/`);
    await page.locator('a[data-move="withdrawn"]').click();
    await page.waitForURL(/\/account\/confirm\/\?/);
    expect(await page.locator('h1').textContent()).toBe(t['confirm.withdrawn.title']);
    expect(await statusOf(id)).toBe('submitted');
    // The button that ends it is red, apart from the positive ones, and does not touch Cancel.
    const look = async (selector: string) => page.locator(selector).evaluate((e) => getComputedStyle(e).backgroundColor);
    expect(await look('[data-confirm]')).toBe('rgb(180, 35, 24)');
    expect(await look('[data-cancel]')).not.toBe('rgb(180, 35, 24)');
    const [confirmBox, cancelBox] = [await page.locator('[data-confirm]').boundingBox(), await page.locator('[data-cancel]').boundingBox()];
    const sameRow = Math.abs(confirmBox!.y - cancelBox!.y) < confirmBox!.height / 2;
    const apart = !sameRow
      ? cancelBox!.y - (confirmBox!.y + confirmBox!.height)
      : lang === 'ar'
        ? confirmBox!.x - (cancelBox!.x + cancelBox!.width)
        : cancelBox!.x - (confirmBox!.x + confirmBox!.width);
    expect(apart).toBeGreaterThanOrEqual(8);
    await shot(page, `confirm-withdraw-${lang}-${width}`);
    await page.locator('[data-cancel]').click();
    await page.waitForURL(`${baseUrl}/${lang}/account/`);
    expect(await statusOf(id)).toBe('submitted');
    await page.locator('a[data-move="withdrawn"]').click();
    await page.locator('[data-confirm]').click();
    // Back on the list, the page says what happened (not "Saved."), and the address names no one.
    await page.waitForURL(`${baseUrl}/${lang}/account/?moved=withdrawn&application=${id}`);
    expect(await statusOf(id)).toBe('withdrawn');
    expect(await page.locator('p.notice').textContent()).toMatch(new RegExp(`^${t['moved.ownWithdrawn'].split('{course}')[0]}`));
    await context.close();
  });

  it('asks a focal point to confirm declining, and changes nothing until they do', async () => {
    const focalPoint = await person('focal-point', 'SN');
    const { id } = await application('SN');
    const context = await browserAs(focalPoint.token, width);
    const page = await context.newPage();
    await page.goto(`${baseUrl}/${lang}/focal-point/`);
    await page.locator(`a[data-move="declined"][href*="application=${id}&"]`).click();
    await page.waitForURL(/\/account\/confirm\/\?/);
    expect(await statusOf(id)).toBe('submitted');
    await shot(page, `confirm-decline-${lang}-${width}`);
    await page.locator('[data-cancel]').click();
    await page.waitForURL(`${baseUrl}/${lang}/focal-point/`);
    expect(await statusOf(id)).toBe('submitted');
    await shot(page, `focal-point-${lang}-${width}`);
    await page.locator(`a[data-move="declined"][href*="application=${id}&"]`).click();
    // The reason is optional for a focal point, and the applicant reads it when given.
    expect(await page.locator('#field-reason').getAttribute('required')).toBeNull();
    await page.locator('#field-reason').fill('Your ministry nominates someone else this year.');
    await page.locator('[data-confirm]').click();
    await page.waitForURL(`${baseUrl}/${lang}/focal-point/?moved=declined&application=${id}`);
    expect(await statusOf(id)).toBe('declined');
    const [audit] = await database.db
      .select({ reason: auditLog.reason })
      .from(auditLog)
      .where(and(eq(auditLog.applicationId, id), eq(auditLog.toStatus, 'declined')));
    expect(audit?.reason).toBe('Your ministry nominates someone else this year.');
    expect(await page.locator('p.notice').textContent()).toBe(t['moved.declined'].replace('{name}', '\u2068Test participant SN\u2069'));
    await context.close();
  });

  it('asks staff to confirm a rejection with its reason, and changes nothing until they do', async () => {
    const focalPoint = await person('focal-point', 'MA');
    const { id } = await application('MA', focalPoint.actor);
    const staff = await person('staff', null);
    const context = await browserAs(staff.token, width);
    const page = await context.newPage();
    const roster = `${baseUrl}/${lang}/staff/courses/${course.slug}/?country=MA`;
    await page.goto(roster);
    await page.locator(`a[data-move="rejected"][href*="application=${id}&"]`).click();
    await page.waitForURL(/\/account\/confirm\/\?/);
    expect(await statusOf(id)).toBe('endorsed');
    // Confirming without the reason the applicant will read is refused, with the summary's link to it.
    await page.locator('[data-confirm]').click();
    await page.waitForLoadState('load');
    expect(await page.locator('.error-summary a').getAttribute('href')).toBe('#field-reason');
    expect(await page.locator('.error-summary a').textContent()).toBe(t['error.reason.required']);
    expect(await statusOf(id)).toBe('endorsed');
    await shot(page, `confirm-reject-${lang}-${width}`);
    await page.locator('[data-cancel]').click();
    await page.waitForURL(`${baseUrl}/${lang}/staff/courses/${course.slug}/`);
    expect(await statusOf(id)).toBe('endorsed');
    await page.goto(roster);
    await shot(page, `staff-course-${lang}-${width}`);
    await page.locator(`a[data-move="rejected"][href*="application=${id}&"]`).click();
    await page.locator('#field-reason').fill('The course is meant for service-centre managers.');
    await page.locator('[data-confirm]').click();
    await page.waitForURL(`${baseUrl}/${lang}/staff/courses/${course.slug}/?moved=rejected&application=${id}`);
    expect(await statusOf(id)).toBe('rejected');
    expect(await page.locator('p.notice').textContent()).toBe(t['moved.rejected'].replace('{name}', '\u2068Test participant MA\u2069'));
    await context.close();
  });

  it('asks staff to confirm a bulk rejection, listing who it concerns, and changes nothing until they do', async () => {
    const focalPoint = await person('focal-point', 'KW');
    const picked = [await application('KW', focalPoint.actor), await application('KW', focalPoint.actor)].map((a) => a.id);
    const staff = await person('staff', null);
    const context = await browserAs(staff.token, width);
    const page = await context.newPage();
    const roster = `${baseUrl}/${lang}/staff/courses/${course.slug}/?country=KW`;
    const choose = async () => {
      await page.goto(roster);
      for (const id of picked) await page.locator(`#select-${id}`).check();
      await page.locator('#bulk-to').selectOption('rejected');
      await page.locator('#bulk-reason').fill('The course is full of service-centre managers already.');
      await page.locator('button[form="bulk"]').click();
      await page.waitForLoadState('load');
    };
    await choose();
    const titles: Record<string, string> = t['confirm.bulk.title'];
    expect(await page.locator('h1').textContent()).toBe((titles[new Intl.PluralRules(lang).select(2)] ?? titles.other!).replace('{count}', '2'));
    expect(await page.locator('.confirm input[name="applicationIds"]').count()).toBe(2);
    for (const id of picked) expect(await statusOf(id)).toBe('endorsed');
    await shot(page, `confirm-bulk-reject-${lang}-${width}`);
    await page.locator('[data-cancel]').click();
    await page.waitForLoadState('load');
    for (const id of picked) expect(await statusOf(id)).toBe('endorsed');
    await choose();
    await page.locator('[data-confirm]').click();
    await page.waitForLoadState('load');
    for (const id of picked) expect(await statusOf(id)).toBe('rejected');
    // The message says how many moved and to what, in the page's language and plural.
    const done = lang === 'ar' ? 'نُقل طلبان إلى حالة «غير مقبول».' : '2 applications moved to “Not accepted”.';
    expect(await page.locator('p.notice').textContent()).toBe(done);
    await context.close();
  });

  it('asks to confirm deleting an account on a page of its own, and keeps it until confirmed', async () => {
    const participant = await person('participant', 'TR');
    const exists = async () => (await database.db.select({ id: users.id }).from(users).where(eq(users.id, participant.actor.id))).length === 1;
    const context = await browserAs(participant.token, width);
    const page = await context.newPage();
    await page.goto(`${baseUrl}/${lang}/account/profile/`);
    await expectBesideLabel(page, 'input[name="gender"][value="female"]', lang);
    await shot(page, `profile-${lang}-${width}`);
    await page.locator(`a[href="/${lang}/account/delete/"]`).click();
    await page.waitForURL(`${baseUrl}/${lang}/account/delete/`);
    expect(await page.locator('h1').textContent()).toBe(t['confirm.delete.title']);
    expect(await exists()).toBe(true);
    await shot(page, `confirm-delete-${lang}-${width}`);
    await page.locator('[data-cancel]').click();
    await page.waitForURL(`${baseUrl}/${lang}/account/profile/`);
    expect(await exists()).toBe(true);
    await page.locator(`a[href="/${lang}/account/delete/"]`).click();
    await page.locator('[data-confirm]').click();
    await page.waitForURL(`${baseUrl}/${lang}/account/sign-in/?deleted=1`);
    expect(await exists()).toBe(false);
    await context.close();
  });

  it('asks to confirm ending another session, and keeps it until confirmed', async () => {
    const participant = await person('participant', 'JO');
    const firefox = 'Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:133.0) Gecko/20100101 Firefox/133.0';
    const other = await createSession(database.db, { id: participant.actor.id, role: 'participant' }, { userAgent: firefox });
    const alive = async () => (await database.db.select({ id: sessions.id }).from(sessions).where(eq(sessions.id, other.session.id))).length === 1;
    const context = await browserAs(participant.token, width);
    const page = await context.newPage();
    await page.goto(`${baseUrl}/${lang}/account/security/`);
    await shot(page, `security-${lang}-${width}`);
    await page.locator(`a[href*="end=${other.session.id}"]`).click();
    expect(await page.locator('h1').textContent()).toBe(t['confirm.endSession.title']);
    // The browser as a person knows it; the raw header only in the title.
    const device = t['security.device'].replace('{browser}', 'Firefox').replace('{system}', 'Windows');
    expect(await page.locator('.confirm').textContent()).toContain(device);
    expect(await page.locator('.confirm').textContent()).not.toContain('Gecko');
    expect(await page.locator('.confirm dd[title]').first().getAttribute('title')).toBe(firefox);
    expect(await alive()).toBe(true);
    await shot(page, `confirm-end-session-${lang}-${width}`);
    await page.locator('[data-cancel]').click();
    await page.waitForURL(`${baseUrl}/${lang}/account/security/`);
    expect(await alive()).toBe(true);
    await page.locator(`a[href*="end=${other.session.id}"]`).click();
    await page.locator('[data-confirm]').click();
    await page.waitForLoadState('load');
    expect(await alive()).toBe(false);
    expect(await page.locator('p.notice').textContent()).toBe(t['security.ended']);
    await context.close();
  });

  it('keeps the second factor’s key and QR code through a refused try, and enrols with it', async () => {
    const staff = await person('staff', null, false);
    await database.db.update(users).set({ totpKey: null }).where(eq(users.id, staff.actor.id));
    const context = await browserAs(staff.token, width);
    const page = await context.newPage();
    await page.goto(`${baseUrl}/${lang}/account/two-factor/`);
    const shown = async () => ({
      manual: (await page.locator('[data-manual-key]').textContent())?.replace(/\s+/g, ''),
      hidden: await page.locator('input[name="key"]').getAttribute('value'),
      qr: await page.locator('.qr').innerHTML(),
    });
    const first = await shown();
    // The manual key in groups of four.
    const groups = await page.locator('.secret-key__group').allTextContents();
    expect(groups.length).toBeGreaterThan(1);
    for (const group of groups.slice(0, -1)) expect(group).toMatch(/^[A-Z2-7]{4}$/);
    await shot(page, `two-factor-${lang}-${width}`);
    const key = decodeBase64(first.hidden!);
    const wrong = String((Number(currentCode(key)) + 500_000) % 1_000_000).padStart(6, '0');

    const submit = async (code: string): Promise<number> => {
      await page.locator('#field-code').fill(code);
      const [response] = await Promise.all([page.waitForResponse((r) => r.request().method() === 'POST'), page.locator('form.form button[type="submit"]').click()]);
      await page.waitForLoadState('load');
      return response.status();
    };
    expect(await submit(wrong)).toBe(422);
    expect(await shown()).toEqual(first);
    // A wrong code is listed at the top like any form's error, with a link to the field.
    await expectSummaryFocused(page);
    expect(await page.locator('.error-summary a[href="#field-code"]').textContent()).toBe(t['twoFactor.wrongCode']);
    expect(await page.locator('#field-code-error').textContent()).toBe(t['twoFactor.wrongCode']);
    await shot(page, `two-factor-wrong-${lang}-${width}`);
    // Again, at once, until the site says too many attempts (each refusal makes the next wait
    // longer, so a slow machine gets there too). The same key and QR code must come back each time.
    const statuses: number[] = [];
    while (!statuses.includes(429) && statuses.length < 6) {
      statuses.push(await submit(wrong));
      expect(await shown()).toEqual(first);
    }
    expect(statuses).toContain(429);
    expect(await page.locator('.notice').textContent()).toBe(t['form.throttled']);
    await shot(page, `two-factor-throttled-${lang}-${width}`);
    // Coming back to the page (a reload, a new visit in the same session) shows the same key too.
    await page.goto(`${baseUrl}/${lang}/account/two-factor/`);
    expect(await shown()).toEqual(first);

    // Once the wait is over, the code of the key shown from the start enrols it.
    let status = 429;
    for (let tries = 0; status === 429 && tries < 40; tries += 1) {
      await page.waitForTimeout(500);
      status = await submit(currentCode(key));
    }
    expect(status).toBe(200);
    const [saved] = await database.db.select({ totpKey: users.totpKey }).from(users).where(eq(users.id, staff.actor.id));
    expect(Buffer.from(saved!.totpKey!).equals(Buffer.from(key))).toBe(true);
    // Once enrolled, the pending key is forgotten.
    expect((await context.cookies()).some((cookie) => cookie.name === 'totp-pending')).toBe(false);
    const codes = await page.locator('.recovery-codes code').allTextContents();
    expect(codes.length).toBeGreaterThan(0);
    const download = page.locator('[data-recovery-download]');
    expect(await download.getAttribute('download')).toBe('recovery-codes.txt');
    const href = (await download.getAttribute('href'))!;
    expect(href.startsWith('data:text/plain;charset=utf-8,')).toBe(true);
    const file = decodeURIComponent(href.slice(href.indexOf(',') + 1));
    for (const code of codes) expect(file).toContain(code);
    // The browser saves it as a file, under the content security policy.
    const [saving] = await Promise.all([page.waitForEvent('download'), download.click()]);
    expect(saving.suggestedFilename()).toBe('recovery-codes.txt');
    await shot(page, `recovery-codes-${lang}-${width}`);
    await context.close();
  });
});

describe.each(cases)('the focal point’s and staff’s forms in %s at %i px', (lang, width) => {
  const t = dictionaries[lang];

  /** Every form of the page with something to type or choose leaves checking to the server (no browser bubble in English). */
  async function expectNoBrowserValidation(page: Page): Promise<void> {
    const unchecked = await page.locator('form').evaluateAll((forms) =>
      forms.filter((form) => form.querySelector('input:not([type="hidden"]), select, textarea') && !form.hasAttribute('novalidate')).map((form) => form.outerHTML.slice(0, 120)),
    );
    expect(unchecked).toEqual([]);
  }

  async function submit(page: Page, button: string): Promise<number> {
    const [response] = await Promise.all([page.waitForResponse((r) => r.request().method() === 'POST'), page.locator(button).click()]);
    await page.waitForLoadState('load');
    return response.status();
  }

  async function expectSummary(page: Page, entries: [string, string][]): Promise<void> {
    await expectSummaryFocused(page);
    const links = await page.locator('.error-summary a').evaluateAll((anchors) => anchors.map((a) => [a.getAttribute('href') ?? '', a.textContent ?? '']));
    expect(links).toEqual(entries);
    for (const [target, message] of entries) {
      expect(await page.locator(`${target}-error`).textContent()).toBe(message);
      await page.locator(`.error-summary a[href="${target}"]`).click();
      expect(await page.evaluate(() => document.activeElement?.id)).toBe(target.slice(1));
    }
  }

  it('nominating with nothing typed: the error summary, in the page’s language, about the person', async () => {
    const focalPoint = await person('focal-point', 'BH');
    const context = await browserAs(focalPoint.token, width);
    const page = await context.newPage();
    await page.goto(`${baseUrl}/${lang}/focal-point/`);
    await expectNoBrowserValidation(page);
    expect(await submit(page, 'form[aria-labelledby="nominate"] button[type="submit"]')).toBe(422);
    await expectSummary(page, [
      ['#field-email', t['error.person.email.required']],
      ['#field-fullName', t['error.person.fullName.required']],
    ]);
    await shot(page, `nominate-errors-${lang}-${width}`);
    // What was typed comes back; a wrong address is named as such.
    await page.locator('#field-email').fill('awa.ndiaye');
    await page.locator('#field-fullName').fill('Awa Ndiaye');
    expect(await submit(page, 'form[aria-labelledby="nominate"] button[type="submit"]')).toBe(422);
    await expectSummary(page, [['#field-email', t['form.email']]]);
    expect(await page.locator('#field-fullName').inputValue()).toBe('Awa Ndiaye');
    await context.close();
  });

  it('substituting or ordering with a wrong value: the summary leads to that row’s field', async () => {
    const focalPoint = await person('focal-point', 'OM');
    const { id } = await application('OM', focalPoint.actor);
    const context = await browserAs(focalPoint.token, width);
    const page = await context.newPage();
    await page.goto(`${baseUrl}/${lang}/focal-point/`);
    const inRow = `tr:has(input[name="applicationId"][value="${id}"])`;
    const row = page.locator(inRow);
    await row.locator('details summary').click();
    expect(await submit(page, `${inRow} details button[type="submit"]`)).toBe(422);
    await expectSummary(page, [
      ['#field-email', t['error.person.email.required']],
      ['#field-fullName', t['error.person.fullName.required']],
    ]);
    // The refused form is the one open, in its row; the nomination's fields keep ids of their own.
    expect(await page.locator('details[open] #field-email').count()).toBe(1);
    expect(await page.locator('#field-email').count()).toBe(1);
    expect(await statusOf(id)).toBe('endorsed');

    await row.locator('input[name="rank"]').fill('first');
    expect(await submit(page, `${inRow} form:has(input[name="rank"]) button[type="submit"]`)).toBe(422);
    await expectSummary(page, [['#field-rank', t['error.rank.invalid']]]);
    await shot(page, `focal-point-rank-error-${lang}-${width}`);
    await context.close();
  });

  it('creating an account for a colleague with nothing typed: about the person, not “your” name', async () => {
    const staff = await browserAs((await person('staff', null)).token, width);
    const page = await staff.newPage();
    await page.goto(`${baseUrl}/${lang}/staff/people/`);
    await expectNoBrowserValidation(page);
    expect(await submit(page, 'form[aria-labelledby="people-new"] button[type="submit"]')).toBe(422);
    await expectSummary(page, [
      ['#field-email', t['error.person.email.required']],
      ['#field-fullName', t['error.person.fullName.required']],
    ]);
    expect(await page.locator('.error-summary').textContent()).not.toContain(t['error.fullName.required']);
    await shot(page, `people-errors-${lang}-${width}`);
    await staff.close();
  });
});
