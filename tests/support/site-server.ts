import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TestProject } from 'vitest/node';
import { startMailCatcher } from './mailbox.ts';
import { buildSite, freePort, startServer } from './server.ts';

declare module 'vitest' {
  export interface ProvidedContext {
    baseUrl: string;
    databaseUrl: string;
    /** Where the SMTP server on 127.0.0.1 drops every message the site sends, one .eml each. */
    mailDir: string;
  }
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
  let received = 0;
  const mail = await startMailCatcher((raw) => {
    received += 1;
    writeFileSync(join(mailDir, `${String(received).padStart(5, '0')}.eml`), raw);
  });
  const port = await freePort();
  const baseUrl = `http://127.0.0.1:${port}`;
  if (!process.env.SKIP_BUILD) buildSite(baseUrl);
  const server = await startServer({ databaseUrl, port, smtpUrl: mail.url, output: 'all' });
  project.provide('baseUrl', baseUrl);
  project.provide('databaseUrl', databaseUrl);
  project.provide('mailDir', mailDir);
  return async () => {
    await server.stop();
    await mail.stop();
    rmSync(dataDir, { recursive: true, force: true });
  };
}
