import { spawn, execFileSync, type ChildProcess } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createServer } from 'node:net';
import { SMTPServer } from 'smtp-server';
import type { TestProject } from 'vitest/node';
import { serveArguments } from '../../server/serve-command.ts';

declare module 'vitest' {
  export interface ProvidedContext {
    baseUrl: string;
    databaseUrl: string;
    /** Where the SMTP server on 127.0.0.1 drops every message the site sends, one .eml each. */
    mailDir: string;
  }
}

const root = new URL('../..', import.meta.url).pathname;

/** A port on 127.0.0.1 that nothing listens on (also used by the benchmarks and drills). */
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

/** A real SMTP server on 127.0.0.1 that keeps each message it receives as a file. */
async function startMailCatcher(mailDir: string): Promise<{ url: string; stop: () => Promise<void> }> {
  let received = 0;
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    onData(stream, _session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      stream.on('end', () => {
        received += 1;
        writeFileSync(join(mailDir, `${String(received).padStart(5, '0')}.eml`), Buffer.concat(chunks));
        callback();
      });
    },
  });
  const port = await freePort();
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
  return { url: `smtp://127.0.0.1:${port}`, stop: () => new Promise((resolve) => server.close(() => resolve())) };
}

/**
 * Builds the site as `npm start` does, then serves it on a free port of 127.0.0.1 with a fresh
 * database file, exactly as a newcomer would run it (server/serve.ts migrates on start).
 */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const dataDir = mkdtempSync(join(tmpdir(), 'oic-site-'));
  const databaseUrl = `file:${join(dataDir, 'platform.db')}`;
  const mailDir = join(dataDir, 'mail');
  mkdirSync(mailDir);
  const mail = await startMailCatcher(mailDir);
  const port = await freePort();
  const baseUrl = `http://127.0.0.1:${port}`;
  const env = { ...process.env, DATABASE_URL: databaseUrl, HOST: '127.0.0.1', PORT: String(port), SITE_URL: baseUrl, SMTP_URL: mail.url };
  if (!process.env.SKIP_BUILD) execFileSync('npx', ['astro', 'build'], { cwd: root, env, stdio: 'inherit' });
  const server = spawn(process.execPath, serveArguments(), { cwd: root, env, stdio: ['ignore', 'inherit', 'inherit'] });
  await waitFor(`${baseUrl}/healthz`, server, 30_000);
  project.provide('baseUrl', baseUrl);
  project.provide('databaseUrl', databaseUrl);
  project.provide('mailDir', mailDir);
  return async () => {
    server.kill('SIGTERM');
    await mail.stop();
    rmSync(dataDir, { recursive: true, force: true });
  };
}
