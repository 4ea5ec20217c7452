import { dictionary } from '@zxcvbn-ts/language-common';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { users } from '#db/schema.ts';
import { en } from '#lib/i18n/dictionaries/en.ts';
import { moveApplication, submitApplication, type Actor } from '#lib/server/applications.ts';
import { openDatabase, type OpenDatabase } from '#lib/server/database.ts';
import { validateSessionToken } from '#lib/server/sessions.ts';
import { makeAccount } from '#support/accounts.ts';
import { decodeEntities, latestCourse, noticeText, openCourse, sessionCookie, SiteClient } from '#support/http.ts';

/** The site's defences, checked from outside: origins, cookies, throttling, enumeration, escaping. */

const baseUrl = inject('baseUrl');
const goodPassword = 'a long enough passphrase for tests';
const day = 24 * 60 * 60 * 1000;

let database: OpenDatabase;
let course: string;

beforeAll(async () => {
  database = await openDatabase({ url: inject('databaseUrl') });
  course = (await openCourse(baseUrl)).slug;
});
afterAll(() => database?.client.close());

const anonymous = () => new SiteClient(baseUrl);

async function signedIn(role: Actor['role'], country: string | null) {
  const account = await makeAccount(database.db, { role, country });
  const { cookie, token } = await sessionCookie(database.db, { id: account.id, role });
  return { account, token, client: new SiteClient(baseUrl, { cookie }) };
}

function signUpForm(email: string, password = goodPassword): Record<string, string> {
  return { email, password, fullName: 'Nadia Rahman', country: 'BD', institution: 'Cabinet Division', position: 'Deputy secretary', gender: 'female', preferredLanguage: 'en' };
}

/** A participant who set their name on the profile page and applied to the open course through the form. */
async function participantWhoApplied(country: string, fullName: string, motivation: string) {
  const participant = await signedIn('participant', country);
  const profile = await participant.client.post('/en/account/profile/', {
    fullName,
    country,
    institution: 'Ministry of Interior',
    position: 'Adviser',
    gender: 'male',
    preferredLanguage: 'en',
  });
  expect(profile.status).toBe(200);
  const applied = await participant.client.post(`/en/account/apply/${course}/`, { motivation });
  expect(applied.status).toBe(303);
  return participant;
}

/** Rows of a CSV document (RFC 4180: quoted cells, doubled quotes, CRLF). */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < text.length; i += 1) {
    const c = text[i]!;
    if (quoted && c === '"' && text[i + 1] === '"') {
      cell += '"';
      i += 1;
    } else if (c === '"') {
      quoted = !quoted;
    } else if (!quoted && c === ',') {
      row.push(cell);
      cell = '';
    } else if (!quoted && c === '\n') {
      row.push(cell.replace(/\r$/, ''));
      rows.push(row);
      [row, cell] = [[], ''];
    } else {
      cell += c;
    }
  }
  return rows;
}

/**
 * The page without its double-quoted attribute values, where `<` is inert text. A value whose
 * quote was not escaped ends early, and what follows it is left here to be found.
 */
function outsideAttributes(html: string): string {
  return html.replace(/="[^"]*"/g, '=""');
}

describe('requests from elsewhere', () => {
  it('refuses a sign-in posted from another origin with 403', async () => {
    const response = await anonymous().post('/en/account/sign-in/', { email: 'someone@example.org', password: goodPassword }, { Origin: 'http://evil.example' });
    expect(response.status).toBe(403);
  });

  it('does not sign anyone out on a GET to /en/account/sign-out/', async () => {
    const { client, token } = await signedIn('participant', 'TR');
    const response = await client.get('/en/account/sign-out/');
    expect([404, 405]).toContain(response.status);
    expect(await validateSessionToken(database.db, token)).not.toBeNull();
  });
});

describe('signing in', () => {
  it('answers the right password with 303 and an HttpOnly, SameSite=Lax, Path=/ session cookie (not Secure over http)', async () => {
    const { email, password } = await makeAccount(database.db, { role: 'participant', country: 'JO' });
    const response = await anonymous().post('/en/account/sign-in/', { email, password });
    expect(response.status).toBe(303);
    const cookie = response.cookies.find((c) => c.startsWith('session='));
    expect(cookie).toBeDefined();
    expect(cookie).toMatch(/;\s*HttpOnly/i);
    expect(cookie).toMatch(/;\s*SameSite=Lax/i);
    expect(cookie).toMatch(/;\s*Path=\/(;|$)/i);
    expect(cookie).not.toMatch(/;\s*Secure/i);
  });

  it('throttles wrong passwords for one account with 429', async () => {
    const { email } = await makeAccount(database.db, { role: 'participant', country: 'JO' });
    const client = anonymous();
    const statuses: number[] = [];
    for (let attempt = 0; attempt < 8 && !statuses.includes(429); attempt += 1) {
      statuses.push((await client.post('/en/account/sign-in/', { email, password: `wrong password ${attempt}` })).status);
    }
    expect(statuses).toContain(429);
    expect(statuses.filter((s) => s !== 429).every((s) => s === 401)).toBe(true);
  });
});

describe('signing up and resetting a password', () => {
  it('refuses a common password with 422, says why, and keeps the typed address', async () => {
    const common = dictionary['passwords-common'].find((p) => [...p].length >= 12 && [...p].length <= 256);
    expect(common).toBeDefined();
    const email = `keeps-${Date.now()}@example.org`;
    const response = await anonymous().post('/en/account/sign-up/', signUpForm(email, common));
    expect(response.status).toBe(422);
    expect(decodeEntities(response.text)).toContain(en['form.passwordCommon']);
    expect(response.text).toContain(`value="${email}"`);
  });

  it('answers sign-up for a registered and an unknown address alike', async () => {
    const { email } = await makeAccount(database.db, { role: 'participant', country: 'BD' });
    const taken = await anonymous().post('/en/account/sign-up/', signUpForm(email));
    const fresh = await anonymous().post('/en/account/sign-up/', signUpForm(`new-${Date.now()}@example.org`));
    expect(taken.status).toBe(fresh.status);
    expect(noticeText(taken.text)).toBe(en['account.checkEmail']);
    expect(noticeText(fresh.text)).toBe(en['account.checkEmail']);
  });

  it('answers a reset request for a registered and an unknown address alike', async () => {
    const { email } = await makeAccount(database.db, { role: 'participant', country: 'BD' });
    const known = await anonymous().post('/en/account/reset-password/', { email });
    const unknown = await anonymous().post('/en/account/reset-password/', { email: `nobody-${Date.now()}@example.org` });
    expect(known.status).toBe(unknown.status);
    expect(noticeText(known.text)).toBe(en['account.resetSent']);
    expect(noticeText(unknown.text)).toBe(en['account.resetSent']);
  });
});

describe('what people type, shown back to others', () => {
  it('exports a roster whose formula-looking name is made inert, starting with the UTF-8 BOM', async () => {
    // No URL in it: names holding web addresses are refused since issue 12.
    const formula = '=HYPERLINK("x","y")';
    const participant = await participantWhoApplied('ID', formula, 'I lead digital services.');
    const { client: staff } = await signedIn('staff', null);
    const response = await staff.get(`/en/staff/courses/${course}/roster.csv?country=ID`);
    expect(response.status).toBe(200);
    expect([...response.body.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const rows = parseCsv(response.text.slice(1));
    const row = rows.find((cells) => cells.includes(participant.account.email));
    expect(row?.[0]).toBe(`'${formula}`);
    expect(rows.flat().some((cell) => /^[=+\-@]/.test(cell))).toBe(false);
  });

  it('escapes a name and a motivation written as HTML on the focal point’s page and the staff roster', async () => {
    // The quote and bracket first try to leave an attribute (the staff page puts the name in aria-label).
    const name = '"><script>alert(1)</script>';
    const motivation = '<img src=x onerror=alert(1)>';
    await participantWhoApplied('MY', name, motivation);
    const { client: focalPoint } = await signedIn('focal-point', 'MY');
    const { client: staff } = await signedIn('staff', null);

    const fpPage = (await focalPoint.get('/en/focal-point/')).text;
    expect(fpPage).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(fpPage).toContain('&lt;img src=x onerror=alert(1)&gt;');
    expect(outsideAttributes(fpPage)).not.toContain('<script>alert(1)</script>');
    expect(outsideAttributes(fpPage)).not.toContain('<img src=x');

    const rosterPage = (await staff.get(`/en/staff/courses/${course}/?country=MY`)).text;
    expect(rosterPage).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(outsideAttributes(rosterPage)).not.toContain('<script>alert(1)</script>');
  });
});

/** /verify/{code} sends the visitor to the check in their language, here English. */
async function verify(code: string) {
  const redirect = await anonymous().get(`/verify/${code}`);
  expect(redirect.status).toBe(302);
  expect(redirect.location).toBe(`/en/verify/${code}/`);
  return anonymous().get(`/en/verify/${code}/`);
}

describe('certificates at /verify/{code}', () => {
  it('answers an unknown code with the 404 page', async () => {
    const response = await verify('NOSUCHCODE42');
    expect(response.status).toBe(404);
    expect(decodeEntities(response.text)).toContain(en['verify.invalid']);
  });

  it('shows the holder of a real certificate', async () => {
    // A history on the course that starts last, dated by the test, so no seat is taken on the open course.
    const offering = latestCourse();
    const holderName = `Certified Holder ${Date.now()}`;
    const applicant = await signedIn('participant', 'BJ');
    await database.db.update(users).set({ fullName: holderName }).where(eq(users.id, applicant.account.id));
    const focalPoint: Actor = { id: (await makeAccount(database.db, { role: 'focal-point', country: 'BJ' })).id, role: 'focal-point', country: 'BJ' };
    const staff: Actor = { id: (await makeAccount(database.db, { role: 'staff', country: null })).id, role: 'staff', country: null };

    const whileOpen = new Date(offering.applicationsOpen.getTime() + day);
    const duringCourse = new Date(offering.start.getTime() + day / 2);
    const submitted = await submitApplication(database.client, {
      applicant: { id: applicant.account.id, role: 'participant', country: 'BJ' },
      course: offering,
      motivation: 'I train inspectors.',
      now: whileOpen,
    });
    if (!submitted.ok) throw new Error(`could not apply: ${submitted.refusal}`);
    const steps: [Actor, 'endorsed' | 'accepted' | 'attended' | 'completed', Date][] = [
      [focalPoint, 'endorsed', whileOpen],
      [staff, 'accepted', whileOpen],
      [staff, 'attended', duringCourse],
      [staff, 'completed', duringCourse],
    ];
    for (const [actor, to, now] of steps) {
      const moved = await moveApplication(database.client, { actor, applicationId: submitted.value.id, to, course: offering, now });
      expect(moved.ok ? moved.value.status : moved.refusal).toBe(to);
    }
    const issued = await database.client.execute({ sql: 'select code from certificates where application_id = ?', args: [submitted.value.id] });
    const code = String(issued.rows[0]?.code);

    const response = await verify(code);
    expect(response.status).toBe(200);
    expect(response.text).toContain(holderName);
    expect(decodeEntities(response.text)).toContain(en['verify.valid']);
  });
});
