import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { migrateDatabase } from '../../db/migrate.ts';
import { openDatabase, type OpenDatabase } from '../../src/lib/server/database.ts';
import { serveArguments } from '../../server/serve-command.ts';
import { freePort, waitFor } from '../../tests/support/site-server.ts';

export { freePort };

/**
 * The built site served by `node scripts/serve.ts` on 127.0.0.1, as tests/support/site-server.ts
 * starts it, on a fresh database file. Shared by the lighthouse and load sections and the drills.
 */

export const projectRoot = new URL('../..', import.meta.url).pathname.replace(/\/$/, '');

export interface FreshDatabase extends OpenDatabase {
  url: string;
  folder: string;
  cleanup(): void;
}

/** A migrated database file in a fresh temp folder. */
export async function freshDatabase(): Promise<FreshDatabase> {
  const folder = mkdtempSync(join(tmpdir(), 'oic-bench-db-'));
  const url = `file:${join(folder, 'platform.db')}`;
  const opened = await openDatabase({ url });
  await migrateDatabase(opened.db);
  return {
    ...opened,
    url,
    folder,
    cleanup() {
      try {
        opened.client.close();
      } catch {
        // already closed
      }
      rmSync(folder, { recursive: true, force: true });
    },
  };
}

/** Builds the site once when dist/ has no server build (SITE_URL set to a local address). */
export function ensureBuilt(siteUrl: string, log: (message: string) => void): void {
  if (existsSync(join(projectRoot, 'dist/server/entry.mjs')) && existsSync(join(projectRoot, 'dist/client'))) return;
  log(`no build in dist/: running astro build with SITE_URL=${siteUrl}`);
  execFileSync('npx', ['astro', 'build'], {
    cwd: projectRoot,
    env: { ...process.env, SITE_URL: siteUrl, ASTRO_TELEMETRY_DISABLED: '1' },
    stdio: ['ignore', 'inherit', 'inherit'],
  });
}

export interface RunningServer {
  baseUrl: string;
  port: number;
  process: ChildProcess;
  /** Peak resident memory so far (VmHWM, bytes), or null once the process is gone. */
  peakRss(): number | null;
  stop(signal?: NodeJS.Signals): Promise<void>;
}

export function peakRssOf(pid: number | undefined): number | null {
  if (pid === undefined) return null;
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    const kb = status.match(/^VmHWM:\s+(\d+) kB/m)?.[1] ?? status.match(/^VmRSS:\s+(\d+) kB/m)?.[1];
    return kb === undefined ? null : Number(kb) * 1024;
  } catch {
    return null;
  }
}

/** Starts `node scripts/serve.ts` on the given database and port (a free one by default). */
export async function startServer(options: { databaseUrl: string; port?: number; quiet?: boolean; smtpUrl?: string }): Promise<RunningServer> {
  const port = options.port ?? (await freePort());
  const baseUrl = `http://127.0.0.1:${port}`;
  const outbox = mkdtempSync(join(tmpdir(), 'oic-bench-outbox-'));
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    DATABASE_URL: options.databaseUrl,
    HOST: '127.0.0.1',
    PORT: String(port),
    SITE_URL: baseUrl,
    OUTBOX_DIR: outbox,
    ASTRO_TELEMETRY_DISABLED: '1',
  };
  delete env.SMTP_URL;
  if (options.smtpUrl) env.SMTP_URL = options.smtpUrl;
  const child = spawn(process.execPath, serveArguments(), { cwd: projectRoot, env, stdio: ['ignore', 'ignore', options.quiet === false ? 'inherit' : 'ignore'] });
  try {
    await waitFor(`${baseUrl}/healthz`, child, 30_000);
  } catch (error) {
    child.kill('SIGKILL');
    throw error;
  }
  return {
    baseUrl,
    port,
    process: child,
    peakRss: () => peakRssOf(child.pid),
    stop: (signal = 'SIGTERM') =>
      new Promise<void>((resolve) => {
        const done = () => {
          rmSync(outbox, { recursive: true, force: true });
          resolve();
        };
        if (child.exitCode !== null || child.signalCode !== null) return done();
        child.once('exit', done);
        child.kill(signal);
        setTimeout(() => child.kill('SIGKILL'), 5_000).unref();
      }),
  };
}

/** The first course whose applications are open today, as tests/support/http.ts openCourse finds it. */
export async function openCourseSlug(baseUrl: string): Promise<{ slug: string; island: string }> {
  const html = await (await fetch(`${baseUrl}/en/courses/`)).text();
  for (const [, slug] of html.matchAll(/href="\/en\/courses\/([a-z0-9-]+)\/"/g)) {
    const page = await (await fetch(`${baseUrl}/en/courses/${slug}/`)).text();
    const island = page.match(/fetch\("(\/_server-islands\/[^"]+)"/)?.[1];
    if (island && (await (await fetch(`${baseUrl}${island}`)).text()).includes('/account/apply/')) return { slug: slug!, island };
  }
  throw new Error('no course is open for applications today: move the dates in content/courses/');
}
