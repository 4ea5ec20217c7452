import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'astro/zod';
import { launchChromium } from '#support/browser.ts';
import { accountPageTypes, firstCourse, publicPageTypes } from '#support/page-types.ts';
import { seedRoster } from '#support/roster.ts';
import { openDatabase } from '#lib/server/database.ts';
import type { Role } from '#lib/vocabulary.ts';
import { readFlags } from './cli.ts';

/**
 * `npm run screenshots -- --base-url http://127.0.0.1:4321 [--out screenshots] [--database-url file:…]`
 *
 * Full-page PNGs of every page type at 390 and 1280 px, in English and Arabic, from a site that
 * is already running (this builds nothing). With --database-url (the running server's
 * database), it also adds a sample roster and signs in as a participant, a focal point and staff
 * to show the account pages. Files are named <type>-<lang>-<width>.png.
 */
const usage = 'npm run screenshots -- --base-url URL [--out DIR] [--database-url file:PATH] [--only TYPE,…]';
const flags = readFlags(
  'screenshots',
  { 'base-url': { type: 'string' }, out: { type: 'string' }, 'database-url': { type: 'string' }, only: { type: 'string' } },
  z.object({
    'base-url': z.url({ error: 'give the running site’s address, such as http://127.0.0.1:4321' }),
    out: z.string().default('screenshots'),
    'database-url': z.string().startsWith('file:').optional(),
    only: z.string().optional(),
  }),
  usage,
);
const baseUrl = flags['base-url'].replace(/\/$/, '');
const only = flags.only?.split(',');
const wanted = (type: string): boolean => !only || only.includes(type);
mkdirSync(flags.out, { recursive: true });

const course = await firstCourse(baseUrl);
const sessions: Partial<Record<Role, string>> = {};
if (flags['database-url']) {
  const { client, db } = await openDatabase({ url: flags['database-url'] });
  try {
    Object.assign(sessions, (await seedRoster(db, course)).sessions);
  } finally {
    client.close();
  }
}

const shots: { type: string; path: string; session?: string | undefined }[] = [
  ...Object.entries(publicPageTypes).map(([type, path]) => ({ type, path })),
  ...Object.entries(accountPageTypes)
    .filter(([, [role]]) => sessions[role])
    .map(([type, [role, path]]) => ({ type, path, session: sessions[role] })),
].filter((shot) => wanted(shot.type));

const browser = await launchChromium();
try {
  for (const width of [390, 1280]) {
    for (const lang of ['en', 'ar']) {
      for (const shot of shots) {
        const context = await browser.newContext({ viewport: { width, height: 900 } });
        if (shot.session) await context.addCookies([{ name: 'session', value: shot.session, url: baseUrl }]);
        const page = await context.newPage();
        await page.goto(`${baseUrl}/${lang}/${shot.path.replace('COURSE', course)}`, { waitUntil: 'networkidle' });
        if (shot.type === 'search') {
          await page.locator('#search input').fill(lang === 'ar' ? 'أسان' : 'ASAN');
          await page.locator('.pagefind-ui__result').first().waitFor({ timeout: 15_000 });
          // The filters come once the reader pauses, then the results are searched again to count them.
          await page.locator('.pagefind-ui__filter-panel').waitFor({ timeout: 15_000 });
          await page.waitForLoadState('networkidle');
        }
        const file = join(flags.out, `${shot.type}-${lang}-${width}.png`);
        await page.screenshot({ path: file, fullPage: true });
        console.log(file);
        await context.close();
      }
    }
  }
} finally {
  await browser.close();
}
