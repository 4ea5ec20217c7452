import { spawn } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, renameSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { createScratchProject } from './scratch-project.ts';
import { writeContentFolder } from './synthetic-content.ts';
import { budgeted, median, runsPhrase, type Context, type Row } from './types.ts';

/**
 * How `astro build` (with its Pagefind index) grows with the number of case studies: wall time,
 * pages, pages per second and peak memory at a few sizes, each a cold build in a scratch copy of
 * the project whose CONTENT_DIR is the real content plus N synthetic entries in en, fr and ar.
 */

const section = 'build-scaling';
const gnuTime = '/usr/bin/time';
/** The budgets hold at this size (skipped in --quick, which never builds it). */
const budgetSize = 5000;
const wallBudgetSeconds = 120;
const memoryBudgetMiB = 3 * 1024;
const growthBudget = 1.25;
/** Kept free at the end of the 20-minute total for the sections that follow. */
const reserveForOthersMs = 3 * 60_000;
/** No single build may run longer than this, whatever time is left. */
const buildTimeoutMs = 12 * 60_000;

interface BuildRun {
  seconds: number;
  peakRssKiB: number;
  pages: number;
}

type BuildOutcome = { ok: true; run: BuildRun } | { ok: false; reason: string };

/** The process group of the build under way, so an interrupted run can stop it (it is detached). */
let runningGroup: number | undefined;

function countPages(dir: string): number {
  let count = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true, recursive: true })) {
    if (entry.isFile() && entry.name === 'index.html') count += 1;
  }
  return count;
}

/** One cold build under GNU time, killed (its whole process group) when it overruns. */
function build(ctx: Context, project: string, contentDir: string, timeoutMs: number): Promise<BuildOutcome> {
  const timeFile = join(project, 'time.txt');
  rmSync(timeFile, { force: true });
  const astro = join(ctx.root, 'node_modules', 'astro', 'bin', 'astro.mjs');
  const env = {
    ...process.env,
    CONTENT_DIR: contentDir,
    // Astro would otherwise try to send telemetry; nothing may leave 127.0.0.1.
    ASTRO_TELEMETRY_DISABLED: '1',
    NO_COLOR: '1',
    FORCE_COLOR: '0',
    PATH: `${join(ctx.root, 'node_modules', '.bin')}:${process.env.PATH ?? ''}`,
  };
  return new Promise((resolve) => {
    const started = performance.now();
    const child = spawn(gnuTime, ['-v', '-o', timeFile, process.execPath, astro, 'build'], {
      cwd: project,
      env,
      detached: true,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    runningGroup = child.pid;
    let output = '';
    const keep = (chunk: Buffer) => {
      output = (output + chunk.toString()).slice(-6000);
    };
    child.stdout.on('data', keep);
    child.stderr.on('data', keep);
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      if (child.pid) process.kill(-child.pid, 'SIGKILL');
    }, timeoutMs);
    child.on('error', (error) => {
      clearTimeout(timer);
      resolve({ ok: false, reason: `could not start ${gnuTime}: ${error.message}` });
    });
    child.on('close', (code) => {
      clearTimeout(timer);
      runningGroup = undefined;
      const seconds = (performance.now() - started) / 1000;
      if (timedOut) return resolve({ ok: false, reason: `timed out: killed after ${Math.round(seconds)} s` });
      if (code !== 0) {
        const tail = output.replace(/\x1b\[[0-9;]*m/g, '').trim().split('\n').slice(-12).join('\n');
        return resolve({ ok: false, reason: `astro build exited with ${code}:\n${tail}` });
      }
      const timeReport = existsSync(timeFile) ? readFileSync(timeFile, 'utf8') : '';
      const peak = /Maximum resident set size \(kbytes\): (\d+)/.exec(timeReport);
      const client = join(project, 'dist', 'client');
      resolve({
        ok: true,
        run: { seconds, peakRssKiB: peak ? Number(peak[1]) : Number.NaN, pages: existsSync(client) ? countPages(client) : 0 },
      });
    });
  });
}

export async function buildScaling(ctx: Context): Promise<Row[]> {
  if (!existsSync(gnuTime)) {
    throw new Error(`${gnuTime} is missing; it measures the builds' peak memory. Install it with: apt-get install time`);
  }
  const sizes = ctx.quick ? [50, 200] : [200, 1000, budgetSize];
  ctx.cleanups.push(() => {
    if (runningGroup !== undefined) process.kill(-runningGroup, 'SIGKILL');
  });
  const project = createScratchProject(ctx.root);
  ctx.cleanups.push(project.remove);
  ctx.log(`build-scaling: scratch project ${project.dir}`);
  const later = ctx.sections.slice(ctx.sections.indexOf(section) + 1).length > 0;
  const rows: Row[] = [];
  const perEntry = new Map<number, number>();
  /** Seconds per entry of the last size measured, to see whether the next one fits in the time left. */
  let rate: number | undefined;
  let keptSite: string | undefined;

  for (const size of sizes) {
    const label = `${size} entries`;
    const contentDir = join(project.dir, 'content-bench');
    const generated = writeContentFolder(ctx.root, contentDir, size);
    ctx.log(`build-scaling: ${generated.files} synthetic files (${Math.round(generated.words / generated.files)} words each on average) for ${label}`);
    const runs: BuildRun[] = [];
    let stopped: string | undefined;
    for (let attempt = 0; attempt < ctx.runs; attempt += 1) {
      const left = ctx.deadline - performance.now() - (later ? reserveForOthersMs : 0);
      const estimateMs = rate === undefined ? undefined : rate * size * 1000 * 1.2;
      if (estimateMs !== undefined && estimateMs > left) {
        stopped = `not run${attempt > 0 ? ' again' : ''}: a linear estimate from the last build is ${Math.round(estimateMs / 1000)} s, ` +
          `more than the ${Math.max(0, Math.round(left / 1000))} s left of the 20-minute total`;
        break;
      }
      if (left <= 0) {
        stopped = 'not run: no time left of the 20-minute total';
        break;
      }
      project.clean();
      ctx.log(`build-scaling: building ${label}, run ${attempt + 1} of ${ctx.runs}`);
      const outcome = await build(ctx, project.dir, contentDir, Math.min(buildTimeoutMs, left));
      if (!outcome.ok) {
        stopped = outcome.reason;
        break;
      }
      runs.push(outcome.run);
      rate = outcome.run.seconds / size;
      ctx.log(`build-scaling: ${label}: ${outcome.run.seconds.toFixed(1)} s, ${outcome.run.pages} pages, ${Math.round(outcome.run.peakRssKiB / 1024)} MiB`);
    }

    const budgets = size === budgetSize;
    const how = (what: string) =>
      `${what}; ${runsPhrase(runs.length, ctx.runs)} of a cold \`astro build\` incl. Pagefind (dist/, .astro/, caches removed first) ` +
      `in a scratch copy of the project; CONTENT_DIR = content/ + ${size} synthetic case studies × en/fr/ar, ~900 words each` +
      (stopped && runs.length > 0 ? `; stopped early: ${stopped}` : '');
    if (runs.length === 0) {
      const reason = stopped ?? 'not run';
      const failedBuild = reason.startsWith('astro build exited');
      if (failedBuild) console.error(`build-scaling: ${label}: ${reason}`);
      rows.push({
        section,
        metric: `${label}: wall time`,
        value: null,
        unit: 's',
        ...(budgets ? { budget: wallBudgetSeconds } : {}),
        // A failed or timed-out build is a failure whatever its size; one left out for lack of time fails only a budget.
        ...(budgets || failedBuild || reason.startsWith('timed out') ? { pass: false } : {}),
        how: failedBuild ? `${reason.split('\n')[0]} (its output is printed above the table)` : reason,
      });
      if (budgets) rows.push({ section, metric: `${label}: peak memory`, value: null, unit: 'MiB', budget: memoryBudgetMiB, pass: false, how: 'not measured: no build of this size completed' });
      // Larger sizes would fail the same way or take longer still.
      break;
    }
    const seconds = median(runs.map((run) => run.seconds));
    const pages = median(runs.map((run) => run.pages));
    const peakMiB = median(runs.map((run) => run.peakRssKiB)) / 1024;
    perEntry.set(size, seconds / size);

    const wall = { section, metric: `${label}: wall time`, value: round(seconds, 1), unit: 's', how: how('spawn to exit, wall clock, machine shared with other jobs') } as const;
    rows.push(budgets ? budgeted({ ...wall, budget: wallBudgetSeconds }) : wall);
    rows.push({ section, metric: `${label}: pages built`, value: pages, unit: 'pages', how: 'index.html files under dist/client (real + synthetic content, en/fr/ar)' });
    rows.push({ section, metric: `${label}: pages per second`, value: round(pages / seconds, 1), unit: 'pages/s', how: 'pages built ÷ median wall time' });
    const memory = {
      section,
      metric: `${label}: peak memory`,
      value: Math.round(peakMiB),
      unit: 'MiB',
      how: how('`/usr/bin/time -v` "Maximum resident set size": peak RSS of the largest single process of the tree (Node running Astro, or the Pagefind binary it starts), not their sum'),
    } as const;
    rows.push(budgets ? budgeted({ ...memory, budget: memoryBudgetMiB }) : memory);

    // Keep the largest completed site for page-weight and search; drop the previous one.
    if (keptSite) rmSync(keptSite, { recursive: true, force: true });
    keptSite = join(project.dir, `site-${size}`);
    renameSync(join(project.dir, 'dist'), keptSite);
    ctx.builtSite = { dir: join(keptSite, 'client'), label: `the ${size}-entry build from build-scaling above` };
  }
  rmSync(join(project.dir, 'content-bench'), { recursive: true, force: true });
  // The budgets' own size was never reached (an earlier size failed or ran out of time).
  if (sizes.includes(budgetSize) && !rows.some((row) => row.metric.startsWith(`${budgetSize} entries`))) {
    const how = 'not run: a smaller size did not complete (see above)';
    rows.push({ section, metric: `${budgetSize} entries: wall time`, value: null, unit: 's', budget: wallBudgetSeconds, pass: false, how });
    rows.push({ section, metric: `${budgetSize} entries: peak memory`, value: null, unit: 'MiB', budget: memoryBudgetMiB, pass: false, how });
  }

  const largest = sizes[sizes.length - 1]!;
  const middle = sizes[sizes.length - 2]!;
  const big = perEntry.get(largest);
  const mid = perEntry.get(middle);
  rows.push(
    budgeted({
      section,
      metric: `growth: time per entry, ${largest} vs ${middle} entries`,
      value: big !== undefined && mid !== undefined ? round(big / mid, 2) : null,
      unit: '×',
      budget: growthBudget,
      how:
        big !== undefined && mid !== undefined
          ? `(median wall time ÷ entries) at ${largest} ÷ the same at ${middle}; ≤ ${growthBudget} means no worse than linear growth, with some noise allowed`
          : `not measured: the ${big === undefined ? largest : middle}-entry build did not complete`,
    }),
  );
  return rows;
}

function round(value: number, digits: number): number {
  const factor = 10 ** digits;
  return Math.round(value * factor) / factor;
}
