import { cpSync, existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { BuiltSite, Context } from './types.ts';

/**
 * The built site page-weight and search measure: `--site=<folder>` when given, else the site
 * build-scaling built in this run, else a snapshot of the project's own dist/client (copied,
 * since `npm test` and `npm start` rebuild that folder while others work).
 */
export function siteToMeasure(ctx: Context): BuiltSite {
  if (ctx.siteFlag) {
    const dir = resolve(ctx.siteFlag);
    check(dir, 'The folder given with --site,');
    return { dir, label: `--site ${dir}` };
  }
  if (ctx.builtSite) return ctx.builtSite;
  if (ctx.snapshot) return ctx.snapshot;
  const source = join(ctx.root, 'dist', 'client');
  check(source, 'The default site folder,');
  const copy = mkdtempSync(join(tmpdir(), 'oic-bench-site-'));
  ctx.cleanups.push(() => rmSync(copy, { recursive: true, force: true }));
  cpSync(source, copy, { recursive: true });
  ctx.snapshot = { dir: copy, label: `copy of dist/client taken ${new Date().toISOString().slice(11, 16)} UTC` };
  return ctx.snapshot;
}

function check(dir: string, what: string): void {
  if (!existsSync(join(dir, 'en', 'index.html'))) {
    throw new Error(
      `${what} ${dir}, holds no built site (no en/index.html): run \`npm run build\`, ` +
        'run build-scaling in the same invocation, or pass --site=<folder> (a client folder such as dist/client)',
    );
  }
  if (!existsSync(join(dir, 'pagefind'))) throw new Error(`${what} ${dir}, has no pagefind/ index: was it built with \`npm run build\`?`);
}
