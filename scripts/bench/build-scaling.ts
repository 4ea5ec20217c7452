import { spawn } from 'node:child_process';
import { appendFileSync, existsSync, readdirSync, renameSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { hugoBinary, writeHugoSite } from './hugo-peer.ts';
import { createScratchProject } from './scratch-project.ts';
import { syntheticCaseStudy, writeContentFolder } from './synthetic-content.ts';
import { sampleTreeMemory } from './tree-memory.ts';
import { budgeted, median, runsPhrase, type Context, type Row } from './types.ts';

/**
 * How `npm run build` (`astro build`, then its Pagefind index and compressed copies) grows with the number of case studies: wall time,
 * pages, pages per second and peak memory at a few sizes, each a cold build in a scratch copy of
 * the project whose CONTENT_DIR is the real content plus N synthetic entries in en, fr and ar;
 * then a warm rebuild after one entry changed, and the peer: Hugo and Pagefind on the same
 * synthetic entries (hugo-peer.ts). Memory is the peak of the sum over the whole process tree.
 */

const section = 'build-scaling';
/** The budgets hold at this size (skipped in --quick, which never builds it). */
const budgetSize = 5000;
const wallBudgetSeconds = 120;
const memoryBudgetMiB = 3 * 1024;
const growthBudget = 1.25;
/** A warm rebuild after one entry changed takes at most this share of the cold build. */
const warmBudget = 0.25;
/** The cold build takes at most this many times the peer's (Hugo + Pagefind). */
const peerBudget = 3;
/** What a warm rebuild is reckoned to take, as a share of the cold build, when planning the runs. */
const warmShareEstimate = 0.6;
/** Kept free at the end of the 20-minute total for the sections that follow. */
const reserveForOthersMs = 3 * 60_000;
/** No single build may run longer than this, whatever time is left. */
const buildTimeoutMs = 12 * 60_000;

interface BuildRun {
  seconds: number;
  /** Peak of the sum of the resident sets of the build's whole process tree. */
  peakBytes: number;
  /** Peak of its largest single process. */
  largestBytes: number;
  pages: number;
}

type BuildOutcome = { ok: true; run: BuildRun } | { ok: false; reason: string };
const mib = (bytes: number) => Math.round(bytes / 2 ** 20);

/** The process group of the build under way, so an interrupted run can stop it (it is detached). */
let runningGroup: number | undefined;

function countPages(dir: string): number {
  let count = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true, recursive: true })) {
    if (entry.isFile() && entry.name === 'index.html') count += 1;
  }
  return count;
}

/** Runs a command with its process tree's memory sampled, killed (its whole group) when it overruns. */
function measured(command: string, args: string[], cwd: string, env: NodeJS.ProcessEnv, timeoutMs: number, countIn: string): Promise<BuildOutcome> {
  return new Promise((resolve) => {
    const started = performance.now();
    const child = spawn(command, args, { cwd, env, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
    runningGroup = child.pid;
    const memory = child.pid ? sampleTreeMemory(child.pid) : undefined;
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
    const name = [command, ...args].map((part) => part.split('/').at(-1)).slice(0, 3).join(' ');
    child.on('error', (error) => {
      clearTimeout(timer);
      memory?.stop();
      resolve({ ok: false, reason: `could not start ${command}: ${error.message}` });
    });
    child.on('close', (code) => {
      clearTimeout(timer);
      runningGroup = undefined;
      const peaks = memory?.stop() ?? { sumBytes: Number.NaN, largestBytes: Number.NaN };
      const seconds = (performance.now() - started) / 1000;
      if (timedOut) return resolve({ ok: false, reason: `timed out: killed after ${Math.round(seconds)} s` });
      if (code !== 0) {
        const tail = output.replace(/\x1b\[[0-9;]*m/g, '').trim().split('\n').slice(-12).join('\n');
        return resolve({ ok: false, reason: `${name} exited with ${code}:\n${tail}` });
      }
      resolve({
        ok: true,
        run: { seconds, peakBytes: peaks.sumBytes, largestBytes: peaks.largestBytes, pages: existsSync(countIn) ? countPages(countIn) : 0 },
      });
    });
  });
}

/**
 * One `npm run build` of the scratch project (cold when `project.clean()` ran before it):
 * `astro build`, then scripts/finish-build.ts (search index and compressed copies), as one shell
 * whose process tree is measured.
 */
function build(ctx: Context, project: string, contentDir: string, timeoutMs: number): Promise<BuildOutcome> {
  const astro = join(ctx.root, 'node_modules', 'astro', 'bin', 'astro.mjs');
  const finish = join(ctx.root, 'scripts', 'finish-build.ts');
  const env = {
    ...process.env,
    CONTENT_DIR: contentDir,
    // Astro would otherwise try to send telemetry; nothing may leave 127.0.0.1.
    ASTRO_TELEMETRY_DISABLED: '1',
    NO_COLOR: '1',
    FORCE_COLOR: '0',
    PATH: `${join(ctx.root, 'node_modules', '.bin')}:${process.env.PATH ?? ''}`,
  };
  const script = `set -e; "${process.execPath}" "${astro}" build; "${process.execPath}" "${finish}"`;
  return measured('/bin/sh', ['-c', script], project, env, timeoutMs, join(project, 'dist', 'client'));
}

/** The peer: `hugo` then Pagefind's CLI over its output, as one measured run of a shell. */
function buildPeer(ctx: Context, site: string, timeoutMs: number): Promise<BuildOutcome> {
  const pagefind = join(ctx.root, 'node_modules', 'pagefind', 'lib', 'runner', 'bin.cjs');
  const script = `set -e; rm -rf public; ${hugoBinary} --quiet --ignoreCache --destination public; "${process.execPath}" "${pagefind}" --site public >/dev/null`;
  const env = { ...process.env, HUGO_CACHEDIR: join(site, '.hugo-cache'), NO_COLOR: '1' };
  return measured('/bin/sh', ['-c', script], site, env, timeoutMs, join(site, 'public'));
}

/** Changes one synthetic entry (a sentence added to its English text), as an editor's save would. */
function changeOneEntry(contentDir: string): void {
  const { slug } = syntheticCaseStudy(1, 'en');
  appendFileSync(join(contentDir, 'case-studies', slug, 'en.mdx'), `\nA sentence added to measure a warm rebuild (${Date.now()}).\n`);
}

export async function buildScaling(ctx: Context): Promise<Row[]> {
  const sizes = ctx.sizes ?? (ctx.quick ? [50, 200] : [200, 1000, budgetSize]);
  const peer = existsSync(hugoBinary);
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
      // At the budgets' size, another cold run must leave time for the warm rebuild and the peer's runs.
      const afterMs = size === budgetSize && attempt > 0 && estimateMs !== undefined ? estimateMs * (warmShareEstimate + (peer ? ctx.runs / peerBudget : 0)) : 0;
      if (estimateMs !== undefined && estimateMs + afterMs > left) {
        stopped = `not run${attempt > 0 ? ' again' : ''}: a linear estimate from the last build is ${Math.round(estimateMs / 1000)} s` +
          (afterMs > 0 ? `, and ${Math.round(afterMs / 1000)} s more for the warm rebuild and the peer` : '') +
          `, more than the ${Math.max(0, Math.round(left / 1000))} s left of the 20-minute total`;
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
      ctx.log(`build-scaling: ${label}: ${outcome.run.seconds.toFixed(1)} s, ${outcome.run.pages} pages, ${mib(outcome.run.peakBytes)} MiB (process tree)`);
    }

    const budgets = size === budgetSize;
    const how = (what: string) =>
      `${what}; ${runsPhrase(runs.length, ctx.runs)} of a cold \`npm run build\` incl. Pagefind and compression (dist/, .astro/, caches removed first) ` +
      `in a scratch copy of the project; CONTENT_DIR = content/ + ${size} synthetic case studies × en/fr/ar, ~900 words each` +
      (stopped && runs.length > 0 ? `; stopped early: ${stopped}` : '');
    if (runs.length === 0) {
      const reason = stopped ?? 'not run';
      const failedBuild = / exited with /.test(reason);
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
    const peakMiB = mib(median(runs.map((run) => run.peakBytes)));
    const largestMiB = mib(median(runs.map((run) => run.largestBytes)));
    perEntry.set(size, seconds / size);

    const wall = { section, metric: `${label}: wall time`, value: round(seconds, 1), unit: 's', how: how('spawn to exit, wall clock, machine shared with other jobs') } as const;
    rows.push(budgets ? budgeted({ ...wall, budget: wallBudgetSeconds }) : wall);
    rows.push({ section, metric: `${label}: pages built`, value: pages, unit: 'pages', how: 'index.html files under dist/client (real + synthetic content, en/fr/ar)' });
    rows.push({ section, metric: `${label}: pages per second`, value: round(pages / seconds, 1), unit: 'pages/s', how: 'pages built ÷ median wall time' });
    const memory = {
      section,
      metric: `${label}: peak memory`,
      value: peakMiB,
      unit: 'MiB',
      how: how(`highest sum of the resident sets of the whole process tree (Node running Astro, the Pagefind binary it starts, any workers), sampled from /proc every 150 ms; the largest single process peaked at ${largestMiB} MiB`),
      detail: { largestProcessMiB: largestMiB },
    } as const;
    rows.push(budgets ? budgeted({ ...memory, budget: memoryBudgetMiB }) : memory);

    // A warm rebuild: one entry changed, the content store and Vite's caches kept from the build above.
    const leftForWarm = ctx.deadline - performance.now() - (later ? reserveForOthersMs : 0);
    if (leftForWarm > seconds * 1000) {
      changeOneEntry(contentDir);
      ctx.log(`build-scaling: ${label}: warm rebuild after one entry changed`);
      const warm = await build(ctx, project.dir, contentDir, Math.min(buildTimeoutMs, leftForWarm));
      const warmRow: Row = {
        section,
        metric: `${label}: warm rebuild, one entry changed`,
        value: warm.ok ? round(warm.run.seconds / seconds, 2) : null,
        unit: '× cold',
        how: warm.ok
          ? `${round(warm.run.seconds, 1)} s (1 run) ÷ the median cold build; \`npm run build\` again after a sentence was added to one synthetic entry, ` +
            `dist/ kept and node_modules/.astro (the content store) and Vite's cache kept; peak ${mib(warm.run.peakBytes)} MiB (process tree)`
          : `not measured: ${warm.reason.split('\n')[0]}`,
      };
      rows.push(budgets ? budgeted({ ...warmRow, budget: warmBudget }) : warmRow);
    } else if (budgets) {
      rows.push({ section, metric: `${label}: warm rebuild, one entry changed`, value: null, unit: '× cold', budget: warmBudget, pass: false, how: 'not run: no time left' });
    }

    // The peer, on the same synthetic entries (without the real content, a few hundred pages).
    if (peer) {
      const site = join(project.dir, 'hugo-peer');
      const written = writeHugoSite(site, size);
      const peerRuns: BuildRun[] = [];
      let peerStopped: string | undefined;
      for (let attempt = 0; attempt < ctx.runs; attempt += 1) {
        const left = ctx.deadline - performance.now() - (later ? reserveForOthersMs : 0);
        if (left <= 0) break;
        ctx.log(`build-scaling: ${label}: hugo + pagefind, run ${attempt + 1} of ${ctx.runs}`);
        const outcome = await buildPeer(ctx, site, Math.min(buildTimeoutMs, left));
        if (!outcome.ok) {
          peerStopped = outcome.reason;
          break;
        }
        peerRuns.push(outcome.run);
      }
      rmSync(site, { recursive: true, force: true });
      if (peerRuns.length > 0) {
        const peerSeconds = median(peerRuns.map((run) => run.seconds));
        const peerHow = `${runsPhrase(peerRuns.length, ctx.runs)}: \`hugo --ignoreCache\` (Debian's ${hugoBinary}) then \`pagefind --site public\` on the same ${size} synthetic entries × en/fr/ar as Markdown ` +
          `(${written} files, key figures as a shortcode; hugo-peer.ts), ${median(peerRuns.map((run) => run.pages))} pages; memory as above`;
        rows.push({ section, metric: `${label}: peer (hugo + pagefind) wall time`, value: round(peerSeconds, 1), unit: 's', how: peerHow });
        rows.push({ section, metric: `${label}: peer peak memory`, value: mib(median(peerRuns.map((run) => run.peakBytes))), unit: 'MiB', how: peerHow });
        const ratio: Row = { section, metric: `${label}: build ÷ peer`, value: round(seconds / peerSeconds, 2), unit: '×', how: 'median cold npm run build (astro build with Pagefind and compression) ÷ median peer run, measured in the same invocation' };
        rows.push(budgets ? budgeted({ ...ratio, budget: peerBudget }) : ratio);
      } else {
        rows.push({ section, metric: `${label}: peer (hugo + pagefind) wall time`, value: null, unit: 's', how: peerStopped ?? 'not run: no time left' });
      }
    } else if (budgets) {
      rows.push({ section, metric: `${label}: build ÷ peer`, value: null, unit: '×', budget: peerBudget, pass: false, how: `not measured: ${hugoBinary} is missing (apt-get install hugo)` });
    }

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

  // Growth needs two sizes (a `--sizes` run with one has none to compare).
  if (sizes.length < 2) return rows;
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
