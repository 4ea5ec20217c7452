import { makeAccount } from './tests/support/accounts.ts';
import { launchChromium } from './tests/support/browser.ts';
import { sessionCookie } from './tests/support/http.ts';
import { openDatabase } from './src/lib/server/database.ts';
const base = 'http://127.0.0.1:4540';
const { db, client } = await openDatabase({ url: 'file:/tmp/f11a-run/platform.db' });
const st = await makeAccount(db, { role: 'staff', country: null });
const { cookie } = await sessionCookie(db, { id: st.id, role: 'staff' });
const [name, value] = cookie.split('=');
const browser = await launchChromium();
const context = await browser.newContext();
await context.addCookies([{ name: name!, value: value!, url: base }]);
const page = await context.newPage();
const code = String((await client.execute("select code from certificates order by issued_at desc limit 1")).rows[0]?.code);
for (const lang of ['en', 'ar']) for (const width of [390, 1280]) {
  await page.setViewportSize({ width, height: 900 });
  await page.goto(`${base}/${lang}/staff/courses/2027-sdcab-one-stop-service-delivery/?status=completed`);
  await page.screenshot({ path: `/tmp/f11a-run/shots/staff-course-${lang}-${width}.png`, fullPage: true });
  await page.goto(`${base}/${lang}/staff/certificates/${code}/`);
  await page.screenshot({ path: `/tmp/f11a-run/shots/staff-cert-${lang}-${width}.png`, fullPage: true });
}
await browser.close(); client.close();
