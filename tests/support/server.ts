import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { serveArguments } from '#server/serve-command.ts';

/**
 * The built site served by `node server/serve.ts` on 127.0.0.1, started as operators start it
 * (`npm run serve`'s own flags). One starter for the e2e tests (site-server.ts), the benchmarks
 * and the drills.
 */

export const projectRoot = new URL('../..', import.meta.url).pathname.replace(/\/$/, '');

/** A port on 127.0.0.1 that nothing listens on. */
export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port'))));
    });
  });
}

/** Waits until `url` answers 2xx, failing early when the server process has exited or been killed. */
export async function waitFor(url: string, server: ChildProcess, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (server.exitCode !== null || server.signalCode !== null) throw new Error(`the server exited (${server.exitCode ?? server.signalCode})`);
    try {
      if ((await fetch(url)).ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  throw new Error(`${url} did not answer within ${timeoutMs} ms`);
}

/** Builds the site as `npm start` does, with SITE_URL set to the address it will be served at. */
export function buildSite(siteUrl: string): void {
  execFileSync('npm', ['run', 'build'], {
    cwd: projectRoot,
    env: { ...process.env, SITE_URL: siteUrl, ASTRO_TELEMETRY_DISABLED: '1' },
    stdio: ['ignore', 'inherit', 'inherit'],
  });
}

/** Builds the site once when dist/ has no server build. */
export function ensureBuilt(siteUrl: string, log: (message: string) => void): void {
  if (existsSync(join(projectRoot, 'dist/server/entry.mjs')) && existsSync(join(projectRoot, 'dist/client'))) return;
  log(`no build in dist/: running npm run build with SITE_URL=${siteUrl}`);
  buildSite(siteUrl);
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

/**
 * Starts `node server/serve.ts` on the given database and port (a free one by default), with
 * SITE_URL its own address unless `siteUrl` says otherwise. Mail goes to `smtpUrl`, or else to a temporary OUTBOX_DIR.
 * `output`: which of the server's streams reach this process's own (none by default).
 */
export async function startServer(options: {
  databaseUrl: string;
  port?: number;
  output?: 'none' | 'errors' | 'all';
  smtpUrl?: string;
  siteUrl?: string;
}): Promise<RunningServer> {
  const port = options.port ?? (await freePort());
  const baseUrl = `http://127.0.0.1:${port}`;
  const outbox = mkdtempSync(join(tmpdir(), 'oic-server-outbox-'));
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    DATABASE_URL: options.databaseUrl,
    HOST: '127.0.0.1',
    PORT: String(port),
    SITE_URL: options.siteUrl ?? baseUrl,
    OUTBOX_DIR: outbox,
    ASTRO_TELEMETRY_DISABLED: '1',
  };
  delete env.SMTP_URL;
  if (options.smtpUrl) env.SMTP_URL = options.smtpUrl;
  const output = options.output ?? 'none';
  const stdio = ['ignore', output === 'all' ? 'inherit' : 'ignore', output === 'none' ? 'ignore' : 'inherit'] as const;
  const child = spawn(process.execPath, serveArguments(), { cwd: projectRoot, env, stdio: [...stdio] });
  try {
    await waitFor(`${baseUrl}/healthz`, child, 30_000);
  } catch (error) {
    child.kill('SIGKILL');
    rmSync(outbox, { recursive: true, force: true });
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
