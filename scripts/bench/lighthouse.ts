import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import runLighthouse from 'lighthouse';
import { createTestDatabase } from '#support/database.ts';
import { ensureBuilt, freePort, startServer } from '#support/server.ts';
import { median, runsPhrase, type Context, type Row } from './types.ts';

/**
 * Lighthouse (its Node API, default mobile config) on Debian's Chromium against the built server
 * on 127.0.0.1: home, a case study, a course and the search page, in English and Arabic.
 */

const chromiumPath = process.env.CHROME_PATH ?? process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const categories = ['performance', 'accessibility', 'best-practices', 'seo'] as const;
const floors: Record<(typeof categories)[number], number> = { performance: 98, accessibility: 100, 'best-practices': 100, seo: 100 };

async function launchChromium(): Promise<{ port: number; process: ChildProcess; close: () => Promise<void> }> {
  const port = await freePort();
  const profile = mkdtempSync(join(tmpdir(), 'oic-lighthouse-profile-'));
  const child = spawn(
    chromiumPath,
    [
      '--headless=new',
      '--no-sandbox',
      '--disable-gpu',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--disable-default-apps',
      '--disable-extensions',
      `--remote-debugging-port=${port}`,
      '--remote-debugging-address=127.0.0.1',
      `--user-data-dir=${profile}`,
      'about:blank',
    ],
    { stdio: 'ignore' },
  );
  const deadline = Date.now() + 20_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`Chromium (${chromiumPath}) exited with code ${child.exitCode}`);
    try {
      if ((await fetch(`http://127.0.0.1:${port}/json/version`)).ok) break;
    } catch {
      // not up yet
    }
    if (Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error(`Chromium's DevTools port ${port} did not answer within 20 s`);
    }
    await new Promise((resolve) => setTimeout(resolve, 150));
  }
  return {
    port,
    process: child,
    close: () =>
      new Promise<void>((resolve) => {
        const done = () => {
          rmSync(profile, { recursive: true, force: true });
          resolve();
        };
        if (child.exitCode !== null || child.signalCode !== null) return done();
        child.once('exit', done);
        child.kill('SIGTERM');
        setTimeout(() => child.kill('SIGKILL'), 3_000).unref();
      }),
  };
}

export async function lighthouse(ctx: Context): Promise<Row[]> {
  const database = await createTestDatabase();
  const port = await freePort();
  ensureBuilt(`http://127.0.0.1:${port}`, ctx.log);
  const server = await startServer({ databaseUrl: database.url, port });
  const chromium = await launchChromium();
  const stop = async () => {
    await chromium.close();
    await server.stop();
    database.cleanup();
  };
  ctx.cleanups.push(() => {
    chromium.process.kill('SIGKILL');
    server.process.kill('SIGKILL');
  });
  try {
    const coursesHtml = await (await fetch(`${server.baseUrl}/en/courses/`)).text();
    const course = coursesHtml.match(/href="\/en\/courses\/([a-z0-9-]+)\/"/)?.[1];
    if (!course) throw new Error('no course linked from /en/courses/');
    const pages = [
      ['home', ''],
      ['case study', 'case-studies/asan-service/'],
      ['course', `courses/${course}/`],
      ['search', 'search/'],
    ] as const;
    const rows: Row[] = [];
    for (const [page, path] of pages) {
      for (const lang of ['en', 'ar'] as const) {
        const url = `${server.baseUrl}/${lang}/${path}`;
        const scores: Record<string, number[]> = Object.fromEntries(categories.map((c) => [c, []]));
        // The audits that cost points, per category (from the last run), so a miss says why.
        const losing: Record<string, string[]> = Object.fromEntries(categories.map((c) => [c, []]));
        for (let run = 0; run < ctx.runs; run += 1) {
          ctx.log(`lighthouse: ${url} (run ${run + 1} of ${ctx.runs})`);
          const result = await runLighthouse(url, { port: chromium.port, output: 'json', logLevel: 'error', onlyCategories: [...categories] });
          if (!result) throw new Error(`lighthouse returned nothing for ${url}`);
          const lhr = result.lhr;
          if (lhr.runtimeError) throw new Error(`lighthouse on ${url}: ${lhr.runtimeError.code} ${lhr.runtimeError.message}`);
          for (const category of categories) {
            const score = lhr.categories[category]?.score;
            if (typeof score === 'number') scores[category]!.push(Math.round(score * 100));
            losing[category] = (lhr.categories[category]?.auditRefs ?? [])
              .filter((ref) => ref.weight > 0 && typeof lhr.audits[ref.id]?.score === 'number' && lhr.audits[ref.id]!.score! < 1)
              .map((ref) => `${ref.id} (${Math.round(lhr.audits[ref.id]!.score! * 100)})`);
          }
        }
        for (const category of categories) {
          const values = scores[category]!;
          const value = values.length > 0 ? median(values) : null;
          const lost = losing[category]!.length > 0 ? `; points lost to ${losing[category]!.join(', ')}` : '';
          rows.push({
            section: 'lighthouse',
            metric: `${page} (${lang}) ${category}`,
            value,
            unit: 'points',
            budget: floors[category],
            floor: true,
            pass: value !== null && value >= floors[category],
            how: `Lighthouse ${category} score, default mobile config, Chromium ${chromiumPath}, /${lang}/${path} on the built server (127.0.0.1), ${runsPhrase(values.length, ctx.runs)}${value !== null && value < floors[category] ? lost : ''}`,
            detail: { url: `/${lang}/${path}`, runs: values, losing: losing[category] },
          });
        }
      }
    }
    return rows;
  } finally {
    await stop();
  }
}
