import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { caseStudyDraft } from '#lib/practice-export.ts';
import { findPractice } from '#lib/server/practices.ts';
import { fail, openMigratedDatabase } from './cli.ts';

/**
 * `npm run practices:export -- <id> [--force]` writes accepted practice <id> as a draft case study
 * in `$CONTENT_DIR/case-studies/<slug>/<lang>.mdx` (CONTENT_DIR defaults to ./content). Once that
 * case study is built and published, the practice's address redirects to it.
 */
const command = 'practices:export';
const args = process.argv.slice(2);
const force = args.includes('--force');
const id = Number(args.find((arg) => !arg.startsWith('--')));
if (!Number.isSafeInteger(id) || id <= 0) fail(command, 'give the number of an accepted practice\nusage: npm run practices:export -- <id> [--force]');
const { client } = await openMigratedDatabase();
try {
  const practice = await findPractice(client, id);
  if (!practice) fail(command, `there is no practice ${id}`);
  if (practice.status !== 'accepted' || !practice.slug) fail(command, `practice ${id} is not accepted (it is "${practice.status}")`);
  const draft = caseStudyDraft({ ...practice, slug: practice.slug }, new Date());
  const target = join(process.env.CONTENT_DIR ?? 'content', draft.path);
  if (existsSync(target) && !force) fail(command, `${target} exists already; add --force to replace it`);
  mkdirSync(dirname(target), { recursive: true });
  writeFileSync(target, draft.text);
  console.log(`Wrote ${target}. Check it against its sources, translate it, then publish it with the next build.`);
} finally {
  client.close();
}
