import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { createClient } from '@libsql/client';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';

const run = promisify(execFile);
const root = new URL('../..', import.meta.url).pathname;

/** The command-line tools, run as a person would, on a database file of their own. */
let folder: string;
let env: NodeJS.ProcessEnv;

beforeEach(() => {
  folder = mkdtempSync(join(tmpdir(), 'oic-cli-'));
  env = { ...process.env, DATABASE_URL: `file:${join(folder, 'platform.db')}`, SITE_URL: 'https://reform.example.org', NODE_ENV: 'development' };
});
afterEach(() => rmSync(folder, { recursive: true, force: true }));

const script = (name: string, args: string[] = [], extra: NodeJS.ProcessEnv = {}) =>
  run(process.execPath, [join(root, 'scripts', name), ...args], { cwd: root, env: { ...env, ...extra } });

async function failure(promise: Promise<unknown>): Promise<{ code: number; stderr: string }> {
  try {
    await promise;
  } catch (error) {
    return error as { code: number; stderr: string };
  }
  throw new Error('the command succeeded');
}

describe('npm run user:create', () => {
  it('creates a focal point and prints a one-time set-password link on the public address', async () => {
    const { stdout } = await script('user-create.ts', ['--email', 'Focal.Point@Gov.AZ', '--role', 'focal-point', '--country', 'AZ', '--name', 'Leyla Aliyeva']);
    expect(stdout).toMatch(/https:\/\/reform\.example\.org\/en\/account\/set-password\/\?token=[a-z2-7]+\.[a-z2-7]+/);
    const db = createClient({ url: env.DATABASE_URL! });
    const rows = await db.execute('select email, role, country, password_hash from users');
    expect(rows.rows).toEqual([expect.objectContaining({ email: 'focal.point@gov.az', role: 'focal-point', country: 'AZ', password_hash: null })]);
    db.close();
  });

  it('without SITE_URL, prints a link to where `npm run serve` listens with the same PORT and HOST (issue 12)', async () => {
    const { SITE_URL: _unset, ...withoutSite } = env;
    env = withoutSite;
    const { stdout } = await script('user-create.ts', ['--email', 'staff@sesric.org', '--role', 'staff', '--name', 'Staff Member'], { PORT: '4800', HOST: '127.0.0.1' });
    expect(stdout).toMatch(/http:\/\/127\.0\.0\.1:4800\/en\/account\/set-password\/\?token=/);
    const wildcard = await script('user-create.ts', ['--email', 'other@sesric.org', '--role', 'staff', '--name', 'Other Member'], { PORT: '4801', HOST: '0.0.0.0' });
    expect(wildcard.stdout).toMatch(/http:\/\/localhost:4801\/en\/account\/set-password\/\?token=/);
  });

  it.each([
    [['--email', 'x@y.org', '--role', 'focal-point'], '--country: a focal point or participant needs --country'],
    [['--email', 'x@y.org', '--role', 'king'], '--role: --role must be staff, focal-point or participant'],
    [['--email', 'nope', '--role', 'staff'], '--email: give a valid --email'],
    [['--email', 'x@y.org', '--role', 'focal-point', '--country', 'FR'], '--country: must be the ISO code of an OIC member state'],
    [['--mail', 'x@y.org'], "Unknown option '--mail'"],
  ])('refuses %j, naming the flag', async (args, message) => {
    const { code, stderr } = await failure(script('user-create.ts', args));
    expect(code).toBe(2);
    expect(stderr).toContain(message);
  });
});

describe('npm run seed:demo and npm run db:backup', () => {
  it('seeds demo people with passwords shown once, and refuses in production', async () => {
    const { stdout } = await script('seed-demo.ts');
    expect(stdout.match(/demo\.local\s+\S{12,}/g)).toHaveLength(6);
    const again = await script('seed-demo.ts');
    expect(again.stdout).toContain('already there');
    const { code, stderr } = await failure(script('seed-demo.ts', [], { NODE_ENV: 'production' }));
    expect(code).toBe(2);
    expect(stderr).toContain('production');
  });

  it('writes a consistent, timestamped copy that opens and passes an integrity check', async () => {
    await script('user-create.ts', ['--email', 'staff@sesric.example', '--role', 'staff']);
    const backups = join(folder, 'backups');
    const { stdout } = await script('db-backup.ts', [backups]);
    const [file] = readdirSync(backups);
    expect(file).toMatch(/^platform-\d{8}T\d{6}Z\.db$/);
    expect(stdout).toContain(file);
    const copy = createClient({ url: `file:${join(backups, file!)}` });
    expect((await copy.execute('pragma integrity_check')).rows[0]?.integrity_check).toBe('ok');
    expect((await copy.execute('select email from users')).rows.map((r) => r.email)).toEqual(['staff@sesric.example']);
    copy.close();
    expect(existsSync(join(folder, 'platform.db'))).toBe(true);
  });

  it('names the variable when DATABASE_URL is wrong', async () => {
    const { code, stderr } = await failure(script('db-migrate.ts', [], { DATABASE_URL: 'postgres://nope' }));
    expect(code).toBe(1);
    expect(stderr).toContain('DATABASE_URL');
  });
});
