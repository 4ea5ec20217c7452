import { eq } from 'drizzle-orm';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { applications, users } from '#db/schema.ts';
import { moveApplication, submitApplication, type Actor } from '#lib/server/applications.ts';
import type { CourseOffering } from '#lib/course-rules.ts';
import { openDatabase, type OpenDatabase } from '#lib/server/database.ts';
import { createSession } from '#lib/server/sessions.ts';
import type { Role } from '#lib/vocabulary.ts';
import { makeAccount, type TestAccount } from '#support/accounts.ts';
import { launchChromium } from '#support/browser.ts';
import { courseFromContent, openCourse } from '#support/http.ts';
import { ar } from '#lib/i18n/dictionaries/ar.ts';
import { en } from '#lib/i18n/dictionaries/en.ts';
import { fr } from '#lib/i18n/dictionaries/fr.ts';

/**
 * A way into the account and pages that know who is signed in (issue 15, item 3), and the staff
 * tools (item 7), in a real browser against the built site, in English and Arabic.
 */

const baseUrl = inject('baseUrl');
const langs = ['en', 'ar'] as const;

let browser: Browser;
let database: OpenDatabase;
let course: CourseOffering;

beforeAll(async () => {
  browser = await launchChromium();
  database = await openDatabase({ url: inject('databaseUrl') });
  course = courseFromContent((await openCourse(baseUrl)).slug);
});
afterAll(async () => {
  await browser?.close();
  database?.client.close();
});

interface Someone {
  account: TestAccount;
  actor: Actor;
  name: string;
}

async function someone(role: Role, country: string | null, name: string): Promise<Someone> {
  const account = await makeAccount(database.db, { role, country });
  await database.db.update(users).set({ fullName: name }).where(eq(users.id, account.id));
  return { account, actor: { id: account.id, role, country }, name };
}

/** A browser signed in as `person`, second factor passed unless told otherwise. */
async function browserOf(person: Someone | null, options: { twoFactorVerified?: boolean; width?: number } = {}): Promise<BrowserContext> {
  const context = await browser.newContext({ viewport: { width: options.width ?? 1280, height: 900 } });
  if (person) {
    const { token } = await createSession(database.db, { id: person.account.id, role: person.actor.role }, { twoFactorVerified: options.twoFactorVerified ?? true });
    await context.addCookies([{ name: 'session', value: token, url: baseUrl }]);
  }
  return context;
}

async function open(context: BrowserContext, path: string): Promise<Page> {
  const page = await context.newPage();
  const response = await page.goto(`${baseUrl}${path}`, { waitUntil: 'networkidle' });
  expect(response?.status(), path).toBe(200);
  return page;
}

/** The header's visible account links, as a person sees them. */
async function visibleAccountLinks(page: Page): Promise<string[]> {
  const links = page.locator('.site-header a.account-link');
  const texts: string[] = [];
  for (const link of await links.all()) if (await link.isVisible()) texts.push((await link.innerText()).trim());
  return texts;
}

const signInText = { en: 'Sign in', ar: 'تسجيل الدخول' } as const;
const dictionaries = { en, fr, ar } as const;
const myAccount = { en: 'My account', ar: 'حسابي' } as const;

describe('the header knows who is signed in', () => {
  it.each(langs)('%s: a content page says "Sign in" to a visitor, with no script, and takes them to sign in', async (lang) => {
    const context = await browserOf(null);
    const scripts: string[] = [];
    context.on('request', (request) => {
      if (request.resourceType() === 'script') scripts.push(request.url());
    });
    const page = await open(context, `/${lang}/case-studies/asan-service/`);
    expect(await visibleAccountLinks(page)).toEqual([signInText[lang]]);
    expect(scripts).toEqual([]);
    await page.locator('.site-header a.account-link:visible').click();
    await page.waitForURL(`**/${lang}/account/sign-in/`);
    await context.close();
  });

  it.each(langs)('%s: a content page and an account page show the account to a signed-in participant', async (lang) => {
    const person = await someone('participant', 'AZ', `Leyla Header ${lang}`);
    const context = await browserOf(person);
    const content = await open(context, `/${lang}/guides/`);
    expect(await visibleAccountLinks(content)).toEqual([myAccount[lang]]);
    await content.locator('.site-header a.account-link:visible').click();
    await content.waitForURL(`**/${lang}/account/`);
    // Rendered on demand, the header names the person (and says "My account" to screen readers).
    const [shown, ...more] = await visibleAccountLinks(content);
    expect(more).toEqual([]);
    expect(await content.locator('.site-header a.account-link bdi').innerText()).toBe(person.name);
    expect(shown).toContain(myAccount[lang]);
    expect(await content.locator('.site-header a.account-link').getAttribute('aria-current')).toBe('true');
    await context.close();
  });

  it('an on-demand page says "Sign in" to a visitor', async () => {
    const context = await browserOf(null);
    const page = await open(context, '/ar/account/sign-up/');
    expect(await visibleAccountLinks(page)).toEqual([signInText.ar]);
    await context.close();
  });
});

describe('the course page and the apply page know an applicant', () => {
  it.each(langs)('%s: the aside shows where the application stands, and links to it', async (lang) => {
    const applicant = await someone('participant', 'AZ', `Applicant ${lang}`);
    const focal = await someone('focal-point', 'AZ', `Focal ${lang}`);
    const submitted = await submitApplication(database.client, { applicant: applicant.actor, course, motivation: 'I run a one-stop shop.' });
    if (!submitted.ok) throw new Error(submitted.refusal);
    const endorsed = await moveApplication(database.client, { actor: focal.actor, applicationId: submitted.value.id, to: 'endorsed', course });
    expect(endorsed.ok).toBe(true);

    const context = await browserOf(applicant);
    const page = await open(context, `/${lang}/courses/${course.slug}/`);
    const aside = page.locator('aside.aside-box');
    await aside.locator('.your-application').waitFor();
    const text = await aside.innerText();
    expect(text).toContain(lang === 'en' ? 'You applied on' : 'تم تقديم طلبك');
    expect(text).toContain(lang === 'en' ? 'Endorsed by the focal point' : 'مؤيَّد من منسّق الاتصال');
    expect(await aside.locator(`a[href="/${lang}/account/apply/${course.slug}/"]`).count()).toBe(1);
    expect(await aside.locator('a.button').count()).toBe(0);
    // Headed for everyone alike; how to apply is said only to those who still can.
    const t = dictionaries[lang];
    expect(await aside.locator('h2').innerText()).toBe(t['courses.seatsAndApplications']);
    expect(text).not.toContain(t['courses.applyText']);
    expect(text).not.toContain(t['courses.applyTextSignedIn']);

    // The apply page shows the application, not a blank form to send again.
    await aside.locator(`a[href="/${lang}/account/apply/${course.slug}/"]`).click();
    await page.waitForURL(`**/${lang}/account/apply/${course.slug}/`);
    expect(await page.locator('textarea').count()).toBe(0);
    expect(await page.locator('.application-summary').innerText()).toContain('I run a one-stop shop.');
    await context.close();
  });

  it('a visitor and a participant who has not applied are invited to apply', async () => {
    for (const person of [null, await someone('participant', 'AZ', 'Not yet applied')]) {
      const context = await browserOf(person);
      const page = await open(context, `/en/courses/${course.slug}/`);
      await page.locator('aside .availability').waitFor();
      expect(await page.locator('aside a.button').innerText()).toBe('Apply for this course');
      expect(await page.locator('aside .your-application').count()).toBe(0);
      // A visitor is told to sign in first; a signed-in participant is not.
      expect(await page.locator('aside').innerText()).toContain(person ? en['courses.applyTextSignedIn'] : en['courses.applyText']);
      await context.close();
    }
  });

  it.each(langs)('%s: someone who withdrew sees it, is offered to apply again while applications are open, and does', async (lang) => {
    const t = dictionaries[lang];
    const applicant = await someone('participant', 'AZ', `Withdrew ${lang}`);
    const submitted = await submitApplication(database.client, { applicant: applicant.actor, course, motivation: 'First motivation.' });
    if (!submitted.ok) throw new Error(submitted.refusal);
    const withdrawn = await moveApplication(database.client, { actor: applicant.actor, applicationId: submitted.value.id, to: 'withdrawn', course });
    expect(withdrawn.ok).toBe(true);

    const context = await browserOf(applicant, { width: 390 });
    const page = await open(context, `/${lang}/courses/${course.slug}/`);
    const aside = page.locator('aside.aside-box');
    await aside.locator('.your-application').waitFor();
    expect(await aside.locator('.your-application').innerText()).toContain(t['status.withdrawn']);
    const again = aside.locator('a.button');
    expect(await again.innerText()).toBe(t['apply.again']);
    expect(await again.getAttribute('href')).toBe(`/${lang}/account/apply/${course.slug}/`);
    expect(await aside.innerText()).toContain(t['courses.applyTextSignedIn']);

    await again.click();
    await page.waitForURL(`**/${lang}/account/apply/${course.slug}/`);
    expect(await page.locator('.application-summary').innerText()).toContain(t['status.withdrawn']);
    expect(await page.locator('h2#apply-again').innerText()).toBe(t['apply.again']);
    await page.locator('#field-motivation').fill('Second motivation, after all.');
    await page.locator('form.form button[type="submit"]').click();
    await page.waitForURL(`**/${lang}/account/?sent=1`);
    const [row] = await database.db.select({ id: applications.id, status: applications.status, motivation: applications.motivation }).from(applications).where(eq(applications.userId, applicant.account.id));
    expect(row).toEqual({ id: submitted.value.id, status: 'submitted', motivation: 'Second motivation, after all.' });
    await context.close();
  });

  it.each(langs)('%s: staff are sent to the course’s applications, not to an application form they cannot use', async (lang) => {
    const staff = await someone('staff', null, `Staff course ${lang}`);
    const context = await browserOf(staff);
    const page = await open(context, `/${lang}/courses/${course.slug}/`);
    await page.locator('aside .availability').waitFor();
    expect(await page.locator('aside a.button').count()).toBe(0);
    await page.locator(`aside a[href="/${lang}/staff/courses/${course.slug}/"]`).click();
    await page.waitForURL(`**/${lang}/staff/courses/${course.slug}/`);
    await context.close();
  });

  it('on a phone, the apply box is on the first screens, not below the course text', async () => {
    const context = await browserOf(null, { width: 390 });
    const page = await open(context, `/en/courses/${course.slug}/`);
    const top = await page.locator('aside.aside-box').evaluate((el) => el.getBoundingClientRect().top + window.scrollY);
    const prose = await page.locator('.prose').evaluate((el) => el.getBoundingClientRect().top + window.scrollY);
    expect(top).toBeLessThan(prose);
    expect(top).toBeLessThan(1200);
    await context.close();
  });
});

describe('the account menu', () => {
  it.each(langs)('%s: marks the current page, and the section of a page under it', async (lang) => {
    const staff = await someone('staff', null, `Staff menu ${lang}`);
    const context = await browserOf(staff);
    const audit = await open(context, `/${lang}/staff/audit/`);
    const menu = audit.locator('nav.account-nav');
    expect(await menu.locator('a[aria-current="page"]').getAttribute('href')).toBe(`/${lang}/staff/audit/`);
    // Staff see their own applications too.
    expect(await menu.locator(`a[href="/${lang}/account/"]`).count()).toBe(1);
    const roster = await open(context, `/${lang}/staff/courses/${course.slug}/`);
    expect(await roster.locator('.account-nav a[aria-current="page"]').count()).toBe(0);
    expect(await roster.locator('.account-nav a[aria-current="true"]').getAttribute('href')).toBe(`/${lang}/staff/`);
    await context.close();
  });

  it.each(langs)('%s: marks "My applications" only on its own pages, and nothing on pages of no item (two-factor, confirmation, deletion)', async (lang) => {
    const current = (page: Page) =>
      page.locator('nav.account-nav [aria-current]').evaluateAll((links) => links.map((link) => [link.getAttribute('href'), link.getAttribute('aria-current')]));
    const staff = await someone('staff', null, `Staff marks ${lang}`);
    const staffContext = await browserOf(staff);
    const twoFactor = await open(staffContext, `/${lang}/account/two-factor/`);
    expect(await twoFactor.locator('nav.account-nav').count()).toBe(1);
    expect(await current(twoFactor)).toEqual([]);
    await staffContext.close();

    const applicant = await someone('participant', 'AZ', `Marks ${lang}`);
    const submitted = await submitApplication(database.client, { applicant: applicant.actor, course, motivation: 'To learn.' });
    if (!submitted.ok) throw new Error(submitted.refusal);
    const context = await browserOf(applicant);
    const expectations: [string, [string, string][]][] = [
      [`account/confirm/?application=${submitted.value.id}&to=withdrawn`, []],
      ['account/delete/', []],
      [`account/apply/${course.slug}/`, [[`/${lang}/account/`, 'true']]],
      ['account/', [[`/${lang}/account/`, 'page']]],
      ['account/security/', [[`/${lang}/account/security/`, 'page']]],
      ['account/practices/new/', [[`/${lang}/account/practices/`, 'true']]],
    ];
    for (const [path, marked] of expectations) {
      const page = await open(context, `/${lang}/${path}`);
      expect(await current(page), path).toEqual(marked);
      await page.close();
    }
    await context.close();
  });

  it.each(langs)('%s: a focal point sees "My applications" in the menu', async (lang) => {
    const focal = await someone('focal-point', 'SN', `Focal menu ${lang}`);
    const context = await browserOf(focal);
    const page = await open(context, `/${lang}/account/`);
    expect(await page.locator('.account-nav a[aria-current="page"]').getAttribute('href')).toBe(`/${lang}/account/`);
    expect(await page.locator(`.account-nav a[href="/${lang}/focal-point/"]`).count()).toBe(1);
    await context.close();
  });

  it.each(langs)('%s: is not shown before the second factor is passed', async (lang) => {
    const staff = await someone('staff', null, `Staff before 2FA ${lang}`);
    const context = await browserOf(staff, { twoFactorVerified: false });
    const page = await open(context, `/${lang}/staff/`);
    expect(page.url()).toContain(`/${lang}/account/two-factor/`);
    expect(await page.locator('.account-nav').count()).toBe(0);
    expect(await page.locator(`a[href="/${lang}/staff/"]`).count()).toBe(0);
    // Signing out stays possible, from the header, which offers nothing else account-like (no name, no "My account").
    expect(await page.locator(`form[action="/${lang}/account/sign-out/"] button`).count()).toBe(1);
    expect(await page.locator(`.site-header form[action="/${lang}/account/sign-out/"] button`).isVisible()).toBe(true);
    expect(await page.locator('.site-header a.account-link').count()).toBe(0);
    expect(await page.locator('.site-header').innerText()).not.toContain(staff.name);
    // A page built ahead says "Sign in" to them, as to a visitor.
    const content = await open(context, `/${lang}/guides/`);
    expect(await visibleAccountLinks(content)).toEqual([signInText[lang]]);
    await context.close();
  });
});

describe('staff tools', () => {
  let staff: Someone;
  let focal: Someone;
  let applicant: Someone;

  beforeAll(async () => {
    staff = await someone('staff', null, 'Samira Staff');
    focal = await someone('focal-point', 'AZ', 'Farid Focal');
    applicant = await someone('participant', 'AZ', 'Aynur Accepted');
    await database.db.update(users).set({ institution: 'ASAN Service', position: 'Head of front office' }).where(eq(users.id, applicant.account.id));
    const submitted = await submitApplication(database.client, { applicant: applicant.actor, course, motivation: 'To learn.' });
    if (!submitted.ok) throw new Error(submitted.refusal);
    for (const [actor, to] of [
      [focal.actor, 'endorsed'],
      [staff.actor, 'accepted'],
    ] as const) {
      const moved = await moveApplication(database.client, { actor, applicationId: submitted.value.id, to, course });
      if (!moved.ok) throw new Error(moved.refusal);
    }
  });

  it.each([
    ['en', 'Changed the status', 'Accepted'],
    ['ar', 'تغيير الحالة', 'مقبول'],
  ] as const)('%s: the audit log shows names and translated actions and states', async (lang, action, accepted) => {
    const context = await browserOf(staff);
    const page = await open(context, `/${lang}/staff/audit/`);
    const row = page.locator('tbody tr', { hasText: 'Samira Staff' }).filter({ hasText: 'Aynur Accepted' }).first();
    const cells = await row.locator('td').allInnerTexts();
    expect(cells[2]).toBe(action);
    expect(cells[4]).toContain(accepted);
    const table = await page.locator('table').innerText();
    expect(table).not.toContain(staff.account.id);
    expect(table).not.toContain('application.move');
    expect(cells[4]).not.toMatch(/endorsed|accepted/);
    await context.close();
  });

  it('records a new colleague with their name, not their id in the Reason column, and lists them on the people page', async () => {
    const context = await browserOf(staff);
    const page = await open(context, '/en/staff/people/');
    const email = `new-focal-${Date.now()}@example.org`;
    await page.locator('#field-email').fill(email);
    await page.locator('#field-fullName').fill('Nadia Newcomer');
    await page.locator('input[name="role"][value="focal-point"]').check();
    await page.locator('#field-country').selectOption('SN');
    await page.locator('form.form button[type="submit"]').click();
    await page.waitForLoadState('networkidle');
    // The list is paged (issue 11): each person is found through the search.
    const found = async (text: string) => {
      await page.goto(`${baseUrl}/en/staff/people/?q=${encodeURIComponent(text)}`, { waitUntil: 'networkidle' });
      return page.locator('table.people-list tbody tr', { hasText: text }).first().locator('td').allInnerTexts();
    };
    const cells = await found(email);
    expect(cells[0]).toContain('Nadia Newcomer');
    expect(cells.slice(1)).toEqual([email, 'National focal point', 'Senegal']);
    // Existing staff and focal points are listed too.
    expect((await found('Samira Staff'))[2]).toBe('Programme staff');
    expect((await found('Farid Focal'))[3]).toBe('Azerbaijan');

    const audit = await open(context, '/en/staff/audit/');
    const row = audit.locator('tbody tr', { hasText: 'Nadia Newcomer' }).first();
    const auditCells = await row.locator('td').allInnerTexts();
    expect(auditCells[2]).toBe('Created an account');
    expect(auditCells[3]).toContain('National focal point, Senegal');
    expect(auditCells[5]).toBe('');
    await context.close();
  });

  it.each(langs)('%s: "Attended" is not offered before the course starts; "select all" ticks every row without JavaScript', async (lang) => {
    const context = await browser.newContext({ javaScriptEnabled: false });
    const { token } = await createSession(database.db, { id: staff.account.id, role: 'staff' }, { twoFactorVerified: true });
    await context.addCookies([{ name: 'session', value: token, url: baseUrl }]);
    const page = await open(context, `/${lang}/staff/courses/${course.slug}/`);
    const row = page.locator('tbody tr', { hasText: 'Aynur Accepted' });
    expect(await row.locator('input[name="to"]').evaluateAll((inputs) => inputs.map((i) => (i as HTMLInputElement).value))).toEqual([]);
    expect(await page.locator('#bulk-to option').evaluateAll((options) => options.map((o) => (o as HTMLOptionElement).value))).toEqual(['accepted', 'waitlisted', 'rejected']);

    const boxes = page.locator('input[name="applicationIds"]');
    expect(await boxes.count()).toBeGreaterThan(1);
    await page.locator('.selection-links a').click();
    await page.waitForURL(/select=all/);
    const ticked = await page.locator('input[name="applicationIds"]').evaluateAll((inputs) => inputs.map((i) => (i as HTMLInputElement).checked));
    expect(ticked.length).toBeGreaterThan(1);
    expect(ticked.every(Boolean)).toBe(true);
    await context.close();
  });

  it.each(langs)('%s: the focal point sees each applicant’s position and institution', async (lang) => {
    const context = await browserOf(focal);
    const page = await open(context, `/${lang}/focal-point/`);
    const cell = await page.locator('tbody tr', { hasText: 'Aynur Accepted' }).locator('td').first().innerText();
    expect(cell).toContain('Head of front office');
    expect(cell).toContain('ASAN Service');
    await context.close();
  });

  it.each(langs)('%s: the audit log, the people page and the roster do not scroll sideways on a phone', async (lang) => {
    const context = await browserOf(staff, { width: 390 });
    for (const path of ['staff/audit/', 'staff/people/', `staff/courses/${course.slug}/`]) {
      const page = await open(context, `/${lang}/${path}`);
      expect(await page.evaluate(() => document.documentElement.scrollWidth), path).toBe(390);
      await page.close();
    }
    await context.close();
  });
});

describe('on a phone (390 px)', () => {
  it.each(['en', 'fr', 'ar'] as const)('%s: the header stays under 120 px in every state; the account menu is one row that scrolls sideways', async (lang) => {
    const longName = lang === 'ar' ? 'فاطمة الزهراء عبد الرحمن الهاشمي' : 'Fatima Zahra Abdelrahman Al-Hashimi';
    const participant = await someone('participant', 'AZ', `${longName} ${lang}`);
    const staff = await someone('staff', null, `${longName} staff ${lang}`);
    const states: [string, Someone | null, string, boolean?][] = [
      ['visitor, content page', null, `/${lang}/`],
      ['visitor, sign-in page', null, `/${lang}/account/sign-in/`],
      ['participant, content page', participant, `/${lang}/guides/`],
      ['participant, account page', participant, `/${lang}/account/`],
      ['staff, audit log', staff, `/${lang}/staff/audit/`],
      ['staff before the second factor', staff, `/${lang}/account/two-factor/`, false],
    ];
    for (const [state, person, path, twoFactorVerified] of states) {
      const context = await browserOf(person, { width: 390, ...(twoFactorVerified === false ? { twoFactorVerified } : {}) });
      const page = await open(context, path);
      const header = await page.locator('header.site-header').evaluate((el) => el.getBoundingClientRect().height);
      expect(header, state).toBeLessThan(120);
      expect(await page.evaluate(() => document.documentElement.scrollWidth), state).toBe(390);
      const menu = page.locator('nav.account-nav ul');
      if ((await menu.count()) > 0) {
        const box = await menu.evaluate((el) => ({ height: el.getBoundingClientRect().height, scrolls: el.scrollWidth > el.clientWidth, overflow: getComputedStyle(el).overflowX }));
        expect(box.height, state).toBeLessThan(60);
        expect(box.overflow, state).toBe('auto');
        if (state.startsWith('staff')) expect(box.scrolls, state).toBe(true);
      }
      await context.close();
    }
  });
});
