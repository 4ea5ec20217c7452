import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { availableParallelism, totalmem } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { z } from 'astro/zod';
import { readFlags } from '../cli.ts';
import { buildScaling } from './build-scaling.ts';
import { pageWeight } from './page-weight.ts';
import { search } from './search.ts';
import { lighthouse } from './lighthouse.ts';
import { load } from './load.ts';
import { sectionNames, type Context, type Row, type SectionName } from './types.ts';

/**
 * `npm run bench [-- --quick] [-- --only=<section>] [-- --site=<folder>]`: measures the site
 * against its budgets, prints one table, writes bench-results/results.json and exits 1 when a
 * budget is missed (2 when a flag is wrong). See scripts/bench/README.md.
 */

const root = new URL('../..', import.meta.url).pathname.replace(/\/$/, '');
const totalMs = 20 * 60_000;

const sections: Record<SectionName, (ctx: Context) => Promise<Row[]>> = {
  'build-scaling': buildScaling,
  'page-weight': pageWeight,
  search,
  lighthouse,
  load,
};

const flagsSchema = z
  .object({
    only: z
      .enum(sectionNames, { error: (issue) => `must be one of ${sectionNames.join(', ')} (got "${String(issue.input)}")` })
      .optional(),
    quick: z.boolean().default(false),
    sizes: z
      .string()
      .regex(/^\d+(,\d+)*$/, 'list entry counts separated by commas, such as 200,1000')
      .transform((list) => list.split(',').map(Number))
      .refine((list) => list.every((n) => n >= 1 && n <= 20_000), 'each size must be from 1 to 20,000')
      .optional(),
    site: z
      .string()
      .min(1, 'name a built client folder, such as dist/client')
      .refine((folder) => existsSync(folder), { error: (issue) => `no such folder: ${String(issue.input)}` })
      .optional(),
  })
  .strict();

function formatNumber(value: number | null | undefined, unit: string): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return '—';
  if (unit === 'B') return value < 1024 ? `${value} B` : `${(value / 1024).toFixed(1)} KB`;
  if (unit === '×') return `${value.toFixed(2)}×`;
  return `${value.toLocaleString('en')} ${unit}`;
}

function printTable(rows: Row[]): void {
  const header = ['section', 'metric', 'value', 'budget', 'result', 'how'];
  const cells = rows.map((row) => [
    row.section,
    row.metric,
    formatNumber(row.value, row.unit),
    row.budget === undefined ? '' : `${row.floor ? '≥' : '≤'} ${formatNumber(row.budget, row.unit)}`,
    row.pass === undefined ? '' : row.pass ? 'ok' : row.budget === undefined ? 'FAILED' : 'MISSED',
    row.how,
  ]);
  const widths = header.map((title, column) => Math.max(title.length, ...cells.map((line) => line[column]!.length)));
  // The last column (how) is not padded: it is as long as it needs to be.
  const line = (values: string[]) =>
    values.map((value, column) => (column === values.length - 1 ? value : column === 2 ? value.padStart(widths[column]!) : value.padEnd(widths[column]!))).join(' │ ');
  console.log(line(header));
  console.log(widths.map((width, column) => '─'.repeat(column === widths.length - 1 ? 3 : width)).join('─┼─'));
  for (const row of cells) console.log(line(row));
}

const flags = readFlags(
  'bench',
  { only: { type: 'string' }, quick: { type: 'boolean' }, sizes: { type: 'string' }, site: { type: 'string' } },
  flagsSchema,
  `npm run bench -- [--quick] [--only=${sectionNames.join('|')}] [--sizes=200,1000] [--site=<built client folder>]`,
);
const started = performance.now();
const startedAt = new Date();
const ctx: Context = {
  root,
  quick: flags.quick,
  runs: flags.quick ? 1 : 3,
  deadline: started + totalMs,
  sections: flags.only ? [flags.only] : sectionNames,
  ...(flags.site ? { siteFlag: flags.site } : {}),
  ...(flags.sizes ? { sizes: flags.sizes } : {}),
  cleanups: [],
  log: (message) => console.error(`[bench ${((performance.now() - started) / 1000).toFixed(0).padStart(4)} s] ${message}`),
};

const cleanUp = () => {
  for (const cleanup of ctx.cleanups.splice(0)) {
    try {
      cleanup();
    } catch (error) {
      console.error(`bench: could not clean up: ${error instanceof Error ? error.message : String(error)}`);
    }
  }
};
process.once('SIGINT', () => {
  cleanUp();
  process.exit(130);
});

const rows: Row[] = [];
try {
  for (const name of ctx.sections) {
    ctx.log(`${name}: start${ctx.quick ? ' (--quick)' : ''}`);
    try {
      rows.push(...(await sections[name](ctx)));
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      console.error(`bench: ${name} failed: ${message}`);
      rows.push({ section: name, metric: 'section failed', value: null, unit: '', pass: false, how: message.split('\n')[0]! });
    }
  }
} finally {
  cleanUp();
}

const failed = rows.filter((row) => row.pass === false);
console.log('');
printTable(rows);
const budgets = rows.filter((row) => row.budget !== undefined);
const crashed = rows.filter((row) => row.budget === undefined && row.pass === false);
console.log(
  `\n${budgets.filter((row) => row.pass).length} of ${budgets.length} budgets met` +
    (crashed.length > 0 ? `, ${crashed.length} section(s) failed` : '') +
    ` in ${((performance.now() - started) / 1000).toFixed(0)} s${ctx.quick ? ' (--quick: smaller sizes, one run each)' : ''}.`,
);

const resultsDir = join(root, 'bench-results');
mkdirSync(resultsDir, { recursive: true });
const resultsFile = join(resultsDir, 'results.json');
writeFileSync(
  resultsFile,
  `${JSON.stringify(
    {
      startedAt: startedAt.toISOString(),
      seconds: Math.round((performance.now() - started) / 1000),
      flags,
      machine: { node: process.version, cpus: availableParallelism(), memoryGiB: Math.round(totalmem() / 2 ** 30) },
      rows,
    },
    null,
    2,
  )}\n`,
);
console.log(`Figures written to ${resultsFile}.`);
process.exitCode = failed.length > 0 ? 1 : 0;
