import { performance } from 'node:perf_hooks';
import type { Browser, Response } from 'playwright-core';
import { launchChromium } from '#support/browser.ts';
import { locales, type Locale } from '#lib/i18n/index.ts';
import { siteToMeasure } from './site.ts';
import { serveStatic } from './static-server.ts';
import { budgeted, median, runsPhrase, type Context, type Row } from './types.ts';

/**
 * How fast the search page answers and what one query costs, in Debian's Chromium against the
 * built site served by a tiny static server on 127.0.0.1.
 */

const section = 'search';
const latencyBudgetMs = 100;
const bytesBudget = 150 * 1024;
const queries: Record<Locale, string> = { en: 'ASAN', fr: 'ASAN', ar: 'أسان' };
/** Milliseconds between keystrokes: a quick typist. */
const keyDelayMs = 120;
const queryTimeoutMs = 30_000;

interface QueryRun {
  /** Last keystroke → first .pagefind-ui__result of the whole query laid out (Pagefind first shows a placeholder). */
  firstResultMs: number;
  /** Last keystroke → first result title (.pagefind-ui__result-link), its fragment loaded. */
  firstTitleMs: number;
  bytes: number;
  responses: { url: string; bytes: number }[];
  results: string;
}

declare global {
  interface Window {
    __bench?: { lastInput: number; firstResult: number; firstTitle: number };
  }
}

async function oneQuery(browser: Browser, base: string, locale: Locale): Promise<QueryRun> {
  // A fresh context each time: nothing cached, as for a reader's first search.
  const context = await browser.newContext();
  try {
    const page = await context.newPage();
    // Every response is recorded from the start: the search page starts Pagefind's engine when
    // the browser is idle, which may be before the page counts as settled.
    const pending: Promise<{ url: string; bytes: number; early: boolean }>[] = [];
    let settled = false;
    let lastResponse = performance.now();
    page.on('response', (response: Response) => {
      lastResponse = performance.now();
      const early = !settled;
      pending.push(
        response
          .request()
          .sizes()
          .then(
            // Chromium reports 0 for the script a worker loads (Pagefind's pagefind-worker.js): its Content-Length then.
            (sizes) => ({ url: new URL(response.url()).pathname, bytes: sizes.responseBodySize || Number(response.headers()['content-length'] ?? 0), early }),
            () => ({ url: response.url(), bytes: 0, early }),
          ),
      );
    });
    await page.goto(`${base}/${locale}/search/`, { waitUntil: 'networkidle' });
    const input = page.locator('.pagefind-ui__search-input');
    await input.waitFor({ state: 'visible', timeout: queryTimeoutMs });
    // The page has settled: from here on every response belongs to the query.
    settled = true;
    await page.evaluate((query) => {
      const state = { lastInput: 0, firstResult: 0, firstTitle: 0 };
      window.__bench = state;
      document.querySelector('.pagefind-ui__search-input')?.addEventListener('input', () => {
        state.lastInput = performance.now();
      });
      // Results for an earlier prefix ("AS") may show while typing: only those for the whole
      // query count, known by Pagefind's message ("9 results for ASAN").
      const observer = new MutationObserver(() => {
        if (!document.querySelector('.pagefind-ui__message')?.textContent?.includes(query)) return;
        const result = document.querySelector('.pagefind-ui__result');
        if (!state.firstResult && result?.checkVisibility()) state.firstResult = performance.now();
        const title = document.querySelector('.pagefind-ui__result-link');
        if (state.firstResult && !state.firstTitle && title?.checkVisibility()) {
          state.firstTitle = performance.now();
          observer.disconnect();
        }
      });
      observer.observe(document.body, { childList: true, subtree: true, attributes: true, characterData: true });
    }, queries[locale]);

    await input.click();
    await input.pressSequentially(queries[locale], { delay: keyDelayMs });
    await page.waitForFunction(() => Boolean(window.__bench?.firstTitle), undefined, { timeout: queryTimeoutMs });
    // Let the fragments of the first page of results finish arriving.
    while (performance.now() - lastResponse < 500) await page.waitForTimeout(100);
    const timings = await page.evaluate(() => window.__bench!);
    // The query's cost: what came after the page settled, plus Pagefind's engine, WebAssembly,
    // metadata and index when they were fetched earlier (not the UI's own script and styles,
    // which every visit to the page loads).
    const responses = (await Promise.all(pending)).filter(
      (response) => !response.early || (response.url.includes('/pagefind/') && !/\/pagefind-ui\.(js|css)$/.test(response.url)),
    );
    const results = (await page.locator('.pagefind-ui__message').first().textContent())?.trim() ?? '';
    return {
      firstResultMs: timings.firstResult - timings.lastInput,
      firstTitleMs: timings.firstTitle - timings.lastInput,
      bytes: responses.reduce((total, response) => total + response.bytes, 0),
      responses,
      results,
    };
  } finally {
    await context.close();
  }
}

export async function search(ctx: Context): Promise<Row[]> {
  const site = siteToMeasure(ctx);
  const server = await serveStatic(site.dir);
  ctx.log(`search: serving ${site.dir} on ${server.url}`);
  const rows: Row[] = [];
  let browser: Browser | undefined;
  try {
    browser = await launchChromium();
    for (const locale of locales) {
      const query = queries[locale];
      const runs: QueryRun[] = [];
      let failure: string | undefined;
      for (let attempt = 0; attempt < ctx.runs; attempt += 1) {
        try {
          runs.push(await oneQuery(browser, server.url, locale));
        } catch (error) {
          failure = error instanceof Error ? error.message.split('\n')[0] : String(error);
          break;
        }
      }
      const on = `site: ${site.label}`;
      if (runs.length === 0) {
        rows.push({ section, metric: `/${locale}/search/ "${query}": first result`, value: null, unit: 'ms', budget: latencyBudgetMs, pass: false, how: `no result: ${failure ?? 'unknown'} (${on})` });
        continue;
      }
      const setup = `${runsPhrase(runs.length, ctx.runs)}, each in a fresh Chromium context (cold cache) on /${locale}/search/ once the page settled (network idle), "${query}" typed ${keyDelayMs} ms per key`;
      rows.push(
        budgeted({
          section,
          metric: `/${locale}/search/ "${query}": first result shown`,
          value: Math.round(median(runs.map((run) => run.firstResultMs))),
          unit: 'ms',
          budget: latencyBudgetMs,
          how:
            `last keystroke's input event → first .pagefind-ui__result laid out once Pagefind's message names the whole query (checkVisibility, seen by a MutationObserver), page clock; ${setup}; ` +
            `Pagefind UI searches on every keystroke (debounceTimeoutMs: 0), through src/scripts/search-engine.js; ${on}`,
          detail: runs.map(({ firstResultMs, firstTitleMs, results }) => ({ firstResultMs, firstTitleMs, results })),
        }),
      );
      rows.push({
        section,
        metric: `/${locale}/search/ "${query}": first title shown`,
        value: Math.round(median(runs.map((run) => run.firstTitleMs))),
        unit: 'ms',
        how: `as above, to the first result's title link (Pagefind shows a placeholder until the result's fragment has loaded); ${runs[0]!.results || 'results'}`,
      });
      rows.push(
        budgeted({
          section,
          metric: `/${locale}/search/ "${query}": bytes for one query`,
          value: median(runs.map((run) => run.bytes)),
          unit: 'B',
          budget: bytesBudget,
          how:
            `sum of the bodies as transferred (request.sizes().responseBodySize, headers not counted) of every response after the page settled until 500 ms after the first title showed, ` +
            `plus Pagefind's files under /pagefind/ other than its UI script and styles fetched before that (the page starts the engine when the browser is idle) ` +
            `(Pagefind's engine, worker, WebAssembly, index and fragments; not the filters, which load once the reader pauses for a second), compressed as server/serve.ts sends them (Brotli copies from the build; Pagefind's index files are gzip data already); ${setup}; ${on}`,
          detail: runs[0]!.responses,
        }),
      );
    }
  } finally {
    await browser?.close();
    await server.close();
  }
  return rows;
}
