import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { HtmlValidate, type ConfigData } from 'html-validate';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { PracticeContent } from '#lib/practice-content.ts';
import { completeProposal } from '#support/practices.ts';
import type { Actor } from '#lib/server/applications.ts';
import { openDatabase, type OpenDatabase } from '#lib/server/database.ts';
import { commentOnPractice, createPractice, findPractice, movePractice } from '#lib/server/practices.ts';
import { sessionCookieName } from '#lib/server/sessions.ts';
import { makeAccount, type TestAccount } from '#support/accounts.ts';
import { wcagViolations } from '#support/axe.ts';
import { launchChromium } from '#support/browser.ts';
import { decodeEntities, sessionCookie, SiteClient } from '#support/http.ts';
import { waitForMail } from '#support/mailbox.ts';

/**
 * Contributed practices (issue 10) on the built site: the Arabic journey in Chromium with real
 * mail, who may open and change what, hostile text kept inert on every page that shows it, and
 * the form fed generated junk.
 */

const baseUrl = inject('baseUrl');
const mailDir = inject('mailDir');

interface Person {
  account: TestAccount;
  actor: Actor;
  cookie: string;
  client: SiteClient;
}

let database: OpenDatabase;
let browser: Browser;
let people: Record<'proposer' | 'otherParticipant' | 'fpMA' | 'fpSN' | 'staff', Person>;

async function person(role: Actor['role'], country: string | null, language: 'en' | 'fr' | 'ar'): Promise<Person> {
  const account = await makeAccount(database.db, { role, country, language });
  const { cookie } = await sessionCookie(database.db, { id: account.id, role });
  return { account, actor: { id: account.id, role, country }, cookie, client: new SiteClient(baseUrl, { cookie }) };
}

async function pageAs(who: Person): Promise<Page> {
  const context = await browser.newContext();
  const [name, value] = who.cookie.split('=') as [string, string];
  await context.addCookies([{ name, value, url: baseUrl }]);
  return context.newPage();
}

const site = baseUrl;

/** A practice of `proposer` moved straight in the database to `status` (the journey test drives the pages). */
async function practiceAt(proposer: Person, status: 'draft' | 'submitted' | 'accepted', content = completeProposal(`Practice ${Date.now()}`)): Promise<number> {
  const created = await createPractice(database.client, { actor: proposer.actor, country: proposer.actor.country!, language: 'en', content });
  if (!created.ok) throw new Error(created.refusal);
  const id = created.value.id;
  if (status === 'draft') return id;
  await movePractice(database.client, { actor: proposer.actor, id, to: 'submitted', site });
  if (status === 'submitted') return id;
  await movePractice(database.client, { actor: people.fpMA.actor, id, to: 'endorsed', site });
  const accepted = await movePractice(database.client, { actor: people.staff.actor, id, to: 'accepted', site });
  if (!accepted.ok) throw new Error(accepted.refusal);
  return id;
}

beforeAll(async () => {
  database = await openDatabase({ url: inject('databaseUrl') });
  browser = await launchChromium();
  people = {
    proposer: await person('participant', 'MA', 'ar'),
    otherParticipant: await person('participant', 'MA', 'en'),
    fpMA: await person('focal-point', 'MA', 'ar'),
    fpSN: await person('focal-point', 'SN', 'fr'),
    staff: await person('staff', null, 'en'),
  };
  expect(sessionCookieName(false)).toBe(people.staff.cookie.split('=')[0]);
});
afterAll(async () => {
  await browser?.close();
  database?.client.close();
});

describe('an Arabic practice from draft to publication, in Chromium', () => {
  it('goes draft → submitted → endorsed → changes requested → resubmitted → accepted, with mails in each reader’s language, and is published', async () => {
    const { proposer, fpMA, staff } = people;
    const title = `الشباك الموحد لرخص البناء ${Date.now()}`;
    const page = await pageAs(proposer);
    await page.goto(`${baseUrl}/ar/account/practices/new/`);
    expect(await page.locator('html').getAttribute('dir')).toBe('rtl');
    await page.locator('#field-title').fill(title);
    await page.locator('#field-institution').fill('وزارة إصلاح الإدارة');
    await page.locator('#field-theme-e-services').check();
    await page.locator('#field-yearFrom').fill('2019');
    await page.locator('#field-summary').fill('تُقدَّم طلبات رخص البناء وتصدر عبر الإنترنت، مع آجال منشورة لكل مرحلة من مراحل الإجراء.');
    for (const [name, text] of [
      ['context', 'كانت الرخص تتطلب زيارات متعددة.'],
      ['done', '- منصة واحدة\n- آجال منشورة'],
      ['results', 'تقلّصت الآجال.'],
      ['lessons', 'القيادة *مهمّة*.'],
      ['adapting', 'ابدأ بإجراء واحد.'],
    ] as const) {
      await page.locator(`#field-${name}`).fill(text);
    }
    await page.locator('#field-source1Title').fill('التقرير السنوي للوزارة');
    await page.locator('#field-source1Url').fill('https://example.org/report');
    // Submitting without the consents: refused beside the field, nothing typed lost.
    await page.locator('button[name="intent"][value="submit"]').click();
    await page.waitForLoadState('domcontentloaded');
    await expect(page.locator('.error-summary').textContent()).resolves.toContain('الموافقات');
    expect(await page.locator('#field-title').inputValue()).toBe(title);
    await page.locator('#field-licence').check();
    await page.locator('#field-authorised').check();
    await page.locator('button[name="intent"][value="submit"]').click();
    await page.waitForURL('**/ar/account/practices/?done=submitted');

    const [row] = (await database.client.execute({ sql: 'select id from practices where user_id = ? order by id desc limit 1', args: [proposer.account.id] })).rows;
    const id = Number(row!.id);
    expect((await findPractice(database.client, id))?.status).toBe('submitted');
    const received = await waitForMail(mailDir, proposer.account.email, 1);
    expect(received.language).toBe('ar');
    expect(received.subject).toContain(title);
    expect((await waitForMail(mailDir, fpMA.account.email, 1)).language).toBe('ar');

    const fp = await pageAs(fpMA);
    await fp.goto(`${baseUrl}/ar/focal-point/practices/`);
    await fp.locator(`a[href$="/focal-point/practices/${id}/"]`).click();
    await fp.locator('input[name="to"][value="endorsed"]').check();
    await fp.locator('form.practice-decision button[type="submit"]').click();
    await fp.waitForURL(`**/focal-point/practices/${id}/?done=moved`);
    expect((await findPractice(database.client, id))?.status).toBe('endorsed');
    expect((await waitForMail(mailDir, staff.account.email, 1)).language).toBe('en');

    const officer = await pageAs(staff);
    await officer.goto(`${baseUrl}/en/staff/practices/?status=endorsed&country=MA&language=ar&theme=e-services`);
    await officer.locator(`a[href$="/staff/practices/${id}/"]`).click();
    await officer.locator('input[name="to"][value="changes-requested"]').check();
    await officer.locator('#field-reason').fill('Please date the result: since when are permits issued online?');
    await officer.locator('form.practice-decision button[type="submit"]').click();
    await officer.waitForURL(`**/staff/practices/${id}/?done=moved`);
    const changes = await waitForMail(mailDir, proposer.account.email, 3);
    expect(changes.language).toBe('ar');
    expect(changes.text).toContain('Please date the result');

    await page.goto(`${baseUrl}/ar/account/practices/`);
    await expect(page.locator('.practice-comments').first().textContent()).resolves.toContain('Please date the result');
    await page.goto(`${baseUrl}/ar/account/practices/${id}/`);
    await page.locator('#field-results').fill('تقلّصت الآجال منذ عام 2021.');
    await page.locator('button[name="intent"][value="submit"]').click();
    await page.waitForURL('**/ar/account/practices/?done=submitted');
    expect((await findPractice(database.client, id))?.status).toBe('resubmitted');

    await officer.goto(`${baseUrl}/en/staff/practices/${id}/`);
    await expect(officer.locator('.practice-diff__text ins').first().textContent()).resolves.toContain('منذ عام 2021');
    await expect(officer.locator('.practice-diff__text del').first().textContent()).resolves.toContain('تقلّصت الآجال.');
    await officer.locator('input[name="to"][value="accepted"]').check();
    await officer.locator('form.practice-decision button[type="submit"]').click();
    await officer.waitForURL(`**/staff/practices/${id}/?done=moved`);
    const accepted = await findPractice(database.client, id);
    expect(accepted).toMatchObject({ status: 'accepted', endorsement: 'endorsed', version: 2 });
    const slug = accepted!.slug!;

    const published = await waitForMail(mailDir, proposer.account.email, 5);
    expect(published.language).toBe('ar');
    expect(published.links).toContain(`${baseUrl}/ar/practices/${slug}/`);
    // The focal point's second mail: asked to endorse, then told of the publication.
    const toFocalPoint = await waitForMail(mailDir, fpMA.account.email, 2);
    expect(toFocalPoint.language).toBe('ar');
    expect(toFocalPoint.links).toContain(`${baseUrl}/ar/practices/${slug}/`);

    const reader = await browser.newPage();
    await reader.goto(`${baseUrl}/ar/practices/${slug}/`);
    await expect(reader.locator('h1').textContent()).resolves.toBe(title);
    await expect(reader.locator('.practice__credit').textContent()).resolves.toContain('وزارة إصلاح الإدارة');
    await expect(reader.locator('.practice-endorsement').textContent()).resolves.toBe('أيّدها منسّق الاتصال الوطني');
    await expect(reader.locator('.practice .prose ul li').first().textContent()).resolves.toBe('منصة واحدة');
    await reader.goto(`${baseUrl}/en/practices/${slug}/`);
    await expect(reader.locator('.notice').first().textContent()).resolves.toContain('Arabic');
    expect(await reader.locator('article').getAttribute('dir')).toBe('rtl');
    await reader.goto(`${baseUrl}/ar/practices/`);
    await expect(reader.locator(`a[href="/ar/practices/${slug}/"]`).textContent()).resolves.toBe(title);
    // The country page is built once and sends no script: it links to the country's live list.
    await reader.goto(`${baseUrl}/ar/countries/ma/`);
    await reader.locator('.country-practices a').last().click();
    await reader.waitForURL('**/ar/practices/?country=ma');
    await expect(reader.locator(`a[href="/ar/practices/${slug}/"]`).textContent()).resolves.toBe(title);
    const feed = await new SiteClient(baseUrl).get('/ar/practices/rss.xml');
    expect(feed.status).toBe(200);
    expect(feed.text).toContain(`/ar/practices/${slug}/`);
    for (const opened of [page, fp, officer, reader]) await opened.context().close();
  });
});

describe('who may open and change a practice', () => {
  let submitted: number;
  let draft: number;

  beforeAll(async () => {
    submitted = await practiceAt(people.proposer, 'submitted');
    draft = await practiceAt(people.proposer, 'draft');
  });

  type Name = 'anonymous' | keyof typeof people;
  const routes = (id: number): [string, Partial<Record<Name, number>>][] => [
    ['/en/account/practices/', { anonymous: 303, proposer: 200, otherParticipant: 200, fpMA: 200, fpSN: 200, staff: 200 }],
    ['/en/account/practices/new/', { anonymous: 303, proposer: 200, otherParticipant: 200, fpMA: 200, fpSN: 200, staff: 200 }],
    [`/en/account/practices/${id}/`, { anonymous: 303, proposer: 200, otherParticipant: 404, fpMA: 404, fpSN: 404, staff: 404 }],
    [`/en/account/practices/${id}/preview/`, { anonymous: 303, proposer: 200, otherParticipant: 404, fpMA: 404, fpSN: 404, staff: 404 }],
    [`/en/account/practices/${id}/withdraw/`, { anonymous: 303, proposer: 200, otherParticipant: 404, fpMA: 404, fpSN: 404, staff: 404 }],
    ['/en/focal-point/practices/', { anonymous: 303, proposer: 404, otherParticipant: 404, fpMA: 200, fpSN: 200, staff: 404 }],
    [`/en/focal-point/practices/${id}/`, { anonymous: 303, proposer: 404, otherParticipant: 404, fpMA: 200, fpSN: 404, staff: 404 }],
    ['/en/staff/practices/', { anonymous: 303, proposer: 404, otherParticipant: 404, fpMA: 404, fpSN: 404, staff: 200 }],
    [`/en/staff/practices/${id}/`, { anonymous: 303, proposer: 404, otherParticipant: 404, fpMA: 404, fpSN: 404, staff: 200 }],
  ];
  const clientOf = (name: Name): SiteClient => (name === 'anonymous' ? new SiteClient(baseUrl) : people[name].client);

  it('answers each person on each route of a submitted practice as the matrix says', async () => {
    const seen: string[] = [];
    const expected: string[] = [];
    for (const [path, statuses] of routes(submitted)) {
      for (const [name, status] of Object.entries(statuses) as [Name, number][]) {
        seen.push(`${name} GET ${path} → ${(await clientOf(name).get(path)).status}`);
        expected.push(`${name} GET ${path} → ${status}`);
      }
    }
    expect(seen).toEqual(expected);
  });

  it('hides a draft from everyone but its proposer: a guessed id answers exactly as a missing one', async () => {
    for (const name of ['otherParticipant', 'fpMA', 'staff'] as const) {
      for (const suffix of ['', 'preview/', 'withdraw/']) {
        const guessed = await clientOf(name).get(`/en/account/practices/${draft}/${suffix}`);
        const missing = await clientOf(name).get(`/en/account/practices/99999999/${suffix}`);
        // The 404 page repeats its own address (canonical link, language switcher), and nothing else differs.
        expect([guessed.status, guessed.text.replaceAll(`/${draft}/`, '/ID/')]).toEqual([missing.status, missing.text.replaceAll('/99999999/', '/ID/')]);
        expect(guessed.status).toBe(404);
      }
    }
    for (const path of [`/en/focal-point/practices/${draft}/`, `/en/staff/practices/${draft}/`]) {
      expect((await people.fpMA.client.get(path)).status).toBe(404);
      expect((await people.staff.client.get(path)).status).toBe(404);
    }
    expect((await people.proposer.client.get(`/en/account/practices/${draft}/`)).status).toBe(200);
  });

  it('refuses every change by someone the practice is not theirs to change, and changes nothing', async () => {
    const attempts: [Name, string, Record<string, string>][] = [
      ['fpSN', `/en/focal-point/practices/${submitted}/?do=move`, { to: 'endorsed', reason: '' }],
      ['fpSN', `/en/focal-point/practices/${submitted}/?do=comment`, { body: 'Not mine.' }],
      ['staff', `/en/focal-point/practices/${submitted}/?do=move`, { to: 'endorsed', reason: '' }],
      ['proposer', `/en/staff/practices/${submitted}/?do=move`, { to: 'accepted', reason: '' }],
      ['fpMA', `/en/staff/practices/${submitted}/?do=move`, { to: 'accepted', reason: '' }],
      ['otherParticipant', `/en/account/practices/${submitted}/withdraw/`, { confirm: 'yes' }],
      ['otherParticipant', `/en/account/practices/${draft}/`, { intent: 'submit', title: 'Taken over', country: 'MA', language: 'en' }],
      ['anonymous', `/en/account/practices/${draft}/withdraw/`, { confirm: 'yes' }],
    ];
    for (const [name, path, form] of attempts) {
      const reply = await clientOf(name).post(path, form);
      expect([303, 404], `${name} POST ${path}`).toContain(reply.status);
      if (reply.status === 303) expect(reply.location).toContain('/account/sign-in/');
    }
    expect((await findPractice(database.client, submitted))?.status).toBe('submitted');
    expect((await findPractice(database.client, draft))?.status).toBe('draft');
    const comments = await database.client.execute({ sql: 'select count(*) as n from practice_comments where practice_id = ?', args: [submitted] });
    expect(Number(comments.rows[0]!.n)).toBe(0);
  });

  it('lets a focal point act only on the moves open now: endorsing twice is refused', async () => {
    const id = await practiceAt(people.proposer, 'submitted');
    expect((await people.fpMA.client.post(`/en/focal-point/practices/${id}/?do=move`, { to: 'endorsed', reason: '' })).status).toBe(303);
    expect((await people.fpMA.client.post(`/en/focal-point/practices/${id}/?do=move`, { to: 'endorsed', reason: '' })).status).toBe(409);
    expect((await people.staff.client.post(`/en/staff/practices/${id}/?do=move`, { to: 'declined', reason: '' })).status).toBe(422);
  });
});

describe('bad input and abuse', () => {
  const form = (overrides: Record<string, string>): Record<string, string> => ({ intent: 'save', country: 'MA', language: 'en', title: 'A title', ...overrides });

  it('answers an over-long field with 422 naming the field, in the page’s language, keeping what was typed', async () => {
    const client = people.otherParticipant.client;
    const reply = await client.post('/en/account/practices/new/', form({ title: 'x'.repeat(141), summary: 'Kept summary' }));
    expect(reply.status).toBe(422);
    const text = decodeEntities(reply.text);
    expect(text).toContain('Title: This is too long.');
    expect(text).toContain('Kept summary');
    const french = await client.post('/fr/account/practices/new/', form({ context: 'y'.repeat(4001) }));
    expect(french.status).toBe(422);
    expect(decodeEntities(french.text)).toContain('Contexte');
  });

  it('refuses bidirectional overrides and control characters, and non-web addresses, by field', async () => {
    const reply = await people.otherParticipant.client.post('/en/account/practices/new/', form({ title: 'evil\u202etxt.exe', source1Url: 'javascript:alert(1)', figure1Source: 'data:text/html,x' }));
    expect(reply.status).toBe(422);
    const text = decodeEntities(reply.text);
    expect(text).toContain('Title: Remove control or direction-override characters.');
    expect(text).toContain('Source 1 — Address (https://…): Enter an address that starts with https:// or http://.');
    expect(text).toContain('Key figure 1 — Source address (https://…)');
  });

  it('allows at most five new proposals a day per account', async () => {
    const newcomer = await person('participant', 'SN', 'fr');
    const statuses: number[] = [];
    for (let i = 0; i < 6; i++) statuses.push((await newcomer.client.post('/fr/account/practices/new/', form({ country: 'SN', title: `Brouillon ${i}` }))).status);
    expect(statuses).toEqual([303, 303, 303, 303, 303, 429]);
  });

  it('keeps hostile text inert in Chromium on the public page, the staff page and the focal-point page', async () => {
    const payload = '<img src=x onerror="window.__pwned=1"><script>window.__pwned=2</script>';
    const hostile: PracticeContent = {
      ...completeProposal(`Hostile ${payload}`),
      institution: `Ministry ${payload}`,
      summary: `A summary long enough to be submitted, with ${payload} inside it for good measure.`,
      sections: {
        context: `${payload}\n\n<iframe src="javascript:window.__pwned=3"></iframe>`,
        done: '[click me](javascript:window.__pwned=4) [data](data:text/html,<script>window.__pwned=5</script>)',
        results: '<a href="javascript:window.__pwned=6">raw link</a> <svg onload="window.__pwned=7"></svg>',
        lessons: '<style>body{display:none}</style> {window.__pwned=8}',
        adapting: '![x](javascript:window.__pwned=9) <details open ontoggle="window.__pwned=10">',
      },
      figures: [{ value: payload, label: payload, asOf: '2024', source: 'https://example.org/?q=<script>' }],
      sources: [{ title: `Source ${payload}`, url: 'https://example.org/"><script>window.__pwned=11</script>' }],
    };
    const id = await practiceAt(people.proposer, 'submitted', hostile);
    await movePractice(database.client, { actor: people.fpMA.actor, id, to: 'returned', reason: payload, site });
    const pagesToCheck: [Person | null, string][] = [
      [people.fpMA, `/en/focal-point/practices/${id}/`],
      [people.staff, `/en/staff/practices/${id}/`],
      [people.proposer, `/en/account/practices/${id}/preview/`],
    ];
    await movePractice(database.client, { actor: people.proposer.actor, id, to: 'submitted', site });
    await movePractice(database.client, { actor: people.fpMA.actor, id, to: 'endorsed', site });
    const accepted = await movePractice(database.client, { actor: people.staff.actor, id, to: 'accepted', site });
    const slug = accepted.ok ? accepted.value.slug! : '';
    pagesToCheck.push([null, `/en/practices/${slug}/`], [null, '/en/practices/'], [null, '/en/practices/?country=ma'], [people.staff, '/en/staff/practices/'], [people.fpMA, '/en/focal-point/practices/']);
    for (const [who, path] of pagesToCheck) {
      const page = who ? await pageAs(who) : await browser.newPage();
      const dialogs: string[] = [];
      page.on('dialog', (dialog) => {
        dialogs.push(dialog.message());
        void dialog.dismiss();
      });
      await page.goto(`${baseUrl}${path}`);
      await page.waitForLoadState('networkidle');
      const found = await page.evaluate(() => ({
        pwned: (window as unknown as { __pwned?: number }).__pwned ?? null,
        injected: document.querySelectorAll(
          ['.practice', '.practice-details', '.cards', '.practice-comments', '.sources']
            .flatMap((scope) => ['img', 'iframe', 'svg', 'details', 'style', 'script'].map((tag) => `${scope} ${tag}`))
            .concat(['[onerror]', '[onload]', '[ontoggle]', 'a[href^="javascript" i]', 'a[href^="data" i]'])
            .join(', '),
        ).length,
        scripts: [...document.querySelectorAll('script')].filter((s) => s.textContent?.includes('__pwned')).length,
        shown: document.body.textContent?.includes('<img src=x onerror=') ?? false,
      }));
      expect({ path, ...found, dialogs }).toEqual({ path, pwned: null, injected: 0, scripts: 0, shown: true, dialogs: [] });
      await page.context().close();
    }
  });

  it('never fails on generated junk in any field of the proposal form, and never stores markup it then runs', async () => {
    const id = await practiceAt(people.otherParticipant, 'draft');
    const junk = fc.oneof(
      fc.string({ maxLength: 200 }),
      fc.string({ unit: 'grapheme', maxLength: 100 }),
      fc.constantFrom('<script>alert(1)</script>', '"><img src=x onerror=alert(1)>', '[x](javascript:alert(1))', '\u202e', '\u0000', 'x'.repeat(5000), "' OR 1=1 --", '{constructor}', '__proto__'),
    );
    const field = fc.constantFrom('title', 'institution', 'summary', 'context', 'done', 'yearFrom', 'figure1Value', 'figure1Source', 'source1Url', 'source1Date', 'country', 'language', 'intent', 'theme-e-services', '__proto__');
    await fc.assert(
      fc.asyncProperty(fc.dictionary(field, junk, { maxKeys: 5 }), async (fields) => {
        const reply = await people.otherParticipant.client.post(`/en/account/practices/${id}/`, form(fields));
        expect([303, 422], JSON.stringify(fields)).toContain(reply.status);
        if (reply.status === 303 && reply.location?.includes('preview')) {
          const preview = await people.otherParticipant.client.get(reply.location);
          expect(preview.status).toBe(200);
          expect(preview.text).not.toMatch(/<(script|img|iframe)\b[^>]*(alert|onerror)/i);
        }
      }),
      { numRuns: 40 },
    );
    const stored = await findPractice(database.client, id);
    expect(stored?.status).toBe('draft');
  });
});

describe('the review forms fed generated junk', () => {
  it('never fail (5xx) on a decision, a comment or a withdrawal, whoever posts, and keep the rule table', async () => {
    const proposer = await person('participant', 'MA', 'fr');
    const id = await practiceAt(proposer, 'submitted');
    const junk = fc.oneof(fc.string({ maxLength: 300 }), fc.constantFrom('endorsed', 'accepted', 'declined', 'returned', 'in-review', 'withdrawn', 'draft', '<script>', '\u202e', 'x'.repeat(3000), ''));
    const target = fc.constantFrom(
      [people.fpMA, `/fr/focal-point/practices/${id}/?do=move`],
      [people.fpMA, `/fr/focal-point/practices/${id}/?do=comment`],
      [people.fpSN, `/fr/focal-point/practices/${id}/?do=move`],
      [people.staff, `/en/staff/practices/${id}/?do=comment`],
      [people.staff, `/en/staff/practices/${id}/?do=other`],
      [proposer, `/fr/account/practices/${id}/withdraw/`],
    ) as fc.Arbitrary<[Person, string]>;
    const statuses = new Set<number>();
    await fc.assert(
      fc.asyncProperty(target, fc.dictionary(fc.constantFrom('to', 'reason', 'body', 'confirm', 'intent'), junk, { maxKeys: 3 }), async ([who, path], form) => {
        const reply = await who.client.post(path, form);
        statuses.add(reply.status);
        expect(reply.status, `${path} ${JSON.stringify(form)}`).toBeLessThan(500);
      }),
      { numRuns: 60 },
    );
    const after = await findPractice(database.client, id);
    // Whatever happened, it happened by the rule table: still waiting, or endorsed, returned or withdrawn.
    expect(['submitted', 'endorsed', 'returned', 'withdrawn']).toContain(after?.status);
    expect([...statuses].every((status) => [200, 303, 404, 409, 422].includes(status))).toBe(true);
  });
});

describe('the practice pages for everyone', () => {
  it('are valid HTML (html-validate, the site’s own rules), with hostile text and with errors shown', async () => {
    const validator = new HtmlValidate(JSON.parse(readFileSync(new URL('../../.htmlvalidate.json', import.meta.url), 'utf8')) as ConfigData);
    const proposer = await person('participant', 'MA', 'ar');
    const payload = '<b onclick="x()">bold</b> "quoted" & [link](javascript:x)';
    const id = await practiceAt(proposer, 'submitted', { ...completeProposal(`Valid ${payload}`), sections: { context: payload, done: '- a\n- b', results: '### r', lessons: '*l*', adapting: '[a](https://example.org)' } });
    await commentOnPractice(database.client, { actor: people.staff.actor, id, body: payload });
    const accepted = await practiceAt(proposer, 'accepted');
    const slug = (await findPractice(database.client, accepted))!.slug!;
    const found: string[] = [];
    const check = async (who: Person | null, path: string, form?: Record<string, string>): Promise<void> => {
      const client = who ? who.client : new SiteClient(baseUrl);
      const reply = form ? await client.post(path, form) : await client.get(path);
      const report = await validator.validateString(reply.text, path);
      for (const result of report.results) for (const m of result.messages) found.push(`${path} ${m.line}:${m.column} ${m.ruleId}: ${m.message}`);
    };
    for (const lang of ['en', 'ar']) {
      await check(proposer, `/${lang}/account/practices/`);
      await check(proposer, `/${lang}/account/practices/new/`);
      await check(proposer, `/${lang}/account/practices/new/`, { intent: 'submit', country: 'MA', language: 'ar', title: 'x'.repeat(141), source1Url: 'javascript:x' });
      await check(proposer, `/${lang}/account/practices/${id}/`);
      await check(proposer, `/${lang}/account/practices/${id}/withdraw/`);
      await check(people.fpMA, `/${lang}/focal-point/practices/`);
      await check(people.fpMA, `/${lang}/focal-point/practices/${id}/`);
      await check(people.fpMA, `/${lang}/focal-point/practices/${id}/?do=move`, { to: 'returned', reason: '' });
      await check(people.staff, `/${lang}/staff/practices/?status=submitted`);
      await check(people.staff, `/${lang}/staff/practices/${id}/`);
      await check(null, `/${lang}/practices/`);
      await check(null, `/${lang}/practices/${slug}/`);
    }
    expect(found).toEqual([]);
  });

  it('moves a practice’s address to the curated case study made from it (301), and answers 404 for no practice', async () => {
    // A proposer of its own: each account may start five proposals a day.
    const id = await practiceAt(await person('participant', 'MA', 'en'), 'accepted');
    // As if `practices:export` had written content/case-studies/albania-adisa/ and it had been built.
    await database.client.execute({ sql: "update practices set slug = 'albania-adisa' where id = ?", args: [id] });
    const reply = await new SiteClient(baseUrl).get('/fr/practices/albania-adisa/');
    expect([reply.status, reply.location]).toEqual([301, '/fr/case-studies/albania-adisa/']);
    expect((await new SiteClient(baseUrl).get('/fr/practices/no-such-practice-1/')).status).toBe(404);
  });

  it('have no WCAG 2.2 AA violations, in English and Arabic, on a phone and a desktop, including with errors shown', async () => {
    const proposer = await person('participant', 'MA', 'ar');
    const id = await practiceAt(proposer, 'submitted');
    const accepted = await practiceAt(proposer, 'accepted');
    const slug = (await findPractice(database.client, accepted))!.slug!;
    const pages: [Person | null, string][] = [
      [proposer, '/ar/account/practices/'],
      [proposer, '/ar/account/practices/new/'],
      [proposer, `/en/account/practices/${id}/`],
      [proposer, `/ar/account/practices/${id}/withdraw/`],
      [people.fpMA, `/ar/focal-point/practices/${id}/`],
      [people.staff, '/en/staff/practices/'],
      [people.staff, `/en/staff/practices/${id}/`],
      [null, `/ar/practices/${slug}/`],
      [null, '/fr/practices/'],
    ];
    const found: string[] = [];
    for (const width of [390, 1280]) {
      for (const [who, path] of pages) {
        const page = who ? await pageAs(who) : await browser.newPage();
        await page.setViewportSize({ width, height: 900 });
        await page.goto(`${baseUrl}${path}`);
        if (path.endsWith('/new/')) {
          await page.locator('button[name="intent"][value="submit"]').click();
          await page.waitForLoadState('domcontentloaded');
        }
        for (const v of await wcagViolations(page)) found.push(`${width} ${path}: ${v.id} ${v.targets.join(', ')}`);
        const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
        if (overflow > 0) found.push(`${width} ${path}: ${overflow}px wider than the screen`);
        await page.context().close();
      }
    }
    expect(found).toEqual([]);
  });
});
