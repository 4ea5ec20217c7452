import { eq } from 'drizzle-orm';
import { users } from './db/schema.ts';
import { moveApplication, submitApplication, type Actor } from './src/lib/server/applications.ts';
import { newDocumentCode } from './src/lib/server/certificates.ts';
import { openDatabase } from './src/lib/server/database.ts';
import { makeAccount } from './tests/support/accounts.ts';
import { launchChromium } from './tests/support/browser.ts';
import { courseFromContent, sessionCookie } from './tests/support/http.ts';

const base = 'http://127.0.0.1:4540';
const out = '/tmp/f11a-run/shots';
const { db, client } = await openDatabase({ url: 'file:/tmp/f11a-run/platform.db' });
const course = courseFromContent('2027-sdcab-one-stop-service-delivery');
const browser = await launchChromium();
for (const lang of ['en', 'ar'] as const) {
  const COUNTRY = lang === 'en' ? process.env.C_EN! : process.env.C_AR!;
  const p = await makeAccount(db, { role: 'participant', country: COUNTRY, language: lang });
  await db.update(users).set({ fullName: lang === 'ar' ? 'مريم عبد الرحمن العبدالله' : 'Maryam Abdulrahman Al-Abdullah' }).where(eq(users.id, p.id));
  const fp = await makeAccount(db, { role: 'focal-point', country: COUNTRY });
  const st = await makeAccount(db, { role: 'staff', country: null });
  const staff: Actor = { id: st.id, role: 'staff', country: null };
  const s = await submitApplication(client, { applicant: { id: p.id, role: 'participant', country: COUNTRY }, course, motivation: 'x', now: course.applicationsOpen });
  if (!s.ok) throw new Error(s.refusal);
  const id = s.value.id;
  await moveApplication(client, { actor: { id: fp.id, role: 'focal-point', country: COUNTRY }, applicationId: id, to: 'endorsed', course, now: course.applicationsOpen });
  await moveApplication(client, { actor: staff, applicationId: id, to: 'accepted', course, now: course.applicationsOpen });
  const { cookie } = await sessionCookie(db, { id: p.id, role: 'participant' });
  const [name, value] = cookie.split('=');
  const context = await browser.newContext();
  await context.addCookies([{ name: name!, value: value!, url: base }]);
  const page = await context.newPage();
  for (const width of [390, 1280]) {
    await page.setViewportSize({ width, height: 900 });
    await page.goto(`${base}/${lang}/account/`);
    await page.screenshot({ path: `${out}/account-accepted-${lang}-${width}.png`, fullPage: true });
    await page.goto(`${base}/${lang}/account/letters/${id}/`);
    await page.screenshot({ path: `${out}/letter-${lang}-${width}.png`, fullPage: true });
  }
  await page.emulateMedia({ media: 'print' });
  await page.setViewportSize({ width: 1123, height: 794 });
  await page.screenshot({ path: `${out}/letter-${lang}-print.png`, fullPage: true });
  await page.emulateMedia({ media: 'screen' });
  await moveApplication(client, { actor: staff, applicationId: id, to: 'attended', course, now: course.start });
  const code = newDocumentCode();
  await moveApplication(client, { actor: staff, applicationId: id, to: 'completed', course, now: course.start, certificateCode: code });
  for (const width of [390, 1280]) {
    await page.setViewportSize({ width, height: 900 });
    await page.goto(`${base}/${lang}/account/certificates/${code}/`);
    await page.screenshot({ path: `${out}/certificate-${lang}-${width}.png`, fullPage: true });
    await page.goto(`${base}/${lang}/verify/${code}/`);
    await page.screenshot({ path: `${out}/verify-${lang}-${width}.png`, fullPage: true });
  }
  await page.goto(`${base}/${lang}/account/certificates/${code}/`);
  await page.emulateMedia({ media: 'print' });
  await page.setViewportSize({ width: 1123, height: 794 });
  await page.screenshot({ path: `${out}/certificate-${lang}-print.png`, fullPage: true });
  const pdf = await page.pdf({ preferCSSPageSize: true, printBackground: true, path: `${out}/certificate-${lang}.pdf` });
  console.log(lang, 'pdf pages', [...pdf.toString('latin1').matchAll(/\/MediaBox/g)].length);
  await context.close();
}
await browser.close();
client.close();
